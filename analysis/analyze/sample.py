"""The week's review sample: an audit drawn as a simple random sample of the week's analysed posts
(each row with its inclusion probability; the share estimator and its file contract assume exactly
this design) and a learning part of the posts that teach the model most: uncertain, and unlike
each other (so a campaign's copies are not reviewed a hundred times).

The draw is seeded by the config's seed and the week, so the same week gives the same sample; the
audit rows are shuffled, so a review stopped halfway is still a random sample of the week.
"""

from __future__ import annotations

import hashlib
import math
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from sklearn.feature_extraction.text import HashingVectorizer

from denyut.config import Config
from denyut.formats.processed import WeekView
from denyut.formats.review import (
    SampleRow,
    has_reviewer_input,
    population_path,
    read_population,
    review_id,
    review_ids,
    sheet_bytes,
    sheet_path,
    sheet_paths,
    week_strata,
    write_population,
)
from denyut.io import atomic_write_bytes
from denyut.privacy import scrub

COLUMNS = ["platform", "post_id", "text", "text_norm", "lang", "model_sentiment", "p_negative", "p_neutral", "p_positive",
           "model_issues", "issue_doubt", "dup_group"]


def _rng(seed: int, week: str) -> np.random.Generator:
    return np.random.default_rng(int.from_bytes(hashlib.sha256(f"{seed}:{week}".encode()).digest()[:8], "big"))


MIN_LATER_AUDIT = 10  # a later sheet's audit: at least this many (all of its posts when fewer), a stratum of its own
POOL = 5  # the learning part is chosen among this many times its size of the least sure posts


def uncertainty_of(proba: np.ndarray, issue_doubt: np.ndarray | None = None) -> np.ndarray:
    """How unsure the models are of each post, 0 to 1: the sentiment model's (1 - its top probability, over the
    most it can be, 2/3) or the issue tagger's doubt, whichever is larger: the learning part teaches both."""
    sentiment = (1.0 - proba.max(axis=1)) * 1.5
    if issue_doubt is None:
        return sentiment
    return np.maximum(sentiment, np.nan_to_num(issue_doubt, nan=0.0))


def teaching_picks(proba: np.ndarray, texts: list[str], groups: list[str], k: int,
                   issue_doubt: np.ndarray | None = None) -> list[int]:
    """The k posts that teach the models most: uncertain (uncertainty_of: the sentiment model's smallest top
    probability, or the issue tagger's doubt) and unlike each other.

    Among the POOL*k least sure posts (one per near-duplicate group), each pick maximises its uncertainty
    times its distance (1 - cosine of word 1-2-grams) to the posts already picked, so one campaign's
    variations or one hot topic cannot fill the sheet. Deterministic: ties go to the earlier post."""
    unsure = uncertainty_of(proba, issue_doubt)
    order = sorted(range(len(texts)), key=lambda i: (-float(unsure[i]), i))
    pool, seen = [], set()
    for i in order:
        if groups[i] not in seen:
            seen.add(groups[i])
            pool.append(i)
        if len(pool) >= POOL * k:
            break
    if not pool or k <= 0:
        return []
    vectors = HashingVectorizer(n_features=2**18, ngram_range=(1, 2), alternate_sign=False, norm="l2",
                                token_pattern=r"\S+").transform([texts[i] for i in pool]).tocsr()
    uncertainty = unsure[pool]
    closest = np.zeros(len(pool))
    chosen: list[int] = []
    while len(chosen) < min(k, len(pool)):
        score = uncertainty * (1.0 - closest)
        score[chosen] = -1.0
        best = int(np.argmax(score))
        chosen.append(best)
        closest = np.maximum(closest, (vectors @ vectors[best].T).toarray().ravel())
    return [pool[j] for j in chosen]


class _Column:
    """Rows `index` of an Arrow column, read one by one when asked (the picks read a few hundred of them)."""

    def __init__(self, column: pa.ChunkedArray, index: np.ndarray):
        self.column, self.index = column, index

    def __len__(self) -> int:
        return len(self.index)

    def __getitem__(self, i: int):
        return self.column[int(self.index[i])].as_py()


