"""`make collect` with a config naming every kind of source, against synthetic fixtures, end to end."""

import json
import socket

import httpx
import pytest
import responses
import respx
from pytest_socket import SocketBlockedError

import collectors.platforms.youtube as youtube
from analysis import analyze, report
from collectors.__main__ import main as collect_main
from tests.collectors.conftest import FEED, SESSION, TAG_URL, XRPC, page, raw, status, telegram_page, thread, timeline, view

SOURCES = """\
- {name: ekspor, type: jsonl, path: in/x.jsonl, platform: x}
- {name: arsip-snscrape, type: snscrape-jsonl, path: in/tg.jsonl}
- {name: komentar-csv, type: csv, path: in/yt.csv, platform: youtube, columns: {post_id: cid, created_at: waktu, author: kanal, text: isi, url: null}}
- {name: tg, type: telegram, channels: [kanalcontoh]}
- {name: masto, type: mastodon, instance: "https://sosial.contoh.id", hashtags: [pilkada]}
- {name: bsky, type: bluesky, queries: [pilkada], service: "https://pds.contoh.id"}
- {name: yt, type: youtube, video_ids: [debatVid01]}
- {name: berita, type: rss, feeds: [{name: Warta Contoh, url: "https://warta.contoh.id/rss/pemilu.xml"}]}
- {name: rusak, type: rss, feeds: [{name: Rusak, url: "https://rusak.contoh.id/feed"}]}
"""


def _inputs(base):
    (base / "in").mkdir()
    (base / "in" / "x.jsonl").write_text(json.dumps({"id": "1", "created_at": "2024-11-20T01:00:00Z", "text": "Surat suara telat", "author": "a"}) + "\n")
    (base / "in" / "tg.jsonl").write_text(json.dumps({"_type": "snscrape.modules.telegram.TelegramPost", "url": "https://t.me/arsip/3",
                                                      "date": "2024-11-20T02:00:00+00:00", "content": "Rekap dimulai", "outlinks": []}) + "\n")
    (base / "in" / "yt.csv").write_text("cid,waktu,kanal,isi\nk1,2024-11-20T09:00:00+07:00,Kanal,Debat seru\n")


@pytest.fixture
def everything(project, tmp_path, monkeypatch, credentials):
    _inputs(tmp_path)
    monkeypatch.setenv("YOUTUBE_API_KEY", "kunci-uji")
    from googleapiclient.http import HttpMockSequence

    monkeypatch.setattr(youtube, "client", lambda env, http=None: youtube.build(
        "youtube", "v3", developerKey="k", static_discovery=True, cache_discovery=False,
        http=HttpMockSequence([({"status": "200"}, page([thread("c1", "Moderator kurang tegas", "2024-11-20T08:00:00Z")]))])))
    return project(SOURCES)


def test_every_source_runs_one_broken_source_does_not_stop_the_others(everything, capsys):
    path, config = everything
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps, respx.mock(assert_all_called=False) as mock:
        rsps.add(responses.GET, "https://t.me/s/kanalcontoh",
                 body=telegram_page("kanalcontoh", [(5, "2024-11-20T03:00:00+00:00", "Ayo ke TPS")]))
        rsps.add_callback(responses.GET, TAG_URL, callback=timeline([status(15, "KPPS teliti")]))
        rsps.add(responses.GET, "https://warta.contoh.id/rss/pemilu.xml", body=FEED)
        rsps.add(responses.GET, "https://rusak.contoh.id/feed", status=503)
        mock.post(f"{XRPC}/com.atproto.server.createSession").respond(json=SESSION)
        mock.get(f"{XRPC}/app.bsky.actor.getProfile").respond(json={"did": SESSION["did"], "handle": SESSION["handle"]})
        mock.get(f"{XRPC}/app.bsky.feed.searchPosts").mock(
            return_value=httpx.Response(200, json={"posts": [view("3kb", "Politik uang marak", "2024-11-20T10:00:00.000Z")]}))
        code = collect_main(["--config", str(path)])
    out = capsys.readouterr()
    assert code == 1 and "rusak" in out.err
    table = {line.split()[0]: line.split()[1:] for line in out.out.splitlines()[1:] if not line.startswith(" ")}
    assert set(table) == {"ekspor", "arsip-snscrape", "komentar-csv", "tg", "masto", "bsky", "yt", "berita", "rusak"}
    assert table["rusak"] == ["0", "0", "0", "0", "0", "0", "1"]  # fetched … quarantined, then 1 error
    assert all(table[name][1] != "0" for name in table if name != "rusak")
    platforms = {p["platform"] for p in raw(config)}
    assert platforms == {"x", "telegram", "youtube", "mastodon", "bluesky", "rss"}
    saved = json.loads((config.data_dir / "collect" / "last_run.json").read_text())
    assert {row["source"]: row["errors"] for row in saved["sources"]}["rusak"] == 1

    # the weekly report carries the per-source coverage panel
    analyze.run(str(path))
    report.run(str(path))
    summary = json.loads((config.reports_dir / "2024-W47" / "summary.json").read_text())
    assert set(summary["sources"]) == {"ekspor", "arsip-snscrape", "komentar-csv", "tg", "masto", "bsky", "yt", "berita"}
    assert "| Sumber | Unggahan pekan ini |" in (config.reports_dir / "2024-W47" / "report.md").read_text()


def test_dry_run_prints_the_plan_and_fetches_nothing(everything, capsys):
    path, config = everything
    assert collect_main(["--config", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "tg: telegram kanalcontoh, maks. 5000 unggahan, dari awal" in out
    assert "masto: mastodon #pilkada" in out and "berita: rss Warta Contoh" in out
    assert not config.raw_dir.exists() or not list(config.raw_dir.glob("*/*.jsonl"))


def test_no_test_can_reach_the_network():
    with pytest.raises(SocketBlockedError):
        socket.create_connection(("example.org", 443), timeout=1)
    with pytest.raises(SocketBlockedError):
        httpx.get("https://example.org/")
