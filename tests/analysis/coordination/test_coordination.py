import json
import random
from datetime import UTC, datetime, timedelta

import pytest

from analysis.coordination import Settings, find_groups
from analysis.coordination.__main__ import main, read_posts
from analysis.coordination.core import canonical_link
from denyut.errors import InputError
from denyut.timestamps import format_utc

START = datetime(2024, 11, 4, tzinfo=UTC)
WORDS = ("jalan desa rusak parah harga beras naik terus pelayanan kpu cepat debat semalam seru sekali tps dekat rumah "
         "antre lama panitia ramah surat suara lengkap kampanye di lapangan ramai relawan bagi kaos gratis").split()


def _organic(rng: random.Random, n: int) -> list[dict]:
    """Independent posts: random words, random accounts, spread over a week, some shared news links."""
    posts = []
    for i in range(n):
        tags = rng.sample(["#pilkada2024", "#pilkadadamai", "#kawalpilkada", "#ayomemilih"], rng.randint(0, 2))
        links = [f"https://berita.example/{rng.randrange(40)}"] if rng.random() < 0.2 else []
        posts.append({"platform": "x", "post_id": f"o{i}", "author_id": f"warga{rng.randrange(n // 2)}",
                      "created_at": format_utc(START + timedelta(seconds=rng.randrange(7 * 86400))),
                      "text": " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 18))), "links": links, "hashtags": tags})
    return posts


def _campaign(rng: random.Random, name: str, accounts: int, at: datetime, kind: str) -> list[dict]:
    """A planted group: near-identical text (one word changed), one link, or one hashtag set, within 40 minutes."""
    posts = []
    for a in range(accounts):
        for k in range(rng.randint(1, 3)):
            text = (f"{name}: paslon nomor satu paling jujur dan bersih, programnya nyata untuk warga desa dan kota, "
                    f"sebarkan ke semua grup keluarga {rng.choice(['!', '!!', '🙏', 'ya', 'yuk'])}")
            posts.append({"platform": "x", "post_id": f"{name}-{a}-{k}", "author_id": f"{name}-akun{a}",
                          "created_at": format_utc(at + timedelta(seconds=rng.randrange(2400))),
                          "text": text if kind == "text" else " ".join(rng.choice(WORDS) for _ in range(12)),
                          "links": [f"https://situs.example/{name}?utm_source=wa"] if kind == "link" else [],
                          "hashtags": ["#Satu" + name, "#MenangTotal"] if kind == "hashtags" else []})
    return posts


def _planted(seed: int = 7):
    rng = random.Random(seed)
    planted = {"kampanyeA": "text", "kampanyeB": "link", "kampanyeC": "hashtags"}
    posts = _organic(rng, 3000)
    for n, (name, kind) in enumerate(planted.items()):
        posts += _campaign(rng, name, 12, START + timedelta(days=n + 1, hours=8), kind)
    return posts, planted


def test_planted_groups_are_found_and_independent_posts_are_not():
    posts, planted = _planted()
    groups = find_groups(posts)
    found = {}
    for group in groups:
        names = {p.post_id.split("-")[0] for p in group.posts}
        assert len(names) == 1 and not names & {"o"}, names  # no independent post drawn in
        found[names.pop()] = group
    assert {name: found[name].kind for name in found} == planted
    for name, group in found.items():
        assert group.stats["accounts"] == 12
        assert len(group.posts) == sum(p["post_id"].startswith(name + "-") for p in posts)  # every planted post


def test_groups_do_not_depend_on_the_order_of_the_input():
    posts, _ = _planted(seed=3)
    shuffled = posts[:]
    random.Random(1).shuffle(shuffled)
    assert [g.as_json() for g in find_groups(posts)] == [g.as_json() for g in find_groups(shuffled)]


def test_the_same_text_spread_over_days_is_not_a_group():
    rng = random.Random(5)
    posts = _campaign(rng, "viral", 8, START, "text")
    for n, post in enumerate(posts):  # each an hour apart: a quote that travels, not a burst
        post["created_at"] = format_utc(START + timedelta(hours=n))
    background = _organic(rng, 500)  # a week of other posts: the period the rate is measured over
    assert find_groups(posts + background) == []
    assert len(find_groups(posts + background, Settings(window_s=3 * 3600))) == 1


def test_a_run_as_likely_as_the_objects_own_rate_is_not_a_group():
    """The same hashtag pair used all week by many people: five accounts in ten minutes is chance."""
    rng = random.Random(4)
    posts = [{"platform": "x", "post_id": f"p{i}", "author_id": f"a{rng.randrange(400)}", "hashtags": ["#a", "#b"],
              "created_at": format_utc(START + timedelta(seconds=rng.randrange(7 * 86400))), "text": f"teks {i}",
              "links": []} for i in range(2000)]
    assert find_groups(posts) == []
    assert find_groups(posts, Settings(max_chance=1.0))  # without the chance test, coincidences pass


def test_evidence_level_rests_on_accounts_synchrony_and_repetition():
    rng = random.Random(2)
    burst = _campaign(rng, "serentak", 12, START, "text")
    for post in burst:  # all within one minute, one post per account
        post["created_at"] = format_utc(START + timedelta(seconds=rng.randrange(50)))
    burst = [p for p in burst if p["post_id"].endswith("-0")]
    background = _organic(rng, 500)
    (group,) = find_groups(burst + background)
    assert group.level == "strong" and group.reasons == ["many_accounts", "synchronised"]
    few = [dict(p, created_at=format_utc(START + timedelta(seconds=300 * n))) for n, p in enumerate(burst[:5])]
    (group,) = find_groups(few + background)
    assert group.level == "weak" and group.reasons == ["few_accounts"]


def test_links_differing_only_in_tracking_and_scheme_are_the_same_link():
    assert canonical_link("https://www.Situs.example/a/?utm_source=wa&id=3") == canonical_link("http://situs.example/a?id=3")
    assert canonical_link("https://situs.example/a?id=3") != canonical_link("https://situs.example/a?id=4")


def test_the_contract_writes_groups_with_the_documented_fields(tmp_path):
    posts, _ = _planted(seed=11)
    source = tmp_path / "posts.jsonl"
    source.write_text("".join(json.dumps(p) + "\n" for p in posts), encoding="utf-8")
    assert main(["--in", str(source), "--out", str(tmp_path / "groups.json")]) == 0
    result = json.loads((tmp_path / "groups.json").read_text(encoding="utf-8"))
    assert len(result["groups"]) == 3
    for group in result["groups"]:
        assert {"kind", "post_ids", "author_ids", "start", "end", "level"} <= group.keys()
        assert group["kind"] in ("text", "link", "hashtags") and group["level"] in ("strong", "moderate", "weak")
        assert len(group["author_ids"]) == 12 and group["start"] <= group["end"]


@pytest.mark.parametrize(("line", "field"), [
    ('{"platform": "x", "post_id": "1", "created_at": "2024-11-04T10:00:00Z", "text": "a"}', "author_id"),
    ('{"platform": "x", "post_id": "1", "author_id": "a", "created_at": "2024-11-04 10:00", "text": "a"}', "created_at"),
    ('{"platform": "x", "post_id": "1", "author_id": "a", "created_at": "2024-11-04T10:00:00Z", "text": "a", "links": "u"}',
     "links"),
])
def test_a_bad_line_is_named_with_its_line_and_field(tmp_path, line, field):
    good = '{"platform": "x", "post_id": "0", "author_id": "a", "created_at": "2024-11-04T10:00:00Z", "text": "ok"}'
    path = tmp_path / "posts.jsonl"
    path.write_text(good + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        read_posts(path)
    assert error.value.line == 2 and error.value.field == field and str(path) in str(error.value)
