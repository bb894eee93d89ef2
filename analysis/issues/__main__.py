"""Issues on a file: a CSV with a `text` column → the same rows plus issues (';'-separated ids at p ≥ 0.5) and
p_<issue_id> per issue of the taxonomy.

Without --model, the taxonomy's patterns (p 1.0 when they match, else 0.0); with a model folder of
`python -m analysis.issues.train`, its probabilities. A cross-fitted folder reads each row with the model
that never learned from the audit of the row's `week` (when the file has that column)."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from analysis.issues.core import THRESHOLD, check_weeks, load_tagger, tags, taxonomy_file
from analysis.sentiment.__main__ import _chunks
from denyut.cli import Stage, stage_main
from denyut.errors import InputError
from denyut.io import csv_step, replacing_text
from denyut.taxonomy import load_taxonomy


def columns(issue_ids: tuple[str, ...]) -> list[str]:
    return ["issues"] + [f"p_{issue}" for issue in issue_ids]


def label_rows(tagger, rows: list[dict], has_week: bool) -> None:
    """Adds issues and p_<id> to each row (in place)."""
    weeks = [(row.get("week") or "-").strip() for row in rows] if has_week else None
    if weeks:
        check_weeks(tagger, weeks)
    proba = tagger.predict_proba([row["text"] for row in rows], weeks)
    for row, p in zip(rows, proba):
        row["issues"] = ";".join(tags(p, tagger.issue_ids_, THRESHOLD))
        row.update({f"p_{issue}": f"{value:.4f}" for issue, value in zip(tagger.issue_ids_, p)})


def run(in_path: Path, out_path: Path, taxonomy_path: Path, model: Path | None = None) -> tuple[int, str]:
    """(rows written, the tagger's version)."""
    tagger = load_tagger(model, load_taxonomy(taxonomy_path))
    count = 0
    with open(in_path, encoding="utf-8-sig", newline="") as source:
        reader = csv.DictReader(source, strict=True)
        header = csv_step(reader, in_path, lambda r: r.fieldnames)
        if header is None or "text" not in header:
            raise InputError(in_path, 1, "text", f"kolom 'text' tidak ada (kolom yang ada: {header})")
        added = columns(tagger.issue_ids_)
        with replacing_text(out_path) as sink:
            writer = csv.DictWriter(sink, fieldnames=list(header) + [c for c in added if c not in header])
            writer.writeheader()
            for rows in _chunks(reader, in_path, header):
                label_rows(tagger, rows, "week" in header)
                writer.writerows(rows)
                count += len(rows)
    return count, tagger.version_


def _command(args) -> int:
    count, version = run(args.in_path, args.out_path, taxonomy_file(args.config, args.taxonomy), args.model)
    print(f"{count} baris → {args.out_path} (penanda isu {version})")
    return 0


STAGE = Stage("issues", "python -m analysis.issues", __doc__, _command, options=[
    ("--in", {"dest": "in_path", "type": Path, "required": True, "help": "CSV masukan dengan kolom text (week: opsional)"}),
    ("--out", {"dest": "out_path", "type": Path, "required": True, "help": "CSV keluaran"}),
    ("--model", {"type": Path, "help": "folder model isu (python -m analysis.issues.train); tanpa ini: pola taksonomi saja"}),
    ("--taxonomy", {"type": Path, "help": "berkas taksonomi isu (bawaan: analysis.issues_file dari --config, atau "
                                          "config/issues.yaml)"}),
])


def main(argv: list[str] | None = None) -> int:
    return stage_main(STAGE, argv)


if __name__ == "__main__":
    sys.exit(main())
