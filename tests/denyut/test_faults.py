"""Every bad file or fault a user can meet is one `galat:` line naming the file (and the line where there is
one), exit code 2, never a traceback, and nothing already collected is lost."""

from __future__ import annotations

import errno
import json

import pyarrow.parquet as pq
import pytest

from analysis import analyze, report
from collectors.__main__ import main as collect_main
from denyut.config import load_config
from tests.conftest import write_config

SOURCE = "sources:\n  - {name: x, type: jsonl, path: in/x.jsonl, platform: x}\n"


@pytest.fixture
def project(tmp_path, key_env):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "x.jsonl").write_text("".join(json.dumps(
        {"id": str(i), "created_at": f"2024-11-{18 + i % 2}T02:00:00Z", "author": f"u{i}", "text": "Surat suara telat, kecewa"})
        + "\n" for i in range(40)))
    return tmp_path


def _galat(capsys, *fragments: str) -> str:
    err = capsys.readouterr().err
    assert err.startswith("galat: ") and "Traceback" not in err, err
    for fragment in fragments:
        assert fragment in err, err
    return err


def test_an_alias_bomb_in_the_config_is_refused_before_it_grows(project, capsys):
    bomb = "".join(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9 if i else ['"lol"'] * 9) + "]\n" for i in range(10))
    path = write_config(project, SOURCE + bomb + "project: {name: *l9}\n")
    assert collect_main(["--config", str(path)]) == 2
    _galat(capsys, "denyut.yaml, baris 3", "anchor (&) dan alias (*) tidak diizinkan")


def test_an_alias_in_the_hoax_list_is_refused_naming_its_file_and_line(project, capsys):
    (project / "config").mkdir()
    (project / "config" / "hoaxes.yaml").write_text("claims:\n  - &c {id: a, description: klaim palsu sekali}\n  - *c\n")
    path = write_config(project, SOURCE)
    assert report.main(["--config", str(path)]) == 2
    _galat(capsys, "hoaxes.yaml, baris 2", "alias")


@pytest.mark.parametrize("name", ["denyut.yaml", "status.yaml"])
def test_a_file_that_is_not_utf8_is_named_with_its_line(project, capsys, name):
    path = write_config(project, SOURCE)
    assert collect_main(["--config", str(path)]) == 0 and analyze.main(["--config", str(path)]) == 0
    target = path if name == "denyut.yaml" else load_config(path).review_dir / "status.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes((target.read_bytes() if target.exists() else b"") + "\n# catatan caf\xe9\n".encode("latin-1"))
    capsys.readouterr()
    assert report.main(["--config", str(path)]) == 2 if name == "status.yaml" else collect_main(["--config", str(path)]) == 2
    _galat(capsys, name, "bukan UTF-8", "simpan sebagai UTF-8")


def test_an_impossible_date_is_named_with_its_line(project, capsys):
    path = write_config(project, "collect: {earliest: 2024-02-30}\n" + SOURCE)
    assert collect_main(["--config", str(path)]) == 2
    _galat(capsys, "denyut.yaml, baris 1", "tanggal yang tidak ada")


def test_a_relative_path_that_climbs_above_the_root_is_refused(project, capsys):
    path = write_config(project, "paths: {data: " + "../" * 40 + "data}\n" + SOURCE)
    assert collect_main(["--config", str(path)]) == 2
    _galat(capsys, "'paths.data'", "melewati akar /")


def test_an_issue_name_too_long_for_a_whatsapp_text_is_refused_naming_its_line(project, capsys):
    path = write_config(project, SOURCE)
    issues = project / "config" / "issues.yaml"
    issues.write_text(issues.read_text().replace("name_id: Daftar pemilih", "name_id: " + "Daftar pemilih " * 17, 1))
    assert collect_main(["--config", str(path)]) == 0
    capsys.readouterr()
    assert analyze.main(["--config", str(path)]) == 2
    _galat(capsys, "issues.yaml, baris", "name_id", "80")


def test_a_missing_hoax_list_the_config_names_is_an_error_not_an_empty_list(project, capsys):
    path = write_config(project, "hoaxes: {file: config/tidak-ada.yaml}\n" + SOURCE)
    assert collect_main(["--config", str(path)]) == 2
    _galat(capsys, "'hoaxes.file'", "tidak-ada.yaml")


