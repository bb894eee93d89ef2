import responses

from collectors.__main__ import run as collect
from tests.collectors.conftest import FEED, raw, state

SOURCE = """\
- name: berita
  type: rss
  feeds:
    - {name: Warta Contoh, url: "https://warta.contoh.id/rss/pemilu.xml"}
    - {name: Kabar Contoh, url: "https://kabar.contoh.id/feed"}
"""
PUBLIC = "public_accounts:\n  - {platform: rss, handle: Warta Contoh, name: Warta Contoh, kind: media}\n"
def test_feed_entries_become_posts_and_public_outlets_keep_their_name(project):
    path, config = project(SOURCE, PUBLIC)
    with responses.RequestsMock() as rsps:
        rsps.add(responses.GET, "https://warta.contoh.id/rss/pemilu.xml", body=FEED, headers={"ETag": '"v1"'})
        rsps.add(responses.GET, "https://kabar.contoh.id/feed", status=500)
        stats = collect(str(path))[0]
    assert stats.new == 2 and len(stats.errors) == 1 and "Kabar Contoh" in stats.errors[0]
    posts = sorted(raw(config), key=lambda p: p["created_at"])
    assert posts[0]["text"] == "KPU tetapkan jadwal rekapitulasi — Rekapitulasi tingkat kecamatan dimulai Kamis."
    assert posts[0]["created_at"] == "2024-11-20T03:00:00Z"
    assert posts[0]["author_name"] == "Warta Contoh" and posts[0]["url"] == "https://warta.contoh.id/a/1"
    assert state(config, "berita")["Warta Contoh"]["etag"] == '"v1"'


def test_unchanged_feed_is_not_downloaded_again(project):
    path, config = project(SOURCE, PUBLIC)
    with responses.RequestsMock() as rsps:
        rsps.add(responses.GET, "https://warta.contoh.id/rss/pemilu.xml", body=FEED, headers={"ETag": '"v1"'})
        rsps.add(responses.GET, "https://kabar.contoh.id/feed", body=FEED.replace("warta", "kabar"))
        collect(str(path))
    with responses.RequestsMock() as rsps:
        rsps.add(responses.GET, "https://warta.contoh.id/rss/pemilu.xml", status=304)
        rsps.add(responses.GET, "https://kabar.contoh.id/feed", body="<html>bukan feed</html>")
        stats = collect(str(path))[0]
        assert rsps.calls[0].request.headers["If-None-Match"] == '"v1"'
    assert stats.new == 0 and len(stats.errors) == 1 and "bukan RSS" in stats.errors[0]


def test_a_timeout_is_recorded_and_the_next_feed_still_runs(project):
    import requests

    path, config = project(SOURCE, PUBLIC)
    with responses.RequestsMock() as rsps:
        rsps.add(responses.GET, "https://warta.contoh.id/rss/pemilu.xml", body=requests.exceptions.ReadTimeout("terlalu lama"))
        rsps.add(responses.GET, "https://kabar.contoh.id/feed", body=FEED.replace("warta", "kabar"))
        stats = collect(str(path))[0]
    assert stats.new == 2 and len(stats.errors) == 1
    assert "Warta Contoh" in stats.errors[0] and "Timeout" in stats.errors[0]
    assert state(config, "berita").get("Warta Contoh", {}).get("etag") is None
