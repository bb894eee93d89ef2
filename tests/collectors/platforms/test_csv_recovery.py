"""No valid CSV row is lost to a stray quote: rows are split as a CSV parser splits them, and a quote that
never closes costs its own line only. Every row of the export is accounted for: stored, or quarantined
with its line."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import collectors.platforms.files as files
from collectors.__main__ import run as collect
from denyut.config import load_config
from tests.conftest import write_config

HEADER = "cid,waktu,kanal,isi\n"
SOURCE = ("sources:\n  - {name: yt, type: csv, path: in/yt.csv, platform: youtube, "
          "columns: {post_id: cid, created_at: waktu, author: kanal, text: isi, url: null}}\n")
VALID = {
    "plain": "c{n},2024-11-22T09:00:00+07:00,Kanal {n},komentar biasa {n}\n",
    "inch_quote": 'c{n},2024-11-22T09:00:00+07:00,Kanal {n},layar 5" bagus {n}\n',  # a quote inside a plain field
    "two_inch_quotes": 'c{n},2024-11-22T09:00:00+07:00,Kanal {n},"layar 5"" dan 6"" {n}"\n',
    "quoted_break": 'c{n},2024-11-22T09:00:00+07:00,Kanal {n},"baris satu\nbaris dua, ""kutip"" {n}"\n',
    "quote_in_author": 'c{n},2024-11-22T09:00:00+07:00,Kanal "{n}",komentar\n',
}
BAD = {
    "unclosed": 'c{n},2024-11-22T09:00:00+07:00,Kanal {n},"kutip tak ditutup {n}\n',
    "closed_then_text": 'c{n},2024-11-22T09:00:00+07:00,Kanal {n},"kata"lagi {n}\n',
    "short": "c{n},2024-11-22T09:00:00+07:00,Kanal {n}\n",
    "unclosed_author": 'c{n},2024-11-22T09:00:00+07:00,"Kanal {n},isi\n',
}
KINDS = sorted(VALID) + sorted(BAD)


def _export(kinds: list[str]) -> tuple[str, dict[str, int], dict[int, str]]:
    """The CSV text, the valid rows' ids → their first line, the bad rows' first line → kind."""
    text, valid, bad, line = HEADER, {}, {}, 1
    for n, kind in enumerate(kinds):
        row = (VALID.get(kind) or BAD[kind]).format(n=n)
        line += 1
        if kind in VALID:
            valid[f"c{n}"] = line
        else:
            bad[line] = kind
        text += row
        line += row.count("\n") - 1
    return text, valid, bad


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(KINDS), min_size=1, max_size=40))
def test_no_valid_row_is_lost_and_every_bad_row_is_refused_on_its_own_line(tmp_path, kinds):
    (tmp_path / "in").mkdir(exist_ok=True)
    text, valid, bad = _export(kinds)
    path = tmp_path / "in" / "yt.csv"
    path.write_text(text, encoding="utf-8")
    source = load_config(write_config(tmp_path, SOURCE)).sources[0]
    records = list(files._csv_records(source, path))
    stored = {r.fields["post_id"]: r.line for r in records if r.fields is not None}
    refused = {r.line for r in records if r.fields is None}
    assert stored == valid, kinds
    assert refused == set(bad), kinds


def test_the_inch_mark_example_stores_every_row_and_the_table_adds_up(tmp_path, key_env):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "yt.csv").write_text(HEADER + 'a1,2024-11-22T09:00:00+07:00,Kanal A,layar 5" bagus\n'
                                            "a2,2024-11-22T09:01:00+07:00,Kanal B,setuju\n"
                                            'a3,2024-11-22T09:02:00+07:00,Kanal C,"kutip lagi"\n'
                                            'a4,2024-11-22T09:03:00+07:00,Kanal D,"tidak ditutup\n'
                                            "a5,2024-11-22T09:04:00+07:00,Kanal E,sesudahnya\n", encoding="utf-8")
    (stats,) = collect(str(write_config(tmp_path, SOURCE)))
    assert (stats.fetched, stats.new, stats.quarantined) == (5, 4, 1)
    assert stats.fetched == stats.new + stats.duplicates + stats.revisions + stats.outside_window + stats.quarantined
    config = load_config(tmp_path / "config" / "denyut.yaml")
    (entry,) = [json.loads(line) for line in (config.quarantine_dir / "yt.jsonl").read_text().splitlines()]
    assert entry["line"] == 5 and "tanda kutip tidak ditutup" in entry["reason"]
