"""data/processed/<YYYY-Www>.parquet (one row per post) and its <YYYY-Www>.json (what it was built from).

Written by the analyze stage; the report stage reads the Parquet with DuckDB by these column names.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa

from denyut.io import atomic_write_json

SCHEMA = pa.schema([
    ("platform", pa.string()), ("post_id", pa.string()), ("url", pa.string()),
    ("author_id", pa.string()), ("author_public", pa.bool_()), ("author_name", pa.string()),
    ("created_at", pa.timestamp("s", tz="UTC")), ("week", pa.string()),
    ("text", pa.string()), ("text_norm", pa.string()), ("lang", pa.string()),
    ("dup_exact", pa.bool_()), ("dup_near", pa.bool_()), ("dup_group", pa.string()),
    # sentiment: the label the report counts (a reviewer's verdict where there is one, else the model's);
    # model_sentiment and p_*: always the model's own, which the share estimator needs for every post
    ("sentiment", pa.string()), ("sentiment_by", pa.string()), ("model_sentiment", pa.string()),
    ("p_positive", pa.float32()), ("p_neutral", pa.float32()), ("p_negative", pa.float32()),
    ("sentiment_model", pa.string()), ("issues", pa.list_(pa.string())), ("issues_version", pa.string()),
    ("hashtags", pa.list_(pa.string())), ("links", pa.list_(pa.string())), ("source", pa.string()), ("likes", pa.int64()), ("reposts", pa.int64()), ("replies", pa.int64()),
])


def week_path(processed_dir: Path, week: str) -> Path:
    return Path(processed_dir) / f"{week}.parquet"


def meta_path(processed_dir: Path, week: str) -> Path:
    return Path(processed_dir) / f"{week}.json"


def weeks(processed_dir: Path) -> list[str]:
    return sorted(p.stem for p in Path(processed_dir).glob("*.parquet"))


def write_meta(processed_dir: Path, week: str, meta: dict) -> None:
    atomic_write_json(meta_path(processed_dir, week), {"week": week} | meta)


def read_fingerprint(processed_dir: Path, week: str) -> str | None:
    """The fingerprint the week was built with; None when either file is missing or unreadable."""
    meta = meta_path(processed_dir, week)
    if not (week_path(processed_dir, week).exists() and meta.exists()):
        return None
    try:
        return json.loads(meta.read_text(encoding="utf-8")).get("input_hash")
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None


def read_raw_bytes(processed_dir: Path, week: str) -> dict[str, int]:
    """Per raw-store file (relative to data/raw), how many of its bytes the week's analysis read ({} when unknown)."""
    try:
        meta = json.loads(meta_path(processed_dir, week).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError, UnicodeDecodeError):
        return {}
    return {str(name): int(size) for name, size in (meta.get("raw_bytes") or {}).items()}