def _candidates(processed: Path, config: Config) -> pa.Table:
    """The week's analysed posts with a model label, in a fixed order (platform, post_id)."""
    table = WeekView(processed, tuple(config.analysis.languages), regions=tuple(config.regions.focus)).table(COLUMNS)
    table = table.filter(pc.is_valid(table["model_sentiment"]))
    return table.take(pc.sort_indices(table, sort_keys=[("platform", "ascending"), ("post_id", "ascending")]))


def _keys(table: pa.Table) -> pa.Array:
    return review_ids(table["platform"], table["post_id"]).combine_chunks()


def draw(week: str, table: pa.Table, config: Config, number: int = 1, total: int | None = None) -> list[SampleRow]:
    """Columns, not rows: a week of a million posts is never a million Python objects here. `table`: the posts this
    sheet is drawn from (all of the week's for the first, those that came later for the next); its audit is
    `review.audit_size` for the first sheet, that size scaled to its share of the week's `total` for later ones."""
    n = table.num_rows
    rng = _rng(config.review.seed, week if number == 1 else f"{week}#{number}")
    size, learning_size = config.review.audit_size, config.review.learning_size
    if number > 1 and total:
        size = max(math.ceil(size * n / total), MIN_LATER_AUDIT)
        learning_size = math.ceil(learning_size * n / total)
    size = min(size, n)
    # drawn in random order: a review stopped halfway is still a simple random sample of the sheet's posts
    audit = [(int(i), size / n) for i in rng.choice(n, size=size, replace=False)] if n else []
    handles = {a.handle for a in config.public_accounts}
    rest = np.setdiff1d(np.arange(n), np.array([i for i, _ in audit], dtype=np.int64))
    proba = np.column_stack([table[c].to_numpy().astype(np.float64) for c in ("p_negative", "p_neutral", "p_positive")]
                            ).reshape(-1, 3)[rest]
    doubt = table["issue_doubt"].to_numpy(zero_copy_only=False).astype(np.float64)[rest]
    picked = teaching_picks(proba, _Column(table["text_norm"], rest), _Column(table["dup_group"], rest), learning_size,
                            doubt)
    learning = [int(rest[j]) for j in picked]

    def row(i: int, part: str, probability: float) -> SampleRow:
        r = {c: table[c][i].as_py() for c in COLUMNS}
        return SampleRow(part, review_id(r["platform"], r["post_id"]), r["platform"], probability, scrub(r["text"], handles),
                         r["model_sentiment"], (r["p_negative"], r["p_neutral"], r["p_positive"]), tuple(r["model_issues"] or ()))

    return [row(i, "audit", p) for i, p in audit] + [row(i, "belajar", 0.0) for i in learning]


def write_sample(week: str, processed: Path, config: Config) -> Path | None:
    """The week's review sheet. A sheet nobody has touched is drawn again over its posts and any new ones; a sheet
    someone wrote in (or saved) is never rewritten, and the posts no sheet covers get a sheet of their own."""
    table = _candidates(processed, config)
    keys = _keys(table)
    number, population = 1, keys
    sheets = sheet_paths(config.review_dir, week)
    if sheets:
        strata = week_strata(config.review_dir, week, keys.to_pylist())
        last, path = sheets[-1]
        covered = pa.array([k for members in strata.values() for k in members], type=pa.string())
        new = pc.invert(pc.is_in(keys, value_set=covered))
        recorded = read_population(population_path(config.review_dir, week, last))
        if not has_reviewer_input(path, recorded[1] if recorded else None):
            own = pc.is_in(keys, value_set=pa.array(strata[last], type=pa.string()))
            number, population = last, keys.filter(pc.or_(own, new))
        elif pc.any(new).as_py():
            number, population = last + 1, keys.filter(new)
        else:
            return None
    chosen = table.filter(pc.is_in(keys, value_set=population))
    data = sheet_bytes(draw(week, chosen, config, number, table.num_rows))
    path = sheet_path(config.review_dir, week, number)
    write_population(population_path(config.review_dir, week, number), population.to_pylist(),
                     hashlib.sha256(data).hexdigest())  # first: a sheet never stands without its posts
    atomic_write_bytes(path, data)
    return path
