"""10,000 malformed records of every known kind, mixed with valid ones, in a JSONL and a CSV export:
the import must not raise, must store every valid record once, quarantine every bad one naming its
line and field, and no hostile text may reach a built page unescaped."""

import json
import re
from collections import Counter

import pytest
from bs4 import BeautifulSoup

from analysis import analyze, report
from analysis import site as site_stage
from collectors.__main__ import main as collect_main
from denyut.config import load_config
from tests.collectors import fuzz
from tests.conftest import write_config

pytestmark = [pytest.mark.slow]

JSONL_BAD, JSONL_VALID, CSV_BAD, CSV_VALID = 10_000, 2_500, 1_500, 500


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    base = tmp_path_factory.mktemp("fuzz")
    (base / "in").mkdir()
    jsonl, jsonl_cases = fuzz.jsonl(seed=2024, bad=JSONL_BAD, valid=JSONL_VALID)
    table, csv_cases = fuzz.csv_export(seed=2029, bad=CSV_BAD, valid=CSV_VALID)
    (base / "in" / "fuzz.jsonl").write_bytes(jsonl)
    (base / "in" / "fuzz.csv").write_bytes(table)
    path = write_config(base, """\
project: {demo: true}
public_accounts:
  - {platform: x, handle: kpu_contoh, name: "KPU <b>Contoh</b>", kind: penyelenggara}
sources:
  - {name: fuzz-jsonl, type: jsonl, path: in/fuzz.jsonl, platform: x}
  - {name: fuzz-csv, type: csv, path: in/fuzz.csv, platform: youtube, columns: {url: null}}
""")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DENYUT_PSEUDONYM_KEY", "fuzz-key-0123456789abcdef")
        code = collect_main(["--config", str(path)])
    return path, load_config(path), code, {"fuzz-jsonl": jsonl_cases, "fuzz-csv": csv_cases}


def _quarantined(config, source):
    return {r["line"]: r for r in map(json.loads, (config.quarantine_dir / f"{source}.jsonl").read_text().splitlines())}


def test_the_fuzz_covers_every_kind_with_over_ten_thousand_bad_records(imported):
    *_, cases = imported
    bad = [c for cs in cases.values() for c in cs if c.outcome == "quarantined"]
    assert len(bad) >= 10_000
    kinds = Counter(c.kind for c in bad)
    assert len(kinds) >= 45 and min(kinds.values()) >= 20, kinds


def test_the_import_runs_through_with_no_source_error(imported, capsys):
    _, config, code, _ = imported
    assert code == 0
    run = json.loads((config.data_dir / "collect" / "last_run.json").read_text())
    assert [row["errors"] for row in run["sources"]] == [0, 0]


@pytest.mark.parametrize("source", ["fuzz-jsonl", "fuzz-csv"])
def test_every_bad_record_is_quarantined_once_naming_its_line_and_field(imported, source):
    _, config, _, cases = imported
    quarantined = _quarantined(config, source)
    expected = {c.line: c for c in cases[source] if c.outcome == "quarantined"}
    assert sorted(quarantined) == sorted(expected)
    wrong = [(line, expected[line].kind, r["field"], r["reason"]) for line, r in quarantined.items()
             if r["field"] != expected[line].field or not r["reason"]]
    assert wrong == []
    lines = (config.quarantine_dir / f"{source}.jsonl").read_text().splitlines()
    assert len(lines) == len(quarantined)  # once each


def test_bad_bytes_are_named_by_their_offset_and_kept_escaped(imported):
    _, config, _, cases = imported
    data = (config.base_dir / "in" / "fuzz.jsonl").read_bytes()
    record = next(r for r in _quarantined(config, "fuzz-jsonl").values() if "bukan UTF-8" in r["reason"])
    offset = int(re.search(r"byte ke-(\d+)", record["reason"])[1])
    assert data[offset] == 0xFF and "\\xff\\xfe" in record["record"]


@pytest.mark.parametrize("source,platform", [("fuzz-jsonl", "x"), ("fuzz-csv", "youtube")])
def test_every_valid_record_is_stored_exactly_once_and_revisions_beside_it(imported, source, platform):
    _, config, _, cases = imported
    stored = Counter(json.loads(line)["post_id"] for p in config.raw_dir.glob(f"{platform}/*.jsonl")
                     for line in p.read_text().splitlines())
    expected = Counter(c.post_id for c in cases[source] if c.outcome == "stored")
    assert stored == expected
    revised = Counter(json.loads(line)["post_id"] for p in (config.data_dir / "revisions").glob(f"{platform}/*.jsonl")
                      for line in p.read_text().splitlines())
    assert revised == Counter(c.post_id for c in cases[source] if c.outcome == "revision")


def test_the_run_table_adds_up(imported):
    _, config, _, cases = imported
    run = {row["source"]: row for row in json.loads((config.data_dir / "collect" / "last_run.json").read_text())["sources"]}
    for source, rows in cases.items():
        r = run[source]
        assert r["fetched"] == len(rows) == r["new"] + r["duplicates"] + r["revisions"] + r["outside_window"] + r["quarantined"]


def test_what_the_import_accepted_every_later_stage_processes_and_no_payload_reaches_a_page(imported):
    path, config, _, _ = imported
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DENYUT_PSEUDONYM_KEY", "fuzz-key-0123456789abcdef")
        assert set(analyze.run(str(path)).values()) == {"analyzed"}
        assert set(report.run(str(path)).values()) == {"reported"}
        assert site_stage.run(str(path))[0] == "built"
    assert not list((config.quarantine_dir / "analyze").glob("*.jsonl"))  # nothing the import let in broke the contract
    built = {p: p.read_text(encoding="utf-8") for p in config.preview_dir.rglob("*.html")}
    quotes = [q for text in built.values() for q in BeautifulSoup(text, "lxml").select("blockquote.denyut-quote")]
    assert quotes, "the hostile posts of the public account are quoted somewhere"
    for page, text in built.items():
        for payload in fuzz.HOSTILE:
            if payload.startswith("<") or payload.startswith('"'):
                assert payload not in text, (page, payload)
        assert "<b>Contoh</b>" not in text, page
    for quote in quotes:
        assert not quote.find(["script", "img", "svg", "iframe"]), quote
