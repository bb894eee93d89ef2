"""What every collector shares: per-source state, logging, the mapping of fields to a Post, and the run
loop that persists each page before moving the cursor. HTTP is the core's (denyut.http). A platform
module only maps responses to fields.
"""

from __future__ import annotations

import json
import logging
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pydantic import ValidationError

from collectors.post import extract_hashtags, extract_links, pseudonymize, stored_post_id
from collectors.store import ImportStats, RawStore
from denyut.config import CollectSettings, Config
from denyut.formats.post import Post
from denyut.formats.quarantine import Refused
from denyut.io import atomic_write_json
from denyut.timestamps import format_utc, from_epoch, now_utc, read_iso
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
        posts, refused = [], []
        for record in page.records:
            stats.fetched += 1
            try:
                post = to_post(record)
            except RecordError as exc:  # a record we cannot map: quarantined with its reason, never dropped
                where = record.get("_where", "") if isinstance(record, dict) else ""
                refused.append(Refused(source.name, f"{source.type}:{where}", stats.fetched, exc.field, exc.reason, record))
                continue
            if in_window(post, source.since, source.until):
                posts.append(post)
            else:
                stats.outside_window += 1
        store.add(posts, stats, refused)
        target.update(page.cursor)
        state.save()
        if progress is not None:
            progress.update(len(page.records))


class RecordError(Exception):
    def __init__(self, field: str | None, reason: str):
        super().__init__(reason)
        self.field, self.reason = field, reason


# Characters no election post needs and that make text lie about itself: NUL, and the bidi
# embeddings and overrides (U+202A-U+202E) that reverse how a sentence is shown. The isolates
# (U+2066-U+2069), which X wraps around every @mention, and the direction marks (U+200E, U+200F)
# only keep a run of text apart: they are kept. Arabic and Hebrew script need no control characters.
CONTROLS = "\x00\u202a-\u202e"
SURROGATES = "\ud800-\udfff"
COMBINING = "\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
FORBIDDEN = re.compile(f"[{CONTROLS}]")
SURROGATE = re.compile(f"[{SURROGATES}]")
COMBINING_FLOOD = re.compile(f"[{COMBINING}]{{8,}}")
SUSPECT = re.compile(f"[{CONTROLS}{SURROGATES}{COMBINING}]")  # one scan of a clean value instead of three
MAX_TEXT = 40_000
EPOCH_SECONDS_BELOW = 1e11  # 1e11 s is the year 5138: anything larger is milliseconds
EPOCH_MILLISECONDS_BELOW = 1e14


def _type_name(value: object) -> str:
    return {bool: "boolean", int: "bilangan bulat", float: "bilangan pecahan", list: "daftar", dict: "objek",
            str: "teks"}.get(type(value), type(value).__name__)


def clean_text(value: object, field: str, required: bool = True, max_length: int = MAX_TEXT) -> str | None:
    """A string as the contract wants it, or a RecordError naming the field and what is wrong."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise RecordError(field, "kosong")
        return None
    if not isinstance(value, str):
        raise RecordError(field, f"harus teks, bukan {_type_name(value)}: {str(value)[:80]!r}")
    if SUSPECT.search(value) is not None:
        if SURROGATE.search(value):
            raise RecordError(field, "memuat surrogate tunggal (\\ud800-\\udfff): bukan teks Unicode yang sah")
        if (bad := FORBIDDEN.search(value)) is not None:
            raise RecordError(field, f"memuat karakter kendali U+{ord(bad[0]):04X} (NUL atau penimpa arah teks)")
        if COMBINING_FLOOD.search(value):
            raise RecordError(field, "memuat tumpukan tanda diakritik (8 atau lebih berturut-turut)")
    if len(value) > max_length:
        raise RecordError(field, f"terlalu panjang ({len(value)} karakter, batas {max_length})")
    return value


def clean_id(value: object, field: str, required: bool = True) -> str | None:
    """Ids are text or whole numbers; a list, object, boolean or fraction would turn into a string that collides."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if value is not None and not isinstance(value, str):
        raise RecordError(field, f"harus teks atau bilangan bulat, bukan {_type_name(value)}: {str(value)[:80]!r}")
    text = clean_text(value, field, required=required, max_length=200)
    return text.strip().strip("\ufeff\u200b").strip() if text is not None else None  # marks a tool left around an id


def clean_count(value: object, field: str, maximum: int) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise RecordError(field, f"harus bilangan bulat, bukan {_type_name(value)}")
    try:
        number = int(value.strip()) if isinstance(value, str) else value
    except ValueError:
        raise RecordError(field, f"bukan bilangan bulat: {value[:40]!r}") from None
    if isinstance(number, float):
        if not math.isfinite(number) or not number.is_integer():
            raise RecordError(field, f"bukan bilangan bulat: {number!r}")
        number = int(number)
    if not 0 <= number <= maximum:
        raise RecordError(field, f"di luar rentang wajar 0–{maximum}: {number}")
    return number


