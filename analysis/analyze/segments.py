"""The per-post results of a week, kept per raw file and byte range: data/processed/.segments/<week>/.

Raw files are only appended to, so a week that grew since its last analysis differs from it only by
bytes at the end of its files (and by new files). Each analysed range is a segment: its bytes'
SHA-256, its line numbers and a Parquet file of FEATURES rows. The next analysis keeps every
segment whose bytes are unchanged and analyses only what lies past them: adding a day of posts
re-analyses that day's posts, not the week. A segment made under other code, another model, another
taxonomy or other settings (the key) is never reused.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path

from denyut.io import atomic_write_json, sha256_range

INDEX = "index.json"


@dataclass(frozen=True)
class Segment:
    start: int  # byte offsets in the raw file: [start, end)
    end: int
    first_line: int  # the line number before the segment's first line
    last_line: int
    sha256: str
    parquet: str  # file name in the cache folder


def cache_dir(processed_dir: Path, week: str) -> Path:
    return Path(processed_dir) / ".segments" / week


def _ends_a_line(path: Path, end: int) -> bool:
    with open(path, "rb") as handle:
        handle.seek(end - 1)
        return handle.read(1) == b"\n"


class SegmentCache:
    def __init__(self, directory: Path, key: str):
        self.directory = Path(directory)
        self.key = key
        index = self.directory / INDEX
        data = None
        if index.is_file():
            try:
                data = json.loads(index.read_text(encoding="utf-8"))
            except (json.JSONDecodeError, UnicodeDecodeError):
                data = None
        if not data or data.get("key") != key:  # other code, model, taxonomy or settings: nothing is reusable
            shutil.rmtree(self.directory, ignore_errors=True)
            data = {"key": key, "files": {}}
        self.directory.mkdir(parents=True, exist_ok=True)
        self.files: dict[str, list[Segment]] = {name: [Segment(**s) for s in segments]
                                                for name, segments in data["files"].items()}

    def plan(self, name: str, path: Path) -> tuple[list[Segment], int, int]:
        """The segments of the file still valid, and where analysis must go on: (segments, byte, line number)."""
        size = path.stat().st_size
        valid: list[Segment] = []
        position, line = 0, 0
        for segment in self.files.get(name, []):
            whole = segment.end == size or _ends_a_line(path, segment.end) if segment.end <= size else False
            if (segment.start != position or not whole or not (self.directory / segment.parquet).is_file()
                    or sha256_range(path, segment.start, segment.end) != segment.sha256):
                break
            valid.append(segment)
            position, line = segment.end, segment.last_line
        self.files[name] = valid
        return valid, position, line

    def new_parquet(self, name: str, start: int) -> Path:
        return self.directory / f"{hashlib.sha256(name.encode()).hexdigest()[:16]}-{start}.parquet"

    def add(self, name: str, path: Path, parquet: Path, start: int, end: int, first_line: int, last_line: int) -> Segment:
        segment = Segment(start, end, first_line, last_line, sha256_range(path, start, end), parquet.name)
        self.files.setdefault(name, []).append(segment)
        return segment

    def save(self, names: list[str]) -> None:
        """The index of the files still in the week; Parquet files no segment names are removed."""
        self.files = {name: self.files.get(name, []) for name in names}
        atomic_write_json(self.directory / INDEX, {"key": self.key, "files": {
            name: [asdict(s) for s in segments] for name, segments in self.files.items()}})
        kept = {s.parquet for segments in self.files.values() for s in segments}
        for stale in self.directory.glob("*.parquet"):
            if stale.name not in kept:
                stale.unlink()
