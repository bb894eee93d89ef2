import responses

from collectors.__main__ import main as collect_main
from collectors.__main__ import run as collect
from tests.collectors.conftest import raw, state, telegram_page

SOURCE = """\
- name: tg
  type: telegram
  channels: [kanalcontoh, kanaldua]
"""
NEWEST = telegram_page("kanalcontoh", [(103, "2024-11-20T08:00:00+00:00", "Surat suara telat datang #Pilkada"),
                                       (104, "2024-11-20T09:00:00+00:00", "Rekapitulasi dimulai"),
                                       (105, "2024-11-20T10:00:00+00:00", "Ayo ke TPS")], before=103)
OLDER = telegram_page("kanalcontoh", [(101, "2024-11-19T08:00:00+00:00", "Debat paslon malam ini"),
                                      (102, "2024-11-19T09:00:00+00:00", "Cek DPT online")])
OTHER = telegram_page("kanaldua", [(7, "2024-11-20T01:00:00+00:00", "Kampanye di alun-alun")])


def _mock(rsps, newest=NEWEST, older=OLDER, other=OTHER):
    rsps.add(responses.GET, "https://t.me/s/kanalcontoh", body=newest)
    rsps.add(responses.GET, "https://t.me/s/kanalcontoh?before=103", body=older)
    rsps.add(responses.GET, "https://t.me/s/kanaldua", body=other)


def test_channel_pages_map_to_pseudonymous_posts_and_the_cursor_is_kept(project):
    path, config = project(SOURCE)
    with responses.RequestsMock() as rsps:
        _mock(rsps)
        stats = collect(str(path))[0]
    assert (stats.fetched, stats.new, stats.errors) == (6, 6, [])
    posts = raw(config)
    assert sorted(int(p["post_id"].split("/")[1]) for p in posts) == [7, 101, 102, 103, 104, 105]
    assert all("kanal" not in p["post_id"] and p["url"] is None and p["source"] == "tg" for p in posts)
    assert {p["hashtags"][0] for p in posts if p["hashtags"]} == {"pilkada"}
    assert state(config, "tg")["kanalcontoh"]["newest"] == 105


def test_next_run_fetches_only_what_is_newer(project):
    path, config = project(SOURCE)
    with responses.RequestsMock() as rsps:
        _mock(rsps)
        collect(str(path))
    newer = telegram_page("kanalcontoh", [(104, "2024-11-20T09:00:00+00:00", "Rekapitulasi dimulai"),
                                          (105, "2024-11-20T10:00:00+00:00", "Ayo ke TPS"),
                                          (106, "2024-11-21T10:00:00+00:00", "Hasil hitung cepat")], before=104)
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        _mock(rsps, newest=newer)
        stats = collect(str(path))[0]
        assert not any("before=" in call.request.url for call in rsps.calls)  # stopped at the stored newest
    assert stats.new == 1 and stats.duplicates == 0
    assert state(config, "tg")["kanalcontoh"]["newest"] == 106


def test_429_with_retry_after_is_retried(project):
    path, config = project(SOURCE)
    with responses.RequestsMock() as rsps:
        rsps.add(responses.GET, "https://t.me/s/kanalcontoh", status=429, headers={"Retry-After": "0"})
        _mock(rsps)
        stats = collect(str(path))[0]
        assert [c.request.url for c in rsps.calls].count("https://t.me/s/kanalcontoh") == 2
    assert stats.errors == [] and stats.new == 6


def test_a_failing_page_keeps_what_was_fetched_and_resumes_without_doubles(project):
    path, config = project(SOURCE)
    with responses.RequestsMock() as rsps:
        rsps.add(responses.GET, "https://t.me/s/kanalcontoh", body=NEWEST)
        rsps.add(responses.GET, "https://t.me/s/kanalcontoh?before=103", status=503)
        rsps.add(responses.GET, "https://t.me/s/kanaldua", body=OTHER)
        stats = collect(str(path))[0]
    assert len(stats.errors) == 1 and "kanalcontoh" in stats.errors[0] and "503" in stats.errors[0]
    assert stats.new == 4  # the three newest posts and the other channel: nothing fetched is lost
    assert state(config, "tg")["kanalcontoh"].get("newest", 0) == 0  # the cursor did not move past the gap
    with responses.RequestsMock() as rsps:
        _mock(rsps)
        stats = collect(str(path))[0]
    # kanaldua stops at its stored newest post; kanalcontoh is walked again and only the gap is new
    assert (stats.new, stats.duplicates, stats.errors) == (2, 3, [])
    assert len(raw(config)) == 6


def test_a_malformed_page_is_an_error_not_a_crash(project, capsys):
    path, config = project(SOURCE)
    broken = NEWEST.replace('class="tgme_widget_message_footer"', 'class="something-else"')
    with responses.RequestsMock() as rsps:
        rsps.add(responses.GET, "https://t.me/s/kanalcontoh", body=broken)
        rsps.add(responses.GET, "https://t.me/s/kanaldua", body=OTHER)
        assert collect_main(["--config", str(path)]) == 1
    assert "tidak dapat dibaca" in capsys.readouterr().err
    assert [p["text"] for p in raw(config)] == ["Kampanye di alun-alun"]


def test_a_timeout_keeps_the_other_channel(project):
    import requests

    path, config = project(SOURCE)
    with responses.RequestsMock() as rsps:
        rsps.add(responses.GET, "https://t.me/s/kanalcontoh", body=requests.exceptions.ConnectTimeout("tidak tersambung"))
        rsps.add(responses.GET, "https://t.me/s/kanaldua", body=OTHER)
        stats = collect(str(path))[0]
    assert stats.new == 1 and len(stats.errors) == 1 and "kanalcontoh" in stats.errors[0]
