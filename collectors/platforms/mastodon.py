"""Mastodon hashtag timelines through Mastodon.py (anonymous on most instances; a token is optional).

Pages go newest to oldest with max_id; `since_id` is the newest status stored by the last complete
run. While a hashtag is being walked the oldest stored id is kept as `resume_max_id`, so an
interrupted run picks up exactly where it stopped.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from urllib.parse import urlparse

from mastodon import Mastodon, MastodonError

from collectors.base import Page, SourceError
from collectors.post import plain_text
from collectors.registry import network_platform
from denyut import __version__

COLLECTOR = f"denyut.mastodon/{__version__} (Mastodon.py)"


def client(instance: str, token_env: str | None, session, timeout: float) -> Mastodon:
    token = os.environ.get(token_env) if token_env else None
    return Mastodon(api_base_url=instance, access_token=token, session=session, request_timeout=timeout,
                    ratelimit_method="wait", version_check_mode="none")


def fetch(api: Mastodon, instance: str, hashtag: str, target: dict, max_posts: int) -> Iterator[Page]:
    host = urlparse(instance).netloc
    since_id = target.get("since_id")
    max_id = target.get("resume_max_id")
    run_newest = target.get("run_newest")
    fetched = 0
    while fetched < max_posts:
        try:
            statuses = api.timeline_hashtag(hashtag.lstrip("#"), since_id=since_id, max_id=max_id, limit=40)
        except MastodonError as exc:
            raise SourceError(f"#{hashtag} di {host}: {exc}") from None
        if not isinstance(statuses, list):
            raise SourceError(f"#{hashtag} di {host}: jawaban bukan daftar status")
        if not statuses:
            break
        records = []
        for status in statuses:
            account = status.get("account") or {}
            records.append({"platform": "mastodon", "post_id": f"{host}/{status['id']}", "author": account.get("acct", ""),
                            "url": status.get("url"), "created_at": status.get("created_at"),
                            "text": plain_text(status.get("content") or ""), "lang": status.get("language"),
                            "reply_to": status.get("in_reply_to_id"), "likes": status.get("favourites_count"),
                            "reposts": status.get("reblogs_count"), "replies": status.get("replies_count"),
                            "_where": f"{host}/tags/{hashtag}"})
        ids = [int(s["id"]) for s in statuses]
        run_newest = max([int(run_newest or 0)] + ids)
        max_id = min(ids) - 1
        fetched += len(records)
        yield Page(records, {"resume_max_id": max_id, "run_newest": run_newest})
    # walked down to the last run's newest status: commit
    yield Page([], {"since_id": run_newest or since_id, "resume_max_id": None, "run_newest": None})


PLATFORM = network_platform(
    "mastodon", COLLECTOR, targets=lambda source: [f"#{h}" for h in source.hashtags],
    connect=lambda source, run: client(source.instance, source.access_token_env, run.session, run.config.http.timeout_s),
    fetch=lambda api, source, target, cursor, run: fetch(api, source.instance, target.lstrip("#"), cursor, source.max_posts))
