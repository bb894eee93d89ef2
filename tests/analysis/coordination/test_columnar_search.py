"""The columnar search (NumPy arrays of object-post pairs, Trace objects only for the posts of a group) finds
exactly the groups of the per-post reference search it replaced (tests/analysis/coordination/reference.py)."""

import random
from datetime import timedelta

import pytest

from analysis.coordination import Settings, find_groups
from denyut.timestamps import format_utc
from tests.analysis.coordination import reference
from tests.analysis.coordination.test_coordination import START, WORDS, _campaign, _organic


def _week(seed: int) -> list[dict]:
    """Independent posts and planted campaigns, with what makes the bookkeeping hard: near copies that chain
    (each changes one more word), posts carrying two campaign links at once (two groups on the same first post),
    blank and bare '#' hashtags, links that differ only by tracking, and posts at the very same second."""
    rng = random.Random(seed)
    posts = _organic(rng, 1500)
    for n, kind in enumerate(["text", "link", "hashtags", "text", "link"]):
        posts += _campaign(rng, f"k{seed}{n}", rng.randint(5, 14), START + timedelta(days=n, hours=rng.randrange(20)), kind)
    base = ("relawan bergerak serentak malam ini untuk mengawal suara di setiap tps kecamatan dan kelurahan, "
            "jangan sampai ada kecurangan sedikit pun").split()
    at = START + timedelta(days=5)
    for a in range(12):
        words = base[:]
        for k in range(a // 3):  # a chain: each third account changes one more word
            words[k * 3] = rng.choice(WORDS)
        for copy in range(rng.randint(1, 2)):
            posts.append({"platform": rng.choice(["x", "telegram"]), "post_id": f"chain-{a}-{copy}",
                          "author_id": f"chain-akun{a}", "created_at": format_utc(at + timedelta(seconds=rng.randrange(900))),
                          "text": " ".join(words), "links": [f"https://www.dua.example/a/?utm_source={a}", "https://tiga.example/b",
                                                             " "],
                          "hashtags": ["#Kawal", "#kawal", "#", " ", "#SuaraRakyat"]})
    same_second = START + timedelta(days=6, hours=3)
    for i in range(8):
        posts.append({"platform": "x", "post_id": f"sama-{i % 4}", "author_id": f"detik{i}",
                      "created_at": format_utc(same_second), "text": f"posting bersamaan nomor {i % 4} tentang hasil hitung cepat",
                      "links": ["https://hitung.example/cepat"], "hashtags": []})
    rng.shuffle(posts)
    return posts


@pytest.mark.parametrize("seed", range(6))
def test_the_columnar_search_finds_the_groups_of_the_per_post_search(seed):
    posts = _week(seed)
    for settings in (Settings(), Settings(max_chance=1.0, min_accounts=3), Settings(text_similarity=0.6, window_s=1800)):
        expected = [g.as_json() for g in reference.find_groups(posts, settings)]
        assert expected, "the week must hold groups for the comparison to mean something"
        assert [g.as_json() for g in find_groups(posts, settings)] == expected


def test_a_week_without_any_shared_object_has_no_groups_and_no_error():
    posts = [{"platform": "x", "post_id": str(i), "author_id": f"a{i}", "created_at": format_utc(START + timedelta(hours=i)),
              "text": "pendek", "links": [], "hashtags": []} for i in range(5)]
    assert find_groups(posts) == [] and find_groups([]) == []
