"""Train the issue tagger from reviewers' verdicts: R.csv (text,issues[,week,part]) → DIR.

`issues` holds the ids a reviewer gave, separated by ';' (or ','); '-' or an empty cell: no issue. By
default DIR gets the cross-fitted set of analysis.sentiment.crossfit (semua/, lipat-1/, lipat-2/ and
crossfit.json: the same rule as `make train-sentiment`), each model with its metrics.json (audit_weeks:
the weeks whose audit verdicts it learned from) and MODEL_CARD.md; --single trains one model of every row.
"""

from __future__ import annotations

import re
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

from analysis.issues.card import model_card
from analysis.issues.core import FORMAT, THRESHOLD, IssueTagger, taxonomy_file
from analysis.sentiment import crossfit
from denyut.cli import Stage, stage_main
from denyut.config import load_config
from denyut.errors import DenyutError, InputError
from denyut.io import atomic_write_json, atomic_write_text, read_csv_rows
from denyut.taxonomy import Taxonomy, load_taxonomy

NO_ISSUE = "-"
WEEK = re.compile(r"\d{4}-W\d{2}")
PARTS = ("", crossfit.AUDIT, crossfit.LEARNING)

Row = tuple[str, tuple[str, ...], str, str]  # text, issue ids, week ('-' when not known), part ('' when not known)


def _issues(path: Path, line: int, cell: str, known: tuple[str, ...]) -> tuple[str, ...]:
    ids = [i.strip() for i in re.split(r"[;,]", cell) if i.strip() and i.strip() != NO_ISSUE]
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise InputError(path, line, "issues", f"isu tidak dikenal: {', '.join(unknown)} (pakai id dari taksonomi: "
                                               f"{', '.join(known)}; atau {NO_ISSUE} untuk tanpa isu)")
    return tuple(dict.fromkeys(ids))


def read_reviewed(path: Path, taxonomy: Taxonomy) -> list[Row]:
    """(text, issues, week, part) per row; an unknown issue, an empty text, a week that is no ISO week, a part that
    is neither audit nor belajar, or a broken row names its line and column."""
    known = tuple(issue.id for issue in taxonomy.issues)
    rows = []
    for line, row in read_csv_rows(path, ["text", "issues"]):
        if not row["text"].strip():
            raise InputError(path, line, "text", "teks kosong")
        issues = _issues(path, line, row["issues"], known)
        week = (row.get("week") or "").strip() or "-"
        if week != "-" and not WEEK.fullmatch(week):
            raise InputError(path, line, "week", f"bukan pekan ISO (mis. 2024-W47): {row['week']!r}")
        part = (row.get("part") or "").strip()
        if part not in PARTS:
            raise InputError(path, line, "part", f"harus '{crossfit.AUDIT}' atau '{crossfit.LEARNING}', bukan {part!r}")
        rows.append((row["text"], issues, week, part))
    if not rows:
        raise InputError(path, None, None, "tidak ada vonis")
    return rows


def train_model(rows: list[Row], taxonomy: Taxonomy, out_dir: Path, reviewed: Path) -> dict:
    """One model of these rows in out_dir, with metrics.json and MODEL_CARD.md."""
    started = time.perf_counter()
    tagger = IssueTagger(taxonomy).fit([text for text, *_ in rows], [issues for _, issues, *_ in rows])
    tagger.save(out_dir)
    report = tagger.report_
    metrics = {
        "format": FORMAT, "model": "issues", "version": tagger.version_, "trained": date.today().isoformat(),
        "source": str(reviewed), "verdicts": len(rows), "weeks": sorted({week for _, _, week, _ in rows}),
        "audit_weeks": crossfit.audit_weeks_of(rows),
        "verdicts_per_week": dict(sorted(Counter(week for _, _, week, _ in rows).items())),
        "parts": dict(sorted(Counter(part or "-" for *_, part in rows).items())),
        "taxonomy_version": taxonomy.version, "C": tagger.C, "min_positives": tagger.min_positives,
        "threshold": THRESHOLD, "learned_issues": list(tagger.trained_),
        "zero_shot_issues": {issue: r["reason"] for issue, r in report.items() if not r["trained"]},
        "issues": report, "train_seconds": round(time.perf_counter() - started, 1)}
    atomic_write_json(Path(out_dir) / "metrics.json", metrics)
    atomic_write_text(Path(out_dir) / "MODEL_CARD.md", model_card(metrics))
    return metrics


