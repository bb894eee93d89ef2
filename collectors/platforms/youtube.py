"""YouTube comments through google-api-python-client (commentThreads.list, newest first).

An API key comes from the environment. The client retries 429 and 5xx itself (num_retries);
`newest` is the newest publishedAt stored by the last complete run, and the page token is kept
while a video is being walked.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from googleapiclient.discovery import build
from googleapiclient.errors import HttpError

from collectors.base import Page, SourceError
from collectors.registry import network_platform
from denyut import __version__
from denyut.errors import ConfigError

COLLECTOR = f"denyut.youtube/{__version__} (google-api-python-client)"


def client(api_key_env: str, http=None):
    key = os.environ.get(api_key_env)
    if not key:
        raise ConfigError(f"YouTube butuh kunci API: set {api_key_env} (Google Cloud Console → YouTube Data API v3)")
    # static_discovery: the API description ships with the package, nothing is fetched for it
    return build("youtube", "v3", developerKey=key, http=http, static_discovery=True, cache_discovery=False)


def fetch(api, video_id: str, target: dict, max_posts: int, retries: int = 4) -> Iterator[Page]:
    newest = target.get("newest")
    token = target.get("page_token")
    run_newest = target.get("run_newest")
    fetched = 0
    while fetched < max_posts:
        request = api.commentThreads().list(part="snippet", videoId=video_id, order="time", maxResults=100,
                                            textFormat="plainText", pageToken=token)
        try:
            response = request.execute(num_retries=retries)
        except HttpError as exc:
            raise SourceError(f"video {video_id}: HTTP {exc.resp.status}") from None
        except ValueError as exc:  # a body that is not JSON
            raise SourceError(f"video {video_id}: jawaban tidak dapat dibaca ({exc})") from None
        records, reached_old = [], False
        for thread in response.get("items", []):
            top = thread["snippet"]["topLevelComment"]
            snippet = top["snippet"]
            published = snippet["publishedAt"]
            if newest and published <= newest:
                reached_old = True
                break
            run_newest = max(run_newest or "", published)
            records.append({"platform": "youtube", "post_id": top["id"], "author": snippet.get("authorDisplayName", ""),
                            "url": f"https://www.youtube.com/watch?v={video_id}&lc={top['id']}", "created_at": published,
                            "text": snippet.get("textOriginal") or snippet.get("textDisplay", ""),
                            "likes": snippet.get("likeCount"), "replies": thread["snippet"].get("totalReplyCount"),
                            "_where": f"video:{video_id}"})
        fetched += len(records)
        token = response.get("nextPageToken")
        yield Page(records, {"page_token": token, "run_newest": run_newest})
        if reached_old or not token:
            break
    yield Page([], {"newest": run_newest or newest, "page_token": None, "run_newest": None})


PLATFORM = network_platform(
    "youtube", COLLECTOR, targets=lambda source: list(source.video_ids), connect=lambda source, run: client(source.api_key_env),
    fetch=lambda api, source, video, cursor, run: fetch(api, video, cursor, source.max_posts, run.config.http.retries))
