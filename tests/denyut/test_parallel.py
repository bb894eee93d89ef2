"""A stage killed with SIGKILL leaves no process behind: its forkserver, its workers and the resource tracker end
with it (they held ~190 MB each way before)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import KEY, write_config

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc to follow processes")


def _children(pid: int) -> set[int]:
    """Every living descendant of pid."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[0] != "Z":
                parents[int(entry.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _alive(pid: int) -> bool:
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_a_collect_killed_with_sigkill_leaves_no_worker_forkserver_or_tracker(tmp_path):
    (tmp_path / "in").mkdir()
    line = {"created_at": "2024-11-21T02:00:00Z", "author": "warga", "text": "Surat suara telat datang lagi " * 8}
    (tmp_path / "in" / "x.jsonl").write_text("".join(json.dumps(line | {"id": str(i)}) + "\n" for i in range(30_000)))
    path = write_config(tmp_path, "sources:\n  - {name: x, type: jsonl, path: in/x.jsonl, platform: x}\n")
    stage = subprocess.Popen([sys.executable, "-m", "collectors", "--config", str(path)], env=os.environ | {
        "DENYUT_PSEUDONYM_KEY": KEY, "CI": "true"}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline, helpers = time.monotonic() + 60, set()
    while time.monotonic() < deadline and len(helpers) < 3 and stage.poll() is None:  # tracker, forkserver, a worker
        helpers = _children(stage.pid)
        time.sleep(0.05)
    assert len(helpers) >= 3, "the import ended before its workers could be seen"
    os.kill(stage.pid, signal.SIGKILL)
    stage.wait()
    deadline = time.monotonic() + 10
    while any(_alive(p) for p in helpers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [p for p in helpers if _alive(p)] == []
