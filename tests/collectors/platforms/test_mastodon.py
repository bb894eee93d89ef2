
import responses

from collectors.__main__ import run as collect
from tests.collectors.conftest import TAG_URL, raw, state, status, timeline

SOURCE = """\
- name: masto
  type: mastodon
  instance: https://sosial.contoh.id
  hashtags: [pilkada]
"""
ALL = [status(n, t) for n, t in [(15, "Surat suara telat #pilkada"), (14, "Ayo nyoblos"), (13, "KPPS teliti"),
                                  (12, "Debat paslon &amp; <b>kampanye</b>"), (11, "Cek DPT")]]


def _run(path, statuses, fail_below=None):
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        rsps.add_callback(responses.GET, TAG_URL, callback=timeline(statuses, fail_below))
        rsps.add(responses.GET, "https://sosial.contoh.id/api/v2/instance/", json={"version": "4.3.0"})
        rsps.add(responses.GET, "https://sosial.contoh.id/api/v1/instance/", json={"version": "4.3.0"})
        return collect(str(path))[0]


def test_hashtag_timeline_pages_map_to_posts(project):
    path, config = project(SOURCE)
    stats = _run(path, ALL)
    assert (stats.new, stats.errors) == (5, [])
    posts = {p["post_id"]: p for p in raw(config)}
    assert set(posts) == {f"sosial.contoh.id/{n}" for n in range(11, 16)}
    assert posts["sosial.contoh.id/12"]["text"] == "Debat paslon &  kampanye"
    assert all(p["url"] is None and p["likes"] == 2 for p in posts.values())
    assert state(config, "masto")["#pilkada"]["since_id"] == 15


def test_resume_after_a_failure_continues_below_the_last_stored_status(project):
    path, config = project(SOURCE)
    stats = _run(path, ALL, fail_below=13)  # the third page fails
    assert stats.new == 4 and len(stats.errors) == 1 and "#pilkada" in stats.errors[0]
    cursor = state(config, "masto")["#pilkada"]
    assert cursor["resume_max_id"] == 11 and cursor.get("since_id") is None
    stats = _run(path, ALL)
    assert (stats.new, stats.duplicates, stats.errors) == (1, 0, [])
    assert state(config, "masto")["#pilkada"]["since_id"] == 15
    stats = _run(path, [status(16, "Hasil hitung cepat")] + ALL)
    assert (stats.new, stats.fetched) == (1, 1)
