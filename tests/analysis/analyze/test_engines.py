"""The per-post work on every core, on Ray, and only on what is new: the same week's Parquet every way."""

import hashlib
import json
import shutil

import pyarrow.parquet as pq
import pytest

from analysis import analyze
from analysis.analyze import engine
from analysis.analyze.segments import cache_dir
from collectors.__main__ import run as collect
from demo import scale
from denyut import parallel
from denyut.config import load_config
from tests.conftest import write_config


def _project(tmp_path, name: str, posts: int, extra: str = "") -> object:
    root = tmp_path / name
    scale.write(root / "in", posts, seed=7)
    return write_config(root, f"""\
        sources:
          - {{name: x, type: jsonl, path: in/x.jsonl, platform: x}}
          - {{name: tg, type: snscrape-jsonl, path: in/telegram.jsonl}}
        {extra}""")


def _bytes(config_path) -> dict[str, str]:
    config = load_config(config_path)
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(config.processed_dir.glob("*.parquet"))}


@pytest.fixture
def corpus(tmp_path, key_env, monkeypatch):
    monkeypatch.setattr(parallel, "MIN_PARALLEL_BYTES", 0)  # small data, but through the worker processes

    def make(name: str, extra: str = "", posts: int = 1500):
        path = _project(tmp_path, name, posts, extra)
        collect(str(path))
        return path
    return make


@pytest.mark.slow
def test_one_worker_and_two_workers_write_the_same_bytes(corpus):
    one = corpus("one", "analysis: {workers: 1, batch_size: 100}")
    two = corpus("two", "analysis: {workers: 2, batch_size: 100}")
    analyze.run(str(one))
    analyze.run(str(two))
    assert _bytes(one) == _bytes(two) and _bytes(one)
    config = load_config(two)
    rows = pq.read_table(config.processed_dir / "2024-W47.parquet").to_pylist()
    assert len(rows) == sum(p.read_bytes().count(b"\n") for p in config.raw_dir.glob("*/*.jsonl"))  # every post
    assert sum(r["dup_exact"] for r in rows) > 100 and all(r["dup_near"] for r in rows if r["dup_exact"])


@pytest.mark.slow
def test_a_new_day_is_analysed_alone_and_gives_the_week_a_full_analysis_would(corpus, monkeypatch):
    path = corpus("grow", "analysis: {workers: 1, batch_size: 200}")
    config = load_config(path)
    day = sorted(config.raw_dir.glob("x/*.jsonl"))[-1]
    held = day.read_bytes()
    day.unlink()  # the week without its last X day
    analyze.run(str(path))
    segments = cache_dir(config.processed_dir, "2024-W47")
    before = {p.name: p.stat().st_mtime_ns for p in segments.glob("*.parquet")}
    analyzed_lines: list[int] = []
    real_lines = engine.analyze_lines

    def spy(lines, settings):
        analyzed_lines.extend(line.number for line in lines)
        return real_lines(lines, settings)
    monkeypatch.setattr(engine, "analyze_lines", spy)
    cut = held[: len(held) // 2].rfind(b"\n") + 1
    day.write_bytes(held[:cut])  # half a day arrives, then the rest
    analyze.run(str(path))
    first_half = len(analyzed_lines)
    assert first_half == held[:cut].count(b"\n")
    day.write_bytes(held)
    analyze.run(str(path))
    assert len(analyzed_lines) - first_half == held.count(b"\n") - held[:cut].count(b"\n")  # only the new lines
    after = {p.name: p.stat().st_mtime_ns for p in segments.glob("*.parquet")}
    assert all(after[name] == mtime for name, mtime in before.items())  # earlier segments kept as they were
    grown = _bytes(path)
    shutil.rmtree(config.processed_dir)
    analyze.run(str(path), force=True)
    assert _bytes(path) == grown


@pytest.mark.slow
def test_a_changed_raw_file_is_analysed_again_from_where_it_changed(corpus):
    path = corpus("edit", "analysis: {workers: 1}", posts=400)
    config = load_config(path)
    analyze.run(str(path))
    day = sorted(config.raw_dir.glob("x/*.jsonl"))[0]
    lines = day.read_bytes().splitlines(keepends=True)
    record = json.loads(lines[0])
    record["text"] = "Teks yang diganti di belakang penyimpanan: surat suara rusak di TPS 9"
    day.write_bytes(json.dumps(record).encode() + b"\n" + b"".join(lines[1:]))
    analyze.run(str(path))
    rows = {r["post_id"]: r for r in pq.read_table(config.processed_dir / "2024-W47.parquet").to_pylist()}
    assert rows[record["post_id"]]["text"].startswith("Teks yang diganti")


@pytest.mark.enable_socket
@pytest.mark.slow
def test_the_ray_engine_gives_the_local_engines_labels_and_bytes(corpus):
    ray = pytest.importorskip("ray", reason="needs Ray (pip install -e '.[ray]')")
    local = corpus("local", "analysis: {workers: 1, batch_size: 250}", posts=1200)
    on_ray = corpus("ray", "analysis: {engine: ray, batch_size: 250, ray: {actors: 2, batch_lines: 300}}", posts=1200)
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    try:
        analyze.run(str(on_ray))
    finally:
        ray.shutdown()
    analyze.run(str(local))
    assert _bytes(local) == _bytes(on_ray)
    rows = pq.read_table(load_config(on_ray).processed_dir / "2024-W47.parquet").to_pylist()
    assert {r["model_sentiment"] for r in rows if r["lang"] == "id"} == {"negative", "neutral", "positive"}
