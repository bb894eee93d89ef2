import json

import pyarrow.parquet as pq
import pytest

from analysis import analyze
from analysis.sentiment import classify, load_model
from collectors.__main__ import run as collect
from denyut.config import load_config
from tests.conftest import write_config

POSTS = [
    # (id, UTC time, text)
    ("1", "2024-11-18T02:00:00Z", "Surat suara telat datang di TPS 5, kecewa berat 😡 #Pilkada2024"),
    ("2", "2024-11-18T03:00:00Z", "Surat suara telat datang di TPS 5, kecewa berat 😡 #Pilkada2024"),
    ("3", "2024-11-18T04:00:00Z", "Surat suara telat datang di TPS 5, kecewa berat banget 😡 #Pilkada2024"),
    ("4", "2024-11-19T05:00:00Z", "Just voted, the polling station staff were friendly and efficient"),
    ("5", "2024-11-24T16:30:00Z", "Salut sama petugas KPPS, kerja keras dan teliti sampai malam"),   # Sunday 23:30 WIB
    ("6", "2024-11-24T17:30:00Z", "Serangan fajar masih marak, amplop dibagi2 semalam"),          # Monday 00:30 WIB
]


@pytest.fixture
def project(tmp_path, key_env):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "x.jsonl").write_text("\n".join(
        json.dumps({"id": i, "created_at": t, "text": text, "author": f"user{i}"}) for i, t, text in POSTS) + "\n")
    return write_config(tmp_path, "sources:\n  - {name: x, type: jsonl, path: in/x.jsonl, platform: x}\n")


def _rows(config, week):
    return {r["post_id"]: r for r in pq.read_table(config.processed_dir / f"{week}.parquet").to_pylist()}


def test_posts_land_in_their_wib_week_with_every_column(project):
    collect(str(project))
    assert analyze.run(str(project)) == {"2024-W47": "analyzed", "2024-W48": "analyzed"}
    config = load_config(project)
    w47, w48 = _rows(config, "2024-W47"), _rows(config, "2024-W48")
    assert set(w47) == {"1", "2", "3", "4", "5"} and set(w48) == {"6"}
    assert w47["2"]["dup_exact"] and w47["2"]["dup_group"] == "x:1"
    assert w47["3"]["dup_near"] and not w47["3"]["dup_exact"]
    assert not w47["1"]["dup_exact"] and not w47["1"]["dup_near"]
    assert w47["4"]["lang"] == "en" and w47["4"]["sentiment"] is None and w47["4"]["issues"] == []
    # the stage uses the very model and code path of the sentiment contract
    labels, proba = classify(load_model("embedded"), [POSTS[0][2]])
    assert w47["1"]["sentiment"] == labels[0] and abs(w47["1"]["p_negative"] - proba[0][0]) < 1e-6
    assert "logistik" in w47["1"]["issues"]
    assert w48["6"]["issues"] == ["politik-uang"]
    assert w47["1"]["sentiment_model"].startswith("embedded@")
    assert abs(w47["1"]["p_positive"] + w47["1"]["p_neutral"] + w47["1"]["p_negative"] - 1) < 1e-5
    meta = json.loads((config.processed_dir / "2024-W47.json").read_text())
    assert meta["counts"]["posts"] == 5 and meta["counts"]["lang:en"] == 1


def test_only_the_week_whose_raw_files_changed_is_redone(project):
    collect(str(project))
    analyze.run(str(project))
    config = load_config(project)
    w47_bytes = (config.processed_dir / "2024-W47.parquet").read_bytes()
    with open(project.parent.parent / "in" / "x.jsonl", "a") as handle:
        handle.write(json.dumps({"id": "7", "created_at": "2024-11-26T01:00:00Z", "text": "golput aja lah", "author": "u7"}) + "\n")
    collect(str(project))
    assert analyze.run(str(project)) == {"2024-W47": "up to date", "2024-W48": "analyzed"}
    assert (config.processed_dir / "2024-W47.parquet").read_bytes() == w47_bytes
    assert set(_rows(config, "2024-W48")) == {"6", "7"}


def test_a_torn_last_line_is_counted_not_fatal(project, capsys):
    collect(str(project))
    config = load_config(project)
    day_file = next(config.raw_dir.glob("x/2024-11-25.jsonl"))
    with open(day_file, "a") as handle:
        handle.write('{"platform": "x", "post_id": "9", "te')
    analyze.run(str(project))
    meta = json.loads((config.processed_dir / "2024-W48.json").read_text())
    assert meta["counts"]["unreadable"] == 1 and meta["counts"]["posts"] == 1
    assert "2024-11-25.jsonl, baris 2" in capsys.readouterr().err


