"""The append-only raw store: data/raw/<platform>/<YYYY-MM-DD>.jsonl, de-duplicated on (platform, post_id).

Raw files are only ever appended to. A SQLite index of seen keys (with a hash of each post's
text) keeps the de-duplication in bounded memory. A known post arriving with another text is a
revision: it goes to data/revisions/<platform>/<day>.jsonl, counted, never over the raw line.

Nothing is doubled or lost at a kill at any instruction, because of the order of writes: a
batch's lines are appended to their files (raw, revisions, quarantine) and indexed in an open
transaction; at a sync (after each batch, or every so many batches of a large import) the files
are fsynced first, and only then is the index committed, in one transaction that also records
how far each file is indexed. At start the store reconciles: the part of each file past its indexed length (a kill
between the two steps) is read and indexed, and a torn last line (a kill inside a write, never
indexed) is cut off, so its record is simply imported again. A lost index is the same case
from length zero: it is rebuilt from the files.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from denyut.formats import quarantine as quarantine_file
from denyut.formats.post import Post
from denyut.formats.quarantine import Refused
from denyut.weeks import wib_date

INDEX_VERSION = 2
KINDS = ("raw", "revisions", "quarantine")


@dataclass
class ImportStats:
    """One source's counts in one run: fetched = new + duplicates + revisions + outside_window + quarantined."""

    source: str
    fetched: int = 0
    new: int = 0
    duplicates: int = 0
    revisions: int = 0
    outside_window: int = 0  # outside the source's since/until
    quarantined: int = 0  # refused this run, including records quarantined by an earlier run
    quarantined_new: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    reasons: Counter = field(default_factory=Counter)

    def as_row(self) -> dict:
        return {"source": self.source, "fetched": self.fetched, "new": self.new, "duplicates": self.duplicates,
                "revisions": self.revisions, "outside_window": self.outside_window, "quarantined": self.quarantined,
                "errors": len(self.errors)}


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class Prepared:
    """A post as the store writes it: its key, its text's hash, its day file and its line."""

    platform: str
    post_id: str
    text_sha: str
    day: str  # <platform>/<YYYY-MM-DD>.jsonl (WIB)
    line: str


def prepare(post: Post) -> Prepared:
    return Prepared(post.platform, post.post_id, text_hash(post.text),
                    f"{post.platform}/{wib_date(post.created_at).isoformat()}.jsonl",
                    json.dumps(post.to_json_dict(), ensure_ascii=False, sort_keys=True))