def test_a_config_copied_outside_config_finds_the_shipped_taxonomy_and_hoax_list(project, key_env):
    path = project / "salinan.yaml"
    path.write_text(SOURCE.replace("in/x.jsonl", "in/x.jsonl"))
    config = load_config(path)
    assert config.base_dir == project and config.issues_path.is_file() and config.hoaxes_path.is_file()
    assert collect_main(["--config", str(path)]) == 0


def test_a_full_disk_during_collect_is_one_line_and_loses_nothing(project, capsys, monkeypatch):
    from denyut.formats import runlog

    path = write_config(project, SOURCE)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(project / "data" / "collect" / "runs.jsonl"))

    import collectors.__main__ as collect_module
    with monkeypatch.context() as mp:
        mp.setattr(runlog, "append_run", full)
        mp.setattr(collect_module, "append_run", full)
        assert collect_main(["--config", str(path)]) == 2
    _galat(capsys, "disk penuh saat menulis", "runs.jsonl", "kosongkan ruang disk")
    assert collect_main(["--config", str(path)]) == 0
    config = load_config(path)
    stored = sum(len(p.read_text().splitlines()) for p in config.raw_dir.glob("*/*.jsonl"))
    assert stored == 40  # the posts stored before the fault, not doubled by the run after it


def test_a_full_disk_during_analyze_leaves_no_half_written_week(project, capsys, monkeypatch):
    path = write_config(project, SOURCE)
    assert collect_main(["--config", str(path)]) == 0
    capsys.readouterr()

    def full(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", "data/processed/2024-W47.parquet")

    with monkeypatch.context() as mp:
        mp.setattr(pq.ParquetWriter, "write_table", full)
        assert analyze.main(["--config", str(path)]) == 2
    _galat(capsys, "disk penuh saat menulis", "2024-W47.parquet")
    config = load_config(path)
    assert not [p for p in config.processed_dir.rglob("*") if p.name.endswith(".tmp")]
    assert analyze.main(["--config", str(path)]) == 0


@pytest.mark.slow
def test_a_hundred_thousand_public_accounts_are_looked_up_by_key(project):
    accounts = "".join(f"  - {{platform: x, handle: akun{i}, name: Akun {i}, kind: media}}\n" for i in range(100_000))
    config = load_config(write_config(project, "public_accounts:\n" + accounts + SOURCE))
    assert config.public_account("X", "@Akun99999").name == "Akun 99999"
    assert config.public_account("x", "bukan") is None
    assert len(config._accounts) == 100_000  # one dict, built once


def test_yaml_nested_too_deep_or_with_a_key_written_twice_is_one_line(project, capsys):
    path = write_config(project, SOURCE + "x: " + "[" * 900 + "]" * 900 + "\n")
    assert collect_main(["--config", str(path)]) == 2
    _galat(capsys, "denyut.yaml", "bersarang terlalu dalam")
    path = write_config(project, SOURCE + "project: {name: Denyut}\nsources: []\n")
    assert collect_main(["--config", str(path)]) == 2
    _galat(capsys, "denyut.yaml, baris 4", "'sources' tertulis dua kali (pertama di baris 1)")


def test_a_byte_order_mark_before_the_first_jsonl_object_is_no_error(project):
    export = project / "in" / "x.jsonl"
    export.write_bytes(b"\xef\xbb\xbf" + export.read_bytes())
    path = write_config(project, SOURCE)
    assert collect_main(["--config", str(path)]) == 0
    config = load_config(path)
    assert not (config.quarantine_dir / "x.jsonl").exists()


def test_a_linked_config_reads_its_paths_from_where_it_is_linked_not_from_its_target(project, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("bersama")
    (elsewhere / "denyut.yaml").write_text(SOURCE, encoding="utf-8")
    (project / "config").mkdir(exist_ok=True)
    link = project / "config" / "denyut.yaml"
    link.unlink(missing_ok=True)
    link.symlink_to(elsewhere / "denyut.yaml")
    assert load_config(link).base_dir == project
    assert collect_main(["--config", str(link)]) == 0
