"""Atomic writes, line-numbered JSONL reading and file hashes."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from denyut.errors import InputError

PUBLIC_FILE, PUBLIC_DIR = 0o644, 0o755
PRIVATE_FILE, PRIVATE_DIR = 0o600, 0o700


def private_dir(path: Path) -> Path:
    """A folder only its owner can enter (raw posts, quarantine, review sheets, state)."""
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    os.chmod(path, PRIVATE_DIR)
    return path


def secure_tree(root: Path) -> None:
    """Every folder under a private root 0700 and every file 0600 (files written by other libraries included)."""
    root = Path(root)
    if not root.is_dir() or root.is_symlink():
        return
    os.chmod(root, PRIVATE_DIR)
    for folder, dirs, files in os.walk(root):
        for name in dirs:
            target = os.path.join(folder, name)
            if not os.path.islink(target):
                os.chmod(target, PRIVATE_DIR)
        for name in files:
            target = os.path.join(folder, name)
            if not os.path.islink(target):
                os.chmod(target, PRIVATE_FILE)


def publish_tree(root: Path) -> None:
    """Every folder of a built site 0755 and every file 0644, whatever umask the tools that wrote them had."""
    for folder, _, files in os.walk(root):
        os.chmod(folder, PUBLIC_DIR)
        for name in files:
            target = os.path.join(folder, name)
            if not os.path.islink(target):
                os.chmod(target, PUBLIC_FILE)


def _make_folders(folder: Path, mode: int) -> None:
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for made in reversed(missing):
        made.mkdir(exist_ok=True)
        os.chmod(made, mode)


@contextmanager
def private_data(root: Path) -> Iterator[None]:
    """Around a stage that writes into the data folder: the folder is 0700 from the start (so nothing in it can be
    read by others while the stage runs), and every file and folder in it 0600/0700 at the end, killed or not."""
    private_dir(root)
    try:
        yield
    finally:
        secure_tree(root)


@contextmanager
def replacing_text(out_path: Path) -> Iterator:
    """A text handle (UTF-8, no newline translation: for csv) on a temp file beside out_path, renamed over it at the
    end and removed on any failure: a file contract's output is whole or untouched."""
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out_path.parent, prefix=f".{out_path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as sink:
            yield sink
        os.replace(tmp, out_path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def csv_step(reader: csv.DictReader, path: Path, step):
    """One step of a CSV reader (`next`, or reading the header): bad bytes or bad quoting name the file and line,
    never a traceback; None at the end."""
    start = reader.line_num
    try:
        return step(reader)
    except StopIteration:
        return None
    except UnicodeDecodeError:  # decoded ahead of the reader, in blocks: find the line from the bytes
        line, reason = next((line, reason) for line in iter_lines(path) for _, reason in [decode_line(line)] if reason)
        raise InputError(path, line.number, None, reason) from None
    except csv.Error as exc:  # the row that failed starts on the line after the last one read
        raise InputError(path, start + 1, None, f"CSV tidak valid: {exc}") from None


def atomic_write_bytes(path: Path, data: bytes, mode: int = PUBLIC_FILE) -> None:
    """Write to a temp file beside the target, fsync, then rename over it (0644 unless `mode` says otherwise;
    folders it makes are 0755, or 0700 for a private file, whatever the umask)."""
    path = Path(path)
    _make_folders(path.parent, PUBLIC_DIR if mode & 0o044 else PRIVATE_DIR)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_json(path: Path, obj: Any) -> None:
    atomic_write_text(path, json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


MAX_LINE = 4 * 1024 * 1024  # bytes: a longer line is refused, not read into memory


@dataclass(frozen=True)
class Line:
    """One physical line of a file: its number, the byte offset where it starts, and its bytes
    (None when the line is longer than the limit; `length` still says how long)."""

    number: int
    offset: int
    data: bytes | None
    length: int


def iter_lines(path: Path, max_line: int = MAX_LINE, start: int = 0, first_number: int = 0,
               stop: int | None = None) -> Iterator[Line]:
    """Every physical line (with its terminator) in bounded memory, whatever the bytes are; from byte `start`,
    where line `first_number` + 1 begins, when given, and up to byte `stop` (not past it) when given."""
    with open(path, "rb") as handle:
        handle.seek(start)
        number, offset = first_number, start

        def read(limit: int) -> bytes:
            return handle.readline(limit if stop is None else max(0, min(limit, stop - handle.tell())))

        while True:
            data = read(max_line + 1)
            if not data:
                return
            number += 1
            length = len(data)
            if length > max_line and not data.endswith(b"\n"):
                while data and not data.endswith(b"\n"):  # skip the rest of the oversized line
                    data = read(1 << 20)
                    length += len(data)
                yield Line(number, offset, None, length)
            else:
                yield Line(number, offset, data, length)
            offset += length


def line_ranges(path: Path, lines: int, start: int = 0, first_number: int = 0, stop: int | None = None,
                balanced: bytes | None = None) -> Iterator[tuple[int, int, int]]:
    """(start, stop, first_number) of consecutive runs of `lines` lines from byte `start` to `stop` (the end of
    the file when not given): what iter_lines(path, start=…, first_number=…, stop=…) of each run reads, found
    by counting newlines a block at a time, so a worker process can read its own run.

    balanced (a CSV's quote): a run goes on past `lines` to the first line end where it holds an even number
    of them, where a quoted field cannot be open (at most `lines` more lines, then it is cut anyway)."""
    with open(path, "rb") as handle:
        handle.seek(start)
        begin, number, counted, quotes, position = start, first_number, 0, 0, start
        while stop is None or position < stop:
            block = handle.read(1 << 20 if stop is None else min(1 << 20, stop - position))
            if not block:
                break
            at = 0
            while True:
                if counted < lines:
                    if counted + block.count(b"\n", at) < lines:
                        break
                    end = at
                    for _ in range(lines - counted):
                        end = block.index(b"\n", end) + 1
                    counted = lines
                else:  # one line at a time, looking for an even count
                    end = block.find(b"\n", at) + 1
                    if not end:
                        break
                    counted += 1
                if balanced:
                    quotes += block.count(balanced, at, end)
                at = end
                if not balanced or quotes % 2 == 0 or counted >= 2 * lines:
                    yield begin, position + at, number
                    begin, number, counted, quotes = position + at, number + counted, 0, 0
            counted += block.count(b"\n", at)
            quotes += block.count(balanced, at) if balanced else 0
            position += len(block)
        if position > begin:
            yield begin, position, number


def decode_line(line: Line) -> tuple[str | None, str | None]:
    """(text, None) or (None, reason): a line too long or not UTF-8 is named with its byte offset."""
    if line.data is None:
        return None, f"baris terlalu panjang ({line.length} byte, batas {MAX_LINE})"
    try:
        return line.data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        return None, (f"bukan UTF-8: byte 0x{line.data[exc.start]:02x} pada byte ke-{line.offset + exc.start} berkas "
                      f"(kolom {exc.start + 1} baris ini)")


JSON_MESSAGES = {
    "Expecting value": "nilai tidak ada", "Unterminated string starting at": "teks tidak ditutup",
    "Expecting ',' delimiter": "kurang koma", "Expecting ':' delimiter": "kurang titik dua",
    "Invalid control character at": "karakter kendali di dalam teks", "Extra data": "ada data sesudah objek",
    "Expecting property name enclosed in double quotes": "nama kunci harus bertanda kutip ganda",
    "Invalid \\escape": "escape tidak sah", "Invalid \\uXXXX escape": "escape \\uXXXX tidak sah",
}


def parse_json_line(text: str) -> tuple[dict | None, str | None]:
    """(object, None) or (None, reason), never an exception: bad JSON, too deep, not an object."""
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, f"JSON tidak valid ({JSON_MESSAGES.get(exc.msg, exc.msg)}, kolom {exc.colno})"
    except RecursionError:
        return None, "JSON bersarang terlalu dalam"
    if not isinstance(obj, dict):
        return None, "baris bukan objek JSON"
    return obj, None


def jsonl_objects(lines: Iterable[Line]) -> Iterator[tuple[Line, dict | None, str | None]]:
    """(line, object, error) for each non-empty line; never stops on a bad line or bad bytes."""
    for line in lines:
        if line.data is not None and not line.data.strip():
            continue
        text, error = decode_line(line)
        if text is not None and line.number == 1:
            text = text.removeprefix("\ufeff")  # a byte-order mark some tools write before the first object
        obj = None
        if text is not None:
            obj, error = parse_json_line(text)
        yield line, obj, error


def iter_jsonl(path: Path) -> Iterator[tuple[Line, dict | None, str | None]]:
    """jsonl_objects of every line of a file."""
    return jsonl_objects(iter_lines(path))


def read_jsonl(path: Path) -> Iterator[tuple[int, dict | None, str | None]]:
    """(line number, object, error) for each non-empty line."""
    for line, obj, error in iter_jsonl(path):
        yield line.number, obj, error


def read_csv_rows(path: Path, required: list[str]) -> Iterator[tuple[int, dict]]:
    """(line number, row) of a small CSV someone filled in; bad bytes, a missing column, a row of the wrong
    width or broken quoting is an InputError naming the file, line and column."""
    bad = next((line for line in iter_lines(path) if decode_line(line)[1]), None)
    if bad is not None:
        raise InputError(path, bad.number, None, decode_line(bad)[1] + " (simpan sebagai CSV UTF-8)")
    with open(path, encoding="utf-8-sig", newline="") as handle:
        first = handle.readline()
        handle.seek(0)
        # a spreadsheet in Indonesia saves with ';' (the decimal comma): the separator that gives the columns wins
        delimiter = max(";,\t", key=lambda d: sum(c in next(csv.reader([first], delimiter=d), []) for c in required))
        reader = csv.DictReader(handle, strict=True, delimiter=delimiter)
        try:
            header = reader.fieldnames or []
            missing = [c for c in required if c not in header]
            if missing:
                raise InputError(path, 1, missing[0], f"kolom wajib tidak ada: {', '.join(missing)} "
                                                      f"(yang ada: {', '.join(header)}; jangan ubah baris judul)")
            for row in reader:
                if None in row or None in row.values():
                    raise InputError(path, reader.line_num, None,
                                     f"jumlah kolom tidak sama dengan baris judul ({len(header)})")
                yield reader.line_num, row
        except csv.Error as exc:
            raise InputError(path, reader.line_num + 1, None, f"CSV tidak valid: {exc}") from None


def sha256_range(path: Path, start: int, end: int) -> str:
    """SHA-256 of the bytes [start, end) of a file (fewer when it is shorter), read in blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        handle.seek(start)
        left = end - start
        while left > 0 and (block := handle.read(min(left, 1 << 20))):
            digest.update(block)
            left -= len(block)
    return digest.hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
