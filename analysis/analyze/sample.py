"""The week's review sample: an audit drawn as a simple random sample of the week's analysed posts
(each row with its inclusion probability; the share estimator and its file contract assume exactly
this design) and a learning part of the posts the model is least sure of (one per near-duplicate
group, so a campaign's copies are not reviewed a hundred times).

The draw is seeded by the config's seed and the week, so the same week gives the same sample; the
audit rows are shuffled, so a review stopped halfway is still a random sample of the week.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq

from denyut.config import Config
from denyut.formats.review import SampleRow, has_verdicts, sheet_path, write_sheet
from denyut.privacy import scrub

COLUMNS = ["platform", "post_id", "text", "lang", "model_sentiment", "p_negative", "p_neutral", "p_positive",
           "issues", "dup_group"]


def review_id(platform: str, post_id: str) -> str:
    return f"{platform}/{post_id}"


def _rng(seed: int, week: str) -> np.random.Generator:
    return np.random.default_rng(int.from_bytes(hashlib.sha256(f"{seed}:{week}".encode()).digest()[:8], "big"))


def draw(week: str, processed: Path, config: Config) -> list[SampleRow]:
    table = pq.read_table(processed, columns=COLUMNS).to_pylist()
    posts = [r for r in table if r["lang"] == "id" and r["model_sentiment"] is not None]
    posts.sort(key=lambda r: (r["platform"], r["post_id"]))
    rng = _rng(config.review.seed, week)
    size = min(config.review.audit_size, len(posts))
    # drawn in random order: a review stopped halfway is still a simple random sample of the week
    audit = [(int(i), size / len(posts)) for i in rng.choice(len(posts), size=size, replace=False)] if posts else []
    taken = {i for i, _ in audit}
    handles = {a.handle for a in config.public_accounts}
    # least sure first: the smallest top probability; one post per near-duplicate group
    candidates = sorted((i for i in range(len(posts)) if i not in taken),
                        key=lambda i: (max(posts[i]["p_negative"], posts[i]["p_neutral"], posts[i]["p_positive"]),
                                       posts[i]["platform"], posts[i]["post_id"]))
    learning, groups = [], set()
    for i in candidates:
        if len(learning) >= config.review.learning_size:
            break
        if posts[i]["dup_group"] in groups:
            continue
        groups.add(posts[i]["dup_group"])
        learning.append(i)

    def row(i: int, part: str, probability: float) -> SampleRow:
        r = posts[i]
        return SampleRow(part, review_id(r["platform"], r["post_id"]), r["platform"], probability, scrub(r["text"], handles),
                         r["model_sentiment"], (r["p_negative"], r["p_neutral"], r["p_positive"]), tuple(r["issues"]))

    return [row(i, "audit", p) for i, p in audit] + [row(i, "belajar", 0.0) for i in learning]


def write_sample(week: str, processed: Path, config: Config) -> Path | None:
    """Writes the sheet unless one with verdicts in it exists (a reviewer's work is never overwritten)."""
    path = sheet_path(config.review_dir, week)
    if path.exists() and has_verdicts(path):
        return None
    write_sheet(path, draw(week, processed, config))
    return path
