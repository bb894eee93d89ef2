"""data/quarantine/<source>.jsonl: the records an import refused, each with its file, line, field and reason.

Appended by the raw store (collectors), counted by the report's coverage panel.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from denyut.timestamps import now_utc


def append(quarantine_dir: Path, source: str, path: Path | str, line: int, field: str | None, reason: str,
           raw: object) -> None:
    quarantine_dir = Path(quarantine_dir)
    quarantine_dir.mkdir(parents=True, exist_ok=True)
    record = {"source": source, "file": str(path), "line": line, "field": field, "reason": reason,
              "record": raw, "quarantined_at": now_utc()}
    with open(quarantine_dir / f"{source}.jsonl", "a", encoding="utf-8") as handle:
        handle.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def count(quarantine_dir: Path) -> int:
    """Quarantined records of every source so far."""
    total = 0
    for path in sorted(Path(quarantine_dir).glob("*.jsonl")):
        with open(path, "rb") as handle:
            total += sum(1 for line in handle if line.strip())
    return total
