"""reports/<week>/: the files of one week's report, and what each is called on the site.

Written by the report stage (the page, the summary, the open data, the share kit), copied by the site
stage into data/<week>/ under the names below, and checked by `make verify` against the week's manifest.
"""

from __future__ import annotations

from pathlib import Path

REPORT = "report.md"
SUMMARY = "summary.json"
DATA_DIR = "data"  # the week's open-data tables and their datapackage.json
SHARE_DIR = "share"
CHARTS_DIR = "grafik"  # each chart of the page as SVG and CSV (a region's: wilayah/<code>/grafik/)
REGIONS_DIR = "wilayah"  # wilayah/<code>/report.md and summary.json: a region's page of the week (33-14: regency 33.14)
WHATSAPP = f"{SHARE_DIR}/whatsapp.txt"
PDF = f"{SHARE_DIR}/laporan.pdf"
CARDS = {f"{SHARE_DIR}/card.png": (1200, 630), f"{SHARE_DIR}/card-square.png": (1080, 1080)}  # file → pixels
SHARE_FILES = (WHATSAPP, *CARDS, PDF)


def site_name(name: str) -> str:
    """A report file's name in the week's folder on the site (data/<week>/): its folder dropped."""
    return name.removeprefix(f"{DATA_DIR}/").removeprefix(f"{SHARE_DIR}/")


def path(week_dir: Path, name: str) -> Path:
    return Path(week_dir) / name
