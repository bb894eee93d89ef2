import json
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import collectors.platforms.files as files
from collectors.__main__ import main as collect_main
from collectors.__main__ import run as collect
from collectors.post import pseudonymize
from denyut.config import load_config
from tests.conftest import KEY, write_config

CONFIG = """\
public_accounts:
  - {platform: x, handle: kpu_contoh, name: "KPU Contoh", kind: penyelenggara}
sources:
  - {name: ekspor-x, type: jsonl, path: in/x.jsonl, platform: x}
  - {name: telegram, type: snscrape-jsonl, path: in/tg.jsonl}
  - name: youtube
    type: csv
    path: in/yt.csv
    platform: youtube
    columns: {post_id: cid, created_at: waktu, author: kanal, text: isi, url: null}
"""


def _write_inputs(base):
    (base / "in").mkdir()
    rows = [
        {"id": "10", "created_at": "2024-11-24T16:30:00Z", "text": "Surat suara telat #Pilkada", "author": "warga_satu"},
        {"id": "11", "created_at": "2024-11-24T17:10:00Z", "text": "TPS ramah disabilitas", "author": "kpu_contoh", "likes": 3},
        {"id": "12", "created_at": "2024-11-20 10:00:00", "text": "tanpa zona", "author": "warga_dua"},
        {"id": "13", "created_at": "2024-11-20T10:00:00Z", "text": "   ", "author": "warga_dua"},
        {"id": "14", "created_at": "2024-11-20T10:00:00Z", "text": "angka suka rusak", "author": "w", "likes": "banyak"},
    ]
    lines = [json.dumps(r) for r in rows] + ['{"id": "15", "text": "terpotong']
    (base / "in" / "x.jsonl").write_text("\n".join(lines) + "\n")
    tg = [
        {"_type": "snscrape.modules.telegram.TelegramPost", "url": "https://t.me/kanalinfo/7",
         "date": "2024-11-21T03:00:00+00:00", "content": "Rekapitulasi dimulai", "outlinks": ["https://example.org/a"]},
        {"_type": "snscrape.modules.twitter.Tweet", "url": "https://x.com/u/status/99", "id": 99,
         "date": "2024-11-21T04:00:00+00:00", "rawContent": "cuitan lama", "user": {"username": "pengguna_lama"},
         "likeCount": 4, "retweetCount": 1, "replyCount": 0, "lang": "in"},
        {"_type": "snscrape.modules.telegram.Channel", "username": "bukan_unggahan"},
    ]
    (base / "in" / "tg.jsonl").write_text("\n".join(json.dumps(r) for r in tg) + "\n")
    (base / "in" / "yt.csv").write_text(
        "cid,waktu,kanal,isi\nc1,2024-11-22T09:00:00+07:00,Kanal Satu,\"komentar, dengan koma\"\nc2,2024-11-22T09:00:00+07:00,,tanpa penulis\n")


@pytest.fixture
def project(tmp_path, key_env):
    _write_inputs(tmp_path)
    return write_config(tmp_path, CONFIG)


def _raw_records(config):
    return [json.loads(line) for path in sorted(config.raw_dir.glob("*/*.jsonl")) for line in path.read_text().splitlines()]


def test_import_maps_every_format_to_posts_in_wib_day_files(project):
    stats = {s.source: s for s in collect(str(project))}
    config = load_config(project)
    assert (stats["ekspor-x"].new, stats["telegram"].new, stats["youtube"].new) == (2, 2, 1)
    # 16:30 UTC Sunday is Sunday 23:30 WIB; 17:10 UTC is Monday 00:10 WIB.
    files = sorted(str(p.relative_to(config.raw_dir)) for p in config.raw_dir.glob("*/*.jsonl"))
    assert files == ["telegram/2024-11-21.jsonl", "x/2024-11-21.jsonl", "x/2024-11-24.jsonl", "x/2024-11-25.jsonl",
                     "youtube/2024-11-22.jsonl"]
    records = {(r["platform"], r["post_id"]): r for r in _raw_records(config)}
    # the channel name inside a Telegram post id is replaced by its pseudonym; the link is dropped
    channel = pseudonymize("telegram", "kanalinfo", KEY.encode())[:16]
    assert records[("telegram", f"{channel}/7")]["links"] == ["https://example.org/a"]
    assert records[("telegram", f"{channel}/7")]["url"] is None
    assert records[("x", "11")]["author_public"] is True and records[("x", "10")]["author_public"] is False
    assert records[("x", "99")]["likes"] == 4
    assert records[("x", "10")]["hashtags"] == ["pilkada"]
    assert records[("youtube", "c1")]["text"] == "komentar, dengan koma"


