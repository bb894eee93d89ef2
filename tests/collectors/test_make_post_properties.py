"""Whatever JSON a field holds, make_post gives a Post or a RecordError naming a field, and every Post it
gives survives the raw store's line and the analyze stage's check (Hypothesis)."""

import json
from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collectors.base import RecordError, make_post
from denyut.config import Config, FileSource
from denyut.formats.post import Post

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=60),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=8)
FIELDS = ("platform", "post_id", "author", "text", "created_at", "url", "lang", "links", "reply_to", "repost_of",
          "likes", "reposts", "replies")
GOOD = {"platform": "x", "post_id": "1", "author": "warga", "text": "Surat suara telat", "created_at": "2024-11-19T02:00:00Z"}
SOURCE = FileSource(name="uji", type="jsonl", path="in.jsonl")
CONFIG = Config()
NOW = datetime(2024, 12, 1, tzinfo=UTC)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(field=st.sampled_from(FIELDS), value=JSON_VALUES | st.integers(min_value=-10**30, max_value=10**30))
def test_any_value_in_any_field_is_a_post_or_a_named_refusal(field, value):
    try:
        post = make_post(GOOD | {field: value}, SOURCE, CONFIG, b"k" * 16, NOW, "uji")
    except RecordError as exc:
        assert exc.field and exc.reason
        return
    line = json.dumps(post.to_json_dict(), ensure_ascii=False, sort_keys=True)
    line.encode("utf-8")  # writable as UTF-8
    again = Post.model_validate(json.loads(line))
    assert again.post_id == post.post_id and again.created_at == post.created_at
    assert len(again.to_json_dict()["created_at"]) == 20  # zero-padded 'YYYY-MM-DDTHH:MM:SSZ'


@settings(max_examples=200, deadline=None)
@given(text=st.text(min_size=1, max_size=300))
def test_any_text_is_stored_unchanged_or_refused_by_name(text):
    try:
        post = make_post(GOOD | {"text": text}, SOURCE, CONFIG, b"k" * 16, NOW, "uji")
    except RecordError as exc:
        assert exc.field == "text"
        return
    assert post.text == text


def test_epoch_milliseconds_keep_the_whole_seconds_the_store_keeps():
    """Found by the property test above: 946684800001 ms was a post one millisecond away from its stored line."""
    post = make_post(GOOD | {"created_at": 946_684_800_001}, SOURCE, CONFIG, b"k" * 16, NOW, "uji")
    assert post.created_at == datetime(2000, 1, 1, tzinfo=UTC)
    again = Post.model_validate(json.loads(json.dumps(post.to_json_dict())))
    assert again.created_at == post.created_at
