import json
from urllib.parse import parse_qs, urlparse

import responses

from collectors.__main__ import run as collect
from tests.collectors.conftest import raw, state

SOURCE = """\
- name: masto
  type: mastodon
  instance: https://sosial.contoh.id
  hashtags: [pilkada]
"""
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
