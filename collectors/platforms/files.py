"""Import exports from files: Post-shaped or mapped JSONL, `snscrape --jsonl` output, and CSV."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from collectors.base import RecordError, make_post
from collectors.post import TELEGRAM_POST_URL, Post, plain_text
from collectors.registry import Platform, Run
from collectors.store import ImportStats
from denyut import __version__
from denyut.config import ColumnMap, FileSource
from denyut.io import read_jsonl

COLLECTOR = f"denyut.files/{__version__}"
BATCH = 2000

# (platform, how to read one snscrape item) per _type; the other snscrape modules are broken upstream
# but old exports of them are still worth importing.
SNSCRAPE_TYPES = {
    "snscrape.modules.telegram.TelegramPost": "telegram",
    "snscrape.modules.twitter.Tweet": "x",
    "snscrape.modules.mastodon.Toot": "mastodon",
    "snscrape.modules.reddit.Submission": "reddit",
    "snscrape.modules.reddit.Comment": "reddit",
}


def _snscrape_fields(obj: dict) -> dict:
    kind = obj.get("_type")
    if kind not in SNSCRAPE_TYPES:
        raise RecordError("_type", f"jenis item snscrape tidak didukung: {kind!r}")
    platform = SNSCRAPE_TYPES[kind]
    url = obj.get("url")
    if platform == "telegram":
        match = TELEGRAM_POST_URL.match(url or "")
        if not match:
            raise RecordError("url", f"URL Telegram tidak dikenali: {url!r}")
        return {"platform": platform, "post_id": f"{match[1]}/{match[2]}", "author": match[1], "url": url,
                "created_at": obj.get("date"), "text": obj.get("content") or "",
                "links": [link for link in obj.get("outlinks") or [] if isinstance(link, str)]}
    if platform == "x":
        user = obj.get("user") or {}
        retweeted = obj.get("retweetedTweet") or {}
        return {"platform": platform, "post_id": str(obj.get("id", "")), "author": user.get("username", ""), "url": url,
                "created_at": obj.get("date"), "text": obj.get("rawContent") or obj.get("content") or "",
                "lang": obj.get("lang"), "reply_to": obj.get("inReplyToTweetId"),
                "repost_of": retweeted.get("id") if isinstance(retweeted, dict) else None,
                "likes": obj.get("likeCount"), "reposts": obj.get("retweetCount"), "replies": obj.get("replyCount")}
    if platform == "mastodon":
        user = obj.get("user") or {}
        return {"platform": platform, "post_id": str(obj.get("id", "")), "author": user.get("account", ""), "url": url,
                "created_at": obj.get("date"), "text": plain_text(obj.get("content") or "")}
    # reddit
    text = " ".join(part for part in (obj.get("title"), obj.get("selftext"), obj.get("body")) if part)
    return {"platform": platform, "post_id": str(obj.get("id", "")), "author": obj.get("author") or "", "url": url,
            "created_at": obj.get("created") or obj.get("date"), "text": text}


def _mapped_fields(row: dict, columns: ColumnMap, platform: str | None) -> dict:
    def get(name: str | None) -> object:
        if name is None:
            return None
        if name not in row:
            raise RecordError(name, "kolom tidak ada di ekspor (periksa 'columns' di konfigurasi)")
        return row[name]

    return {"platform": get(columns.platform) if columns.platform else platform,
            "post_id": get(columns.post_id), "author": get(columns.author), "url": get(columns.url) if columns.url in row else None,
            "created_at": get(columns.created_at), "text": get(columns.text),
            "lang": row.get(columns.lang) if columns.lang else None,
            "reply_to": row.get(columns.reply_to) if columns.reply_to else None,
            "repost_of": row.get(columns.repost_of) if columns.repost_of else None,
            "likes": row.get(columns.likes) if columns.likes else None,
            "reposts": row.get(columns.reposts) if columns.reposts else None,
            "replies": row.get(columns.replies) if columns.replies else None}


def _records(source: FileSource, path: Path) -> Iterator[tuple[int, dict | None, str | None, object]]:
    """(line, fields, error, raw) per record of the export."""
    if source.type == "csv":
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            for row in reader:
                try:
                    yield reader.line_num, _mapped_fields(row, source.columns, source.platform), None, row
                except RecordError as exc:
                    yield reader.line_num, None, f"{exc.field}: {exc.reason}", row
        return
    for line, obj, error in read_jsonl(path):
        if error:
            yield line, None, f"-: {error}", None
            continue
        try:
            if source.type == "snscrape-jsonl":
                yield line, _snscrape_fields(obj), None, obj
            else:
                yield line, _mapped_fields(obj, source.columns, source.platform), None, obj
        except RecordError as exc:
            yield line, None, f"{exc.field}: {exc.reason}", obj


def import_source(source: FileSource, run: Run) -> ImportStats:
    config, store, key, collected_at = run.config, run.store, run.key, run.collected_at
    stats = ImportStats(source.name)
    path = config.resolve(source.path)
    batch: list[Post] = []
    for line, fields, error, raw in _records(source, path):
        stats.fetched += 1
        if fields is not None:
            try:
                batch.append(make_post(fields, source, config, key, collected_at, COLLECTOR))
            except RecordError as exc:
                error = f"{exc.field}: {exc.reason}"
        if error:
            field_name, _, reason = error.partition(": ")
            if store.quarantine(source.name, path, line, None if field_name == "-" else field_name, reason, raw):
                stats.quarantined += 1
        if len(batch) >= BATCH:
            store.add(batch, stats)
            batch = []
    if batch:
        store.add(batch, stats)
    return stats


PLATFORM = Platform(("jsonl", "snscrape-jsonl", "csv"), collect=import_source,
                    plan=lambda source, config: [f"{source.name}: impor {source.type} {config.resolve(source.path)}"])
