"""The append-only raw store: data/raw/<platform>/<YYYY-MM-DD>.jsonl, de-duplicated on (platform, post_id).

Raw files are only ever appended to. A SQLite index of seen keys keeps the
de-duplication in bounded memory; it can be rebuilt from the files at any time.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from collectors.post import Post
from denyut.formats import quarantine as quarantine_file
from denyut.io import read_jsonl
from denyut.weeks import wib_date


@dataclass
class ImportStats:
    source: str
    fetched: int = 0
    new: int = 0
    duplicates: int = 0
    quarantined: int = 0
    errors: list[str] = field(default_factory=list)

    def as_row(self) -> dict:
        return {"source": self.source, "fetched": self.fetched, "new": self.new,
                "duplicates": self.duplicates, "quarantined": self.quarantined, "errors": len(self.errors)}


class RawStore:
    def __init__(self, raw_dir: Path, quarantine_dir: Path):
        self.raw_dir = Path(raw_dir)
        self.quarantine_dir = Path(quarantine_dir)
        self.raw_dir.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.raw_dir / ".index.sqlite")
        self._db.execute("CREATE TABLE IF NOT EXISTS seen (platform TEXT, post_id TEXT, PRIMARY KEY (platform, post_id)) WITHOUT ROWID")
        self._db.execute("CREATE TABLE IF NOT EXISTS quarantined (source TEXT, file TEXT, line INTEGER, reason TEXT, PRIMARY KEY (source, file, line, reason)) WITHOUT ROWID")
        if self._db.execute("SELECT COUNT(*) FROM seen").fetchone()[0] == 0:
            self._rebuild_index()

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> RawStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _rebuild_index(self) -> None:
        for path in sorted(self.raw_dir.glob("*/*.jsonl")):
            for _, obj, _ in read_jsonl(path):
                if obj and "platform" in obj and "post_id" in obj:
                    self._db.execute("INSERT OR IGNORE INTO seen VALUES (?, ?)", (obj["platform"], str(obj["post_id"])))
        self._db.commit()

    def add(self, posts: list[Post], stats: ImportStats) -> None:
        """Append the posts not seen before; file writes are flushed and fsynced before the index commits."""
        by_file: dict[Path, list[str]] = defaultdict(list)
        fresh: list[tuple[str, str]] = []
        batch_keys: set[tuple[str, str]] = set()
        for post in posts:
            key = (post.platform, post.post_id)
            if key in batch_keys or self._db.execute("SELECT 1 FROM seen WHERE platform=? AND post_id=?", key).fetchone():
                stats.duplicates += 1
                continue
            batch_keys.add(key)
            fresh.append(key)
            path = self.raw_dir / post.platform / f"{wib_date(post.created_at).isoformat()}.jsonl"
            by_file[path].append(json.dumps(post.to_json_dict(), ensure_ascii=False, sort_keys=True))
        for path, lines in by_file.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "a", encoding="utf-8") as handle:
                handle.write("\n".join(lines) + "\n")
                handle.flush()
                os.fsync(handle.fileno())
        self._db.executemany("INSERT OR IGNORE INTO seen VALUES (?, ?)", fresh)
        self._db.commit()
        stats.new += len(fresh)

    def quarantine(self, source: str, path: Path, line: int, field_name: str | None, reason: str, raw: object) -> bool:
        """Record a bad record once; returns False when this very record was quarantined before."""
        cursor = self._db.execute("INSERT OR IGNORE INTO quarantined VALUES (?, ?, ?, ?)", (source, str(path), line, reason))
        self._db.commit()
        if cursor.rowcount == 0:
            return False
        quarantine_file.append(self.quarantine_dir, source, path, line, field_name, reason, raw)
        return True