def test_nothing_to_analyze_is_a_clear_error(tmp_path, key_env):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "x.jsonl").write_text("")
    config = write_config(tmp_path, "sources:\n  - {name: x, type: jsonl, path: in/x.jsonl, platform: x}\n")
    assert analyze.main(["--config", str(config)]) == 2


def test_a_raw_line_that_breaks_the_contract_is_quarantined_and_the_week_goes_on(project):
    collect(str(project))
    config = load_config(project)
    day_file = next(config.raw_dir.glob("x/2024-11-18.jsonl"))
    good = json.loads(day_file.read_text().splitlines()[0])
    poisoned = [good | {"post_id": "p1", "created_at": "1-01-01T00:00:00Z"},  # an unpadded year, as old versions wrote
                good | {"post_id": "p2", "likes": 2**70},  # a count no Parquet column can hold
                good | {"post_id": "p3", "created_at": "2024-12-30T01:00:00Z"},  # in the file of another week
                good | {"post_id": "p4", "text": ["bukan", "teks"]}]
    with open(day_file, "a") as handle:
        handle.write("".join(json.dumps(r) + "\n" for r in poisoned))
    assert analyze.run(str(project))["2024-W47"] == "analyzed"
    meta = json.loads((config.processed_dir / "2024-W47.json").read_text())
    assert meta["counts"]["quarantined"] == 4 and meta["counts"]["posts"] == 5
    refused = [json.loads(line) for line in (config.quarantine_dir / "analyze" / "2024-W47.jsonl").read_text().splitlines()]
    assert [(r["line"], r["field"]) for r in refused] == [(4, "created_at"), (5, "likes"), (6, "created_at"), (7, "text")]
    assert all(r["reason"].startswith("2024-W47: ") for r in refused)
    assert "2025-W01" in refused[2]["reason"]


def test_each_post_is_placed_from_its_source_region_its_profile_location_or_its_text(tmp_path, key_env):
    (tmp_path / "in").mkdir()
    rows = [("a", "Antrean panjang di TPS Kabupaten Sragen tadi pagi", None),
            ("b", "Debat semalam seru banget", "Brebes, Jawa Tengah"),
            ("c", "Kotak suara sudah tiba", None),
            ("d", "Pemilu damai ya semua", None)]
    (tmp_path / "in" / "x.jsonl").write_text("".join(json.dumps(
        {"id": i, "created_at": "2024-11-19T02:00:00Z", "text": text, "author": f"u{i}", "location": where})
        + "\n" for i, text, where in rows))
    (tmp_path / "in" / "t.jsonl").write_text(json.dumps(
        {"id": "c", "created_at": "2024-11-19T03:00:00Z", "text": "Kotak suara sudah tiba di kecamatan", "author": "kanal"}) + "\n")
    path = write_config(tmp_path, "sources:\n  - {name: x, type: jsonl, path: in/x.jsonl, platform: x}\n"
                                  "  - {name: kanal-purwakarta, type: jsonl, path: in/t.jsonl, platform: telegram, region: '32.14'}\n")
    collect(str(path))
    analyze.run(str(path))
    config = load_config(path)
    posts = {(r["platform"], r["post_id"]): r for r in pq.read_table(config.processed_dir / "2024-W47.parquet").to_pylist()}
    placed = {key: (r["province_codes"], r["regency_codes"], r["place_source"]) for key, r in posts.items()}
    assert placed[("x", "a")] == (["33"], ["33.14"], "text")  # Kabupaten Sragen, Jawa Tengah
    assert placed[("x", "b")] == (["33"], ["33.29"], "location")  # Kabupaten Brebes
    assert placed[("telegram", "c")] == (["32"], ["32.14"], "config")  # Kabupaten Purwakarta, Jawa Barat
    assert placed[("x", "d")] == ([], [], "")
    assert "location" not in posts[("x", "b")]  # the profile's words stay in the raw store, never in the week's file


def test_a_source_region_that_is_no_kemendagri_code_is_named(tmp_path, key_env, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "x.jsonl").write_text(json.dumps(
        {"id": "1", "created_at": "2024-11-19T02:00:00Z", "text": "halo", "author": "u"}) + "\n")
    path = write_config(tmp_path, "sources:\n  - {name: x, type: jsonl, path: in/x.jsonl, platform: x, region: '99.99'}\n")
    collect(str(path))
    assert analyze.main(["--config", str(path)]) == 2
    assert "sources[0] (x).region: kode wilayah tidak dikenal: '99.99'" in capsys.readouterr().err
