import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from denyut.io import atomic_write_text, iter_lines, line_ranges, read_jsonl


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


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([b"a", b"bc", b"\n", b"\r\n", b"\xff", b"x" * 9, b'"']), max_size=80),
       st.integers(1, 7), st.integers(0, 3), st.sampled_from([None, b'"']))
def test_line_ranges_cover_every_line_once_as_one_read_would(tmp_path_factory, parts, lines, skip, balanced):
    """Runs of `lines` lines, each read on its own (as a worker reads it), give back the lines of one read of the
    file: the same numbers, offsets and bytes, an oversized line still one line, nothing past `stop`; with a
    balanced quote, every run but the last holds an even number of them unless it had to be cut at 2 × lines."""
    path = tmp_path_factory.mktemp("ranges") / "f.jsonl"
    data = b"".join(parts)
    path.write_bytes(data + b"tail past stop\n")
    whole = list(iter_lines(path, max_line=8, stop=len(data)))
    start = whole[skip - 1].offset + whole[skip - 1].length if 0 < skip <= len(whole) else 0
    first = min(skip, len(whole)) if start else 0
    spans = list(line_ranges(path, lines, start=start, first_number=first, stop=len(data), balanced=balanced))
    pieces = [line for a, b, n in spans for line in iter_lines(path, max_line=8, start=a, first_number=n, stop=b)]
    assert pieces == whole[first:]
    for a, b, n in spans[:-1]:
        run = list(iter_lines(path, max_line=8, start=a, first_number=n, stop=b))
        even = data[a:b].count(b'"') % 2 == 0
        assert len(run) == lines if balanced is None else (lines <= len(run) < 2 * lines and even) or len(run) == 2 * lines
    assert [a for a, _, _ in spans[1:]] == [b for _, b, _ in spans[:-1]]  # no gap, no overlap
    assert b"tail" not in b"".join(line.data or b"" for line in pieces)
