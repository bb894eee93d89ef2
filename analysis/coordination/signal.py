"""The coordination signal: the week's patterns of coordinated posting as cards, counts only (no account is
named or pseudonymised). Two groups whose posts overlap by `coordination.card_overlap` or more (the same
campaign leaves the same text and the same hashtags) are one card with both traces."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import BaseModel, ConfigDict

from analysis.coordination.core import KINDS, Columns, Group, find_groups
from denyut.fingerprint import resource
from denyut.fmt import num
from denyut.normalize import normalize, without_emoji
from denyut.privacy import scrub, scrub_link
from denyut.signals import Signal, WeekInput
from denyut.timestamps import format_utc

LEVELS = ("weak", "moderate", "strong")
EXAMPLE_CHARS = 280
# The traces, evidence levels, reasons and benign explanations in words.
TRACE_ID = {"text": "teks hampir sama", "link": "tautan yang sama", "hashtags": "kumpulan tagar yang sama"}
LEVEL_ID = {"strong": "kuat", "moderate": "sedang", "weak": "lemah"}
BENIGN_ID = {
    "viral_quote": "kutipan atau pesan berantai yang viral, disalin banyak orang tanpa diatur",
    "fan_group": "kelompok pendukung atau penggemar yang bersepakat di satu grup obrolan",
    "official_volunteers": "relawan atau tim kampanye resmi yang memakai naskah bersama, terang-terangan",
    "news_reshare": "berita yang dibagikan ulang banyak orang sesaat setelah terbit",
    "event_hashtag": "tagar acara, debat atau siaran yang dipakai bersama selama acara berlangsung",
}
COLUMNS = ["platform", "post_id", "author_id", "created_at", "text", "text_norm", "links", "hashtags"]


class Coordination(BaseModel):
    """One pattern of coordinated posting, as the page shows it: counts, never accounts. `kinds` are the traces
    it left (text, link, hashtags); `level` strong | moderate | weak, `reasons` its codes; `example` the earliest
    post's text, scrubbed; `timeline` posts per twelfth of the span."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    kinds: list[Literal["text", "link", "hashtags"]]
    level: Literal["strong", "moderate", "weak"]
    reasons: list[str]
    accounts: int
    posts: int
    start: str
    end: str
    span_s: int
    chance: float
    synchronised_share: float
    repeat_share: float
    shared: list[str]
    example: str
    platforms: list[str]
    timeline: list[int]
    benign: list[str]


def week_columns(input: WeekInput) -> Columns:
    """Every post of the week (coordination is looked for in any language) as coordination's Arrow columns, read a
    batch at a time; the normalised text is the analysed text_norm without emoji (normalised here where a row has none)."""
    path, parts = input.view.path, {name: [] for name in Columns.__dataclass_fields__}
    for batch in pq.ParquetFile(path).iter_batches(batch_size=input.view.batch_rows, columns=COLUMNS):
        raw, normalised = batch.column("text"), batch.column("text_norm")
        parts["text"].append(pa.array([without_emoji(n if n else normalize(r or ""))
                                       for r, n in zip(raw.to_pylist(), normalised.to_pylist())], type=pa.string()))
        parts["raw_text"].append(raw)
        for name in ("platform", "post_id", "author_id", "created_at", "links", "hashtags"):
            parts[name].append(batch.column(name))
    schema = pq.read_schema(path)
    kinds = {"text": pa.string(), "raw_text": schema.field("text").type}
    return Columns(**{name: pa.chunked_array(chunks, type=kinds.get(name) or schema.field(name).type)
                      for name, chunks in parts.items()})


def _card(group: Group, shared: list[str], handles: set[str]) -> dict:
    example = scrub(group.example, handles)
    return {"kinds": [group.kind], "shared": shared,
            "example": example if len(example) <= EXAMPLE_CHARS else example[:EXAMPLE_CHARS - 1].rstrip() + "…",
            "platforms": group.platforms, "benign": group.benign, **_strength(group)}


def _strength(group: Group) -> dict:
    """What the strongest trace of a card says."""
    return {"level": group.level, "reasons": group.reasons, "accounts": group.accounts, "posts": len(group.posts),
            "start": format_utc(group.start), "end": format_utc(group.end), "span_s": group.span_s,
            "chance": group.stats["chance"], "synchronised_share": group.stats["synchronised_share"],
            "repeat_share": group.stats["repeat_share"], "timeline": group.stats["timeline"]}


def compute(input: WeekInput) -> list[Coordination]:
    """Cards for the week, strongest first."""
    settings = input.config.coordination
    handles = input.config.public_handles
    cards: list[tuple[set, dict]] = []
    for group in find_groups(week_columns(input), settings):
        keys = {(p.platform, p.post_id) for p in group.posts}
        # what the posts share, as text that may be shown: a link without its query, number or private account
        text = group.stats["shared"]
        shown = scrub_link(text, handles) if group.kind == "link" else scrub(text, handles)
        shared = [shown] if text else []
        for seen, card in cards:
            if len(seen & keys) >= settings.card_overlap * min(len(seen), len(keys)):
                seen |= keys
                card["kinds"] = sorted(set(card["kinds"]) | {group.kind}, key=KINDS.index)
                card["shared"] = sorted(set(card["shared"]) | set(shared))
                card["benign"] = list(dict.fromkeys(card["benign"] + group.benign))
                if LEVELS.index(group.level) > LEVELS.index(card["level"]):
                    card.update(_strength(group))
                break
        else:
            cards.append((keys, _card(group, shared, handles)))
    ordered = sorted((card for _, card in cards), key=lambda c: (-LEVELS.index(c["level"]), -c["accounts"], c["start"]))
    return [Coordination.model_validate(card) for card in ordered]


def _context(result: list[Coordination], s, history, config) -> dict:
    return {"cards": result, "min_accounts": config.coordination.min_accounts,
            "window_minutes": config.coordination.window_s // 60}


def _lines(result: list[Coordination], s, config) -> list[str]:
    return [f"Pola unggahan serentak (bukti {LEVEL_ID[c.level]}): {num(c.accounts)} akun, {num(c.posts)} unggahan."
            for c in result]


SIGNAL = Signal(name="coordination", step="koordinasi", order=20, result=list[Coordination], compute=compute,
                template=resource(Path(__file__).with_name("section.md.j2")), settings="coordination", context=_context,
                lines=_lines)
