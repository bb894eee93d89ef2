"""The demo's reviewers: fill every week's review sheet from the demo's own ground truth (truth.csv),
as a team would by hand in a spreadsheet, so that the whole loop (sample, verdicts, estimates,
accuracy) shows on the demo site. Only for synthetic data: real sheets are filled by people.

python -m demo.review --config config/demo.yaml --truth build/demo/input/truth.csv
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
from datetime import date
from pathlib import Path

from collectors.post import pseudonymize, stored_post_id
from denyut.config import load_config
from denyut.formats.review import COLUMNS, LABEL_ID, WeekStatus, write_status
from denyut.io import atomic_write_bytes

DEMO_TEAM = "Tim demo (program, bukan manusia)"
DEMO_DAY = date(2024, 12, 9)


def truth_by_review_id(truth: Path, config, key: bytes) -> dict[str, tuple[str, str]]:
    """review id → (tone, issue or '') of every post the demo generated."""
    labels = {}
    for row in csv.DictReader(open(truth, encoding="utf-8")):
        public = config.public_account(row["platform"], row["author"]) is not None
        author_id = pseudonymize(row["platform"], row["author"], key)
        labels[f"{row['platform']}/{stored_post_id(row['post_id'], row['author'], author_id, public)}"] = (
            row["sentiment"], row.get("issue") or "")
    return labels


def fill(sheet: Path, labels: dict[str, tuple[str, str]]) -> int:
    rows = list(csv.DictReader(sheet.read_bytes().decode("utf-8-sig").splitlines()))
    filled = 0
    for row in rows:
        if not row["nada_peninjau"] and row["id"] in labels:
            tone, issue = labels[row["id"]]
            row["nada_peninjau"] = LABEL_ID[tone]
            tagged = [i.strip() for i in (row.get("isu_model") or "").replace(";", ",").split(",") if i.strip()]
            if (issue in tagged) if issue else not tagged:
                said = ""  # the tagger got it: a reviewer leaves the column as it is
            else:  # the tagger missed it or tagged only what the post is not about: the demo's one issue, or none
                said = issue or "-"
            row["isu_peninjau"] = said
            row["catatan"] = "demo: diisi dari kebenaran data sintetis"
            filled += 1
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    atomic_write_bytes(sheet, b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))
    return filled


def review(config_path: str, truth: Path) -> int:
    config = load_config(config_path)
    if not config.project.demo:
        raise SystemExit(f"{config_path}: project.demo bukan true; lembar tinjauan data sungguhan diisi oleh manusia")
    labels = truth_by_review_id(truth, config, config.pseudonym_key())
    sheets = sorted(config.review_dir.glob("*/sample*.csv"))
    filled = sum(fill(sheet, labels) for sheet in sheets)
    # and approves every week, as the team would once its review is done
    write_status(config.review_dir, {sheet.parent.name: WeekStatus(status="approved", by=DEMO_TEAM, at=DEMO_DAY)
                                     for sheet in sheets})
    return filled


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m demo.review", description=__doc__.splitlines()[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--truth", type=Path, required=True)
    args = parser.parse_args(argv)
    print(f"demo: {review(args.config, args.truth)} vonis diisi dari kebenaran data sintetis", file=sys.stderr)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
