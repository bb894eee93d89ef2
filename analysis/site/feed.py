"""public/feed.xml: an RSS 2.0 feed of the weekly reports, newest first, linked from every page; it names its own
address (atom:link rel=self), and each report is dated the day the review team approved it (status.yaml, as the
report recorded it), or the end of its week while it is a draft."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from datetime import date, datetime, time
from email.utils import format_datetime
from pathlib import Path

import yaml

from denyut.formats.report_files import REPORT
from denyut.formats.summary import WeeklySummary
from denyut.io import atomic_write_bytes
from denyut.weeks import WIB

FEED = "feed.xml"
ATOM = "http://www.w3.org/2005/Atom"
ET.register_namespace("atom", ATOM)
FRONT_MATTER = re.compile(r"\A---\r?\n(.*?)\r?\n---\r?\n", re.DOTALL)  # delimited by lines of exactly ---


def _description(report_md: Path) -> str:
    """The page's own summary: the `description` of its front matter."""
    match = FRONT_MATTER.match(report_md.read_text(encoding="utf-8"))
    if not match:
        return ""
    meta = yaml.safe_load(match[1]) or {}
    return html.unescape(str(meta.get("description", "")))  # written HTML-escaped for the theme; the feed escapes itself


def feed(reports: list[tuple[str, Path, WeeklySummary]], site_url: str, site_name: str, week_title) -> bytes:
    base = site_url.rstrip("/") + "/"
    rss = ET.Element("rss", version="2.0")
    channel = ET.SubElement(rss, "channel")
    ET.SubElement(channel, "title").text = f"{site_name}: laporan mingguan"
    ET.SubElement(channel, "link").text = base
    ET.SubElement(channel, f"{{{ATOM}}}link", href=f"{base}{FEED}", rel="self", type="application/rss+xml")
    ET.SubElement(channel, "description").text = "Laporan mingguan sentimen publik tentang pemilu di media sosial, dalam bahasa awam."
    ET.SubElement(channel, "language").text = "id"
    newest = sorted(reports, key=lambda r: r[0], reverse=True)
    if newest:
        ET.SubElement(channel, "lastBuildDate").text = format_datetime(max(_published(s) for _, _, s in newest))
    for week, folder, summary in newest:
        item = ET.SubElement(channel, "item")
        link = f"{base}laporan/{week.lower()}/"
        ET.SubElement(item, "title").text = week_title(summary)
        ET.SubElement(item, "link").text = link
        ET.SubElement(item, "guid", isPermaLink="true").text = link
        ET.SubElement(item, "pubDate").text = format_datetime(_published(summary))
        ET.SubElement(item, "description").text = _description(folder / REPORT)
    ET.indent(rss)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(rss, encoding="utf-8") + b"\n"


def _published(summary: WeeklySummary) -> datetime:
    """The day the week was approved, 00:00 WIB; a draft (a preview): the end of its week, Sunday 23:59 WIB."""
    if summary.review.status == "approved" and summary.review.approved_at:
        return datetime.combine(date.fromisoformat(summary.review.approved_at), time(0, 0), WIB)
    return datetime.combine(date.fromisoformat(summary.week_end), time(23, 59), WIB)


def write(out_dir: Path, reports: list[tuple[str, Path, WeeklySummary]], site_url: str, site_name: str, week_title) -> None:
    atomic_write_bytes(Path(out_dir) / FEED, feed(reports, site_url, site_name, week_title))
