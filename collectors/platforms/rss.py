"""RSS and Atom feeds of news outlets: fetched with requests (conditional GET with ETag and
Last-Modified), parsed with feedparser. Entries already stored are dropped by the raw store."""

from __future__ import annotations

import hashlib
from calendar import timegm
from collections.abc import Iterator
from datetime import UTC, datetime

import feedparser
import requests

from collectors.base import Page, SourceError
from collectors.post import plain_text
from collectors.registry import network_platform
from denyut import __version__

COLLECTOR = f"denyut.rss/{__version__} (feedparser)"


def fetch(session: requests.Session, name: str, url: str, target: dict, max_posts: int) -> Iterator[Page]:
    headers = {}
    if target.get("etag"):
        headers["If-None-Match"] = target["etag"]
    if target.get("modified"):
        headers["If-Modified-Since"] = target["modified"]
    try:
        response = session.get(url, headers=headers)
    except requests.RequestException as exc:
        raise SourceError(f"feed {name}: {type(exc).__name__}") from None
    if response.status_code == 304:
        yield Page([])
        return
    if response.status_code != 200:
        raise SourceError(f"feed {name}: HTTP {response.status_code}")
    feed = feedparser.parse(response.content)
    if not feed.get("version") and not feed.entries:
        raise SourceError(f"feed {name}: bukan RSS/Atom yang dapat dibaca ({feed.get('bozo_exception')})")
    records = []
    for entry in feed.entries[:max_posts]:
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        link = entry.get("link", "")
        records.append({"platform": "rss", "post_id": entry.get("id") or hashlib.sha256(link.encode()).hexdigest()[:32],
                        "author": name, "url": link,
                        "created_at": datetime.fromtimestamp(timegm(stamp), UTC) if stamp else None,
                        "text": " — ".join(part for part in (entry.get("title"), " ".join(plain_text(entry.get("summary", "")).split())) if part),
                        "_where": url})
    yield Page(records, {"etag": response.headers.get("ETag"), "modified": response.headers.get("Last-Modified")})



PLATFORM = network_platform(
    "rss", COLLECTOR, targets=lambda source: [feed.name for feed in source.feeds], connect=lambda source, run: run.session,
    fetch=lambda session, source, name, cursor, run: fetch(session, name, next(f.url for f in source.feeds if f.name == name),
                                                           cursor, source.max_posts))
