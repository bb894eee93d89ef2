"""Analyze: data/raw/<platform>/<day>.jsonl → data/processed/<YYYY-Www>.parquet, one row per post.

Streams each week's day files in batches (bounded memory), skips weeks whose fingerprint (raw files,
code, word lists, model, settings) did not change.
"""

from __future__ import annotations

import sys
from collections import Counter
from datetime import datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import ValidationError

from analysis.analyze.dedup import WeekDeduplicator
from analysis.analyze.language import detect
from analysis.analyze.sample import review_id, write_sample
from analysis.sentiment import classify, load_model, model_name
from denyut.cli import week_stage
from denyut.config import Config, load_config
from denyut.errors import StageError
from denyut.fingerprint import fingerprint
from denyut.formats import quarantine
from denyut.formats.post import Post
from denyut.formats.processed import SCHEMA, read_fingerprint, week_path, write_meta
from denyut.formats.quarantine import Refused
from denyut.formats.review import Verdict, check_against_posts, read_verdicts, sheet_path, write_training_file
from denyut.io import atomic_write_text, read_jsonl
from denyut.normalize import normalize, without_emoji
from denyut.privacy import scrub
from denyut.taxonomy import Taxonomy, load_taxonomy
from denyut.timestamps import parse_iso
from denyut.weeks import iso_week, week_of_date


def raw_weeks(raw_dir: Path) -> dict[str, list[Path]]:
    """Day files grouped by the ISO week their WIB date falls in."""
    weeks: dict[str, list[Path]] = {}
    for path in sorted(raw_dir.glob("*/*.jsonl")):
        try:
            day = datetime.strptime(path.stem, "%Y-%m-%d").date()
        except ValueError:
            continue
        weeks.setdefault(week_of_date(day), []).append(path)
    return weeks


def input_hash(files: list[Path], config: Config, taxonomy: Taxonomy, model_id: str,
               verdicts: dict[str, Verdict] | None = None) -> str:
    """The week's raw files, this stage's code and word lists, the model's version, the analysis settings
    and the reviewers' verdicts (only the verdicts: a sheet with none changes nothing)."""
    given = sorted((v.id, v.label, v.issues) for v in (verdicts or {}).values())
    return fingerprint("analysis.analyze.stage", files, {"analysis": config.analysis.model_dump(mode="json"),
                                                         "taxonomy": taxonomy.version, "model": model_id,
                                                         "verdicts": given})


def week_verdicts(config: Config, week: str, taxonomy: Taxonomy) -> dict[str, Verdict]:
    path = sheet_path(config.review_dir, week)
    if not path.is_file():
        return {}
    return {v.id: v for v in read_verdicts(path, {i.id for i in taxonomy.issues})}


def analyze_week(week: str, files: list[Path], out_path: Path, config: Config, taxonomy: Taxonomy, model, model_id: str,
                 verdicts: dict[str, Verdict] | None = None) -> dict:
    """Writes the week's Parquet; a reviewer's verdict replaces the model's label (and issues) of its post."""
    verdicts = verdicts or {}
    handles = {a.handle for a in config.public_accounts}
    reviewed_texts: dict[str, str] = {}
    dedup = WeekDeduplicator(config.analysis.near_duplicate_threshold)
    seen: set[tuple[str, str]] = set()
    counts: Counter = Counter()
    refused: list[Refused] = []
    tmp = out_path.with_name(f".{out_path.name}.tmp")
    writer = pq.ParquetWriter(tmp, SCHEMA, compression="zstd")
    try:
        batch: list[dict] = []
        # Day by day, each file in its append order (deterministic: raw files are never rewritten),
        # one line at a time: memory holds one batch plus the week's duplicate index.
        for path in sorted(files, key=lambda p: (p.stem, p.parent.name)):
            for line, obj, error in read_jsonl(path):
                if error:  # a line that is no JSON object: counted, never fatal
                    counts["unreadable"] += 1
                    print(f"peringatan: {path}, baris {line}: {error}", file=sys.stderr)
                    continue
                post, field, reason = _checked(obj, week)
                if post is None:  # a record that breaks the contract: quarantined with the week, the week goes on
                    counts["quarantined"] += 1
                    refused.append(Refused("analyze", str(path), line, field, f"{week}: {reason}", obj))
                    continue
                key = (obj["platform"], obj["post_id"])
                if key in seen:
                    counts["repeated_raw"] += 1
                    continue
                seen.add(key)
                row = _analyze_post(obj, week, dedup, taxonomy, counts)
                if (rid := review_id(row["platform"], row["post_id"])) in verdicts:
                    reviewed_texts[rid] = scrub(row["text"], handles)
                batch.append(row)
                if len(batch) >= config.analysis.batch_size:
                    _flush(batch, writer, model, model_id, counts, verdicts)
                    batch = []
        _flush(batch, writer, model, model_id, counts, verdicts)
        writer.close()
        check_against_posts(sheet_path(config.review_dir, week), list(verdicts.values()), reviewed_texts)
        tmp.replace(out_path)
        write_refused(config.quarantine_dir, week, refused)
    except BaseException:
        writer.close()
        tmp.unlink(missing_ok=True)
        raise
    return dict(counts)


