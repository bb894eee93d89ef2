"""Open data: aggregates only (never posts or pseudonyms), CC BY 4.0. Each week: three CSV files and
a Frictionless Data Package descriptor; across weeks: one CSV per table with every week in it, and
its own descriptor. The field list below is the one source of the files' headers, the descriptors'
schemas and the data dictionary on the site."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from denyut.formats.summary import WeeklySummary
from denyut.io import atomic_write_text
from denyut.markup import spreadsheet_cell

LICENCE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
           "path": "https://creativecommons.org/licenses/by/4.0/"}
SHARE = {"type": "number", "description": "proporsi 0-1; kosong bila kurang dari batas minimum unggahan"}
TABLES = {
    "sentiment": {
        "title": "Nada per pekan",
        "fields": [
            {"name": "week", "type": "string", "description": "pekan ISO (WIB), misalnya 2024-W47"},
            {"name": "sentiment", "type": "string", "description": "negative, neutral atau positive"},
            {"name": "posts", "type": "integer", "description": "unggahan dengan nada itu (vonis peninjau bila ada, selain itu label model)"},
            {"name": "total", "type": "integer", "description": "unggahan berbahasa Indonesia pekan itu"},
            {"name": "share", **SHARE}, {"name": "ci_low", **SHARE, "description": "batas bawah interval 95%"},
            {"name": "ci_high", **SHARE, "description": "batas atas interval 95%"},
            {"name": "basis", "type": "string", "description": "estimate: model + tinjauan audit (interval memuat kekeliruan "
             "model); model: hitungan model yang belum diverifikasi, tanpa interval"}]},
    "issues": {
        "title": "Isu per pekan",
        "fields": [
            {"name": "week", "type": "string", "description": "pekan ISO (WIB)"},
            {"name": "issue_id", "type": "string", "description": "kode isu di taksonomi (config/issues.yaml)"},
            {"name": "issue", "type": "string", "description": "nama isu"},
            {"name": "posts", "type": "integer", "description": "unggahan yang menyebut isu itu"},
            {"name": "share_of_posts", **SHARE, "description": "porsi dari semua unggahan pekan itu"},
            {"name": "negative", "type": "integer", "description": "unggahan bernada negatif tentang isu itu"},
            {"name": "neutral", "type": "integer", "description": "unggahan bernada netral"},
            {"name": "positive", "type": "integer", "description": "unggahan bernada positif"},
            {"name": "negative_share", **SHARE, "description": "porsi negatif (perkiraan dari tinjauan bila cukup)"},
            {"name": "negative_ci_low", **SHARE, "description": "batas bawah interval 95% porsi negatif"},
            {"name": "negative_ci_high", **SHARE, "description": "batas atas interval 95% porsi negatif"}]},
    "hoaxes": {
        "title": "Gema hoaks per pekan",
        "fields": [
            {"name": "week", "type": "string", "description": "pekan ISO (WIB)"},
            {"name": "claim_id", "type": "string", "description": "kode klaim"},
            {"name": "claim", "type": "string", "description": "klaim yang sudah dibantah, dalam kata-kata awam"},
            {"name": "clarification", "type": "string", "format": "uri", "description": "tautan klarifikasi"},
            {"name": "posts", "type": "integer", "description": "unggahan pekan itu yang mengulang klaim itu"},
            {"name": "accounts", "type": "integer", "description": "akun berbeda yang mengunggahnya"}]},
}


def _csv(fields: list[dict], rows: list[list]) -> str:
    """Text cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) get a leading
    apostrophe, as OWASP advises for CSV files; number cells are written as numbers."""
    text_columns = [f["type"] == "string" for f in fields]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([f["name"] for f in fields])
    writer.writerows([spreadsheet_cell(v) if text else v for v, text in zip(row, text_columns)] for row in rows)
    return buffer.getvalue()


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def rows(summary: WeeklySummary) -> dict[str, list[list]]:
    week = summary.week
    return {
        "sentiment": [[week, key, s.count, s.total, _r(s.share), _r(s.ci_low), _r(s.ci_high), s.basis]
                      for key, s in summary.sentiment.items()],
        "issues": [[week, i.id, i.name_id, i.posts, _r(i.share_of_posts.share)]
                   + [i.sentiment.get(k).count for k in ("negative", "neutral", "positive")]
                   + [_r(x) for x in (i.sentiment.negative.share, i.sentiment.negative.ci_low, i.sentiment.negative.ci_high)]
                   for i in summary.issues],
        "hoaxes": [[week, h.id, h.description, h.clarification, h.posts, h.accounts] for h in summary.hoaxes],
    }


def _package(name: str, title: str, description: str) -> dict:
    return {"name": name, "title": title, "licenses": [LICENCE], "description": description,
            "resources": [{"name": table, "title": spec["title"], "path": f"{table}.csv", "format": "csv",
                           "schema": {"fields": spec["fields"]}} for table, spec in TABLES.items()]}


def _write(folder: Path, tables: dict[str, list[list]], package: dict) -> None:
    """Each file rewritten only when its bytes change: an unchanged week keeps its time stamps."""
    texts = {f"{table}.csv": _csv(spec["fields"], tables[table]) for table, spec in TABLES.items()}
    texts["datapackage.json"] = json.dumps(package, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    for name, text in texts.items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            atomic_write_text(path, text)


def write_open_data(out_dir: Path, summary: WeeklySummary) -> None:
    week = summary.week
    _write(out_dir / "data", rows(summary), _package(
        f"denyut-{week.lower()}", f"Denyut: agregat sentimen pemilu {week}",
        "Agregat mingguan (tanpa unggahan individual). Porsi nada: perkiraan dari label model dan tinjauan manusia "
        "atas sampel acak (penduga selisih dengan bobot PPI++), interval 95%."))


def write_all_weeks(folder: Path, summaries: list[WeeklySummary]) -> None:
    """One CSV per table with every week in it (the weeks of this site), and its descriptor."""
    tables: dict[str, list[list]] = {table: [] for table in TABLES}
    for summary in summaries:
        for table, table_rows in rows(summary).items():
            tables[table] += table_rows
    _write(folder, tables, _package("denyut-semua-pekan", "Denyut: agregat sentimen pemilu, semua pekan",
                                    f"Semua pekan yang diterbitkan ({len(summaries)}), satu baris per pekan dan nilai. "
                                    "Agregat saja, tanpa unggahan individual."))
