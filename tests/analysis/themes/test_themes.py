import random

import yaml

from analysis.themes import ThemeSettings, find_themes
from denyut.formats.review import themes_path, write_themes
from denyut.taxonomy import load_taxonomy

TOPICS = {
    "banjir": ["banjir", "tps", "tergenang", "air", "surut", "warga", "lumpur", "hujan"],
    "beras": ["harga", "beras", "mahal", "pasar", "naik", "dapur", "ibu", "sembako"],
    "jalan": ["jalan", "rusak", "berlubang", "aspal", "desa", "motor", "perbaikan", "janji"],
}
FILLER = "hari ini besok kemarin pagi malam orang kota semua banyak sedikit".split()


def _posts(rng: random.Random, topics: dict[str, int]) -> list[str]:
    texts = []
    for topic, n in topics.items():
        for _ in range(n):
            words = rng.sample(TOPICS[topic], 5) + rng.sample(FILLER, 3)
            rng.shuffle(words)
            texts.append(" ".join(words))
    rng.shuffle(texts)
    return texts


def _by_topic(themes):
    return {next(topic for topic, words in TOPICS.items() if set(t.top(3)) & set(words)): t for t in themes}


def test_planted_topics_become_themes_named_by_their_words_and_the_same_input_gives_the_same_themes():
    texts = _posts(random.Random(1), {"banjir": 60, "beras": 50, "jalan": 40})
    themes = find_themes(texts, "2024-W47", [])
    assert sorted((t.posts for t in themes), reverse=True) == [60, 50, 40]
    found = _by_topic(themes)
    assert set(found) == set(TOPICS) and all(set(found[k].top(3)) <= set(TOPICS[k]) for k in found)
    again = find_themes(list(texts), "2024-W47", [])
    assert [(t.id, t.terms, t.posts) for t in again] == [(t.id, t.terms, t.posts) for t in themes]


def test_a_theme_seen_again_next_week_keeps_its_identity_and_a_new_one_gets_its_own():
    first = find_themes(_posts(random.Random(2), {"banjir": 60, "beras": 50}), "2024-W47", [])
    second = find_themes(_posts(random.Random(3), {"banjir": 45, "jalan": 55}), "2024-W48", first)
    before, after = _by_topic(first), _by_topic(second)
    assert after["banjir"].id == before["banjir"].id and after["banjir"].since == "2024-W47"
    assert after["jalan"].since == "2024-W48" and after["jalan"].id not in {t.id for t in first}


def test_too_few_posts_make_no_theme():
    assert find_themes(_posts(random.Random(4), {"banjir": 10}), "2024-W47", [], ThemeSettings(min_posts=15)) == []


def test_the_review_file_holds_an_issue_block_that_promotes_the_theme_with_one_paste(tmp_path):
    themes = find_themes(_posts(random.Random(5), {"banjir": 60, "beras": 50}), "2024-W47", [])
    write_themes(tmp_path, "2024-W47", [{"id": t.id, "since": t.since, "posts": t.posts, "terms": t.terms,
                                         "examples": ["contoh unggahan"]} for t in themes])
    entries = yaml.safe_load(themes_path(tmp_path, "2024-W47").read_text(encoding="utf-8"))
    assert [e["unggahan"] for e in entries] == [t.posts for t in themes]
    taxonomy = tmp_path / "issues.yaml"
    taxonomy.write_text(yaml.safe_dump({"version": 2, "issues": [entries[0]["jadikan_isu"]]}), encoding="utf-8")
    loaded = load_taxonomy(taxonomy)  # the block is a valid issue as it stands
    assert loaded.tag(" ".join(themes[0].top(3))) == [themes[0].id]
    write_themes(tmp_path, "2024-W47", [])
    assert not themes_path(tmp_path, "2024-W47").exists()  # a week without themes leaves no stale file


PLACES = ["Kampung Baru", "Tanah Merah", "Gunung Sari", "Kota Bahari", "Pasar Lama", "Sungai Kecil"]


def test_a_theme_is_named_by_the_run_of_words_its_posts_share_not_by_a_list_of_keywords():
    rng = random.Random(6)
    texts = _posts(rng, {"beras": 50, "jalan": 40})
    texts += [f"{rng.choice(FILLER)} hujan deras semalam lokasi tps di {rng.choice(PLACES).lower()} tergenang {rng.choice(FILLER)}"
              for _ in range(60)]
    themes = find_themes(texts, "2024-W47", [])
    flood = next(t for t in themes if "deras" in t.terms)
    # the longest run every flood post holds that neither starts nor ends with a stop word ("di")
    assert flood.label == "hujan deras semalam lokasi tps"
    assert {t.label for t in themes if t is not flood} == {None}  # shuffled words: no shared phrase, no made-up name


def test_a_phrase_needs_a_third_of_the_posts_and_one_of_the_heaviest_terms():
    from analysis.themes.core import phrase

    posts = ["banjir di tps utara", "banjir di tps selatan", "warga bilang banjir di tps", "hujan saja", "hujan lagi",
             "hujan deras", "angin", "angin kencang", "angin lagi"]
    assert phrase(posts, ["banjir"], frozenset({"di"})) == "banjir di tps"
    assert phrase(posts, ["hujan"], frozenset({"di"})) is None  # no run with "hujan" is in three posts
    assert phrase(posts, ["angin"], frozenset({"di"})) is None  # "angin" alone, never in a run of two
    assert phrase(posts[:2], ["banjir"], frozenset({"di"})) is None  # fewer than three posts hold it