def _checked(obj: dict, week: str) -> tuple[Post | None, str | None, str | None]:
    """The raw line against the Post contract (the import checks the same, so this only fails on a
    record written by something else, or an older version): (post, None, None) or (None, field, reason)."""
    try:
        post = Post.model_validate(obj)
    except ValidationError as exc:
        first = exc.errors()[0]
        return None, ".".join(str(p) for p in first["loc"]) or None, first["msg"]
    if iso_week(post.created_at) != week:
        return None, "created_at", f"unggahan pekan {iso_week(post.created_at)} berada di berkas pekan {week}"
    return post, None, None


def write_refused(quarantine_dir: Path, week: str, refused: list[Refused]) -> None:
    """data/quarantine/analyze/<week>.jsonl, rewritten with each analysis of the week (removed when it has none)."""
    path = Path(quarantine_dir) / "analyze" / f"{week}.jsonl"
    if refused:
        atomic_write_text(path, "".join(quarantine.to_line(r) + "\n" for r in refused))
    else:
        path.unlink(missing_ok=True)


def _analyze_post(obj: dict, week: str, dedup: WeekDeduplicator, taxonomy: Taxonomy, counts: Counter) -> dict:
    created = parse_iso(obj["created_at"])
    norm = normalize(obj["text"])
    plain = without_emoji(norm)
    lang = detect(norm)
    exact, near, group = dedup.check(f"{obj['platform']}:{obj['post_id']}", plain)
    counts["posts"] += 1
    counts[f"lang:{lang}"] += 1
    return {
        "platform": obj["platform"], "post_id": obj["post_id"], "url": obj.get("url"),
        "author_id": obj["author_id"], "author_public": bool(obj.get("author_public")),
        "author_name": obj.get("author_name"), "created_at": created, "week": week,
        "text": obj["text"], "text_norm": norm, "lang": lang,
        "dup_exact": exact, "dup_near": near, "dup_group": group,
        "issues": taxonomy.tag(plain) if lang == "id" else [], "issues_version": taxonomy.version,
        "hashtags": obj.get("hashtags") or [], "links": obj.get("links") or [], "source": obj.get("source"), "likes": obj.get("likes"), "reposts": obj.get("reposts"),
        "replies": obj.get("replies"),
    }


def _flush(batch: list[dict], writer: pq.ParquetWriter, model, model_id: str, counts: Counter,
           verdicts: dict[str, Verdict]) -> None:
    if not batch:
        return
    targets = [row for row in batch if row["lang"] == "id"]
    if targets:
        labels, proba = classify(model, [row["text"] for row in targets])
        for row, label, p in zip(targets, labels, proba):
            row.update(sentiment=label, sentiment_by="model", model_sentiment=label, p_negative=float(p[0]),
                       p_neutral=float(p[1]), p_positive=float(p[2]), sentiment_model=model_id)
            verdict = verdicts.get(review_id(row["platform"], row["post_id"]))
            if verdict is not None:
                row.update(sentiment=verdict.label, sentiment_by="reviewer")
                counts["reviewed"] += 1
                if verdict.issues is not None:
                    row["issues"] = list(verdict.issues)
    for row in batch:
        for column in ("sentiment", "sentiment_by", "model_sentiment", "p_positive", "p_neutral", "p_negative", "sentiment_model"):
            row.setdefault(column, None)
    writer.write_table(pa.Table.from_pylist(batch, schema=SCHEMA))


def run(config_path: str | None = None, force: bool = False) -> dict[str, str]:
    """Returns {week: 'analyzed' | 'up to date'}."""
    # Load inputs
    config = load_config(config_path)
    taxonomy = load_taxonomy(config.issues_path)
    model = load_model(config.analysis.sentiment_model, config.analysis.sentiment_labels, config.analysis.sentiment_runtime)
    model_id = model_name(model, config.analysis.sentiment_model)
    weeks = raw_weeks(config.raw_dir)
    if not weeks:
        raise StageError("analyze", None, f"tidak ada data mentah di {config.raw_dir}: jalankan `make collect` dulu")
    config.processed_dir.mkdir(parents=True, exist_ok=True)
    status, all_verdicts = {}, {}
    for week, files in sorted(weeks.items()):
        verdicts = all_verdicts[week] = week_verdicts(config, week, taxonomy)
        # Process data (only what is stale)
        digest = input_hash(files, config, taxonomy, model_id, verdicts)
        if not force and read_fingerprint(config.processed_dir, week) == digest:
            status[week] = "up to date"
        else:
            counts = analyze_week(week, files, week_path(config.processed_dir, week), config, taxonomy, model, model_id, verdicts)
            # Save outputs
            write_meta(config.processed_dir, week, {"input_hash": digest, "counts": counts, "sentiment_model": model_id,
                                                    "issues_version": taxonomy.version,
                                                    "raw_files": [str(f.relative_to(config.raw_dir)) for f in files]})
            status[week] = "analyzed"
        if status[week] == "analyzed" or not sheet_path(config.review_dir, week).exists():
            write_sample(week, week_path(config.processed_dir, week), config)
    write_training_file(config.review_dir / "verdicts.csv", {w: list(v.values()) for w, v in all_verdicts.items()})
    return status


STAGE = week_stage("analyze", "python -m analysis.analyze", __doc__, run, done="dianalisis",
                   force_help="analisis ulang semua minggu")
