import random

import pyarrow.parquet as pq

from analysis.analyze import dedup
from analysis.analyze.posts import FEATURES, analyze_lines, settings_of
from denyut.config import load_config
from denyut.formats.post import Post
from denyut.io import Line
from denyut.minhash import band_keys, jaccard
from denyut.taxonomy import load_taxonomy
from tests.conftest import write_config

BASE = "paslon dua terbukti bersih dan merakyat jangan percaya fitnah lawan pilih yang pasti pasti saja"


def _groups(tmp_path, texts: list[str]) -> list[tuple[bool, bool, str]]:
    """(exact, near, group) of each text, posted in this order, through the per-post work and the week pass."""
    config = load_config(write_config(tmp_path, "sources: []\n"))
    lines = []
    for i, text in enumerate(texts, start=1):
        post = Post(platform="x", post_id=str(i), author_id="a" * 64, created_at=f"2024-11-19T0{i % 10}:00:00Z", text=text,
                    collected_at="2024-11-25T00:00:00Z", collector="test")
        data = post.model_dump_json().encode() + b"\n"
        lines.append(Line(i, 0, data, len(data)))
    settings = settings_of("2024-W47", load_taxonomy(config.issues_path), config, None, "test")
    pq.write_table(analyze_lines(lines, settings).cast(FEATURES), tmp_path / "part.parquet")
    con = dedup.connect(tmp_path / "tmp", 1, config.analysis.duckdb_memory)
    dedup.load(con, [dedup.Part(tmp_path / "part.parquet", "x.jsonl")])
    dedup.groups(con, 0.8)
    dedup.register_verdicts(con, {})
    dedup.write(con, tmp_path / "week.parquet")
    rows = pq.read_table(tmp_path / "week.parquet").to_pylist()
    return [(r["dup_exact"], r["dup_near"], r["dup_group"]) for r in rows]


def test_exact_and_near_copies_point_to_the_first_post(tmp_path):
    assert _groups(tmp_path, [BASE, BASE, BASE + " mantap"]) == [(False, False, "x:1"), (True, True, "x:1"),
                                                                 (False, True, "x:1")]


def test_a_chain_of_small_edits_stays_in_the_first_posts_group(tmp_path):
    texts = [BASE, BASE + " mantap", BASE + " mantap sekali", BASE + " mantap sekali bro"]
    assert [group for *_, group in _groups(tmp_path, texts)] == ["x:1"] * 4


def test_different_posts_are_not_flagged(tmp_path):
    other = "surat suara di tps dua belas datang terlambat sampai siang hari ini"
    assert _groups(tmp_path, [BASE, other]) == [(False, False, "x:1"), (False, False, "x:2")]


def test_near_means_the_exact_jaccard_similarity_is_at_the_threshold(tmp_path):
    below = BASE.replace("jangan percaya fitnah lawan", "jangan mau diadu domba oleh")
    above = BASE.replace("saja", "aja")
    assert jaccard(BASE, below) < 0.8 <= jaccard(BASE, above)
    assert [near for _, near, _ in _groups(tmp_path, [BASE, below, above])] == [False, False, True]


def test_band_keys_are_the_same_in_any_batch_and_find_nearly_every_pair_at_the_threshold():
    rng = random.Random(3)
    words = BASE.split() + "surat suara tps kpu bawaslu amplop serangan fajar kampanye debat".split()
    pairs = []
    while len(pairs) < 300:
        a = " ".join(rng.choice(words) for _ in range(rng.randint(12, 30)))
        tokens = a.split()
        tokens.insert(rng.randrange(len(tokens)), rng.choice(words))
        b = " ".join(tokens)
        if jaccard(a, b) >= 0.8:
            pairs.append((a, b))
    keys_a = band_keys([a for a, _ in pairs], 0.8)
    keys_b = band_keys([b for _, b in pairs], 0.8)
    assert (keys_a[:7] == band_keys([a for a, _ in pairs[:7]], 0.8)).all()
    assert ((keys_a == keys_b).any(axis=1)).mean() >= 0.98