def _append(path: Path, data: bytes) -> None:
    """The one way bytes reach a store file: appended and flushed (fsynced by _fsync before the index commits)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "ab") as handle:
        handle.write(data)


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


class RawStore:
    def __init__(self, raw_dir: Path, quarantine_dir: Path):
        self.raw_dir = Path(raw_dir)
        self.quarantine_dir = Path(quarantine_dir)
        self.revisions_dir = self.raw_dir.parent / "revisions"
        self.raw_dir.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.raw_dir / ".index.sqlite")
        self._unsynced: dict[Path, None] = {}  # files appended to since the last sync(), in the order of writes
        if self._db.execute("PRAGMA user_version").fetchone()[0] != INDEX_VERSION:
            self._db.executescript("""
                DROP TABLE IF EXISTS seen; DROP TABLE IF EXISTS quarantined; DROP TABLE IF EXISTS revisions;
                DROP TABLE IF EXISTS files;
                CREATE TABLE seen (platform TEXT, post_id TEXT, text_sha TEXT, PRIMARY KEY (platform, post_id)) WITHOUT ROWID;
                CREATE TABLE revisions (platform TEXT, post_id TEXT, text_sha TEXT,
                                        PRIMARY KEY (platform, post_id, text_sha)) WITHOUT ROWID;
                CREATE TABLE quarantined (source TEXT, file TEXT, line INTEGER, reason TEXT,
                                          PRIMARY KEY (source, file, line, reason)) WITHOUT ROWID;
                CREATE TABLE files (path TEXT PRIMARY KEY, length INTEGER) WITHOUT ROWID;""")
            self._db.execute(f"PRAGMA user_version = {INDEX_VERSION}")
            self._commit()
        self.reconcile()

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> RawStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _commit(self) -> None:
        self._db.commit()

    # -- reconciling the index with the files ------------------------------------------------
    def _files(self) -> dict[str, list[Path]]:
        return {"raw": sorted(self.raw_dir.glob("*/*.jsonl")), "revisions": sorted(self.revisions_dir.glob("*/*.jsonl")),
                "quarantine": sorted(self.quarantine_dir.glob("*.jsonl"))}

    def _name(self, path: Path) -> str:
        return str(path.relative_to(self.raw_dir.parent)) if path.is_relative_to(self.raw_dir.parent) else str(path)

    def reconcile(self) -> None:
        """Index what the files hold past their indexed length; cut a torn last line off."""
        indexed = dict(self._db.execute("SELECT path, length FROM files"))
        for kind, paths in self._files().items():
            for path in paths:
                start, size = indexed.get(self._name(path), 0), path.stat().st_size
                if size < start:  # a file shrank behind the store's back: index everything again
                    self._db.execute("DELETE FROM files")
                    self._commit()
                    return self.reconcile()
                if size > start:
                    self._index_tail(kind, path, start)
        self._commit()

    def _index_tail(self, kind: str, path: Path, start: int) -> None:
        with open(path, "rb") as handle:
            handle.seek(start)
            tail = handle.read()
        complete = tail.rfind(b"\n") + 1
        if complete < len(tail):  # a write was cut short: those bytes were never a record
            os.truncate(path, start + complete)
        for line in tail[:complete].splitlines():
            try:
                obj = json.loads(line)
            except (ValueError, RecursionError):
                continue
            if isinstance(obj, dict):
                self._index_record(kind, obj)
        self._db.execute("INSERT OR REPLACE INTO files VALUES (?, ?)", (self._name(path), start + complete))

    def _index_record(self, kind: str, obj: dict) -> None:
        if kind == "quarantine":
            key = quarantine_file.key_of(obj)
            if key:
                self._db.execute("INSERT OR IGNORE INTO quarantined VALUES (?, ?, ?, ?)", key)
            return
        if not all(isinstance(obj.get(k), str) for k in ("platform", "post_id", "text")):
            return
        row = (obj["platform"], obj["post_id"], text_hash(obj["text"]))
        self._db.execute(f"INSERT OR IGNORE INTO {'seen' if kind == 'raw' else 'revisions'} VALUES (?, ?, ?)", row)

    # -- adding a batch -----------------------------------------------------------------------
    def add(self, posts: list[Post], stats: ImportStats, refused: list[Refused] = ()) -> None:
        """Append the posts not seen before, the revisions and the refused records; then index them."""
        self.add_prepared([prepare(post) for post in posts], stats, refused)

    def _known(self, keys: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
        """The stored text hash of each key already in the index: one query per batch, not one per post."""
        known: dict[tuple[str, str], str] = {}
        unique = list(dict.fromkeys(keys))
        for start in range(0, len(unique), 400):
            part = unique[start:start + 400]
            where = " OR ".join(["(platform=? AND post_id=?)"] * len(part))
            for platform, post_id, digest in self._db.execute(
                    f"SELECT platform, post_id, text_sha FROM seen WHERE {where}", [v for key in part for v in key]):
                known[(platform, post_id)] = digest
        return known

    def add_prepared(self, prepared: list[Prepared], stats: ImportStats, refused: list[Refused] = (),
                     sync: bool = True) -> None:
        """add() of posts already turned into their stored lines (by worker processes, for large exports).

        With sync=False the lines are appended and indexed in the open transaction, and made durable by the
        next sync(): a large import fsyncs and commits every so many batches, not after each."""
        lines: dict[Path, list[str]] = defaultdict(list)
        raw_days: dict[str, list[str]] = defaultdict(list)  # by day name first: a Path per post costs more than the rest
        seen_rows, revision_rows, quarantine_rows = [], [], []
        batch_seen = self._known([(p.platform, p.post_id) for p in prepared])
        batch_revisions: set[tuple[str, str, str]] = set()
        for post in prepared:
            key, digest = (post.platform, post.post_id), post.text_sha
            known = batch_seen.get(key)
            if known is None:
                batch_seen[key] = digest
                seen_rows.append((*key, digest))
                raw_days[post.day].append(post.line)
            elif known == digest or (*key, digest) in batch_revisions or self._db.execute(
                    "SELECT 1 FROM revisions WHERE platform=? AND post_id=? AND text_sha=?", (*key, digest)).fetchone():
                stats.duplicates += 1
            else:  # the same post with another text: kept beside the raw line, never over it
                batch_revisions.add((*key, digest))
                revision_rows.append((*key, digest))
                lines[self.revisions_dir / post.day].append(post.line)
                stats.revisions += 1
        # the raw lines first, then the revisions, then the quarantine: the order of writes the recovery expects
        lines = {**{self.raw_dir / day: day_lines for day, day_lines in raw_days.items()}, **lines}
        lines = defaultdict(list, lines)
        batch_refused: set[tuple] = set()
        for record in refused:
            stats.quarantined += 1
            stats.reasons[f"{record.field or '-'}: {record.reason}"] += 1
            if record.key in batch_refused or self._db.execute(
                    "SELECT 1 FROM quarantined WHERE source=? AND file=? AND line=? AND reason=?", record.key).fetchone():
                continue
            batch_refused.add(record.key)
            quarantine_rows.append(record.key)
            lines[quarantine_file.path_for(self.quarantine_dir, record.source)].append(quarantine_file.to_line(record))
            stats.quarantined_new += 1
        # 1. the files; 2. the index rows, in the open transaction; 3. (sync) every file fsynced, then one commit
        try:
            for path, batch in lines.items():
                self._unsynced[path] = None
                _append(path, ("\n".join(batch) + "\n").encode("utf-8"))
        except Exception:  # a full disk, a file gone: what is on disk is what counts, torn tail cut off
            self._db.rollback()
            self._unsynced.clear()
            self.reconcile()
            raise
        self._db.executemany("INSERT OR IGNORE INTO seen VALUES (?, ?, ?)", seen_rows)
        self._db.executemany("INSERT OR IGNORE INTO revisions VALUES (?, ?, ?)", revision_rows)
        self._db.executemany("INSERT OR IGNORE INTO quarantined VALUES (?, ?, ?, ?)", quarantine_rows)
        stats.new += len(seen_rows)
        if sync:
            self.sync()

    def sync(self) -> None:
        """The files appended to reach the disk, then the index commits with each file's new length: a kill
        before the commit leaves lines past the indexed length, which the next reconcile() indexes."""
        for path in self._unsynced:
            _fsync(path)
        self._db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?)",
                             [(self._name(path), path.stat().st_size) for path in self._unsynced])
        self._commit()
        self._unsynced.clear()
