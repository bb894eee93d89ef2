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


def _import(tmp_path, data: bytes):
    (tmp_path / "in").mkdir(exist_ok=True)
    (tmp_path / "in" / "yt.csv").write_bytes(data)
    (stats,) = collect(str(write_config(tmp_path, SOURCE)))
    config = load_config(tmp_path / "config" / "denyut.yaml")
    quarantined = [json.loads(line) for line in (config.quarantine_dir / "yt.jsonl").read_text().splitlines()] \
        if (config.quarantine_dir / "yt.jsonl").exists() else []
    return stats, quarantined


ROW = "c{n},2024-11-22T09:0{n}:00+07:00,Kanal {n},komentar {n}"


def test_a_bare_carriage_return_ends_a_row_as_a_parser_reads_it_and_no_row_is_lost(tmp_path, key_env):
    data = (HEADER + ROW.format(n=1) + "\r" + ROW.format(n=2) + "\n" + ROW.format(n=3) + ",halo\rdunia\n").encode()
    stats, quarantined = _import(tmp_path, data)
    assert (stats.fetched, stats.new, stats.quarantined) == (4, 2, 2)  # c3 has a column too many; "dunia" is one column
    assert {q["line"] for q in quarantined} == {3}


def test_a_file_of_carriage_returns_only_is_read_line_by_line(tmp_path, key_env):
    stats, _ = _import(tmp_path, "\r".join([HEADER.strip(), *(ROW.format(n=n) for n in range(1, 6))]).encode() + b"\r")
    assert stats.new == 5


def test_a_line_over_the_limit_is_quarantined_not_dropped_even_inside_an_open_quote(tmp_path, key_env):
    long = "x" * (5 * 1024 * 1024)
    data = (HEADER + ROW.format(n=1) + "\n" + f"c2,2024-11-22T09:02:00+07:00,Kanal 2,{long}\n"
            + f'c3,2024-11-22T09:03:00+07:00,Kanal 3,"buka\n{long}\n' + ROW.format(n=4) + "\n").encode()
    stats, quarantined = _import(tmp_path, data)
    assert stats.errors == [] and stats.new == 2  # c1 and c4
    assert stats.fetched == stats.new + stats.quarantined and {q["line"] for q in quarantined} >= {3}


def test_a_csv_holding_only_a_mark_or_blank_lines_is_a_warning_not_an_error(tmp_path, key_env):
    stats, _ = _import(tmp_path, b"\xef\xbb\xbf\n\n")
    assert stats.errors == [] and stats.new == 0 and any("tidak ada catatan" in w for w in stats.warnings)


def test_a_header_that_names_a_column_twice_fails_the_source_naming_it(tmp_path, key_env):
    stats, _ = _import(tmp_path, ("cid,waktu,kanal,isi,isi\n" + ROW.format(n=1) + ",lagi\n").encode())
    assert stats.errors and "kolom header berulang: isi" in stats.errors[0]


def test_utf16_saved_without_its_mark_is_recognised(tmp_path, key_env):
    stats, _ = _import(tmp_path, (HEADER + ROW.format(n=1) + "\n" + ROW.format(n=2) + "\n").encode("utf-16-le"))
    assert stats.new == 2


def test_a_csv_row_still_being_written_waits_for_the_next_run(tmp_path, key_env):
    data = (HEADER + ROW.format(n=1) + "\n" + "c2,2024-11-22T09:02:00+07:00,Kanal 2,komentar yang sedang ditu").encode()
    stats, _ = _import(tmp_path, data)
    assert stats.new == 1 and any("belum diakhiri ganti baris" in w for w in stats.warnings)
    (tmp_path / "in" / "yt.csv").write_bytes(data + b"lis\n")
    (stats,) = collect(str(tmp_path / "config" / "denyut.yaml"))
    assert stats.new == 1
    config = load_config(tmp_path / "config" / "denyut.yaml")
    texts = [json.loads(line)["text"] for p in config.raw_dir.glob("*/*.jsonl") for line in p.read_text().splitlines()]
    assert "komentar yang sedang ditulis" in texts and not (config.data_dir / "revisions").exists()
