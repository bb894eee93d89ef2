"""The collectors' run log: data/collect/runs.jsonl (every run, appended) and last_run.json (the last one).

Written by the collect stage, read by the report's coverage panel.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from denyut.io import atomic_write_json, read_jsonl
from denyut.timestamps import parse_iso
from denyut.weeks import iso_week

COUNTS = ("fetched", "new", "duplicates", "quarantined", "errors")


class SourceRun(BaseModel):
    model_config = ConfigDict(extra="ignore")
    source: str
    fetched: int
    new: int
    duplicates: int
    revisions: int = 0
    outside_window: int = 0
    quarantined: int
    errors: int
    error_messages: list[str] = []
    warnings: list[str] = []


class CollectRun(BaseModel):
    model_config = ConfigDict(extra="ignore")
    finished_at: str
    sources: list[SourceRun]

    @property
    def week(self) -> str:
        return iso_week(parse_iso(self.finished_at))


def _paths(data_dir: Path) -> tuple[Path, Path]:
    folder = Path(data_dir) / "collect"
    return folder / "runs.jsonl", folder / "last_run.json"


def append_run(data_dir: Path, run: CollectRun) -> None:
    """last_run.json atomically; one line appended to runs.jsonl, flushed to disk."""
    history, last = _paths(data_dir)
    atomic_write_json(last, run.model_dump(mode="json"))
    with open(history, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(run.model_dump(mode="json"), ensure_ascii=False) + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def read_runs(data_dir: Path) -> Iterator[CollectRun]:
    """Every run in the log, oldest first; a torn last line (a killed run) is skipped."""
    history, _ = _paths(data_dir)
    if not history.exists():
        return
    for _, obj, _error in read_jsonl(history):
        if obj is not None:
            yield CollectRun.model_validate(obj)


def week_totals(data_dir: Path, week: str) -> dict[str, dict[str, int]]:
    """Per source, the runs that finished during the week (WIB): how many, and their summed counts."""
    totals: dict[str, dict[str, int]] = {}
    for run in read_runs(data_dir):
        if run.week != week:
            continue
        for row in run.sources:
            total = totals.setdefault(row.source, {"runs": 0} | dict.fromkeys(COUNTS, 0))
            total["runs"] += 1
            for key in COUNTS:
                total[key] += getattr(row, key)
    return totals
