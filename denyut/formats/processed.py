"""data/processed/<YYYY-Www>.parquet (one row per post) and its <YYYY-Www>.json (what it was built from).

Written by the analyze stage; the report stage reads it through one WeekView: the analysed posts
(the languages of `analysis.languages`) filtered in one place, with DuckDB or Arrow by these column names.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from denyut.config import AnalysisSettings, default
from denyut.io import atomic_write_json

Sentiment = Literal["negative", "neutral", "positive"]
SENTIMENTS: tuple[Sentiment, ...] = ("negative", "neutral", "positive")  # the classes, in this order everywhere

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
    ("sentiment_model", pa.string()),
    # issues: a reviewer's where given, else the tagger's; model_issues: always the tagger's own (the issue estimates
    # need it on every post); issue_doubt: how unsure the tagger is of its likeliest-wrong issue (0 sure, 1 a toss-up;
    # 0 for the taxonomy's patterns, which are never unsure)
    ("issues", pa.list_(pa.string())), ("model_issues", pa.list_(pa.string())), ("issue_doubt", pa.float32()),
    ("issues_version", pa.string()),
    # where the post is from or about (analysis.regions): Kemendagri codes, several when it names several; place_source:
    # config (the source's region), location (the profile's) or text; empty lists and "" when nothing names a place
    ("province_codes", pa.list_(pa.string())), ("regency_codes", pa.list_(pa.string())), ("place_source", pa.string()),
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


@dataclass
class WeekView:
    """One processed week as the report reads it. `posts` (SQL) and `table`/`batches` (Arrow) are the analysed
    posts: those in one of `languages`; `all_posts` (SQL) is every post of the week. One DuckDB connection
    per view, its memory bounded (past the limit its operators spill to the temp folder)."""

    path: Path
    languages: tuple[str, ...] = tuple(default(AnalysisSettings, "languages"))
    memory_limit: str = default(AnalysisSettings, "duckdb_memory")
    batch_rows: int = 50_000
    # Kemendagri codes (province '33', regency '33.14'): only the posts placed in one of them (a regional page, or a
    # regional deployment's `regions.focus`); empty: every post
    regions: tuple[str, ...] = ()
    _con: duckdb.DuckDBPyConnection | None = field(default=None, repr=False)

    def _connection(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:
            con = duckdb.connect()
            con.execute(f"SET memory_limit = '{self.memory_limit}'")
            where = ""
            if self.regions:
                codes = ", ".join(_sql_text(code) for code in self.regions)
                where = f" WHERE list_has_any(province_codes, [{codes}]) OR list_has_any(regency_codes, [{codes}])"
            con.execute(f"CREATE TEMP VIEW all_posts AS SELECT * FROM read_parquet({_sql_text(str(self.path))}){where}")
            languages = ", ".join(_sql_text(code) for code in self.languages)
            con.execute(f"CREATE TEMP VIEW posts AS SELECT * FROM all_posts WHERE lang IN ({languages})")
            self._con = con
        return self._con

    def query(self, sql: str, params: list | None = None) -> list[tuple]:
        """Rows of `sql` over the views `posts` (analysed) and `all_posts`."""
        return self._connection().execute(sql, params or []).fetchall()

    @property
    def columns(self) -> list[str]:
        """The columns the week's file holds (a week analysed by an older version may lack the newer ones)."""
        return list(pq.read_schema(self.path).names)

    def table(self, columns: list[str]) -> pa.Table:
        """The analysed posts' `columns` as one Arrow table (only these columns are read)."""
        table = pq.read_table(self.path, columns=list(dict.fromkeys(columns + ["lang"] + self._region_columns)))
        return table.filter(self._kept(table)).select(columns)

    @property
    def _region_columns(self) -> list[str]:
        return ["province_codes", "regency_codes"] if self.regions else []

    def _kept(self, table: pa.Table | pa.RecordBatch) -> pa.Array:
        """The rows of the analysed languages (and of the view's regions)."""
        keep = pc.is_in(table.column("lang"), value_set=pa.array(self.languages, pa.string()))
        if not self.regions:
            return keep
        inside = np.zeros(table.num_rows, dtype=bool)
        codes = pa.array(self.regions, pa.string())
        for name in self._region_columns:
            column = table.column(name)
            hit = pc.is_in(pc.list_flatten(column), value_set=codes).to_numpy(zero_copy_only=False)
            inside[pc.list_parent_indices(column).to_numpy()[hit]] = True
        return pc.and_(keep, pa.array(inside))

    def batches(self, columns: list[str]) -> Iterator[pa.RecordBatch]:
        """The analysed posts' `columns`, `batch_rows` rows of the file at a time (bounded memory)."""
        wanted = list(dict.fromkeys(columns + ["lang"] + self._region_columns))
        for batch in pq.ParquetFile(self.path).iter_batches(batch_size=self.batch_rows, columns=wanted):
            batch = batch.filter(self._kept(batch))
            if batch.num_rows:
                yield batch.select(columns)

    def count(self) -> int:
        return self.query("SELECT COUNT(*) FROM posts")[0][0]

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def __enter__(self) -> WeekView:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def week_view(config, week: str, regions: tuple[str, ...] = ()) -> WeekView:
    """A processed week as the config reads it: its analysed languages, its memory, and the regions asked for or,
    for a regional deployment, its `regions.focus`."""
    return WeekView(week_path(config.processed_dir, week), tuple(config.analysis.languages), config.analysis.duckdb_memory,
                    regions=tuple(regions) or tuple(config.regions.focus))


def _sql_text(value: str) -> str:
    """A string literal for DuckDB (a view's definition cannot take parameters)."""
    return "'" + value.replace("'", "''") + "'"
