"""What a new user meets first: a CSV with the wrong header, an empty export, and a run table that adds up."""

import json

import pytest

from collectors.__main__ import main as collect_main
from collectors.__main__ import run as collect
from denyut.config import load_config
from tests.conftest import write_config

GOOD = '{"id": "1", "created_at": "2024-11-19T02:00:00Z", "author": "a", "text": "Surat suara telat"}\n'


@pytest.fixture
def project(tmp_path, key_env):
    (tmp_path / "in").mkdir()

    def make(sources: str):
        return write_config(tmp_path, "sources:\n" + sources)
    return make


def test_a_csv_without_the_mapped_columns_fails_at_its_header_and_the_next_source_still_runs(project, capsys):
    base = project("").parent.parent
    (base / "in" / "yt.csv").write_text("komentar_id,waktu,isi\nc1,2024-11-19T02:00:00Z,halo\n")
    (base / "in" / "x.jsonl").write_text(GOOD)
    path = project("  - {name: yt, type: csv, path: in/yt.csv, platform: youtube}\n"
                   "  - {name: x, type: jsonl, path: in/x.jsonl, platform: x}\n")
    assert collect_main(["--config", str(path)]) == 1
    err = capsys.readouterr().err
    assert "yt.csv, baris 1: kolom wajib tidak ada di header: id, created_at, text, author" in err
    assert "(dibaca sebagai utf-8, kolom yang ada dengan koma (,): komentar_id, waktu, isi;" in err
    config = load_config(path)
    assert not (config.quarantine_dir / "yt.jsonl").exists()  # no per-row noise
    assert [p.parent.name for p in config.raw_dir.glob("*/*.jsonl")] == ["x"]


def test_an_empty_export_is_a_warning_naming_the_source(project, capsys):
    base = project("").parent.parent
    (base / "in" / "x.jsonl").write_text("")
    path = project("  - {name: x, type: jsonl, path: in/x.jsonl, platform: x}\n")
    assert collect_main(["--config", str(path)]) == 0
    assert "peringatan: x: berkas kosong:" in capsys.readouterr().err


def test_the_table_names_the_reasons_and_the_quarantine_file_and_adds_up_on_every_run(project, capsys):
    base = project("").parent.parent
    bad = ['{"id": "2", "created_at": "kemarin", "author": "a", "text": "x"}',
           '{"id": "3", "created_at": "kemarin", "author": "a", "text": "y"}', '{"id": "4", "te']
    (base / "in" / "x.jsonl").write_text(GOOD + "\n".join(bad) + "\n")
    path = project("  - {name: x, type: jsonl, path: in/x.jsonl, platform: x}\n")
    config = load_config(path)
    for run in (1, 2, 3):
        if run == 3:  # the same records in other bytes: read again, counted again, stored and quarantined once
            (base / "in" / "x.jsonl").write_text(GOOD.replace("{", "{ ", 1) + "\n".join(bad) + "\n")
        assert collect_main(["--config", str(path)]) == 0
        captured = capsys.readouterr()
        out = captured.out.splitlines()
        header, row = out[0].split(), out[1].split()
        assert header == ["sumber", "diambil", "baru", "duplikat", "revisi", "di", "luar", "karantina", "galat"]
        fetched, new, duplicates, revisions, outside, quarantined, errors = map(int, row[1:])
        if run == 2:  # an export not changed since (size and SHA-256) is skipped, and the run says so
            assert fetched == new == quarantined == 0 and "tidak berubah sejak impor terakhir" in captured.err
            continue
        assert fetched == 4 == new + duplicates + revisions + outside + quarantined and quarantined == 3
        assert (new, duplicates) == ((1, 0) if run == 1 else (0, 1))
        assert f"x: 3 catatan dikarantina ({3 if run == 1 else 0} baru), terbanyak: created_at: waktu bukan ISO 8601" in out[2]
        assert out[2].endswith(str(config.quarantine_dir / "x.jsonl"))
    assert len((config.quarantine_dir / "x.jsonl").read_text().splitlines()) == 3


def test_a_record_that_comes_back_with_another_text_is_kept_as_a_revision(project):
    base = project("").parent.parent
    (base / "in" / "x.jsonl").write_text(GOOD)
    path = project("  - {name: x, type: jsonl, path: in/x.jsonl, platform: x}\n")
    collect(str(path))
    (base / "in" / "x.jsonl").write_text(GOOD.replace("Surat suara telat", "Surat suara telat (ralat: sudah tiba)"))
    (stats,) = collect(str(path))
    assert (stats.new, stats.duplicates, stats.revisions) == (0, 0, 1)
    config = load_config(path)
    raw = [json.loads(line)["text"] for p in config.raw_dir.glob("x/*.jsonl") for line in p.read_text().splitlines()]
    revised = [json.loads(line)["text"] for p in (config.data_dir / "revisions").glob("x/*.jsonl")
               for line in p.read_text().splitlines()]
    assert raw == ["Surat suara telat"] and revised == ["Surat suara telat (ralat: sudah tiba)"]
    (base / "in" / "x.jsonl").write_text(GOOD.replace("Surat suara telat", "Surat suara telat (ralat: sudah tiba)")
                                         .replace("{", "{ ", 1))  # other bytes, so read again (not skipped)
    (again,) = collect(str(path))
    assert (again.revisions, again.duplicates) == (0, 1)  # the same revision is recorded once


def test_a_file_that_cannot_be_read_fails_its_source_alone_with_the_exit_code(project, capsys):
    base = project("").parent.parent
    (base / "in" / "folder.jsonl").mkdir()
    (base / "in" / "x.jsonl").write_text(GOOD)
    path = project("  - {name: rusak, type: jsonl, path: in/folder.jsonl, platform: x}\n"
                   "  - {name: x, type: jsonl, path: in/x.jsonl, platform: x}\n")
    assert collect_main(["--config", str(path)]) == 1
    captured = capsys.readouterr()
    assert "! rusak: " in captured.err and "folder.jsonl: bukan berkas biasa (folder), tidak dibaca" in captured.err
    assert "Traceback" not in captured.err
    rows = {line.split()[0]: line.split()[1:] for line in captured.out.splitlines()[1:] if not line.startswith(" ")}
    assert rows["x"][1] == "1" and rows["rusak"][-1] == "1"
