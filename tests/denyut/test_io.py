import os

import pytest

from denyut.io import atomic_write_text, read_jsonl


def test_atomic_write_replaces_whole_file_and_leaves_no_temp(tmp_path):
    target = tmp_path / "out" / "a.txt"
    atomic_write_text(target, "satu")
    atomic_write_text(target, "dua")
    assert target.read_text() == "dua"
    assert os.listdir(target.parent) == ["a.txt"]


def test_atomic_write_failure_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "a.txt"
    atomic_write_text(target, "lama")

    def broken_replace(src, dst):
        raise OSError("disk penuh")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        atomic_write_text(target, "baru")
    assert target.read_text() == "lama"
    assert os.listdir(tmp_path) == ["a.txt"]


def test_read_jsonl_reports_bad_lines_and_goes_on(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"a": 1}\n\n{rusak\n[1, 2]\n{"b": 2}\n')
    rows = list(read_jsonl(path))
    assert [(line, obj) for line, obj, _ in rows] == [(1, {"a": 1}), (3, None), (4, None), (5, {"b": 2})]
    assert "JSON tidak valid" in rows[1][2] and "bukan objek" in rows[2][2]
