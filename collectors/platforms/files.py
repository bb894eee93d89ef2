"""Import exports from files: Post-shaped or mapped JSONL, `snscrape --jsonl` output, and CSV."""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import stat
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from collectors.base import RecordError, SourceError, State, in_window, make_post, parse_time
from collectors.post import TELEGRAM_POST_URL, plain_text
from collectors.registry import Platform, Run
from collectors.store import ImportStats, Prepared, prepare
from denyut import __version__
from denyut.config import ColumnMap, FileSource
from denyut.formats.quarantine import Refused
from denyut.io import Line, decode_line, iter_lines, jsonl_objects, line_ranges, sha256_range
from denyut.parallel import ordered_map, workers_for
from denyut.progress import bar

COLLECTOR = f"denyut.files/{__version__}"
BATCH = 10_000  # records per stored batch
SYNC_RECORDS = 100_000  # the store fsyncs its files and commits its index after this many records, and at the end

# (platform, how to read one snscrape item) per _type; the other snscrape modules are broken upstream
# but old exports of them are still worth importing.
SNSCRAPE_TYPES = {
    "snscrape.modules.telegram.TelegramPost": "telegram",
    "snscrape.modules.twitter.Tweet": "x",
    "snscrape.modules.mastodon.Toot": "mastodon",
    "snscrape.modules.reddit.Submission": "reddit",
    "snscrape.modules.reddit.Comment": "reddit",
}


def _object(obj: dict, key: str) -> dict:
    value = obj.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise RecordError(key, f"harus objek JSON, bukan {type(value).__name__}")
    return value


def _text_of(value: object) -> object:
    """snscrape's content fields: text, or whatever else came (left for the Post check to refuse by name)."""
    return value if value not in (None, "") else ""


def _snscrape_fields(obj: dict) -> dict:
    kind = obj.get("_type")
    if not isinstance(kind, str) or kind not in SNSCRAPE_TYPES:
        raise RecordError("_type", f"jenis item snscrape tidak didukung: {str(kind)[:80]!r}")
    platform = SNSCRAPE_TYPES[kind]
    url = obj.get("url")
    if platform == "telegram":
        match = TELEGRAM_POST_URL.match(url) if isinstance(url, str) else None
        if not match:
            raise RecordError("url", f"URL Telegram tidak dikenali: {str(url)[:120]!r}")
        outlinks = obj.get("outlinks") or []
        return {"platform": platform, "post_id": f"{match[1]}/{match[2]}", "author": match[1], "url": url,
                "created_at": obj.get("date"), "text": _text_of(obj.get("content")),
                "links": [link for link in outlinks if isinstance(link, str)] if isinstance(outlinks, list) else None}
    if platform == "x":
        user, retweeted = _object(obj, "user"), _object(obj, "retweetedTweet")
        return {"platform": platform, "post_id": obj.get("id"), "author": user.get("username"), "url": url,
                "created_at": obj.get("date"), "text": _text_of(obj.get("rawContent") or obj.get("content")),
                "lang": obj.get("lang"), "reply_to": obj.get("inReplyToTweetId"), "repost_of": retweeted.get("id"),
                "location": user.get("location"),
                "likes": obj.get("likeCount"), "reposts": obj.get("retweetCount"), "replies": obj.get("replyCount")}
    if platform == "mastodon":
        content = obj.get("content")
        return {"platform": platform, "post_id": obj.get("id"), "author": _object(obj, "user").get("account"), "url": url,
                "created_at": obj.get("date"), "text": plain_text(content) if isinstance(content, str) else _text_of(content)}
    # reddit
    parts = [obj.get(k) for k in ("title", "selftext", "body")]
    if any(p is not None and not isinstance(p, str) for p in parts):
        raise RecordError("title", "title, selftext dan body harus teks")
    return {"platform": platform, "post_id": obj.get("id"), "author": obj.get("author"), "url": url,
            "created_at": obj.get("created") or obj.get("date"), "text": " ".join(p for p in parts if p)}


