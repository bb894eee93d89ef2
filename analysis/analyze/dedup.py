"""The week pass: its segments of FEATURES rows → data/processed/<week>.parquet, with duplicate flags and
reviewers' verdicts, in DuckDB (which spills to disk past its memory limit, so no week is too large).

Posts are taken in the week's order (day files by date, then platform, each in its append order).
A post repeated in the raw files is kept once. A post whose text is the same as an earlier one's is an
exact duplicate, in that post's group. Among the first posts of each text, a post that shares a
MinHash LSH band key with an earlier one, and whose character 5-grams are that post's at the threshold's
Jaccard similarity or more, is a near duplicate, in the group of the earliest such post; a group is named by its first post
(`platform:post_id`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from denyut.formats.processed import SCHEMA, SENTIMENTS
from denyut.formats.review import review_id_sql
from denyut.minhash import MIN_SHARED_BANDS, shingles
from denyut.parallel import ordered_map

REVIEW_ID = review_id_sql("p")
TONES = "(" + ", ".join(f"'{s}'" for s in SENTIMENTS) + ")"  # a verdict "cannot be judged" keeps the model's label

PAIRS = 20_000  # candidate pairs per batch read back from DuckDB
ROW_GROUP = 50_000  # rows per row group of the week's Parquet: the same groups whatever DuckDB's batches


@dataclass(frozen=True)
class Part:
    parquet: Path
    source_file: str  # the raw file the rows came from, as the quarantine names it


def _sql_list(paths: list[Path]) -> str:
    return "[" + ", ".join("'" + str(p).replace("'", "''") + "'" for p in paths) + "]"


def connect(temp_dir: Path, threads: int, memory_limit: str) -> duckdb.DuckDBPyConnection:
    """past `memory_limit` (analysis.duckdb_memory), DuckDB's operators spill to the temp folder"""
    con = duckdb.connect()
    temp_dir.mkdir(parents=True, exist_ok=True)
    con.execute(f"SET memory_limit = '{memory_limit}'")
    con.execute(f"SET temp_directory = '{str(temp_dir).replace(chr(39), chr(39) * 2)}'")
    con.execute(f"SET threads = {max(1, threads)}")
    con.execute("SET TimeZone = 'UTC'")
    con.execute("SET enable_progress_bar = false")
    con.execute("SET preserve_insertion_order = false")  # every result that needs an order says ORDER BY
    return con


def load(con: duckdb.DuckDBPyConnection, parts: list[Part]) -> None:
    """Table p: every row of the parts in the week's order (seq), refused lines included."""
    con.register("parts", pa.table({"filename": [str(p.parquet) for p in parts], "part_order": list(range(len(parts))),
                                    "source_file": [p.source_file for p in parts]}))
    if not parts:
        con.execute("CREATE TEMP TABLE p AS SELECT * FROM parts WHERE false")
        return
    con.execute(f"""CREATE TEMP TABLE p AS
        SELECT row_number() OVER (ORDER BY parts.part_order, s.line) AS seq, s.* EXCLUDE (filename), parts.source_file
        FROM read_parquet({_sql_list([p.parquet for p in parts])}, filename = true) AS s JOIN parts USING (filename)""")


