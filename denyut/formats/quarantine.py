"""data/quarantine/<source>.jsonl: the records an import refused, each with its file, line, field and reason.

Appended by the raw store (collectors), counted by the report's coverage panel and read back
by the collect table (the most common reasons). `raw` is what the record was, as far as it
could be read: the object, or the line's text with undecodable bytes escaped (\\xNN).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from denyut.io import read_jsonl
from denyut.timestamps import now_utc

MAX_RAW = 100_000  # characters of a refused record kept for review; the source file keeps the rest


@dataclass(frozen=True)
class Refused:
    source: str
    file: str
    line: int
    field: str | None
    reason: str
    raw: object = None

    @property
    def key(self) -> tuple[str, str, int, str]:
        return (self.source, self.file, self.line, self.reason)


def path_for(quarantine_dir: Path, source: str) -> Path:
    return Path(quarantine_dir) / f"{source}.jsonl"


def _raw(raw: object) -> object:
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8", "backslashreplace")
    if isinstance(raw, str) and len(raw) > MAX_RAW:
        return raw[:MAX_RAW] + f"…[dipotong: {len(raw)} karakter]"
    return raw


def to_line(record: Refused) -> str:
    """One JSON line. A record that cannot be written as it is (deeply nested, lone surrogates) is kept as text."""
    data = {"source": record.source, "file": record.file, "line": record.line, "field": record.field,
            "reason": record.reason, "record": _raw(record.raw), "quarantined_at": now_utc()}
    try:
        text = json.dumps(data, ensure_ascii=False, default=str)
        text.encode("utf-8")
    except (RecursionError, ValueError, UnicodeEncodeError):
        data["record"] = _raw(repr(record.raw))
        text = json.dumps(data, ensure_ascii=True, default=str)
    return text


def key_of(obj: dict) -> tuple[str, str, int, str] | None:
    try:
        return (str(obj["source"]), str(obj["file"]), int(obj["line"]), str(obj["reason"]))
    except (KeyError, TypeError, ValueError):
        return None


def count(quarantine_dir: Path) -> int:
    """Quarantined records of every source so far."""
    total = 0
    for path in sorted(Path(quarantine_dir).rglob("*.jsonl")):  # the analyze stage keeps a file per week below
        with open(path, "rb") as handle:
            total += sum(1 for line in handle if line.strip())
    return total


def reasons(quarantine_dir: Path, source: str) -> Counter:
    """How often each reason was given for a source's records."""
    path = path_for(quarantine_dir, source)
    found: Counter = Counter()
    if path.is_file():
        for _, obj, _error in read_jsonl(path):
            if obj is not None:
                found[f"{obj.get('field') or '-'}: {obj.get('reason')}"] += 1
    return found
