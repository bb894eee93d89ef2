
import httpx
import respx

from collectors.__main__ import run as collect
from tests.collectors.conftest import SESSION, XRPC, raw, state, view

SOURCE = """\
- name: bsky
  type: bluesky
  queries: [pilkada]
  service: https://pds.contoh.id
"""
def test_search_pages_by_cursor_and_keeps_since(project, credentials):
    path, config = project(SOURCE)
    pages = {None: {"posts": [view("3kb", "Surat suara telat #pilkada", "2024-11-20T10:00:00.000Z"),
                              view("3ka", "Ayo ke TPS", "2024-11-20T09:00:00.000Z")], "cursor": "p2"},
             "p2": {"posts": [view("3k9", "KPPS teliti", "2024-11-20T08:00:00.000Z")]}}
    with respx.mock(assert_all_called=False) as mock:
        mock.post(f"{XRPC}/com.atproto.server.createSession").respond(json=SESSION)
        mock.get(f"{XRPC}/app.bsky.actor.getProfile").respond(json={"did": SESSION["did"], "handle": SESSION["handle"]})
        route = mock.get(f"{XRPC}/app.bsky.feed.searchPosts").mock(
            side_effect=lambda request: httpx.Response(200, json=pages[request.url.params.get("cursor")]))
        stats = collect(str(path))[0]
        assert route.call_count == 2
    assert (stats.new, stats.errors) == (3, [])
    assert all("warga" not in p["post_id"] and p["author_name"] is None for p in raw(config))
    assert state(config, "bsky")["pilkada"]["since"] == "2024-11-20T10:00:00.000Z"


def test_rate_limit_is_retried_then_collected(project, credentials):
    path, config = project(SOURCE)
    answers = iter([httpx.Response(429, headers={"Retry-After": "0"}, json={"error": "RateLimitExceeded"}),
                    httpx.Response(200, json={"posts": [view("3kb", "Surat suara telat", "2024-11-20T10:00:00.000Z")]})])
    with respx.mock(assert_all_called=False) as mock:
        mock.post(f"{XRPC}/com.atproto.server.createSession").respond(json=SESSION)
        mock.get(f"{XRPC}/app.bsky.actor.getProfile").respond(json={"did": SESSION["did"], "handle": SESSION["handle"]})
        mock.get(f"{XRPC}/app.bsky.feed.searchPosts").mock(side_effect=lambda request: next(answers))
        stats = collect(str(path))[0]
    assert (stats.new, stats.errors) == (1, [])


def test_missing_credentials_are_an_error_for_this_source_only(project, monkeypatch):
    monkeypatch.delenv("BLUESKY_HANDLE", raising=False)
    path, config = project(SOURCE)
    stats = collect(str(path))[0]
    assert stats.new == 0 and "BLUESKY_HANDLE" in stats.errors[0]


def test_retry_after_header_sets_the_wait():
    from collectors.platforms.bluesky import retry_after

    class Failure(Exception):
        response = type("R", (), {"headers": {"retry-after": "7"}})()

    assert retry_after(Failure()) == 7.0 and retry_after(ValueError()) == 0.0