def groups(con: duckdb.DuckDBPyConnection, threshold: float, workers: int = 1) -> None:
    """Tables k (first occurrence of each post), u (first posts with their text's first post) and g (each
    first-of-its-text post's near-duplicate flag and group root)."""
    con.execute("""CREATE TEMP TABLE k AS
        SELECT seq, digest, bands, platform || ':' || post_id AS key,
               row_number() OVER (PARTITION BY platform, post_id ORDER BY seq) AS nth
        FROM p WHERE status = 'ok'""")
    con.execute("""CREATE TEMP TABLE u AS
        SELECT seq, key, bands, min(seq) OVER (PARTITION BY digest) AS first_exact FROM k WHERE nth = 1""")
    # Candidates: for each band key, the first post that has it (at most one per band of a post), sharing at
    # least MIN_SHARED_BANDS bands (at the threshold two texts share 6.5 of 16 on average: 98.5% of such pairs have 3,
    # 99.95% at 0.85); then the earliest candidate whose 5-grams really are at the threshold's Jaccard
    # similarity or more.
    pairs = con.sql("""
        WITH b AS (SELECT seq, unnest(bands) AS h, unnest(range(len(bands))) AS i FROM u WHERE seq = first_exact),
             f AS (SELECT DISTINCT seq, min(seq) OVER (PARTITION BY i, h) AS cand FROM b),
             c AS (SELECT f.seq, f.cand FROM f JOIN u AS a ON a.seq = f.seq JOIN u AS q ON q.seq = f.cand
                   WHERE f.cand < f.seq AND len(list_intersect(a.bands, q.bands)) >= $min_shared)
        SELECT c.seq, c.cand, a.plain AS text, q.plain AS cand_text
        FROM c JOIN p AS a ON a.seq = c.seq JOIN p AS q ON q.seq = c.cand ORDER BY c.seq, c.cand""",
        params={"min_shared": MIN_SHARED_BANDS}).to_arrow_reader(PAIRS)
    near_seq, near_parent = verified(pairs, threshold, workers)
    seqs = con.execute("SELECT seq FROM u WHERE seq = first_exact ORDER BY seq").fetchnumpy()["seq"].astype(np.int64)
    parent = np.full(len(seqs), -1, dtype=np.int64)
    if len(near_seq):
        parent[np.searchsorted(seqs, near_seq)] = near_parent
    # Each post points at an earlier one (or at itself): jump pointers until every one reaches its root.
    pointer = np.where(parent >= 0, np.searchsorted(seqs, parent), np.arange(len(seqs)))
    while len(pointer) and not np.array_equal(following := pointer[pointer], pointer):
        pointer = following
    con.register("g_arrow", pa.table({"seq": seqs, "root": seqs[pointer], "near": parent >= 0}))
    con.execute("CREATE TEMP TABLE g AS SELECT * FROM g_arrow")


def _verify(columns: dict, threshold: float) -> tuple[list[int], list[int]]:
    """(post, parent) of one batch of candidate pairs, ordered by post then candidate: the first that passes."""
    found_seq: list[int] = []
    found_parent: list[int] = []
    cache: dict[str, set[str]] = {}

    def grams(text: str) -> set[str]:
        if (hit := cache.get(text)) is None:
            hit = cache[text] = shingles(text)
        return hit

    last = None
    for seq, cand, text, cand_text in zip(columns["seq"], columns["cand"], columns["text"], columns["cand_text"]):
        if seq == last:
            continue
        a, b = grams(text), grams(cand_text)
        shared = len(a & b)
        if shared / (len(a) + len(b) - shared) >= threshold:
            found_seq.append(seq)
            found_parent.append(cand)
            last = seq
    return found_seq, found_parent


def verified(pairs: pa.RecordBatchReader, threshold: float, workers: int) -> tuple[np.ndarray, np.ndarray]:
    """(post, parent) for each post whose earliest verified candidate is the parent, the batches checked on
    every core. A post whose pairs straddle two batches keeps the first parent found (the smaller one)."""
    found_seq: list[int] = []
    found_parent: list[int] = []
    for seqs, parents in ordered_map(_verify, (batch.to_pydict() for batch in pairs), workers, threshold):
        for seq, parent in zip(seqs, parents):
            if not found_seq or found_seq[-1] != seq:
                found_seq.append(seq)
                found_parent.append(parent)
    return np.array(found_seq, dtype=np.int64), np.array(found_parent, dtype=np.int64)


