"""Sentiment on a file: a CSV with a `text` column → the same rows plus sentiment, p_positive, p_neutral, p_negative."""

from __future__ import annotations

import csv
import os
import sys
import tempfile
from collections import deque
from pathlib import Path

from analysis.sentiment import classify_stream, load_model, parallel
from denyut.cli import Stage, stage_main
from denyut.config import load_config
from denyut.errors import DenyutError, InputError
from denyut.io import csv_step
from denyut.paths import EMBEDDED_MODEL_DIR

CHUNK = 5000
SMALL_FILE = 1_000_000  # bytes, about 6,000 posts
ADDED = ["sentiment", "p_positive", "p_neutral", "p_negative"]


def run(in_path: Path, out_path: Path, spec: str = "embedded", labels: dict[int, str] | None = None,
        runtime: str = "auto", workers: int | None = None) -> int:
    if workers is None and in_path.is_file() and in_path.stat().st_size < SMALL_FILE:
        workers = 1  # starting worker processes costs more than a small file takes
    folder = EMBEDDED_MODEL_DIR if spec == "embedded" else Path(spec)
    if (folder / "model.safetensors").is_file() and not (folder / "config.json").is_file():
        parallel.start(folder, workers)  # the workers load their copies while this process loads its own
    model = load_model(spec, labels, runtime)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    with open(in_path, encoding="utf-8-sig", newline="") as source:
        reader = csv.DictReader(source, strict=True)
        header = csv_step(reader, in_path, lambda r: r.fieldnames)
        if header is None or "text" not in header:
            raise InputError(in_path, 1, "text", f"kolom 'text' tidak ada (kolom yang ada: {header})")
        fields = list(reader.fieldnames) + [f for f in ADDED if f not in reader.fieldnames]
        fd, tmp = tempfile.mkstemp(dir=out_path.parent, prefix=f".{out_path.name}.", suffix=".tmp")
        count = 0
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as sink:
                writer = csv.DictWriter(sink, fieldnames=fields)
                writer.writeheader()
                waiting: deque[list[dict]] = deque()  # the rows whose labels are still being computed, in order

                def texts():
                    for rows in _chunks(reader, in_path, header):
                        waiting.append(rows)
                        yield [row["text"] for row in rows]

                for labels_, proba in classify_stream(model, texts(), workers):
                    rows = waiting.popleft()
                    for row, label, p in zip(rows, labels_, proba):
                        row.update(sentiment=label, p_negative=f"{p[0]:.4f}", p_neutral=f"{p[1]:.4f}", p_positive=f"{p[2]:.4f}")
                    writer.writerows(rows)
                    count += len(rows)
            os.replace(tmp, out_path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    return count


def _chunks(reader: csv.DictReader, path: Path, header: list[str]):
    chunk: list[dict] = []
    while (row := csv_step(reader, path, next)) is not None:
        if None in row:  # DictReader files surplus values under None
            raise InputError(path, reader.line_num, None, f"baris punya {len(header) + len(row[None])} kolom, header punya "
                                                          f"{len(header)} (koma di dalam teks tanpa tanda kutip?)")
        if row.get("text") is None:
            raise InputError(path, reader.line_num, "text", "baris tidak punya kolom text")
        chunk.append(row)
        if len(chunk) >= CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _parse_labels(text: str) -> dict[int, str]:
    try:
        pairs = dict(item.split("=", 1) for item in text.split(","))
        return {int(k): v.strip() for k, v in pairs.items()}
    except ValueError:
        raise DenyutError(f"--labels tidak valid: {text!r} (contoh: 0=negative,1=neutral,2=positive)") from None


def _command(args) -> int:
    """--model, --labels and --runtime as given; else, with --config, the pipeline's own model settings."""
    spec, labels, runtime = args.model or "embedded", None, args.runtime or "auto"
    if args.config and not args.model:
        settings = load_config(args.config).analysis
        spec, labels, runtime = settings.sentiment_model, settings.sentiment_labels, args.runtime or settings.sentiment_runtime
    if args.labels:
        labels = _parse_labels(args.labels)
    count = run(args.in_path, args.out_path, spec, labels, runtime, args.workers)
    print(f"{count} baris → {args.out_path}")
    return 0


STAGE = Stage("sentiment", "python -m analysis.sentiment", __doc__, _command, options=[
    ("--in", {"dest": "in_path", "type": Path, "required": True, "help": "CSV masukan dengan kolom text"}),
    ("--out", {"dest": "out_path", "type": Path, "required": True, "help": "CSV keluaran"}),
    ("--model", {"help": "'embedded' (bawaan; dengan --config: analysis.sentiment_model), folder model, atau id Hugging Face"}),
    ("--labels", {"help": "untuk model berlabel LABEL_0..2: mis. '0=negative,1=neutral,2=positive'"}),
    ("--workers", {"type": int, "help": "proses untuk model bawaan (bawaan: 2, atau jumlah inti bila kurang)"}),
    ("--runtime", {"choices": ["auto", "torch", "onnx-int8", "cuda-fp16"],
                   "help": "model transformers: auto = GPU fp16 bila ada, selain itu ONNX int8"}),
])


def main(argv: list[str] | None = None) -> int:
    return stage_main(STAGE, argv)


if __name__ == "__main__":
    sys.exit(main())
