"""Bluesky search through atproto. searchPosts needs an authenticated session since 2025:
credentials come from the environment (an app password, never the account password).

Search results come newest first, paged by cursor; `since` is the newest indexedAt stored by the
last complete run, and the page cursor is kept while a query is being walked.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

from tenacity import retry, retry_if_exception, stop_after_attempt, wait_exponential

from collectors.base import Page, SourceError

if TYPE_CHECKING:
    from atproto import Client


def _protocol_error() -> type[Exception]:
    # atproto takes seconds to import: only a run with a Bluesky source pays for it
    from atproto_client.exceptions import AtProtocolError

    return AtProtocolError
from collectors.registry import network_platform
from denyut import __version__
from denyut.errors import ConfigError

COLLECTOR = f"denyut.bluesky/{__version__} (atproto)"


def login(service: str, handle_env: str, password_env: str) -> Client:
    handle, password = os.environ.get(handle_env), os.environ.get(password_env)
    if not handle or not password:
        raise ConfigError(f"Bluesky butuh akun: set {handle_env} dan {password_env} (app password dari Settings → App passwords)")
    from atproto import Client

    client = Client(base_url=f"{service.rstrip('/')}/xrpc")
    try:
        client.login(handle, password)
    except _protocol_error() as exc:
        raise SourceError(f"login Bluesky gagal: {exc}") from None
    return client


def _transient(exc: BaseException) -> bool:
    status = getattr(getattr(exc, "response", None), "status_code", None)
    return isinstance(exc, _protocol_error()) and (status is None or status == 429 or status >= 500)


def retry_after(exc: BaseException | None) -> float:
    headers = getattr(getattr(exc, "response", None), "headers", None) or {}
    try:
        return float(headers.get("retry-after") or headers.get("Retry-After") or 0)
    except ValueError:
        return 0.0


def _search(client: Client, params: dict, attempts: int, backoff: float):
    # atproto (httpx) does not retry on status codes: tenacity does, exponential backoff or Retry-After if longer.
    exponential = wait_exponential(multiplier=backoff, max=60)
    call = retry(retry=retry_if_exception(_transient), stop=stop_after_attempt(attempts + 1), reraise=True,
                 wait=lambda state: max(exponential(state), retry_after(state.outcome.exception())))(client.app.bsky.feed.search_posts)
    return call(params=params)


def fetch(client: Client, query: str, target: dict, max_posts: int, attempts: int = 4, backoff: float = 1.0) -> Iterator[Page]:
    since = target.get("since")
    cursor = target.get("cursor")
    run_newest = target.get("run_newest")
    fetched = 0
    while fetched < max_posts:
        params = {"q": query, "sort": "latest", "limit": 100} | ({"since": since} if since else {}) | ({"cursor": cursor} if cursor else {})
        try:
            response = _search(client, params, attempts, backoff)
        except _protocol_error() as exc:
            raise SourceError(f"pencarian {query!r}: {exc}") from None
        records = []
        for view in response.posts:
            record = view.record
            records.append({"platform": "bluesky", "post_id": view.uri.split("/")[-1] + "@" + view.author.handle,
                            "author": view.author.handle, "url": None, "created_at": getattr(record, "created_at", None),
                            "text": getattr(record, "text", ""), "likes": view.like_count, "reposts": view.repost_count,
                            "replies": view.reply_count, "_where": f"search:{query}"})
            run_newest = max(run_newest or "", view.indexed_at)
        fetched += len(records)
        cursor = response.cursor
        yield Page(records, {"cursor": cursor, "run_newest": run_newest})
        if not cursor or not records:
            break
    yield Page([], {"since": run_newest or since, "cursor": None, "run_newest": None})


PLATFORM = network_platform(
    "bluesky", COLLECTOR, targets=lambda source: list(source.queries),
    connect=lambda source, run: login(source.service, source.handle_env, source.password_env),
    fetch=lambda api, source, query, cursor, run: fetch(api, query, cursor, source.max_posts, run.config.http.retries,
                                                        run.config.http.backoff_s))
