"""Fixtures for the network collectors: synthetic responses only, never a real person's post."""

from __future__ import annotations

import base64
import json
import textwrap
from urllib.parse import parse_qs, urlparse

import pytest

from collectors.__main__ import run as collect
from denyut.config import load_config
from tests.conftest import write_config

FAST_HTTP = "http: {retries: 2, backoff_s: 0, min_interval_s: 0, timeout_s: 5}\n"


def telegram_page(channel: str, posts: list[tuple[int, str, str]], before: int | None = None) -> str:
    """A t.me/s/<channel> page as snscrape reads it: oldest first, a 'more' link to older posts."""
    blocks = [textwrap.dedent(f"""\
        <div class="tgme_widget_message" data-post="{channel}/{number}">
          <div class="tgme_widget_message_text">{text}</div>
          <div class="tgme_widget_message_footer">
            <a class="tgme_widget_message_date" href="https://t.me/{channel}/{number}"><time datetime="{when}"></time></a>
          </div>
        </div>""") for number, when, text in sorted(posts)]
    more = f'<a class="tme_messages_more" data-before="{before}" href="/s/{channel}?before={before}"></a>' if before else ""
    return f"<html><body>{more}{''.join(blocks)}</body></html>"


@pytest.fixture
def project(tmp_path, key_env):
    def make(sources_yaml: str, extra: str = ""):
        path = write_config(tmp_path, FAST_HTTP + extra + "sources:\n" + textwrap.indent(textwrap.dedent(sources_yaml), "  "))
        return path, load_config(path)
    return make


def raw(config) -> list[dict]:
    return [json.loads(line) for p in sorted(config.raw_dir.glob("*/*.jsonl")) for line in p.read_text().splitlines()]


def state(config, source: str) -> dict:
    return json.loads((config.state_dir / f"{source}.json").read_text())["targets"]


# -- synthetic platform responses, shared by each platform's test and the all-sources test --------

XRPC = "https://pds.contoh.id/xrpc"


def _jwt(payload: dict) -> str:
    part = lambda obj: base64.urlsafe_b64encode(json.dumps(obj).encode()).rstrip(b"=").decode()  # noqa: E731
    return f"{part({'alg': 'HS256', 'typ': 'JWT'})}.{part(payload)}.c2lnbmF0dXJl"


SESSION = {"accessJwt": _jwt({"sub": "did:plc:penguji", "exp": 4102444800, "scope": "com.atproto.access"}),
           "refreshJwt": _jwt({"sub": "did:plc:penguji", "exp": 4102444800, "scope": "com.atproto.refresh"}),
           "handle": "penguji.contoh.id", "did": "did:plc:penguji", "active": True}


def view(rkey: str, text: str, when: str, handle: str = "warga.contoh.id") -> dict:
    return {"uri": f"at://did:plc:warga/app.bsky.feed.post/{rkey}", "cid": "bafyreib2rxk3rh6kzwq",
            "author": {"did": "did:plc:warga", "handle": handle},
            "record": {"$type": "app.bsky.feed.post", "text": text, "createdAt": when},
            "indexedAt": when, "likeCount": 3, "repostCount": 1, "replyCount": 0}


@pytest.fixture
def credentials(monkeypatch):
    monkeypatch.setenv("BLUESKY_HANDLE", "penguji.contoh.id")
    monkeypatch.setenv("BLUESKY_APP_PASSWORD", "app-pass-word")


TAG_URL = "https://sosial.contoh.id/api/v1/timelines/tag/pilkada"


def status(number: int, text: str, acct: str = "warga@sosial.contoh.id") -> dict:
    return {"id": str(number), "created_at": f"2024-11-20T0{number % 10}:00:00.000Z", "content": f"<p>{text}</p>",
            "url": f"https://sosial.contoh.id/@warga/{number}", "account": {"acct": acct, "id": "9"},
            "language": "id", "in_reply_to_id": None, "favourites_count": 2, "reblogs_count": 1, "replies_count": 0}


def timeline(statuses: list[dict], fail_below: int | None = None):
    """Serve the hashtag timeline like Mastodon does: newest first, 2 per page, honouring max_id and since_id."""
    def callback(request):
        query = {k: v[0] for k, v in parse_qs(urlparse(request.url).query).items()}
        max_id, since_id = int(query.get("max_id", 10**9)), int(query.get("since_id", 0))
        if fail_below is not None and max_id < fail_below:
            return 502, {}, "bad gateway"
        page = [s for s in statuses if since_id < int(s["id"]) <= max_id][:2]
        return 200, {"Content-Type": "application/json"}, json.dumps(page)
    return callback


FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Warta Contoh - Pemilu</title>
<item><title>KPU tetapkan jadwal rekapitulasi</title><link>https://warta.contoh.id/a/1</link>
<guid>https://warta.contoh.id/a/1</guid><pubDate>Wed, 20 Nov 2024 03:00:00 GMT</pubDate>
<description>&lt;p&gt;Rekapitulasi tingkat kecamatan dimulai Kamis.&lt;/p&gt;</description></item>
<item><title>Bawaslu temukan dugaan politik uang</title><link>https://warta.contoh.id/a/2</link>
<guid>https://warta.contoh.id/a/2</guid><pubDate>Wed, 20 Nov 2024 05:30:00 GMT</pubDate></item>
</channel></rss>"""


def thread(comment_id: str, text: str, when: str, author: str = "Penonton Satu") -> dict:
    return {"id": comment_id, "snippet": {"totalReplyCount": 1, "topLevelComment": {"id": comment_id, "snippet": {
        "authorDisplayName": author, "textOriginal": text, "publishedAt": when, "likeCount": 4}}}}


def page(items: list[dict], token: str | None = None) -> str:
    return json.dumps({"items": items} | ({"nextPageToken": token} if token else {}))


__all__ = ["credentials", "collect", "raw", "state", "telegram_page", "XRPC", "SESSION", "view", "TAG_URL", "status", "timeline", "FEED", "thread", "page"]
