"""The per-post work: one pure function of raw lines, the same rows however it is batched or cached."""

import json

from analysis.analyze import posts
from analysis.analyze.language import detect, detect_many
from analysis.analyze.posts import analyze_lines, settings_of
from demo import corpus
from demo.generate import generate
from denyut.config import load_config
from denyut.formats.post import Post
from denyut.io import Line
from denyut.normalize import normalize
from denyut.paths import EMBEDDED_MODEL_DIR
from denyut.taxonomy import load_taxonomy
from tests.conftest import write_config


def _lines(texts: list[str]) -> list[Line]:
    out = []
    for i, text in enumerate(texts, start=1):
        data = Post(platform="x", post_id=str(i), author_id="b" * 64, created_at="2024-11-19T03:00:00Z", text=text,
                    collected_at="2024-11-25T00:00:00Z", collector="test").model_dump_json().encode() + b"\n"
        out.append(Line(i, 0, data, len(data)))
    return out


def test_rows_do_not_depend_on_batching_or_on_what_the_worker_saw_before(tmp_path, monkeypatch):
    config = load_config(write_config(tmp_path, "sources: []\n"))
    settings = settings_of("2024-W47", load_taxonomy(config.issues_path), config, str(EMBEDDED_MODEL_DIR), "embedded@test")
    texts = [item.text for item in generate(scale=0.05)[:300]]
    texts += texts[:40]  # copies of earlier posts
    lines = _lines(texts)
    whole = analyze_lines(lines, settings).to_pylist()
    monkeypatch.setattr(posts, "CACHE", 7)  # a tiny cache, cleared again and again within a chunk
    posts._derived_cache.clear()
    pieces = [row for start in range(0, len(lines), 23) for row in analyze_lines(lines[start:start + 23], settings).to_pylist()]
    assert pieces == whole
    assert {r["lang"] for r in whole} >= {"id", "en"} and all(r["model_sentiment"] for r in whole if r["lang"] == "id")


def test_a_line_that_breaks_the_contract_comes_back_with_its_reason(tmp_path):
    config = load_config(write_config(tmp_path, "sources: []\n"))
    settings = settings_of("2024-W47", load_taxonomy(config.issues_path), config, None, "test")
    good = _lines(["Surat suara telat datang di TPS 5"])[0]
    other_week = json.loads(good.data) | {"created_at": "2024-12-02T03:00:00Z"}
    bad = [Line(2, 0, b'{"id": 1', 8), Line(3, 0, json.dumps(other_week).encode(), 10), Line(4, 0, None, 5_000_000)]
    rows = analyze_lines([good, *bad], settings).to_pylist()
    assert [(r["line"], r["status"], r["problem_field"]) for r in rows] == [
        (1, "ok", None), (2, "unreadable", None), (3, "quarantined", "created_at"), (4, "unreadable", None)]
    assert "JSON" in rows[1]["problem"] and "pekan 2024-W49" in rows[2]["problem"] and "terlalu panjang" in rows[3]["problem"]


def test_the_batched_language_model_gives_the_labels_of_one_text_at_a_time():
    texts = [normalize(t) for t in [item.text for item in generate(scale=0.05)[:400]] + corpus.ENGLISH + corpus.REGIONAL
             + ["", "🔥🔥", "ok", "SEMUA HURUF BESAR DI SINI", "mantul gan 👍👍 #Pilkada2024"]]
    assert detect_many(texts) == [detect(t) for t in texts]
    assert {"id", "en", "und"} <= set(detect_many(texts))
