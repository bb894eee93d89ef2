"""The raw store under kills: at every write, fsync and commit of an import in turn, the import is
killed; the next run must leave every valid post stored exactly once and every refused record
quarantined exactly once."""

import json
import os
import shutil
import subprocess
import sys
from collections import Counter

import pytest

import collectors.platforms.files as files
import collectors.store as store
from collectors.__main__ import run as collect
from denyut.config import load_config
from tests.conftest import KEY, write_config

VALID = [{"id": str(i), "created_at": f"2024-11-{18 + i % 3}T0{i % 10}:00:00Z", "author": f"warga{i % 4}",
          "text": f"Unggahan nomor {i} tentang TPS"} for i in range(24)]
BAD = [{"id": "b1", "created_at": "kemarin", "text": "waktu rusak", "author": "a"},
       {"id": "b2", "created_at": "2024-11-19T00:00:00Z", "text": "", "author": "a"},
       {"id": ["b3"], "created_at": "2024-11-19T00:00:00Z", "text": "id berupa daftar", "author": "a"},
       {"id": "b4", "created_at": "1900-01-01T00:00:00Z", "text": "tanggal tidak wajar", "author": "a"}]
REVISED = {"id": "5", "created_at": "2024-11-20T05:00:00Z", "author": "warga1", "text": "Unggahan nomor 5, disunting"}


class Killed(BaseException):
    """Unwinds like a kill: no `except Exception` catches it, nothing after the fault point runs."""


@pytest.fixture
def project(tmp_path, key_env, monkeypatch):
    (tmp_path / "in").mkdir()
    lines = [json.dumps(r) for r in VALID[:12] + BAD[:2] + VALID[12:] + BAD[2:] + [REVISED]]
    (tmp_path / "in" / "x.jsonl").write_text("\n".join(lines) + "\n" + '{"id": "torn", "te\n')
    monkeypatch.setattr(files, "BATCH", 7)  # several batches, so several write points
    monkeypatch.setattr(files, "SYNC_RECORDS", 14)  # and batches written but not yet synced when a kill comes
    return write_config(tmp_path, "sources:\n  - {name: x, type: jsonl, path: in/x.jsonl, platform: x}\n")


def _inject(monkeypatch, kill_at: int) -> list:
    """Kill at the kill_at-th fault point: before a write, halfway through it (torn), after it, after a file's fsync,
    after a commit."""
    points: list[str] = []
    real_append, real_fsync, real_commit = store._append, store._fsync, store.RawStore._commit

    def point(name: str) -> bool:
        points.append(name)
        return len(points) == kill_at

    def append(path, data):
        if point(f"before write {path.name}"):
            raise Killed
        if point(f"torn write {path.name}"):
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "ab") as handle:
                handle.write(data[: len(data) // 2])
            raise Killed
        real_append(path, data)
        if point(f"after write {path.name}"):
            raise Killed

    def fsync(path):
        real_fsync(path)
        if point(f"after fsync {path.name}"):
            raise Killed

    def commit(self):
        real_commit(self)
        if point("after commit"):
            raise Killed

    monkeypatch.setattr(store, "_append", append)
    monkeypatch.setattr(store, "_fsync", fsync)
    monkeypatch.setattr(store.RawStore, "_commit", commit)
    return points


def _check(config):
    raw = Counter(json.loads(line)["post_id"] for p in config.raw_dir.glob("*/*.jsonl") for line in p.read_text().splitlines())
    assert raw == Counter(r["id"] for r in VALID), "every valid post exactly once"
    revisions = [json.loads(line)["text"] for p in (config.data_dir / "revisions").glob("*/*.jsonl")
                 for line in p.read_text().splitlines()]
    assert revisions == [REVISED["text"]]
    quarantined = Counter(json.loads(line)["line"] for p in config.quarantine_dir.glob("*.jsonl")
                          for line in p.read_text().splitlines())
    assert quarantined == Counter({13: 1, 14: 1, 27: 1, 28: 1, 30: 1}), "every refused record exactly once"
    for path in list(config.raw_dir.glob("*/*.jsonl")) + list(config.quarantine_dir.glob("*.jsonl")):
        assert path.read_bytes().endswith(b"\n")  # no torn line left to append to


def test_a_kill_at_any_write_fsync_or_commit_loses_and_doubles_nothing(project, monkeypatch):
    config = load_config(project)
    kill_at, tested = 1, []
    while True:
        with monkeypatch.context() as mp:
            points = _inject(mp, kill_at)
            try:
                results = collect(str(project))
            except Killed:
                tested.append(points[-1])
            else:  # past the last fault point: the import ran through
                assert [r.errors for r in results] == [[]]
                break
        (stats,) = collect(str(project))  # the next, normal run
        assert stats.errors == []
        _check(config)
        assert stats.fetched == 30 and stats.fetched == stats.new + stats.duplicates + stats.revisions + stats.quarantined
        (again,) = collect(str(project))  # and a run after it adds nothing
        assert (again.new, again.revisions, again.quarantined_new) == (0, 0, 0), (kill_at, points, again.reasons)
        shutil.rmtree(config.data_dir)  # the next kill point starts from nothing
        kill_at += 1
    kinds = {name.split(" ")[0] for name in tested}
    assert kinds == {"before", "torn", "after"} and len(tested) >= 20, "; ".join(tested)
    print(f"{len(tested)} kill points: {Counter(name.split(' ')[0] for name in tested)}")


def test_a_real_kill_between_the_raw_fsync_and_the_index_commit_doubles_nothing(project):
    """A real process, killed by the kernel's SIGKILL right after the first raw write reached the disk."""
    script = ("import os, signal, sys; import collectors.store as s; real = s._append\n"
              "def append(path, data):\n    real(path, data)\n    os.kill(os.getpid(), signal.SIGKILL)\n"
              "s._append = append\nfrom collectors.__main__ import main\nsys.exit(main(['--config', sys.argv[1]]))\n")
    env = os.environ | {"DENYUT_PSEUDONYM_KEY": KEY}
    result = subprocess.run([sys.executable, "-c", script, str(project)], env=env, capture_output=True, timeout=120)
    assert result.returncode == -9
    config = load_config(project)
    assert any(p.stat().st_size for p in config.raw_dir.glob("*/*.jsonl"))  # the batch reached the file, not the index
    collect(str(project))
    _check(config)


def test_a_lost_index_is_rebuilt_from_the_files_without_doubles(project):
    config = load_config(project)
    collect(str(project))
    (config.raw_dir / ".index.sqlite").unlink()
    (stats,) = collect(str(project))
    assert stats.new == 0 and stats.quarantined_new == 0
    _check(config)


def test_a_write_that_fails_midway_cuts_its_torn_tail_and_the_next_run_stores_the_rest_once(project, monkeypatch):
    """A full disk halfway through the fifth write, with two batches appended but not yet synced: the run reports
    the error, the torn bytes are cut off at once, and the next run stores every post exactly once."""
    config = load_config(project)
    calls, real_append = [], store._append

    def append(path, data):
        calls.append(path)
        if len(calls) == 5:
            with open(path, "ab") as handle:
                handle.write(data[: len(data) // 2])
            raise OSError(28, "No space left on device", str(path))
        real_append(path, data)

    with monkeypatch.context() as mp:
        mp.setattr(store, "_append", append)
        (failed,) = collect(str(project))
    assert failed.errors and "No space left" in failed.errors[0]
    for path in config.raw_dir.glob("*/*.jsonl"):
        assert path.read_bytes().endswith(b"\n")  # cut at once, not left for the next append to run into
    (stats,) = collect(str(project))
    assert stats.errors == []
    _check(config)