def train_crossfit(rows: list[Row], taxonomy: Taxonomy, out_dir: Path, reviewed: Path) -> dict[str, dict]:
    """The three cross-fitted models of analysis.sentiment.crossfit in out_dir, and its index."""
    built = {name: train_model(part, taxonomy, Path(out_dir) / name, reviewed)
             for name, part in crossfit.plan(rows).items()}
    crossfit.write_index(out_dir, {name: m["audit_weeks"] for name, m in built.items()})
    return built


def _learn(args) -> None:
    """`make train-issues`: the config's verdicts (data/review/verdicts.csv, written by the analyze stage) → a
    cross-fitted set in <data>/models/isu, unless --reviewed/--out say otherwise."""
    config = load_config(args.config)
    args.reviewed = args.reviewed or config.review_dir / "verdicts.csv"
    args.out = args.out or config.data_dir / "models" / "isu"
    if not args.reviewed.is_file() or len(args.reviewed.read_text(encoding="utf-8").splitlines()) < 2:
        raise DenyutError(f"belum ada vonis peninjau di {args.reviewed}: isi lembar tinjauan, lalu `make analyze`")


def _command(args) -> int:
    if args.learn:
        _learn(args)
    elif args.reviewed is None or args.out is None:
        raise DenyutError("--reviewed dan --out wajib (atau --learn: vonis dan folder dari --config)")
    taxonomy = load_taxonomy(taxonomy_file(args.config, args.taxonomy))
    rows = read_reviewed(args.reviewed, taxonomy)  # a bad sheet is named before anything is trained
    built = ({"": train_model(rows, taxonomy, args.out, args.reviewed)} if args.single
             else train_crossfit(rows, taxonomy, args.out, args.reviewed))
    for name, m in built.items():
        learned = ", ".join(m["learned_issues"]) or "tidak ada (semua tetap aturan pola)"
        print(f"{name or 'model'}: {m['verdicts']} vonis, audit pekan {', '.join(m['audit_weeks']) or '-'}; "
              f"isu yang dipelajari: {learned} → {Path(args.out) / name}")
    if args.learn:
        print(f"Pakai model itu: analysis.issues_model: {args.out} di {args.config or 'config/denyut.yaml'}, lalu make "
              "analyze report. Tiap pekan ditandai model yang tidak pernah belajar dari audit pekan itu.")
    return 0


STAGE = Stage("train-issues", "python -m analysis.issues.train", __doc__, _command, options=[
    ("--reviewed", {"type": Path,
                    "help": "CSV text,issues (id dipisah ';', '-' = tanpa isu), opsional week dan part (audit/belajar)"}),
    ("--out", {"type": Path, "help": "folder model (dibuat bila belum ada)"}),
    ("--learn", {"action": "store_true", "help": "vonis peninjau konfigurasi (data/review/verdicts.csv) ke "
                 "<data>/models/isu: `make train-issues`"}),
    ("--taxonomy", {"type": Path, "help": "berkas taksonomi isu (bawaan: analysis.issues_file dari --config, atau "
                                          "config/issues.yaml)"}),
    ("--single", {"action": "store_true", "help": "satu model dari semua vonis, bukan tiga yang saling silang"}),
])


def main(argv: list[str] | None = None) -> int:
    return stage_main(STAGE, argv)


if __name__ == "__main__":
    sys.exit(main())
