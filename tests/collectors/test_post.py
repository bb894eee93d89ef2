from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from collectors.post import extract_hashtags, pseudonymize
from denyut.formats.post import Post


def _post(**overrides):
    fields = dict(platform="x", post_id="1", author_id="a" * 64, created_at="2024-11-20T01:00:00Z", text="halo",
                  collected_at=datetime(2024, 11, 21, tzinfo=UTC), collector="t/0")
    return Post.model_validate(fields | overrides)


def test_pseudonym_is_stable_keyed_and_ignores_case_and_at_sign():
    a = pseudonymize("x", "@Budi_S", b"kunci-satu-0123456789")
    assert a == pseudonymize("X", "budi_s", b"kunci-satu-0123456789")
    assert a != pseudonymize("x", "budi_s", b"kunci-dua-0123456789")
    assert a != pseudonymize("telegram", "budi_s", b"kunci-satu-0123456789")
    assert "budi" not in a


def test_name_is_only_kept_for_public_accounts():
    with pytest.raises(ValidationError, match="author_name"):
        _post(author_name="Budi")
    assert _post(author_name="KPU", author_public=True).author_name == "KPU"


def test_time_without_zone_is_rejected_and_times_become_utc():
    with pytest.raises(ValidationError, match="zona waktu"):
        _post(created_at="2024-11-20T08:00:00")
    assert _post(created_at="2024-11-20T08:00:00+07:00").created_at == datetime(2024, 11, 20, 1, tzinfo=UTC)


def test_hashtags_are_lower_cased_and_unique():
    assert extract_hashtags("#Pilkada2024 mantap #pilkada2024 #KawalPemilu, email a#b") == ["kawalpemilu", "pilkada2024"]
