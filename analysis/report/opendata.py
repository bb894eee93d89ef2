"""Open data of one week: aggregates only (never posts): three CSV files and a Frictionless Data Package descriptor."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from denyut.formats.summary import WeeklySummary
from denyut.io import atomic_write_json, atomic_write_text


def _csv(header: list[str], rows: list[list]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def write_open_data(out_dir: Path, summary: WeeklySummary) -> None:
    week = summary.week
    sentiment = [[week, key, s.count, s.total, _r(s.share), _r(s.ci_low), _r(s.ci_high), s.basis]
                 for key, s in summary.sentiment.items()]
    issues = [[week, i.id, i.name_id, i.posts, _r(i.share_of_posts.share)]
              + [i.sentiment.get(k).count for k in ("negative", "neutral", "positive")]
              + [_r(x) for x in (i.sentiment.negative.share, i.sentiment.negative.ci_low, i.sentiment.negative.ci_high)]
              for i in summary.issues]
    atomic_write_text(out_dir / "data" / "sentiment.csv", _csv(
        ["week", "sentiment", "posts", "total", "share", "ci_low", "ci_high", "basis"], sentiment))
    atomic_write_text(out_dir / "data" / "issues.csv", _csv(
        ["week", "issue_id", "issue", "posts", "share_of_posts", "negative", "neutral", "positive",
         "negative_share", "negative_ci_low", "negative_ci_high"], issues))
    atomic_write_text(out_dir / "data" / "hoaxes.csv", _csv(
        ["week", "claim_id", "claim", "clarification", "posts", "accounts"],
        [[week, h.id, h.description, h.clarification, h.posts, h.accounts] for h in summary.hoaxes]))
    number = {"type": "number", "description": "proporsi 0-1; kosong bila kurang dari batas minimum unggahan"}
    atomic_write_json(out_dir / "data" / "datapackage.json", {
        "name": f"denyut-{week.lower()}", "title": f"Denyut: agregat sentimen pemilu {week}",
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "description": "Agregat mingguan (tanpa unggahan individual). Porsi nada: perkiraan dari label model dan tinjauan "
                       "manusia atas sampel acak (penduga selisih dengan bobot PPI++), interval 95%.",
        "resources": [
            {"name": "sentiment", "path": "sentiment.csv", "format": "csv", "schema": {"fields": [
                {"name": "week", "type": "string"}, {"name": "sentiment", "type": "string"},
                {"name": "posts", "type": "integer"}, {"name": "total", "type": "integer"},
                {"name": "share", **number}, {"name": "ci_low", **number}, {"name": "ci_high", **number},
                {"name": "basis", "type": "string", "description": "estimate: model + tinjauan audit (interval memuat "
                 "kekeliruan model); model: hitungan model yang belum diverifikasi, tanpa interval"}]}},
            {"name": "issues", "path": "issues.csv", "format": "csv", "schema": {"fields": [
                {"name": "week", "type": "string"}, {"name": "issue_id", "type": "string"}, {"name": "issue", "type": "string"},
                {"name": "posts", "type": "integer"}, {"name": "share_of_posts", **number},
                {"name": "negative", "type": "integer"}, {"name": "neutral", "type": "integer"}, {"name": "positive", "type": "integer"},
                {"name": "negative_share", **number}, {"name": "negative_ci_low", **number}, {"name": "negative_ci_high", **number}]}},
            {"name": "hoaxes", "path": "hoaxes.csv", "format": "csv", "schema": {"fields": [
                {"name": "week", "type": "string"}, {"name": "claim_id", "type": "string"},
                {"name": "claim", "type": "string", "description": "klaim yang sudah dibantah, dalam kata-kata awam"},
                {"name": "clarification", "type": "string", "format": "uri"},
                {"name": "posts", "type": "integer", "description": "unggahan pekan ini yang mengulang klaim itu"},
                {"name": "accounts", "type": "integer"}]}},
        ],
    })