def _mapped_fields(row: dict, columns: ColumnMap, platform: str | None) -> dict:
    def get(name: str | None) -> object:
        if name is None:
            return None
        if name not in row:
            raise RecordError(name, "kolom tidak ada di ekspor (periksa 'columns' di konfigurasi)")
        return row[name]

    return {"platform": get(columns.platform) if columns.platform else platform,
            "post_id": get(columns.post_id), "author": get(columns.author), "url": get(columns.url) if columns.url in row else None,
            "created_at": get(columns.created_at), "text": get(columns.text),
            "lang": row.get(columns.lang) if columns.lang else None,
            "reply_to": row.get(columns.reply_to) if columns.reply_to else None,
            "repost_of": row.get(columns.repost_of) if columns.repost_of else None,
            "likes": row.get(columns.likes) if columns.likes else None,
            "reposts": row.get(columns.reposts) if columns.reposts else None,
            "replies": row.get(columns.replies) if columns.replies else None,
            "location": row.get(columns.location) if columns.location else None}


# -- reading an export, record by record, whatever its bytes --------------------------------------

@dataclass(frozen=True)
class Record:
    """One record of an export: its first line, its fields or why they could not be read, and what it was."""

    line: int
    fields: dict | None
    field: str | None = None
    reason: str | None = None
    raw: object = None


def _jsonl_records(source: FileSource, lines: Iterable[Line]) -> Iterator[Record]:
    for line, obj, reason in jsonl_objects(lines):
        if obj is None:
            yield Record(line.number, None, None, reason, line.data if line.data is not None else f"<{line.length} byte>")
            continue
        try:
            fields = _snscrape_fields(obj) if source.type == "snscrape-jsonl" else _mapped_fields(obj, source.columns, source.platform)
        except RecordError as exc:
            yield Record(line.number, None, exc.field, exc.reason, obj)
            continue
        yield Record(line.number, fields, raw=obj)


MAX_RECORD_LINES = 1000  # a quoted field may hold line breaks; one that never closes is refused, not followed for ever


def _csv_lines(path: Path, start: int = 0, first_number: int = 0, stop: int | None = None
               ) -> Iterator[tuple[Line, str, str | None]]:
    """(line, text, reason) per physical line; undecodable bytes are kept escaped so quotes can still be counted."""
    for line in iter_lines(path, start=start, first_number=first_number, stop=stop):
        text, reason = decode_line(line)
        if text is None:
            text = line.data.decode("utf-8", "surrogateescape") if line.data is not None else ""
        if line.number == 1:
            text = text.removeprefix("\ufeff")
        yield line, text, reason


def _parse_csv_rows(text: str, delimiter: str = ",") -> list[list[str]]:
    """Every row a CSV parser reads in `text` (a bare carriage return inside a line ends a row too); [] for none."""
    return list(csv.reader(io.StringIO(text, newline=""), strict=True, delimiter=delimiter))


def _parse_csv_record(text: str, delimiter: str = ",") -> list[str]:
    rows = _parse_csv_rows(text, delimiter)
    return rows[0] if rows else []


def _required(source: FileSource) -> list[str]:
    return [c for c in (source.columns.post_id, source.columns.created_at, source.columns.text, source.columns.author,
                        source.columns.platform) if c]


def _csv_header(source: FileSource, path: Path, header: list[str], delimiter: str = ",", encoding: str = "utf-8") -> None:
    """A header without the mapped columns fails the whole file at once, naming what is missing, what is there,
    and how the file was read."""
    twice = sorted({c for c in header if header.count(c) > 1 and c})
    if twice:
        raise SourceError(f"{path}, baris 1: kolom header berulang: {', '.join(twice)} (kolom mana yang dipakai tidak "
                          "jelas: beri nama lain)")
    missing = [c for c in _required(source) if c not in header]
    if missing:
        raise SourceError(f"{path}, baris 1: kolom wajib tidak ada di header: {', '.join(missing)} "
                          f"(kolom yang terbaca dengan pemisah {_named(delimiter)} dan encoding {encoding}: "
                          f"{', '.join(header) or '-'}; periksa 'columns', 'delimiter' dan 'encoding' sumber {source.name})")


