"""What every collector shares: per-source state, logging, the mapping of fields to a Post, and the run
loop that persists each page before moving the cursor. HTTP is the core's (denyut.http). A platform
module only maps responses to fields.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from pydantic import ValidationError

from collectors.post import Post, extract_hashtags, extract_links, pseudonymize
from collectors.store import ImportStats, RawStore
from denyut.config import Config
from denyut.io import atomic_write_json
from denyut.timestamps import now_utc, read_iso
from denyut.weeks import wib_date

log = logging.getLogger("denyut.collect")


class SourceError(Exception):
    """A page or response this collector cannot use (malformed, unexpected status)."""


@dataclass
class Page:
    """One unit of progress: the records fetched and the cursor to save once they are stored."""

    records: list[dict]
    cursor: dict = field(default_factory=dict)


class State:
    """Per-source cursors in data/state/<source>.json, written atomically after every stored page."""

    def __init__(self, directory: Path, source: str):
        self.path = Path(directory) / f"{source}.json"
        self.data: dict = json.loads(self.path.read_text(encoding="utf-8")) if self.path.exists() else {}

    def target(self, name: str) -> dict:
        return self.data.setdefault("targets", {}).setdefault(name, {})

    def save(self) -> None:
        self.data["saved_at"] = now_utc()
        atomic_write_json(self.path, self.data)


def in_window(post: Post, since, until) -> bool:
    day = wib_date(post.created_at)
    return (since is None or day >= since) and (until is None or day <= until)


def collect_pages(pages: Iterator[Page], target: dict, state: State, store: RawStore, stats: ImportStats,
                  to_post, source, progress=None) -> None:
    """Store each page, then move the cursor: an interruption loses nothing and doubles nothing on resume."""
    for page in pages:
        posts = []
        for record in page.records:
            stats.fetched += 1
            try:
                post = to_post(record)
            except RecordError as exc:  # a record we cannot map: quarantined with its reason, never dropped
                if store.quarantine(source.name, Path(f"{source.type}:{record.get('_where', '')}"), stats.fetched,
                                    exc.field, exc.reason, record):
                    stats.quarantined += 1
                continue
            if in_window(post, source.since, source.until):
                posts.append(post)
        store.add(posts, stats)
        target.update(page.cursor)
        state.save()
        if progress is not None:
            progress.update(len(page.records))


class RecordError(Exception):
    def __init__(self, field: str | None, reason: str):
        super().__init__(reason)
        self.field, self.reason = field, reason


def parse_time(value: object, field: str = "created_at") -> datetime:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise RecordError(field, f"waktu tanpa zona waktu: {value!r}")
        return value
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(value, tz=UTC)
    if not isinstance(value, str) or not value.strip():
        raise RecordError(field, "waktu kosong")
    try:
        moment = read_iso(value)
    except ValueError:
        raise RecordError(field, f"waktu bukan ISO 8601: {value!r}") from None
    if moment.tzinfo is None:
        raise RecordError(field, f"waktu tanpa zona waktu: {value!r} (tambahkan Z atau +07:00)")
    return moment


def _int_or_none(value: object, field: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise RecordError(field, f"bukan bilangan bulat: {value!r}") from None


def make_post(fields: dict, source, config: Config, key: bytes, collected_at: datetime, collector: str) -> Post:
    """Fields from any source → a validated Post, pseudonymised before anything is written.

    Only allow-listed public accounts keep their name and link; for everyone else the link (which
    names the account) is dropped and a handle inside the post id is replaced by the pseudonym.
    """
    platform = (fields.get("platform") or "").strip().lower()
    if not platform:
        raise RecordError("platform", "platform kosong: isi 'platform' sumber ini di konfigurasi")
    handle = str(fields.get("author") or "").strip()
    if not handle:
        raise RecordError("author", "penulis kosong")
    post_id = str(fields.get("post_id") or "").strip()
    if not post_id:
        raise RecordError("post_id", "post_id kosong")
    text = fields.get("text")
    if not isinstance(text, str) or not text.strip():
        raise RecordError("text", "teks kosong")
    public = config.public_account(platform, handle)
    author_id = pseudonymize(platform, handle, key)
    if public is None and handle.lower().lstrip("@") in post_id.lower():
        post_id = re.sub(re.escape(handle.lstrip("@")), author_id[:16], post_id, flags=re.IGNORECASE)
    record = {
        "platform": platform, "post_id": post_id, "url": (fields.get("url") or None) if public else None,
        "author_id": author_id, "author_public": public is not None, "author_name": public.name if public else None,
        "created_at": parse_time(fields.get("created_at")), "text": text, "lang": fields.get("lang") or None,
        "links": fields.get("links") or extract_links(text), "hashtags": extract_hashtags(text),
        "reply_to": str(fields["reply_to"]) if fields.get("reply_to") not in (None, "") else None,
        "repost_of": str(fields["repost_of"]) if fields.get("repost_of") not in (None, "") else None,
        "likes": _int_or_none(fields.get("likes"), "likes"), "reposts": _int_or_none(fields.get("reposts"), "reposts"),
        "replies": _int_or_none(fields.get("replies"), "replies"),
        "collected_at": collected_at, "collector": collector, "query": source.query or source.name, "source": source.name,
    }
    try:
        return Post.model_validate(record)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise RecordError(".".join(str(p) for p in first["loc"]) or None, first["msg"]) from None
