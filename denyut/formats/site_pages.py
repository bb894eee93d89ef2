"""reports/_site/: what the site shows about all weeks, written by the report stage, assembled by the site stage.

Two sets: `all/` (every reported week, for `make site`) and `published/` (the weeks approved when the report
ran, for `make publish`). Each holds sekilas.md (the latest week at a glance, for the home page), model.md
(the methodology page's model table), data.md (the open-data table), tentang.md (the publisher, the contact and
how to cite, for the about page), isu.md (the issues, for isu/index.md), isu/ (a page per issue over the weeks
with its charts' files), data/ (all weeks' tables, and grafik/: the model page's charts' files) and
weeks.json, the weeks the set was made for: the site refuses a set made for other weeks than it publishes."""

from __future__ import annotations

import json
from pathlib import Path

from denyut.io import atomic_write_json

SITE_PAGES = "_site"
WEEKS = "weeks.json"
PAGES = ("sekilas.md", "model.md", "data.md", "tentang.md", "isu.md")  # the site's pages include each of them
ISSUES_DIR = "isu"  # isu/<issue id>.md, a page per issue over the weeks, and isu/<issue id>/ its charts' SVG and CSV


def pages_dir(reports_dir: Path, published: bool) -> Path:
    return Path(reports_dir) / SITE_PAGES / ("published" if published else "all")


def write_site_weeks(folder: Path, weeks: list[str]) -> None:
    """Rewritten only when the weeks change: an unchanged set keeps its time stamps."""
    if read_site_weeks(folder) != list(weeks):
        atomic_write_json(Path(folder) / WEEKS, {"weeks": list(weeks)})


def read_site_weeks(folder: Path) -> list[str] | None:
    """The weeks the set was made for; None when it has no (readable) record of them."""
    try:
        return list(json.loads((Path(folder) / WEEKS).read_text(encoding="utf-8"))["weeks"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
