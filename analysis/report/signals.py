"""Signals of a processed week for its page: coordinated posting patterns (analysis.coordination),
merged where two traces mark the same posts, with counts only (no account is named or pseudonymised)."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq

from analysis.coordination import Settings, Trace, find_groups
from denyut.config import Config
from denyut.normalize import normalize, without_emoji
from denyut.privacy import scrub

LEVELS = ("weak", "moderate", "strong")
COLUMNS = ["platform", "post_id", "author_id", "created_at", "text", "links", "hashtags"]
EXAMPLE_CHARS = 280


def _traces(path: Path) -> list[Trace]:
    table = pq.read_table(path, columns=COLUMNS)
    return [Trace(platform=r["platform"], post_id=r["post_id"], author_id=r["author_id"], created_at=r["created_at"],
                  text=without_emoji(normalize(r["text"])), links=tuple(r["links"] or ()),
                  hashtags=tuple(r["hashtags"] or ()), raw_text=r["text"]) for r in table.to_pylist()]


def coordination(path: Path, config: Config) -> list[dict]:
    """Cards for the week, strongest first. Two groups whose posts overlap by half or more (the same
    campaign leaves the same text and the same hashtags) are one card with both traces."""
    handles = {a.handle for a in config.public_accounts}
    groups = find_groups(_traces(path), Settings(**config.coordination.model_dump()))
    cards: list[tuple[set, dict]] = []
    for group in groups:
        data = group.as_json()
        keys = {(p.platform, p.post_id) for p in group.posts}
        shared = [data["shared"]] if data["shared"] else []
        for seen, card in cards:
            if len(seen & keys) >= 0.5 * min(len(seen), len(keys)):
                seen |= keys
                card["kinds"] = sorted(set(card["kinds"]) | {data["kind"]}, key=("text", "link", "hashtags").index)
                card["shared"] = sorted(set(card["shared"]) | set(shared))
                card["benign"] = list(dict.fromkeys(card["benign"] + data["benign"]))
                if LEVELS.index(data["level"]) > LEVELS.index(card["level"]):
                    card.update({k: data[k] for k in ("level", "reasons", "accounts", "posts", "start", "end", "span_s",
                                                      "chance", "synchronised_share", "repeat_share", "timeline")})
                break
        else:
            example = scrub(data["example"], handles)
            cards.append((keys, {
                "kinds": [data["kind"]], "shared": shared,
                "example": example if len(example) <= EXAMPLE_CHARS else example[:EXAMPLE_CHARS - 1].rstrip() + "…",
                **{k: data[k] for k in ("level", "reasons", "accounts", "posts", "start", "end", "span_s", "chance",
                                        "synchronised_share", "repeat_share", "platforms", "timeline", "benign")}}))
    return sorted((card for _, card in cards), key=lambda c: (-LEVELS.index(c["level"]), -c["accounts"], c["start"]))
