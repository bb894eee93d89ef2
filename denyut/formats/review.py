"""data/review/<YYYY-Www>/sample.csv: the week's posts for human review, and the verdicts written into it.

Written by the analyze stage; a sheet holding any reviewer input (a label, an issue, a note) is never
rewritten: posts that reach the week later get a sheet of their own, sample-2.csv, sample-3.csv…, each
drawn from the posts its earlier sheets did not cover (populasi-<n>.parquet lists a sheet's posts), so
the audit is a stratified random sample with each sheet a stratum. The `sidik_teks` column holds a
fingerprint of each row's text as written: a text edited by hand or by a spreadsheet is named at once,
by whichever stage reads the sheet. Filled
in by reviewers in LibreOffice, Excel or Google Sheets, read back by the analyze stage (a verdict
overrides the model's label) and the report (audit verdicts feed the share estimator). UTF-8 with a
byte-order mark and every field quoted, so each of those programs opens it correctly; a text that a
spreadsheet would run as a formula (=, +, -, @ first) starts with an apostrophe.

Two parts, one per row: `audit` rows are drawn at random, stratified by platform, each with its
inclusion probability, and are only used for estimation; `belajar` rows are the posts the model is
least sure of, only used for retraining. data/review/verdicts.csv holds every verdict of every week.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import stat
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

import pyarrow as pa
import pyarrow.compute as pc
import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from denyut.config import read_yaml
from denyut.errors import InputError
from denyut.io import PRIVATE_FILE, atomic_write_bytes, atomic_write_text, read_csv_rows
from denyut.markup import FORMULA_START

COLUMNS = ["no", "bagian", "id", "platform", "peluang_terpilih", "teks", "nada_model", "p_negatif", "p_netral",
           "p_positif", "isu_model", "nada_peninjau", "isu_peninjau", "catatan", "sidik_teks"]
REVIEWER_COLUMNS = ("nada_peninjau", "isu_peninjau", "catatan")
SHEET = re.compile(r"^sample(?:-(\d+))?\.csv$")
PARTS = ("audit", "belajar")
LABEL_ID = {"negative": "negatif", "neutral": "netral", "positive": "positif"}
NO_ISSUE, OTHER_ISSUE = "-", "lainnya"  # isu_peninjau: no election issue at all; election talk no issue names
EXCLUDED = "excluded"  # the reviewer's "cannot be judged / not about the election": a share of its own in the estimate
EXCLUDED_WORDS = ("tidak dapat dinilai", "tak dapat dinilai", "bukan pemilu", "bukan tentang pemilu", "excluded")
LABELS = {**{v: k for k, v in LABEL_ID.items()}, **{k: k for k in LABEL_ID},  # Indonesian or English, any case
          **dict.fromkeys(EXCLUDED_WORDS, EXCLUDED)}
FORMULA = FORMULA_START  # a cell a spreadsheet would run as a formula gets an apostrophe (denyut.markup)


@dataclass(frozen=True)
class SampleRow:
    part: str
    id: str
    platform: str
    inclusion_probability: float
    text: str
    model_label: str
    proba: tuple[float, float, float]
    issues: tuple[str, ...]


@dataclass(frozen=True)
class Verdict:
    id: str
    part: str
    label: str
    issues: tuple[str, ...] | None  # None: the reviewer left the issues as the model tagged them
    note: str
    line: int
    text: str  # as in the sheet (a formula-looking text keeps its apostrophe)
    inclusion_probability: float
    sheet: int = 1  # which of the week's sheets: the audit's stratum
    model_issues: tuple[str, ...] = ()  # isu_model: what the tagger said when the sheet was drawn

    @property
    def said_issues(self) -> tuple[str, ...]:
        """The taxonomy's issues the post is about by this verdict: the reviewer's, or the tagger's where the reviewer
        left isu_peninjau empty ('lainnya', election talk no issue names, is no issue to learn)."""
        return tuple(i for i in (self.issues if self.issues is not None else self.model_issues) if i != OTHER_ISSUE)

    @property
    def plain_text(self) -> str:
        return self.text[1:] if self.text.startswith("'") and self.text[1:].startswith(FORMULA) else self.text


def review_id(platform: str, post_id: str) -> str:
    """A post's id in the sheets and verdicts: platform/post_id (a post id is unique only within its platform)."""
    return f"{platform}/{post_id}"


def review_ids(platform: pa.ChunkedArray | pa.Array, post_id: pa.ChunkedArray | pa.Array) -> pa.Array:
    """review_id of whole Arrow columns."""
    return pc.binary_join_element_wise(platform, post_id, "/")


# review_id in SQL, for a relation with platform and post_id columns (`p.` when given the alias p)
def review_id_sql(alias: str = "") -> str:
    prefix = f"{alias}." if alias else ""
    return f"{prefix}platform || '/' || {prefix}post_id"


