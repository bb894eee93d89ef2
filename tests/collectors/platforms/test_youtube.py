import json

import pytest
from googleapiclient.http import HttpMockSequence

import collectors.platforms.youtube as youtube
from collectors.__main__ import run as collect
from tests.collectors.conftest import page, raw, state, thread

SOURCE = """\
- name: yt
  type: youtube
  video_ids: [debatVid01]
"""


@pytest.fixture
def api(monkeypatch):
    monkeypatch.setenv("YOUTUBE_API_KEY", "kunci-uji")
    monkeypatch.setattr("googleapiclient.http.time.sleep", lambda seconds: None)
    responses: list = []

    def client(api_key_env, http=None):
        return youtube.build("youtube", "v3", developerKey="kunci-uji", http=HttpMockSequence(responses),
                             static_discovery=True, cache_discovery=False)

    monkeypatch.setattr(youtube, "client", client)
    return responses


def test_comment_pages_are_followed_and_the_newest_time_kept(project, api):
    path, config = project(SOURCE)
    api[:] = [({"status": "200"}, page([thread("c3", "Debatnya seru, programnya jelas", "2024-11-20T10:00:00Z"),
                                       thread("c2", "Paslon 2 ngaco jawabannya", "2024-11-20T09:00:00Z")], "t2")),
              ({"status": "200"}, page([thread("c1", "Moderator kurang tegas", "2024-11-20T08:00:00Z")]))]
    stats = collect(str(path))[0]
    assert (stats.new, stats.errors) == (3, [])
    posts = raw(config)
    assert {p["post_id"] for p in posts} == {"c1", "c2", "c3"} and all(p["url"] is None for p in posts)
    assert "Penonton" not in json.dumps(posts)
    assert state(config, "yt")["debatVid01"]["newest"] == "2024-11-20T10:00:00Z"


def test_next_run_stops_at_the_newest_stored_comment(project, api):
    path, config = project(SOURCE)
    api[:] = [({"status": "200"}, page([thread("c1", "Moderator kurang tegas", "2024-11-20T08:00:00Z")]))]
    collect(str(path))
    api[:] = [({"status": "200"}, page([thread("c4", "Baru saja nonton", "2024-11-21T08:00:00Z"),
                                       thread("c1", "Moderator kurang tegas", "2024-11-20T08:00:00Z")], "t2"))]
    stats = collect(str(path))[0]
    assert (stats.fetched, stats.new) == (1, 1)


def test_quota_429_is_retried_and_a_bad_body_is_an_error(project, api):
    path, config = project(SOURCE)
    api[:] = [({"status": "429"}, json.dumps({"error": {"code": 429, "message": "rate"}})),
              ({"status": "200"}, page([thread("c1", "Moderator kurang tegas", "2024-11-20T08:00:00Z")]))]
    assert collect(str(path))[0].new == 1
    api[:] = [({"status": "200"}, "<html>bukan json</html>")]
    stats = collect(str(path))[0]
    assert stats.new == 0 and "debatVid01" in stats.errors[0]


def test_missing_api_key_names_the_variable(project, monkeypatch):
    monkeypatch.delenv("YOUTUBE_API_KEY", raising=False)
    path, config = project(SOURCE)
    assert "YOUTUBE_API_KEY" in collect(str(path))[0].errors[0]