FINAL = f"""
SELECT p.platform, p.post_id, p.url, p.author_id, p.author_public, p.author_name, p.created_at, p.week, p.text,
       p.text_norm, p.lang,
       u.seq <> u.first_exact AS dup_exact,
       CASE WHEN u.seq <> u.first_exact THEN true ELSE g.near END AS dup_near,
       r.key AS dup_group,
       CASE WHEN p.model_sentiment IS NULL THEN NULL WHEN v.label IN {TONES} THEN v.label ELSE p.model_sentiment END
         AS sentiment,
       CASE WHEN p.model_sentiment IS NULL THEN NULL WHEN v.label IN {TONES} THEN 'reviewer' ELSE 'model' END
         AS sentiment_by,
       p.model_sentiment, p.p_positive, p.p_neutral, p.p_negative, p.sentiment_model,
       CASE WHEN p.model_sentiment IS NOT NULL AND v.label IS NOT NULL AND v.has_issues THEN v.issues ELSE p.model_issues END
         AS issues,
       p.model_issues, p.issue_doubt, p.issues_version, p.province_codes, p.regency_codes, p.place_source, p.hashtags, p.links, p.source, p.likes, p.reposts, p.replies
FROM u JOIN p USING (seq) JOIN g ON g.seq = u.first_exact JOIN k AS r ON r.seq = g.root
LEFT JOIN verdicts AS v ON v.rid = {REVIEW_ID}
ORDER BY u.seq
"""


def register_verdicts(con: duckdb.DuckDBPyConnection, verdicts: dict) -> None:
    """verdicts: review id → Verdict (label, issues or None)."""
    items = sorted(verdicts.items())
    con.register("verdicts", pa.table({
        "rid": [rid for rid, _ in items], "label": [v.label for _, v in items],
        "issues": pa.array([list(v.issues) if v.issues is not None else None for _, v in items], pa.list_(pa.string())),
        "has_issues": [v.issues is not None for _, v in items]}, schema=pa.schema([
            ("rid", pa.string()), ("label", pa.string()), ("issues", pa.list_(pa.string())), ("has_issues", pa.bool_())])))


def write(con: duckdb.DuckDBPyConnection, out_tmp: Path) -> None:
    """The week's Parquet in SCHEMA, in fixed row groups (the same bytes with any number of threads)."""
    reader = con.sql(FINAL).to_arrow_reader(ROW_GROUP)
    writer = pq.ParquetWriter(out_tmp, SCHEMA, compression="zstd")
    try:
        pending: list[pa.RecordBatch] = []
        size = 0
        for batch in reader:
            pending.append(batch)
            size += batch.num_rows
            while size >= ROW_GROUP:
                table = pa.Table.from_batches(pending)
                writer.write_table(table.slice(0, ROW_GROUP).cast(SCHEMA), row_group_size=ROW_GROUP)
                rest = table.slice(ROW_GROUP)
                pending, size = rest.to_batches(), rest.num_rows
        if size:
            writer.write_table(pa.Table.from_batches(pending).cast(SCHEMA), row_group_size=ROW_GROUP)
    finally:
        writer.close()


def counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    out: dict[str, int] = {}
    for status, n in con.execute("SELECT status, count(*) FROM p WHERE status <> 'ok' GROUP BY status").fetchall():
        out[status] = n
    repeated = con.execute("SELECT count(*) FROM k WHERE nth > 1").fetchone()[0]
    if repeated:
        out["repeated_raw"] = repeated
    posts = con.execute("SELECT count(*) FROM u").fetchone()[0]
    if posts:
        out["posts"] = posts
    for lang, n in con.execute("SELECT p.lang, count(*) FROM u JOIN p USING (seq) GROUP BY p.lang ORDER BY p.lang").fetchall():
        out[f"lang:{lang}"] = n
    reviewed = con.execute(f"""SELECT count(*) FROM u JOIN p USING (seq) JOIN verdicts AS v
                              ON v.rid = {REVIEW_ID} WHERE p.model_sentiment IS NOT NULL""").fetchone()[0]
    if reviewed:
        out["reviewed"] = reviewed
    return out


def problems(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    """(status, source file, line, field, reason, raw JSON) of the refused lines, in the week's order."""
    return con.execute("""SELECT status, source_file, line, problem_field, problem, raw FROM p
                          WHERE status <> 'ok' ORDER BY seq""").fetchall()


def texts_of(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """(review id, text) of the analysed posts a reviewer gave a verdict on."""
    return con.execute(f"""SELECT {REVIEW_ID}, p.text FROM u JOIN p USING (seq)
                          JOIN verdicts AS v ON v.rid = {REVIEW_ID} ORDER BY u.seq""").fetchall()