DELIMITERS = (",", ";", "\t", "|")  # Excel and LibreOffice in Indonesia save with ";" (the decimal comma)


def _named(delimiter: str) -> str:
    return {",": "koma (,)", ";": "titik koma (;)", "\t": "tab", "|": "garis tegak (|)"}.get(delimiter, repr(delimiter))


@dataclass(frozen=True)
class Dialect:
    """How a CSV export is read: the UTF-8 file read (the export, or its transcoded copy), its separator and the
    encoding the export was in."""

    path: Path
    delimiter: str
    encoding: str


def detect_encoding(path: Path) -> str:
    """By the byte-order mark (UTF-8, UTF-16, UTF-32), else UTF-8 when the first MB reads as UTF-8 more than it fails
    to, else cp1252 (what Excel on Windows in Indonesia saves as 'CSV')."""
    with open(path, "rb") as handle:
        head = handle.read(1 << 20)
    for bom, name in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                      (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if head.startswith(bom):
            return name
    if len(head) >= 16:
        odd, even = head[1::2].count(0) / (len(head) // 2), head[0::2].count(0) / (len(head) // 2)
        if odd > 0.3 and even < 0.05:  # "a\0b\0": ASCII text as UTF-16 little-endian, saved without its mark
            return "utf-16-le"
        if even > 0.3 and odd < 0.05:
            return "utf-16-be"
    text = head[:-4].decode("utf-8", "replace") if len(head) >= 1 << 20 else head.decode("utf-8", "replace")
    invalid = text.count("\ufffd")
    valid = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    # a UTF-8 export with a few broken lines stays UTF-8 (those lines are refused); cp1252 is rarely valid UTF-8
    return "utf-8" if invalid == 0 or valid >= invalid else "cp1252"


def _transcode(path: Path, encoding: str, target: Path, stop: int, old_mac: bool = False) -> Path:
    """The export's first `stop` bytes as UTF-8, line for line (line numbers stay those of the export; a file of
    carriage returns only, as old Excel for Mac saves, gets line feeds); bytes the encoding cannot read are kept
    as they were, so the reader refuses their line as not UTF-8 instead of guessing."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    with open(path, "rb") as raw, open(tmp, "wb") as out:
        reader = io.TextIOWrapper(io.BytesIO(raw.read(stop)), encoding=encoding, errors="surrogateescape",
                                  newline=None if old_mac else "")
        for number, line in enumerate(reader):
            out.write((line.removeprefix("\ufeff") if number == 0 else line).encode("utf-8", "surrogateescape"))
    tmp.replace(target)
    return target


def csv_dialect(source: FileSource, path: Path, work_dir: Path, stop: int, encoding: str) -> Dialect:
    """The separator (configured, or the one that gives a header with the mapped columns) of an export in
    `encoding`; an export no separator fits fails naming every reading it tried. Read up to byte `stop`."""
    with open(path, "rb") as handle:
        head = handle.read(1 << 20)
    sample = head.decode(encoding, "ignore")
    old_mac = "\r" in sample and "\n" not in sample  # lines ended by carriage returns alone
    read = (path if encoding in ("utf-8", "utf-8-sig") and not old_mac
            else _transcode(path, encoding, work_dir / f"{source.name}.utf8.csv", stop, old_mac))
    header_line = next((text for _, text, _ in _csv_lines(read) if text.strip()), "")
    if source.delimiter or not header_line.strip():  # configured, or nothing to read at all (the import says so)
        return Dialect(read, source.delimiter or ",", encoding)
    readings = {}
    for delimiter in DELIMITERS:
        try:
            header = _parse_csv_record(header_line, delimiter)
        except csv.Error:
            continue
        if all(c in header for c in _required(source)):
            return Dialect(read, delimiter, encoding)
        readings[delimiter] = header
    seen = "; ".join(f"dengan {_named(d)}: {', '.join(h[:8]) or '-'}" for d, h in readings.items())
    raise SourceError(f"{path}, baris 1: kolom wajib tidak ada di header: {', '.join(_required(source))} "
                      f"(dibaca sebagai {encoding}, kolom yang ada {seen}; periksa 'columns' sumber {source.name}, "
                      "atau setel 'delimiter' dan 'encoding'-nya, mis. delimiter: ';', encoding: cp1252)")


@dataclass
class CsvState:
    """What a read of CSV lines knows besides its records: the header (given, or found), and whether the run of
    lines ended inside a record (a quote still open), in which case the lines after it are not a record's start."""

    header: list[str] | None = None
    open_at_end: bool = False
    delimiter: str = ","
    encoding: str = "utf-8"


def quote_open(text: str, in_quotes: bool = False, delimiter: str = ",") -> bool:
    """Whether a quoted field is still open at the end of `text`, read as a CSV parser reads it: a quote opens a
    quoted field only at the start of a field (`layar 5" bagus` is a plain field holding a quote); inside one, a
    doubled quote is a quote and a single quote closes it. `in_quotes`: open at the start of `text`."""
    if '"' not in text:
        return in_quotes
    i, n, at_start = 0, len(text), not in_quotes
    while i < n:
        if in_quotes:
            j = text.find('"', i)
            if j < 0:
                return True
            if j + 1 < n and text[j + 1] == '"':
                i = j + 2
                continue
            in_quotes, at_start, i = False, False, j + 1
        elif at_start and text[i] == '"':
            in_quotes, i = True, i + 1
        else:
            ends = [k for k in (text.find(delimiter, i), text.find("\n", i)) if k >= 0]
            if not ends:
                return False
            i, at_start = min(ends) + 1, True
    return in_quotes


def _plausible_start(text: str, state: CsvState, source: FileSource) -> bool:
    """A line that is a whole record by itself: the header's width, and a time where the export keeps its time.
    A quoted field that runs into such a line was a stray quote, not a line break inside a field."""
    if state.header is None or quote_open(text, False, state.delimiter):
        return False
    try:
        values = _parse_csv_record(text, state.delimiter)
    except csv.Error:
        return False
    if len(values) != len(state.header):
        return False
    try:
        parse_time(dict(zip(state.header, values)).get(source.columns.created_at))
    except RecordError:
        return False
    return True


def _csv_records(source: FileSource, path: Path, start: int = 0, first_number: int = 0, stop: int | None = None,
                 state: CsvState | None = None) -> Iterator[Record]:
    """Records split as a CSV parser splits them (quote_open); a quoted field that does not close within the record's
    line, and runs into a line that is a whole record by itself, is a stray quote: its first line is refused alone
    and reading goes on at the next line, so no valid row is swallowed. Each record names its first physical line.
    From byte `start` to `stop` when given (a run of lines that begins at a record), with the header in `state`."""
    state = state if state is not None else CsvState()
    lines = _csv_lines(path, start, first_number, stop)
    pushed_back: deque = deque()

    def take():
        return pushed_back.popleft() if pushed_back else next(lines, None)

    while (first := take()) is not None:
        record, stray = [first], False
        open_quote = quote_open(first[1], False, state.delimiter)
        while open_quote and len(record) < MAX_RECORD_LINES:
            if (nxt := take()) is None:
                state.open_at_end = True
                break
            if _plausible_start(nxt[1], state, source):
                pushed_back.appendleft(nxt)
                stray = True
                break
            record.append(nxt)
            open_quote = quote_open(nxt[1], True, state.delimiter)
        if stray or (len(record) > 1 and (open_quote or not _fits(record, state))):
            # the quote opened on the first line never closed: refuse that line alone, read on after it
            yield Record(first[0].number, None, None, "tanda kutip tidak ditutup", first[1])
            pushed_back.extendleft(reversed(record[1:]))
            continue
        yield from _csv_record(source, path, record, state)


def _fits(record: list, state: CsvState) -> bool:
    """A record of several lines that parses, to the header's width: a quoted line break, not a stray quote."""
    try:
        values = _parse_csv_record("".join(t for _, t, _ in record), state.delimiter)
    except csv.Error:
        return False
    return state.header is None or len(values) == len(state.header)


def _csv_record(source: FileSource, path: Path, record: list, state: CsvState) -> Iterator[Record]:
    """One record's lines → its Record (or the header, kept in `state`); a line that holds several rows (split by
    a bare carriage return) gives one Record per row, each checked against the header."""
    first = record[0]
    text = "".join(t for _, t, _ in record)
    bad = next((reason for _, _, reason in record if reason), None)
    if bad:  # bytes that are not UTF-8, a line over the limit: refused with its reason, never dropped
        yield Record(first[0].number, None, None, bad, text.encode("utf-8", "surrogateescape"))
        return
    try:
        rows = _parse_csv_rows(text, state.delimiter) if text.strip() else []
    except csv.Error as exc:
        message = str(exc)
        if "field larger than field limit" in message:
            message = f"satu kolom lebih dari {csv.field_size_limit():,} karakter".replace(",", ".")
        reason = "tanda kutip tidak ditutup" if "unexpected end of data" in message else f"CSV tidak valid: {message}"
        yield Record(first[0].number, None, None, reason, text)
        return
    for values in rows:
        if not any(v.strip() for v in values):
            continue
        if state.header is None:
            state.header = values
            _csv_header(source, path, state.header, state.delimiter, state.encoding)
            continue
        yield _csv_row(source, first[0].number, values, state, text)


def _csv_row(source: FileSource, line: int, values: list[str], state: CsvState, text: str) -> Record:
    if len(values) != len(state.header):
        return Record(line, None, None, f"baris punya {len(values)} kolom, header punya {len(state.header)} "
                                       "(pemisah atau tanda kutip yang tidak di-escape?)", text)
    row = dict(zip(state.header, values))
    try:
        return Record(line, _mapped_fields(row, source.columns, source.platform), raw=row)
    except RecordError as exc:
        return Record(line, None, exc.field, exc.reason, row)


def _import_records(records: Iterable[Record], source: FileSource, config, key: bytes, collected_at, path: str
                    ) -> tuple[list[Prepared], list[Refused], int, int]:
    """Records → the stored lines of their posts and the refused records, in order (a pure function of the
    records: run in worker processes for a large export, with the same result)."""
    prepared, refused, fetched, outside = [], [], 0, 0
    for record in records:
        fetched += 1
        if record.fields is None:
            refused.append(Refused(source.name, path, record.line, record.field, record.reason, record.raw))
            continue
        try:
            post = make_post(record.fields, source, config, key, collected_at, COLLECTOR)
        except RecordError as exc:  # named by the export's own column where the config maps one
            column = getattr(source.columns, exc.field or "", None) if source.type != "snscrape-jsonl" else None
            refused.append(Refused(source.name, path, record.line, column or exc.field, exc.reason, record.raw))
            continue
        if in_window(post, source.since, source.until):
            prepared.append(prepare(post))
        else:
            outside += 1
    return prepared, refused, fetched, outside


def _import_range(span: tuple[int, int, int], source: FileSource, config, key: bytes, collected_at, path: str):
    """One run of lines of a JSONL export, read by the worker itself: the main process only finds where runs start."""
    start, stop, first_number = span
    lines = iter_lines(Path(path), start=start, first_number=first_number, stop=stop)
    return _import_records(_jsonl_records(source, lines), source, config, key, collected_at, path)


def _import_csv_run(span: tuple[int, int, int], header: list[str] | None, dialect: Dialect, source: FileSource, config,
                    key: bytes, collected_at, path: str):
    """One run of lines of a CSV export, read by the worker itself; with the CsvState it ended in."""
    start, stop, first_number = span
    state = CsvState(header, delimiter=dialect.delimiter, encoding=dialect.encoding)
    records = list(_csv_records(source, dialect.path, start, first_number, stop, state))
    return span, _import_records(records, source, config, key, collected_at, path), state


def _csv_results(source: FileSource, dialect: Dialect, size: int, workers: int, *args) -> Iterator[tuple]:
    """The stored lines of a CSV export, run by run, as one read of the whole file gives them.

    Runs of lines are cut where the quotes so far are even (denyut.io.line_ranges), read here until one holds
    the header, then on every core. A run is kept only when its last record closed inside it: then the next run
    begins at a record, as it does in one read. The first run that ended inside a quote (a quote that never
    closes, or a record longer than a run) is dropped, and the file is read on from its start here, in one read."""
    spans = line_ranges(dialect.path, BATCH, stop=size, balanced=b'"')
    header, resume = None, None
    for span in spans:
        _, result, state = _import_csv_run(span, None, dialect, source, *args)
        if state.open_at_end and span[1] < size:
            resume = span
            break
        yield result
        if state.header is not None:
            header = state.header
            break
    if resume is None and header is not None:
        for span, result, state in ordered_map(_import_csv_run, spans, workers, header, dialect, source, *args):
            if state.open_at_end and span[1] < size:
                resume = span
                break
            yield result
    if resume is not None:
        start, _, first_number = resume
        state = CsvState(header, delimiter=dialect.delimiter, encoding=dialect.encoding)
        records = _csv_records(source, dialect.path, start, first_number, size, state)
        for batch in _batches(records):
            yield _import_records(batch, source, *args)


def _batches(items: Iterable) -> Iterator[list]:
    batch, size = [], BATCH
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _settings_hash(source: FileSource, run: Run) -> str:
    """What the stored lines of a file depend on besides its bytes: the source's settings, the collect settings,
    the public accounts, the collector's version and the pseudonym key (as a hash)."""
    settings = {"source": source.model_dump(mode="json"), "collect": run.config.collect.model_dump(mode="json"),
                "public": [a.model_dump(mode="json") for a in run.config.public_accounts], "collector": COLLECTOR,
                "key": hashlib.sha256(run.key).hexdigest()}
    return hashlib.sha256(json.dumps(settings, sort_keys=True, default=str).encode()).hexdigest()


def _count_lines(path: Path, size: int) -> int:
    count, left = 0, size
    with open(path, "rb") as handle:
        while left > 0 and (block := handle.read(min(left, 1 << 20))):
            count += block.count(b"\n")
            left -= len(block)
    return count


def _kind(mode: int) -> str:
    return ("folder" if stat.S_ISDIR(mode) else "FIFO" if stat.S_ISFIFO(mode) else "soket" if stat.S_ISSOCK(mode)
            else "perangkat" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "bukan berkas")


def _complete_part(path: Path, size: int, before: dict, csv_export: bool = False) -> tuple[int, str | None]:
    """How much of an export to read now: a last line without its newline that is no JSON object yet (in a CSV:
    any such line, a row cannot say it is whole) may still be being written: it is left for the next run. If the
    file has not changed since that run, the line is what it is, and is read (and quarantined if broken)."""
    if size == 0:
        return size, None
    with open(path, "rb") as handle:
        handle.seek(max(0, size - (1 << 20)))
        block = handle.read(size - handle.tell())
    ends = b"\n\r" if csv_export else b"\n"  # a CSV's lines may end with a carriage return alone
    if block[-1:] and block[-1:] in ends:
        return size, None
    cut = max(block.rfind(byte) for byte in (bytes([b]) for b in ends))
    if cut < 0 and size > len(block):
        return size, None  # a last line over 1 MB: read it, the reader refuses it as too long or names its error
    start = size - len(block) + cut + 1
    try:
        complete = not csv_export and isinstance(json.loads(block[cut + 1:]), dict)
    except ValueError:
        complete = False
    if complete or before.get("seen") == size:
        return size, None
    return start, (f"baris terakhir {path.name} belum diakhiri ganti baris{'' if csv_export else ' dan bukan JSON utuh'}: "
                   "mungkin masih ditulis, dibaca pada impor berikutnya bila tidak berubah lagi")


def _check_readable(path: Path) -> None:
    try:
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode):  # a FIFO would block the read for ever, a device never end: never opened
            raise SourceError(f"{path}: bukan berkas biasa ({_kind(mode)}), tidak dibaca: ekspor harus berkas")
        with open(path, "rb"):
            pass
    except OSError as exc:  # no permission, gone since the config was read
        raise SourceError(f"{path}: tidak dapat dibaca ({exc.strerror or exc})") from None


def _store(results, run: Run, stats: ImportStats, records: int) -> None:
    """Every batch of converted records into the raw store, synced every SYNC_RECORDS records and at the end."""
    unsynced = 0
    with bar(records, f"impor {stats.source}", unit="catatan") as progress:
        for prepared, refused, fetched, outside in results:
            stats.fetched += fetched
            stats.outside_window += outside
            unsynced += fetched
            run.store.add_prepared(prepared, stats, refused, sync=unsynced >= SYNC_RECORDS)
            unsynced = 0 if unsynced >= SYNC_RECORDS else unsynced
            progress.update(fetched)
    run.store.sync()


def import_source(source: FileSource, run: Run) -> ImportStats:
    """Every record of the export is stored, or quarantined with its line, field and reason. An unreadable file
    or a header without the mapped columns is an error of this source alone.

    A file imported before is skipped when its size and SHA-256 are the ones recorded then (with the same
    settings); a JSONL file that only grew is read from where the last import ended. The record is written
    only after every batch is stored, so an interrupted import is simply done again (the store doubles
    nothing)."""
    config = run.config
    stats = ImportStats(source.name)
    path = config.resolve(source.path)
    _check_readable(path)
    size = path.stat().st_size
    if size == 0:
        stats.warnings.append(f"berkas kosong: {path}")
        return stats
    state = State(config.state_dir, source.name)
    before = state.data.get("file") or {}
    whole = size
    encoding = (source.encoding or detect_encoding(path)) if source.type == "csv" else "utf-8"
    if codecs.lookup(encoding).name in ("utf-8", "utf-8-sig", "cp1252") or source.type != "csv":  # a byte "\n" ends a line
        size, waiting = _complete_part(path, size, before, source.type == "csv")
        if waiting:
            stats.warnings.append(waiting)
    settings = _settings_hash(source, run)
    same_settings = before.get("path") == str(path) and before.get("settings") == settings
    start, first_line = 0, 0
    if same_settings and before.get("size") == size and before.get("sha256") == sha256_range(path, 0, size):
        if whole != size:  # only an unfinished last line changed: the next run reads it if it stays as it is
            state.data["file"] = before | {"seen": whole}
            state.save()
        else:
            stats.warnings.append(f"tidak berubah sejak impor terakhir (ukuran dan SHA-256 sama): {path}")
        return stats
    if (same_settings and source.type != "csv" and 0 < before.get("size", 0) < size
            and before.get("sha256") == sha256_range(path, 0, before["size"])):
        start, first_line = before["size"], before["lines"]  # only appended to: read on from there
    workers = workers_for(size - start)
    args = (config, run.key, run.collected_at, str(path))
    if source.type == "csv":
        dialect = csv_dialect(source, path, config.state_dir, size, encoding)
        results = _csv_results(source, dialect, size if dialect.path == path else dialect.path.stat().st_size, workers, *args)
    else:
        spans = line_ranges(path, BATCH, start=start, first_number=first_line, stop=size)
        results = ordered_map(_import_range, spans, workers, source, *args)
    lines = _count_lines(path, size)  # of the bytes as they are now: what the next run compares
    _store(results, run, stats, lines - first_line)
    state.data["file"] = {"path": str(path), "size": size, "sha256": sha256_range(path, 0, size), "lines": lines,
                          "settings": settings, "seen": whole}
    state.save()
    if stats.fetched == 0 and start == 0:
        stats.warnings.append(f"tidak ada catatan di {path}")
    return stats


PLATFORM = Platform(("jsonl", "snscrape-jsonl", "csv"), collect=import_source,
                    plan=lambda source, config: [f"{source.name}: impor {source.type} {config.resolve(source.path)}"])
