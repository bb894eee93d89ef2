"""CSV as Excel and LibreOffice in Indonesia save it: ';' (the decimal comma), cp1252 or UTF-16, CRLF."""

from __future__ import annotations

import json

import pytest

from collectors.__main__ import main as collect_main
from collectors.__main__ import run as collect
from denyut.config import load_config
from tests.conftest import write_config

ROWS = [["c1", "2024-11-22T09:00:00+07:00", "Kanal Satu", "Café di TPS 5, ramai; antre — lama"],
        ["c2", "2024-11-22T09:05:00+07:00", "Kanal Dua", "Surat suara “telat” datang"]]
COLUMNS = "columns: {post_id: cid, created_at: waktu, author: kanal, text: isi, url: null}"


def _write(tmp_path, text: str, encoding: str, extra: str = "") -> object:
    (tmp_path / "in").mkdir(exist_ok=True)
    (tmp_path / "in" / "ekspor.csv").write_bytes(text.encode(encoding))
    return write_config(tmp_path, f"sources:\n  - {{name: ekspor, type: csv, path: in/ekspor.csv, platform: youtube, "
                                  f"{COLUMNS}{extra}}}\n")


def _table(delimiter: str) -> str:
    quote = (lambda v: f'"{v}"' if delimiter in v or '"' in v else v)
    return "\r\n".join(delimiter.join(quote(v) for v in row) for row in [["cid", "waktu", "kanal", "isi"], *ROWS]) + "\r\n"


@pytest.mark.parametrize(("delimiter", "encoding"), [(";", "cp1252"), (",", "cp1252"), ("\t", "utf-16"), (";", "utf-8-sig"),
                                                     ("|", "utf-8"), (";", "utf-16-be")])
def test_an_export_in_each_common_dialect_is_read_without_settings(tmp_path, key_env, delimiter, encoding):
    text = _table(delimiter)
    if encoding == "utf-16-be":
        text = "\ufeff" + text
    path = _write(tmp_path, text, encoding)
    (stats,) = collect(str(path))
    assert (stats.fetched, stats.new, stats.quarantined) == (2, 2, 0), stats.reasons
    config = load_config(path)
    texts = {json.loads(line)["text"] for p in config.raw_dir.glob("*/*.jsonl") for line in p.read_text().splitlines()}
    assert texts == {row[3] for row in ROWS}  # é, —, “ ” read as written


def test_the_delimiter_and_encoding_can_be_set_in_the_config(tmp_path, key_env):
    path = _write(tmp_path, _table(";"), "cp1252", ", delimiter: ';', encoding: cp1252")
    (stats,) = collect(str(path))
    assert stats.new == 2


def test_a_bad_line_in_a_cp1252_export_is_named_by_its_line_in_the_export(tmp_path, key_env):
    text = _table(";").replace("c2;", "c2;kemarin;", 1).replace("2024-11-22T09:05:00+07:00;", "", 1)
    path = _write(tmp_path, text, "cp1252")
    (stats,) = collect(str(path))
    assert (stats.new, stats.quarantined) == (1, 1)
    config = load_config(path)
    (entry,) = [json.loads(line) for line in (config.quarantine_dir / "ekspor.jsonl").read_text().splitlines()]
    assert entry["line"] == 3 and entry["file"].endswith("ekspor.csv") and entry["field"] == "waktu"


def test_an_export_no_reading_fits_says_which_delimiters_and_encoding_it_saw(tmp_path, key_env, capsys):
    path = _write(tmp_path, _table(";").replace("cid", "komentar", 1), "cp1252")
    assert collect_main(["--config", str(path)]) == 1
    err = capsys.readouterr().err
    assert "baris 1: kolom wajib tidak ada di header: cid" in err and "dibaca sebagai cp1252" in err
    assert "dengan titik koma (;): komentar, waktu, kanal, isi" in err and "delimiter: ';', encoding: cp1252" in err


def test_an_unknown_encoding_in_the_config_is_named(tmp_path, key_env, capsys):
    path = _write(tmp_path, _table(","), "utf-8", ", encoding: klingon")
    assert collect_main(["--config", str(path)]) == 2
    assert "encoding tidak dikenal: 'klingon'" in capsys.readouterr().err
