"""Telegram public channels through snscrape's `telegram-channel` scraper (t.me/s/<channel>).

snscrape walks a channel from the newest post back; we stop at the newest post number stored by
the last complete run. The cursor commits only when a channel is walked to that point, so an
interrupted run is simply walked again from the top (the raw store drops what it already has).
"""

from __future__ import annotations

from collections.abc import Iterator

from snscrape.base import ScraperException
from snscrape.modules.telegram import TelegramChannelScraper

from collectors.base import Page, SourceError
from collectors.post import TELEGRAM_POST_URL
from collectors.registry import network_platform
from denyut import __version__

COLLECTOR = f"denyut.telegram/{__version__} (snscrape)"
PAGE = 50


def _scraper(channel: str, session) -> TelegramChannelScraper:
    # snscrape retries on its own without Retry-After; ours (urllib3, mounted on its session) does.
    scraper = TelegramChannelScraper(channel, retries=0)
    for prefix, adapter in session.adapters.items():
        scraper._session.mount(prefix, adapter)
    scraper._session.headers["User-Agent"] = session.headers["User-Agent"]
    return scraper


def fetch(channel: str, target: dict, session, max_posts: int) -> Iterator[Page]:
    newest_stored = int(target.get("newest", 0))
    run_newest = newest_stored
    records: list[dict] = []
    try:
        for count, item in enumerate(_scraper(channel, session).get_items()):
            match = TELEGRAM_POST_URL.match(item.url or "")
            if not match:
                raise SourceError(f"URL unggahan Telegram tidak dikenali: {item.url!r}")
            number = int(match[2])
            if number <= newest_stored or count >= max_posts:
                break
            run_newest = max(run_newest, number)
            records.append({"platform": "telegram", "post_id": f"{match[1]}/{number}", "author": match[1],
                            "url": item.url.replace("/s/", "/"), "created_at": item.date, "text": item.content or "",
                            "links": list(item.outlinks or []), "_where": item.url})
            if len(records) >= PAGE:
                yield Page(records)
                records = []
    except ScraperException as exc:
        yield Page(records)  # keep what we got; the cursor does not move
        raise SourceError(f"kanal {channel}: {exc}") from None
    except (AttributeError, KeyError, TypeError, ValueError) as exc:  # the page layout is not what snscrape knows
        yield Page(records)
        raise SourceError(f"kanal {channel}: halaman tidak dapat dibaca ({type(exc).__name__}: {exc})") from None
    yield Page(records, {"newest": run_newest})


PLATFORM = network_platform(
    "telegram", COLLECTOR, targets=lambda source: list(source.channels), connect=lambda source, run: run.session,
    fetch=lambda session, source, channel, cursor, run: fetch(channel, cursor, session, source.max_posts))
