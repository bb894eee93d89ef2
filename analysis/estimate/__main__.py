"""Estimate the human-label shares of a file of predictions from a reviewed random sample of it.

python -m analysis.estimate --predictions P.csv --reviewed R.csv --out E.json

P.csv is what `python -m analysis.sentiment` writes for an input with an `id` column (every input
column, plus sentiment, p_positive, p_neutral, p_negative); R.csv has columns id,label for the
reviewed rows, a simple random sample of P's rows. E.json: method, n_posts, n_reviewed, accuracy
{value, ci_low, ci_high} and shares {negative|neutral|positive: {share, ci_low, ci_high}}, fractions in [0, 1].
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import numpy as np

from analysis.estimate.core import CLASSES, estimate
from denyut.cli import Stage, stage_main
from denyut.errors import InputError
from denyut.io import atomic_write_text, read_csv_rows

PROBABILITY_COLUMNS = {"negative": "p_negative", "neutral": "p_neutral", "positive": "p_positive"}


def read_predictions(path: Path) -> tuple[list[str], list[str], np.ndarray]:
    ids, labels, proba, where = [], [], [], {}
    for line, row in read_csv_rows(path, ["id", "sentiment", *PROBABILITY_COLUMNS.values()]):
        post_id = row["id"]
        if post_id in where:
            raise InputError(path, line, "id", f"id {post_id!r} berulang (pertama di baris {where[post_id]})")
        where[post_id] = line
        if row["sentiment"] not in CLASSES:
            raise InputError(path, line, "sentiment", f"label tidak dikenal: {row['sentiment']!r} (harus {', '.join(CLASSES)})")
        values = []
        for name in CLASSES:
            column = PROBABILITY_COLUMNS[name]
            try:
                value = float(row[column])
            except ValueError:
                raise InputError(path, line, column, f"bukan angka: {row[column]!r}") from None
            if not (math.isfinite(value) and 0 <= value <= 1):
                raise InputError(path, line, column, f"peluang harus antara 0 dan 1: {value!r}")
            values.append(value)
        if abs(sum(values) - 1) > 0.01:
            raise InputError(path, line, "p_negative", f"ketiga peluang berjumlah {sum(values):.4f}, bukan 1")
        ids.append(post_id)
        labels.append(row["sentiment"])
        proba.append(values)
    if not ids:
        raise InputError(path, None, None, "tidak ada baris prediksi")
    proba = np.array(proba)
    return ids, labels, proba / proba.sum(axis=1, keepdims=True)  # written to 4 decimals: make each row add up again


def read_reviewed(path: Path, known: dict[str, int]) -> tuple[list[int], list[str]]:
    index, verdicts, where = [], [], {}
    for line, row in read_csv_rows(path, ["id", "label"]):
        post_id, label = row["id"], row["label"].strip().lower()
        if post_id not in known:
            raise InputError(path, line, "id", f"id {post_id!r} tidak ada di berkas prediksi")
        if post_id in where:
            raise InputError(path, line, "id", f"id {post_id!r} berulang (pertama di baris {where[post_id]})")
        if label not in CLASSES:
            raise InputError(path, line, "label", f"label tidak dikenal: {row['label']!r} (harus {', '.join(CLASSES)})")
        where[post_id] = line
        index.append(known[post_id])
        verdicts.append(label)
    return index, verdicts


def run(predictions: Path, reviewed: Path, out: Path) -> dict:
    ids, labels, proba = read_predictions(predictions)
    index, verdicts = read_reviewed(reviewed, {post_id: i for i, post_id in enumerate(ids)})
    try:
        result = estimate(proba, labels, np.array(index, dtype=int), verdicts).as_dict()
    except ValueError as exc:
        raise InputError(reviewed, None, None, str(exc)) from None
    atomic_write_text(out, json.dumps(result, indent=2, sort_keys=True) + "\n")
    return result


def _command(args) -> int:
    result = run(args.predictions, args.reviewed, args.out)
    shares = ", ".join(f"{k} {v['share']:.3f} [{v['ci_low']:.3f}, {v['ci_high']:.3f}]" for k, v in result["shares"].items())
    print(f"{result['n_reviewed']} dari {result['n_posts']} ditinjau; {shares} → {args.out}")
    return 0


STAGE = Stage("estimate", "python -m analysis.estimate", __doc__, _command, options=[
    ("--predictions", {"type": Path, "required": True, "help": "CSV keluaran python -m analysis.sentiment (dengan kolom id)"}),
    ("--reviewed", {"type": Path, "required": True, "help": "CSV id,label untuk baris yang ditinjau (sampel acak)"}),
    ("--out", {"type": Path, "required": True, "help": "JSON keluaran"}),
])


def main(argv: list[str] | None = None) -> int:
    return stage_main(STAGE, argv)


if __name__ == "__main__":
    sys.exit(main())
