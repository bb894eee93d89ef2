"""The theme signal: what the week's posts that no issue matched are about (distinct analysed posts with no issue),
recognised again in the weeks after; writes data/review/<week>/tema.yaml with examples for the analyst, and keeps
only the words and counts for the page."""

from __future__ import annotations

from pathlib import Path

import pyarrow.compute as pc
from pydantic import BaseModel, ConfigDict

from analysis.themes.core import Theme, find_themes
from denyut.fingerprint import resource
from denyut.fmt import num
from denyut.formats.review import write_themes
from denyut.markup import pdf_text
from denyut.normalize import without_emoji
from denyut.privacy import scrub
from denyut.signals import Signal, WeekInput

EXAMPLE_CHARS = 280


class ThemeSummary(BaseModel):
    """A theme: its heaviest terms with their weights (what recognises it next week), its size, the week it
    was first seen, and its name: a phrase its posts share (None: the page names it by its words)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    since: str
    terms: dict[str, float]
    posts: int
    label: str | None = None


def compute(input: WeekInput) -> list[ThemeSummary]:
    table = input.view.table(["text", "text_norm", "issues", "dup_exact"])
    # in Arrow first: only the rows a theme can come from become Python strings
    no_issue = pc.equal(pc.fill_null(pc.list_value_length(table["issues"]), 0), 0)
    table = table.filter(pc.and_(no_issue, pc.invert(pc.fill_null(table["dup_exact"], False))))
    rows = table.select(["text", "text_norm"]).to_pylist()
    before = input.previous_result("themes") or []
    earlier = [Theme(id=t.id, since=t.since, terms=t.terms, posts=t.posts) for t in before]
    week = input.summary.week
    found = find_themes([without_emoji(r["text_norm"]) for r in rows], week, earlier, input.config.themes)
    handles = input.config.public_handles
    region = input.summary.region
    if region is None or region.code in input.config.regions.focus:  # the week's analyst file, never a region page's
        write_themes(input.config.review_dir, week, [
            {"id": t.id, "since": t.since, "posts": t.posts, "terms": t.terms, "label": t.label,
             "examples": [scrub(rows[i]["text"], handles)[:EXAMPLE_CHARS] for i in t.examples]} for t in found])
    # a theme's words come from posts: one that holds a number, an address or a handle is not shown
    return [ThemeSummary(id=t.id, since=t.since, terms={w: x for w, x in t.terms.items() if scrub(w, handles) == w},
                         posts=t.posts, label=t.label if t.label and scrub(t.label, handles) == t.label else None)
            for t in found]


def _context(result: list[ThemeSummary], s, history, config) -> dict:
    return {"shown": result[: config.themes.shown], "week": s.week, "name": name}


def _lines(result: list[ThemeSummary], s, config) -> list[str]:
    return [f"Tema baru di luar daftar isu: {pdf_text(name(t))} ({num(t.posts)} unggahan)." for t in result[: config.themes.shown]]


def name(theme: ThemeSummary) -> str:
    """'Hujan deras semalam lokasi tps', or without a shared phrase 'Unggahan dengan kata deras, hujan, lutut'."""
    if theme.label:
        return theme.label[:1].upper() + theme.label[1:]
    return "Unggahan dengan kata " + ", ".join(list(theme.terms)[:3])


SIGNAL = Signal(name="themes", step="tema", order=40, result=list[ThemeSummary], compute=compute,
                template=resource(Path(__file__).with_name("section.md.j2")), settings="themes", context=_context,
                lines=_lines)