def parse_time(value: object, field: str = "created_at") -> datetime:
    """ISO 8601 with a zone, or epoch seconds or milliseconds (told apart by size); never a boolean."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise RecordError(field, f"waktu tanpa zona waktu: {value!r}")
        moment = value
    elif isinstance(value, bool):
        raise RecordError(field, f"boolean bukan waktu: {value!r}")
    elif isinstance(value, (int, float)):
        if not math.isfinite(value):
            raise RecordError(field, f"waktu bukan bilangan terhingga: {value!r}")
        if abs(value) >= EPOCH_MILLISECONDS_BELOW:
            raise RecordError(field, f"waktu epoch tidak jelas satuannya (bukan detik atau milidetik): {value!r}")
        seconds = value if abs(value) < EPOCH_SECONDS_BELOW else value / 1000
        try:
            moment = from_epoch(seconds)
        except (OverflowError, OSError, ValueError):
            raise RecordError(field, f"waktu epoch di luar rentang: {value!r}") from None
    elif isinstance(value, str) and value.strip():
        try:
            moment = read_iso(value)
        except ValueError:
            raise RecordError(field, f"waktu bukan ISO 8601: {value[:60]!r}") from None
        if moment.tzinfo is None:
            raise RecordError(field, f"waktu tanpa zona waktu: {value!r} (tambahkan Z atau +07:00)")
    elif isinstance(value, str) or value is None:
        raise RecordError(field, "waktu kosong")
    else:
        raise RecordError(field, f"waktu harus teks ISO 8601 atau angka epoch, bukan {_type_name(value)}")
    try:
        # Whole seconds: what the raw store keeps, so a post equals its own stored line.
        return moment.astimezone(UTC).replace(microsecond=0)
    except OverflowError:
        raise RecordError(field, f"waktu di luar rentang kalender: {value!r}") from None


def plausible_time(moment: datetime, settings: CollectSettings, collected_at: datetime, field: str = "created_at") -> datetime:
    # The reason names the settings, not the moment of collection: the same record gets the same reason every run.
    if moment < datetime.combine(settings.earliest, datetime.min.time(), UTC):
        raise RecordError(field, f"tanggal tidak wajar: {format_utc(moment)} lebih awal dari collect.earliest "
                                 f"({settings.earliest.isoformat()})")
    if moment > collected_at + timedelta(days=settings.future_days):
        raise RecordError(field, f"tanggal tidak wajar: {format_utc(moment)} lebih dari {settings.future_days:g} hari "
                                 "sesudah waktu pengambilan (collect.future_days)")
    return moment


def _links(value: object, text: str) -> list[str]:
    if value in (None, "", []):
        return extract_links(text)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RecordError("links", f"harus daftar teks, bukan {_type_name(value)}")
    return [clean_text(v, "links", max_length=2000) for v in value if v.strip()]


def _location(value: object) -> str | None:
    """A profile's location, only ever used to place the post: what cannot be read as one is left out, never a reason
    to refuse the post; a long one is cut."""
    if not isinstance(value, str):
        return None
    try:
        return clean_text(" ".join(value.split())[:200], "location", required=False, max_length=200)
    except RecordError:
        return None


def make_post(fields: dict, source, config: Config, key: bytes, collected_at: datetime, collector: str) -> Post:
    """Fields from any source → a validated Post, pseudonymised before anything is written.

    Every value is checked against the contract at the door (strings for ids and authors, a
    plausible time, bounded counts, text without control tricks), so no later stage meets a
    record it cannot process. Only allow-listed public accounts keep their name and link; for
    everyone else the link (which names the account) is dropped and a handle inside the post id
    is replaced by the pseudonym.
    """
    platform = (clean_text(fields.get("platform"), "platform", max_length=30) or "").strip().lower()
    if not re.fullmatch(r"[a-z0-9_-]{1,30}", platform):
        raise RecordError("platform", f"platform tidak sah: {platform!r} (huruf kecil, angka, - atau _)")
    handle = clean_id(fields.get("author"), "author")
    post_id = clean_id(fields.get("post_id"), "post_id")
    text = clean_text(fields.get("text"), "text")
    created_at = plausible_time(parse_time(fields.get("created_at")), config.collect, collected_at)
    public = config.public_account(platform, handle)
    author_id = pseudonymize(platform, handle, key)
    post_id = stored_post_id(post_id, handle, author_id, public is not None)
    url = clean_text(fields.get("url"), "url", required=False, max_length=2000)
    maximum = config.collect.max_count
    record = {
        "platform": platform, "post_id": post_id, "url": url if public else None,
        "author_id": author_id, "author_public": public is not None, "author_name": public.name if public else None,
        "created_at": created_at, "text": text, "lang": clean_text(fields.get("lang"), "lang", required=False, max_length=20),
        "links": _links(fields.get("links"), text), "hashtags": extract_hashtags(text),
        "reply_to": clean_id(fields.get("reply_to"), "reply_to", required=False),
        "repost_of": clean_id(fields.get("repost_of"), "repost_of", required=False),
        "likes": clean_count(fields.get("likes"), "likes", maximum), "reposts": clean_count(fields.get("reposts"), "reposts", maximum),
        "replies": clean_count(fields.get("replies"), "replies", maximum),
        "location": _location(fields.get("location")),
        "collected_at": collected_at, "collector": collector, "query": source.query or source.name, "source": source.name,
    }
    try:
        return Post.model_validate(record)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise RecordError(".".join(str(p) for p in first["loc"]) or None, first["msg"]) from None