def sheet_path(review_dir: Path, week: str, number: int = 1) -> Path:
    return Path(review_dir) / week / ("sample.csv" if number == 1 else f"sample-{number}.csv")


def sheet_paths(review_dir: Path, week: str) -> list[tuple[int, Path]]:
    """(number, path) of every sheet of the week, in order; only regular files (a device or a FIFO is never read)."""
    found = [(int(m[1] or 1), p) for p in (Path(review_dir) / week).glob("sample*.csv")
             if (m := SHEET.match(p.name)) and p.is_file() and stat.S_ISREG(p.stat().st_mode)]
    return sorted(found)


def population_path(review_dir: Path, week: str, number: int) -> Path:
    return Path(review_dir) / week / f"populasi-{number}.parquet"


def write_population(path: Path, keys: list[str], sheet_sha256: str) -> None:
    """The review ids (platform/post_id) a sheet's audit was drawn from, and the SHA-256 of the sheet as Denyut
    wrote it (a sheet that no longer has it was touched by someone: never redrawn). Written before the sheet."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({"id": pa.array(sorted(keys), type=pa.string())}).replace_schema_metadata({"sheet_sha256": sheet_sha256})
    buffer = pa.BufferOutputStream()
    pq.write_table(table, buffer, compression="zstd")
    atomic_write_bytes(path, buffer.getvalue().to_pybytes(), PRIVATE_FILE)


def read_population(path: Path) -> tuple[list[str], str | None] | None:
    """(the sheet's posts, the sheet's SHA-256 as written); None when the file is missing or unreadable."""
    import pyarrow.parquet as pq

    if not Path(path).is_file():
        return None
    try:
        table = pq.read_table(path)
        return table.column("id").to_pylist(), (table.schema.metadata or {}).get(b"sheet_sha256", b"").decode() or None
    except (OSError, ValueError, KeyError):  # a broken file: rebuilt from the other sheets' posts (see week_strata)
        return None


def week_strata(review_dir: Path, week: str, keys: list[str]) -> dict[int, list[str]]:
    """Each sheet's posts. A sheet whose list is missing or broken gets the week's posts that no other sheet lists:
    exactly its own after each analysis (every post is listed once the week is analysed), never another's."""
    sheets = [n for n, _ in sheet_paths(review_dir, week)]
    known = {n: found[0] for n in sheets if (found := read_population(population_path(review_dir, week, n)))}
    listed = {k for members in known.values() for k in members}
    rest = [k for k in keys if k not in listed]
    return {n: known.get(n, rest) for n in sheets}


def text_fingerprint(cell: str) -> str:
    """Of the text as written, line ends aside (a spreadsheet may save a line break inside a cell as CRLF)."""
    return hashlib.sha256(_lines(cell).encode("utf-8")).hexdigest()[:12]


def has_reviewer_input(path: Path, written_sha256: str | None = None) -> bool:
    """Whether anyone touched the sheet: its bytes differ from what Denyut wrote (any edit, an added column, a
    save by a spreadsheet), or, for a sheet from before that was recorded, a label, an issue or a note in any row
    (a sheet that cannot be read counts as touched)."""
    if written_sha256:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest() != written_sha256
    try:
        return any(any((row.get(c) or "").strip() for c in REVIEWER_COLUMNS)
                   for _, row in read_csv_rows(path, ["id", "teks"]))
    except InputError:
        return True


def cell_text(text: str) -> str:
    return "'" + text if text.startswith(FORMULA) else text


def write_sheet(path: Path, rows: list[SampleRow]) -> None:
    atomic_write_bytes(path, sheet_bytes(rows))


