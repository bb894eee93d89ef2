"""The file contract `python -m analysis.regions --in X.csv --out Y.csv` (also `python -m denyut regions`)."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.regions import __main__ as regions_cli
from denyut import cli
from denyut.paths import ROOT


def _write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _read(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_output_has_every_input_column_and_the_four_place_columns(tmp_path):
    source = _write(
        tmp_path / "in.csv",
        ["id", "text", "location"],
        [
            ["1", "Pilkada Jatim, warga Kota Batu antusias", ""],
            ["2", "nyoblos dulu", "Sragen, Jawa Tengah"],
            ["3", "pemilu damai, jangan golput", ""],
            ["4", 'Jabar dan Jateng, koma, "kutip"', ""],
        ],
    )
    assert regions_cli.main(["--in", str(source), "--out", str(tmp_path / "out.csv")]) == 0
    rows = _read(tmp_path / "out.csv")
    assert list(rows[0]) == ["id", "text", "location", "province_code", "province", "regency_code", "regency"]
    assert [(r["id"], r["province_code"], r["province"], r["regency_code"], r["regency"]) for r in rows] == [
        ("1", "35", "Jawa Timur", "35.79", "Kota Batu"),
        ("2", "33", "Jawa Tengah", "33.14", "Kabupaten Sragen"),
        ("3", "", "", "", ""),
        ("4", "32;33", "Jawa Barat;Jawa Tengah", "", ""),
    ]
    assert rows[3]["text"] == 'Jabar dan Jateng, koma, "kutip"'


def test_a_file_without_a_location_column_is_read_from_its_text_alone(tmp_path):
    source = _write(tmp_path / "in.csv", ["text"], [["warga Surabaya"]])
    assert regions_cli.main(["--in", str(source), "--out", str(tmp_path / "out.csv")]) == 0
    assert _read(tmp_path / "out.csv") == [
        {
            "text": "warga Surabaya",
            "province_code": "35",
            "province": "Jawa Timur",
            "regency_code": "35.78",
            "regency": "Kota Surabaya",
        }
    ]


def test_the_region_option_outranks_the_location_field(tmp_path):
    source = _write(tmp_path / "in.csv", ["text", "location"], [["warga Kota Batu", "Jakarta"]])
    assert regions_cli.main(["--in", str(source), "--out", str(tmp_path / "out.csv"), "--region", "3579"]) == 0
    assert _read(tmp_path / "out.csv")[0]["regency"] == "Kota Batu"


def test_a_file_without_a_text_column_is_refused_naming_the_file_and_its_header_line(tmp_path, capsys):
    source = _write(tmp_path / "in.csv", ["teks", "lokasi"], [["warga Surabaya", ""]])
    assert regions_cli.main(["--in", str(source), "--out", str(tmp_path / "out.csv")]) == cli.EXIT_INPUT
    error = capsys.readouterr().err
    assert error.startswith("galat: ") and f"{source}, baris 1: kolom 'text'" in error and "teks, lokasi" in error
    assert not (tmp_path / "out.csv").exists()


def test_a_row_wider_than_the_header_is_refused_naming_its_line_and_the_old_output_stays(tmp_path, capsys):
    (tmp_path / "out.csv").write_text("before\n", encoding="utf-8")
    source = tmp_path / "in.csv"
    source.write_text("text,location\nwarga Surabaya,\nJatim, Jabar, Jateng\n", encoding="utf-8")
    assert regions_cli.main(["--in", str(source), "--out", str(tmp_path / "out.csv")]) == cli.EXIT_INPUT
    assert f"galat: {source}, baris 3:" in capsys.readouterr().err
    assert (tmp_path / "out.csv").read_text(encoding="utf-8") == "before\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv", "out.csv"]  # no temporary file left


def test_bytes_that_are_not_utf8_are_refused_naming_their_line(tmp_path, capsys):
    source = tmp_path / "in.csv"
    source.write_bytes(b"text\nwarga Surabaya\nwarga Malang \xff\xfe\n")
    assert regions_cli.main(["--in", str(source), "--out", str(tmp_path / "out.csv")]) == cli.EXIT_INPUT
    assert f"galat: {source}, baris 3:" in capsys.readouterr().err


def test_an_unknown_region_code_is_refused(tmp_path, capsys):
    source = _write(tmp_path / "in.csv", ["text"], [["x"]])
    assert regions_cli.main(["--in", str(source), "--out", str(tmp_path / "out.csv"), "--region", "99"]) == cli.EXIT_INPUT
    assert "galat: --region: kode wilayah tidak dikenal: '99'" in capsys.readouterr().err


def test_python_m_denyut_regions_runs_the_same_stage(tmp_path):
    source = _write(tmp_path / "in.csv", ["text"], [["Kota Pahlawan memanas"]])
    done = subprocess.run(
        [sys.executable, "-m", "denyut", "regions", "--in", str(source), "--out", str(tmp_path / "out.csv")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "1 baris" in done.stdout
    assert _read(tmp_path / "out.csv")[0]["regency_code"] == "35.78"
    assert cli.STAGES["regions"] == "analysis.regions.__main__"


@pytest.mark.parametrize("argv", [["--in", "x.csv"], ["--out", "y.csv"]])
def test_both_files_are_required(argv, capsys):
    with pytest.raises(SystemExit) as exit_:
        regions_cli.main(argv)
    assert exit_.value.code == 2