def test_authors_are_pseudonymised_and_only_public_names_kept(project):
    collect(str(project))
    config = load_config(project)
    raw_text = "".join(p.read_text() for p in config.raw_dir.glob("*/*.jsonl"))
    for handle in ("warga_satu", "kanalinfo\"", "pengguna_lama", "Kanal Satu"):
        assert handle not in raw_text
    public = [r for r in _raw_records(config) if r["author_public"]]
    assert [(r["post_id"], r["author_name"]) for r in public] == [("11", "KPU Contoh")]


def test_bad_records_are_quarantined_with_file_line_and_field(project):
    stats = {s.source: s for s in collect(str(project))}
    assert (stats["ekspor-x"].quarantined, stats["telegram"].quarantined, stats["youtube"].quarantined) == (4, 1, 1)
    config = load_config(project)
    entries = [json.loads(l) for p in sorted(config.quarantine_dir.glob("*.jsonl")) for l in p.read_text().splitlines()]
    by_line = {(e["source"], e["line"]): e for e in entries}
    assert by_line[("ekspor-x", 3)]["field"] == "created_at" and "zona waktu" in by_line[("ekspor-x", 3)]["reason"]
    assert by_line[("ekspor-x", 4)]["field"] == "text"
    assert by_line[("ekspor-x", 5)]["field"] == "likes"
    assert by_line[("ekspor-x", 6)]["field"] is None and "JSON" in by_line[("ekspor-x", 6)]["reason"]
    assert by_line[("telegram", 3)]["field"] == "_type"
    assert by_line[("youtube", 3)]["field"] == "kanal"  # the export's own column, mapped to author
    assert all(e["file"].endswith((".jsonl", ".csv")) for e in entries)


def test_importing_the_same_files_twice_adds_nothing(project):
    collect(str(project))
    config = load_config(project)
    before = {p: p.read_bytes() for p in config.raw_dir.glob("*/*.jsonl")}
    quarantine_before = {p: p.read_bytes() for p in config.quarantine_dir.glob("*.jsonl")}
    stats = {s.source: s for s in collect(str(project))}
    assert {p: p.read_bytes() for p in config.raw_dir.glob("*/*.jsonl")} == before
    assert {p: p.read_bytes() for p in config.quarantine_dir.glob("*.jsonl")} == quarantine_before
    # an unchanged file (size and SHA-256) is not read again at all
    assert stats["ekspor-x"].fetched == 0 and stats["ekspor-x"].new == 0
    assert any("tidak berubah" in w for w in stats["ekspor-x"].warnings)


def test_a_rewritten_export_is_read_again_and_doubles_nothing(project):
    collect(str(project))
    config = load_config(project)
    before = {p: p.read_bytes() for p in config.raw_dir.glob("*/*.jsonl")}
    export = project.parent.parent / "in" / "x.jsonl"
    lines = export.read_bytes().splitlines(keepends=True)
    lines[0] = lines[0].rstrip(b"\n") + b"  \n"  # the same records, other bytes: not an append
    export.write_bytes(b"".join(lines))
    stats = {s.source: s for s in collect(str(project))}
    assert {p: p.read_bytes() for p in config.raw_dir.glob("*/*.jsonl")} == before
    assert stats["ekspor-x"].new == 0 and stats["ekspor-x"].duplicates == 2
    # the bad records are counted again (the row adds up) but not quarantined twice
    assert stats["ekspor-x"].quarantined == 4 and stats["ekspor-x"].quarantined_new == 0


def test_a_grown_export_appends_only_the_new_posts(project):
    collect(str(project))
    config = load_config(project)
    with open(project.parent.parent / "in" / "x.jsonl", "a") as handle:
        handle.write(json.dumps({"id": "20", "created_at": "2024-11-21T02:00:00Z", "text": "baru", "author": "warga_tiga"}) + "\n")
    stats = {s.source: s for s in collect(str(project))}
    assert stats["ekspor-x"].new == 1 and stats["ekspor-x"].fetched == 1  # read from where the last import ended
    assert stats["ekspor-x"].quarantined == 0  # the bad lines before it are not read (or counted) again
    # 10 and 11 from the export, 99 from the snscrape file, and the new 20
    assert sorted(r["post_id"] for r in _raw_records(config) if r["platform"] == "x") == ["10", "11", "20", "99"]


def test_lost_index_is_rebuilt_from_the_raw_files(project):
    collect(str(project))
    config = load_config(project)
    (config.raw_dir / ".index.sqlite").unlink()
    stats = {s.source: s for s in collect(str(project))}
    assert sum(s.new for s in stats.values()) == 0


def test_cli_prints_the_source_table_and_fails_without_a_key(project, monkeypatch, capsys):
    assert collect_main(["--config", str(project)]) == 0
    out = capsys.readouterr().out
    assert "ekspor-x" in out and "karantina" in out
    monkeypatch.delenv("DENYUT_PSEUDONYM_KEY")
    assert collect_main(["--config", str(project)]) == 2
    assert "DENYUT_PSEUDONYM_KEY" in capsys.readouterr().err