def sheet_bytes(rows: list[SampleRow]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for number, r in enumerate(rows, start=1):
        writer.writerow([number, r.part, r.id, r.platform, f"{r.inclusion_probability:.6f}", cell_text(r.text),
                         LABEL_ID[r.model_label], *(f"{p:.4f}" for p in r.proba), ", ".join(r.issues), "", "", "",
                         text_fingerprint(cell_text(r.text))])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def read_verdicts(path: Path, issue_ids: set[str] | None = None, sheet: int = 1) -> list[Verdict]:
    """The rows a reviewer has given a verdict (a half-finished sheet is fine). An unknown label or issue, a
    duplicated id, an edited text or a broken row is an InputError naming the file, line and column."""
    verdicts, seen = [], {}
    for line, row in read_csv_rows(path, ["id", "bagian", "teks", "peluang_terpilih", "nada_peninjau"]):
        if row.get("sidik_teks") and text_fingerprint(row["teks"]) != row["sidik_teks"].strip():
            raise InputError(path, line, "teks", "teks berubah dari yang ditulis Denyut (disunting, atau diubah program "
                                                 "lembar kerja: spasi, emoji jadi ?): kembalikan teks aslinya")
        post_id = row["id"].strip()
        if post_id in seen:
            raise InputError(path, line, "id", f"id {post_id!r} berulang (pertama di baris {seen[post_id]})")
        seen[post_id] = line
        if row["bagian"] not in PARTS:
            raise InputError(path, line, "bagian", f"harus 'audit' atau 'belajar', bukan {row['bagian']!r}")
        label = " ".join(row["nada_peninjau"].split()).lower()
        if label and label not in LABELS:
            raise InputError(path, line, "nada_peninjau",
                             f"nada tidak dikenal: {row['nada_peninjau']!r} (isi negatif, netral, positif, atau "
                             "'tidak dapat dinilai' / 'bukan pemilu')")
        issues = None
        if row.get("isu_peninjau", "").strip():
            issues = tuple(i.strip() for i in row["isu_peninjau"].split(",") if i.strip())
            unknown = [i for i in issues if issue_ids is not None and i not in issue_ids and i not in (NO_ISSUE, OTHER_ISSUE)]
            if unknown:
                raise InputError(path, line, "isu_peninjau", f"isu tidak dikenal: {', '.join(unknown)} "
                                                             "(pakai id dari config/issues.yaml, - untuk tanpa isu, atau "
                                                             "lainnya untuk pembicaraan pemilu di luar daftar isu)")
            issues = tuple(i for i in issues if i != NO_ISSUE)
        if not label:  # not reviewed (yet): a half-finished sheet is fine
            continue
        try:
            probability = float(row["peluang_terpilih"])
        except ValueError:
            raise InputError(path, line, "peluang_terpilih", "bukan angka (jangan ubah kolom ini)") from None
        tagged = tuple(i.strip() for i in re.split(r"[;,]", row.get("isu_model") or "") if i.strip())
        verdicts.append(Verdict(post_id, row["bagian"], LABELS[label], issues, row.get("catatan", "").strip(), line,
                                row["teks"], probability, sheet, tagged))
    return verdicts


def week_verdicts(review_dir: Path, week: str, issue_ids: set[str] | None = None) -> list[Verdict]:
    """Every verdict of every sheet of the week; an id given in two sheets is an error naming both."""
    verdicts, where = [], {}
    for number, path in sheet_paths(review_dir, week):
        for v in read_verdicts(path, issue_ids, number):
            if v.id in where:
                raise InputError(path, v.line, "id", f"id {v.id!r} sudah dinilai di {where[v.id].name}")
            where[v.id] = path
            verdicts.append(v)
    return verdicts


def check_against_posts(path: Path, verdicts: list[Verdict], texts: dict[str, tuple[str, ...]]) -> None:
    """Every verdict must name a post of the week whose text is the one the reviewer read (any of the forms given)."""
    for v in verdicts:
        if v.id not in texts:
            raise InputError(path, v.line, "id", f"id {v.id!r} tidak ada di unggahan pekan ini")
        if _lines(v.text) not in {_lines(cell_text(t)) for t in texts[v.id]}:  # a spreadsheet may save CRLF as LF
            raise InputError(path, v.line, "teks", "teks berubah dari yang ditulis di lembar ini (jangan sunting kolom teks)")


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def write_training_file(path: Path, verdicts_by_week: dict[str, list[Verdict]]) -> int:
    """Every verdict of every week, for retraining: text,label first (the sentiment training contract), then where it
    came from, then `issues` (';'-separated ids, '-' for none: the issue tagger's training contract)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["text", "label", "week", "id", "part", "issues"])
    count = 0
    for week, verdicts in sorted(verdicts_by_week.items()):
        for v in (v for v in verdicts if v.label != EXCLUDED):  # no tone to learn, and not about the election
            writer.writerow([v.plain_text, v.label, week, v.id, v.part, ";".join(v.said_issues) or NO_ISSUE])
            count += 1
    atomic_write_bytes(path, buffer.getvalue().encode("utf-8"))
    return count


def audit_rows(review_dir: Path, week: str) -> int:
    """How many audit rows the week's sheets hold (reviewed or not)."""
    total = 0
    for _, path in sheet_paths(review_dir, week):
        with open(path, encoding="utf-8-sig", newline="") as handle:
            total += sum(1 for row in csv.DictReader(handle) if row.get("bagian") == "audit")
    return total


@dataclass(frozen=True)
class AuditProgress:
    """How far the reviewers got through the week's audit rows. Each sheet's audit is in random order, so the rows
    up to the last one given a verdict are a simple random sample: a blank among them was skipped (non-response,
    which the estimate must allow for), a blank after it was not reached yet (nothing is lost)."""

    rows: int = 0
    judged: int = 0  # a tone
    excluded: int = 0  # "cannot be judged / not about the election"
    skipped: tuple[str, ...] = ()  # ids of blank rows before a sheet's last verdict
    not_reached: int = 0


def audit_progress(review_dir: Path, week: str) -> AuditProgress:
    rows = judged = excluded = not_reached = 0
    skipped: list[str] = []
    for _, path in sheet_paths(review_dir, week):
        with open(path, encoding="utf-8-sig", newline="") as handle:
            audit = [(r.get("id", "").strip(), " ".join((r.get("nada_peninjau") or "").split()).lower())
                     for r in csv.DictReader(handle) if r.get("bagian") == "audit"]
        answered = [i for i, (_, label) in enumerate(audit) if label]
        last = answered[-1] if answered else -1
        rows += len(audit)
        judged += sum(1 for _, label in audit if label and LABELS.get(label) != EXCLUDED)
        excluded += sum(1 for _, label in audit if LABELS.get(label) == EXCLUDED)
        skipped += [rid for rid, label in audit[:last] if not label]
        not_reached += len(audit) - last - 1
    return AuditProgress(rows, judged, excluded, tuple(skipped), not_reached)


# -- data/review/status.yaml: whether each week's review is done ------------------------------------

STATUS_HEADER = ("# Status tinjauan per pekan (YYYY-Www): draft atau approved, oleh siapa (nama tim), kapan.\n"
                 "# `make publish` hanya menerbitkan pekan yang approved. Pekan yang tidak tertulis di sini berstatus draft.\n")
WEEK = re.compile(r"^\d{4}-W\d{2}$")


class WeekStatus(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    status: Literal["draft", "approved"]
    by: str | None = None
    at: date | None = None


def status_path(review_dir: Path) -> Path:
    return Path(review_dir) / "status.yaml"


def read_status(review_dir: Path) -> dict[str, WeekStatus]:
    """Every week's review status; an error names the file, the line and the week."""
    path = status_path(review_dir)
    if not path.is_file():
        return {}
    node, raw = read_yaml(path, InputError)
    lines = {k.value: k.start_mark.line + 1 for k, _ in node.value} if isinstance(node, yaml.MappingNode) else {}
    if not isinstance(raw, dict):
        raise InputError(path, 1, None, "isi harus pemetaan pekan: {status, by, at}")
    out = {}
    for week, value in raw.items():
        if not WEEK.match(str(week)):
            raise InputError(path, lines.get(week), str(week), "kunci harus pekan ISO seperti 2024-W47")
        try:
            out[str(week)] = WeekStatus.model_validate(value)
        except ValidationError as exc:
            first = exc.errors()[0]
            raise InputError(path, lines.get(week), f"{week}.{'.'.join(map(str, first['loc']))}", first["msg"]) from None
        if out[str(week)].status == "approved" and not out[str(week)].by:
            raise InputError(path, lines.get(week), f"{week}.by", "pekan yang approved harus menyebut tim peninjaunya")
    return out


def write_status(review_dir: Path, statuses: dict[str, WeekStatus]) -> None:
    data = {week: s.model_dump(mode="json", exclude_none=True) for week, s in sorted(statuses.items())}
    atomic_write_text(status_path(review_dir), STATUS_HEADER + yaml.safe_dump(data, allow_unicode=True, sort_keys=True))


def themes_path(review_dir: Path, week: str) -> Path:
    return Path(review_dir) / week / "tema.yaml"


def write_themes(review_dir: Path, week: str, themes: list[dict]) -> None:
    """data/review/<week>/tema.yaml: each new theme with its terms, a few scrubbed examples and an
    issue block to paste under `issues:` in config/issues.yaml to promote it (the one edit)."""
    path = themes_path(review_dir, week)
    if not themes:
        path.unlink(missing_ok=True)
        return
    header = (f"# Tema {week} di luar taksonomi: unggahan yang tidak cocok dengan isu mana pun, dikelompokkan\n"
              "# menurut kata-katanya. Untuk menjadikan satu tema isu baru: salin blok `jadikan_isu`-nya ke\n"
              "# bawah `issues:` di config/issues.yaml, perbaiki nama dan polanya, naikkan `version`, lalu\n"
              "# jalankan `make analyze report`. Berkas ini ditulis ulang setiap `make report`.\n")
    body = []
    for theme in themes:
        terms = list(theme["terms"])[:5]
        label = theme.get("label") or " ".join(terms[:3])  # the phrase its posts share, else its first words
        issue = {"id": theme["id"], "name_id": label.capitalize(), "name_en": label,
                 "description": f"Unggahan tentang {', '.join(terms)}.",
                 "patterns": [r"\b" + re.escape(t).replace(r"\ ", " ") + r"\b" for t in terms[:3]]}
        body.append({"tema": theme["id"], "nama": label, "sejak": theme["since"], "unggahan": theme["posts"], "kata_utama": terms,
                     "contoh": theme["examples"], "jadikan_isu": issue})
    atomic_write_text(path, header + yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=100))