CSV_PIECES = [
    'c{n},2024-11-22T09:00:00+07:00,Kanal {n},komentar biasa nomor {n}\n',
    'c{n},2024-11-22T09:00:00+07:00,Kanal {n},"komentar, dengan koma dan ""kutipan"""\n',
    'c{n},2024-11-22T09:00:00+07:00,Kanal {n},"komentar\nbersambung ke baris\nberikutnya"\n',
    'c{n},2024-11-22T09:00:00+07:00,Kanal {n},"kutip yang tidak pernah ditutup\n',
    'c{n},2024-11-22T09:00:00+07:00,Kanal {n}\n',  # a column short
    '\n',
    'c{n},2024-11-22T09:00:00+07:00,Kanal {n},bukan utf-8 \udcff\n',
    'c{n},kemarin,Kanal {n},waktu rusak\n',
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.integers(0, len(CSV_PIECES) - 1), max_size=60), st.integers(0, 2), st.integers(1, 6))
def test_a_csv_read_in_runs_of_lines_gives_what_one_read_of_the_file_gives(tmp_path, key_env, monkeypatch, pieces,
                                                                           before, batch):
    """Runs cut where the quotes are even, a header after blank or bad lines, quoted line breaks, quotes that
    never close (the run is dropped and the rest read in one go): the same stored lines and refusals, in the
    same order, as the one read of the whole file (the reader as it was before runs)."""
    (tmp_path / "in").mkdir(exist_ok=True)
    path = tmp_path / "in" / "yt.csv"
    text = "\n" * before + "cid,waktu,kanal,isi\n" + "".join(CSV_PIECES[p].format(n=n) for n, p in enumerate(pieces))
    path.write_bytes(text.encode("utf-8", "surrogateescape"))
    config = load_config(write_config(tmp_path, "sources:\n" + CONFIG.split("sources:\n")[1].split("\n", 2)[2]))
    source = next(s for s in config.sources if s.type == "csv")
    args = (config, key_env, datetime(2024, 11, 25, tzinfo=UTC), str(path))
    whole = files._import_records(list(files._csv_records(source, path)), source, *args)
    monkeypatch.setattr(files, "BATCH", batch)
    dialect = files.Dialect(path, ",", "utf-8")
    parts = list(files._csv_results(source, dialect, path.stat().st_size, 1, *args))
    assert [p.line for part in parts for p in part[0]] == [p.line for p in whole[0]]
    assert [(r.line, r.field, r.reason) for part in parts for r in part[1]] == [(r.line, r.field, r.reason) for r in whole[1]]
    assert (sum(part[2] for part in parts), sum(part[3] for part in parts)) == whole[2:]


def test_a_jsonl_line_still_being_written_is_read_whole_on_the_next_run(project):
    export = project.parent.parent / "in" / "x.jsonl"
    record = json.dumps({"id": "30", "created_at": "2024-11-21T02:00:00Z", "text": "ditulis pelan", "author": "warga_empat"})
    with open(export, "a") as handle:
        handle.write(record[:25])  # the exporting program has written half of the line so far
    stats = {s.source: s for s in collect(str(project))}
    assert stats["ekspor-x"].quarantined == 4  # the half line is not one of them
    assert any("belum diakhiri ganti baris" in w for w in stats["ekspor-x"].warnings)
    with open(export, "a") as handle:
        handle.write(record[25:] + "\n")
    stats = {s.source: s for s in collect(str(project))}
    assert (stats["ekspor-x"].new, stats["ekspor-x"].quarantined) == (1, 0)
    config = load_config(project)
    assert "30" in {r["post_id"] for r in _raw_records(config)}


def test_a_complete_last_line_without_a_newline_is_read_and_a_broken_one_once_it_stops_growing(project):
    export = project.parent.parent / "in" / "x.jsonl"
    with open(export, "a") as handle:
        handle.write(json.dumps({"id": "31", "created_at": "2024-11-21T02:00:00Z", "text": "tanpa akhir baris", "author": "w5"}))
    stats = {s.source: s for s in collect(str(project))}
    assert stats["ekspor-x"].new == 3  # 10, 11 and 31
    export.write_bytes(export.read_bytes() + b'\n{"id": "32", "text": "patah')
    assert {s.source: s for s in collect(str(project))}["ekspor-x"].quarantined == 0  # maybe still being written
    stats = {s.source: s for s in collect(str(project))}  # the same bytes again: it was never going to be finished
    assert stats["ekspor-x"].quarantined == 1


def test_a_fifo_given_as_an_export_is_refused_without_being_opened(tmp_path, key_env):
    import os

    (tmp_path / "in").mkdir()
    os.mkfifo(tmp_path / "in" / "pipa.jsonl")  # opened for reading, it would wait for a writer for ever
    path = write_config(tmp_path, "sources:\n  - {name: pipa, type: jsonl, path: in/pipa.jsonl, platform: x}\n")
    assert collect_main(["--config", str(path)]) == 1
