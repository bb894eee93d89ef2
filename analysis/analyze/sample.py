"""The week's review sample: an audit drawn at random (stratified by platform, proportional
allocation, each row with its inclusion probability) and a learning part of the posts the model is
least sure of (one per near-duplicate group, so a campaign's copies are not reviewed a hundred times).

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


def allocate(sizes: dict[str, int], n: int) -> dict[str, int]:
    """Proportional allocation of n audit posts over the strata, at least 2 in each (when it has 2), largest remainders."""
    total = sum(sizes.values())
    if n >= total:
        return dict(sizes)
    exact = {h: n * size / total for h, size in sizes.items()}
    out = {h: min(sizes[h], max(int(exact[h]), 2)) for h in sizes}
    for h in sorted(sizes, key=lambda h: (-(exact[h] - int(exact[h])), h)):
        if sum(out.values()) >= n:
            break
        if out[h] < sizes[h]:
            out[h] += 1
    while sum(out.values()) > n:  # the minimum of 2 overshot: take back from the largest strata
        h = max((h for h in out if out[h] > 2), key=lambda h: (out[h], h))
        out[h] -= 1
    return out


def draw(week: str, processed: Path, config: Config) -> list[SampleRow]:
    table = pq.read_table(processed, columns=COLUMNS).to_pylist()
    posts = [r for r in table if r["lang"] == "id" and r["model_sentiment"] is not None]
    posts.sort(key=lambda r: (r["platform"], r["post_id"]))
    rng = _rng(config.review.seed, week)
    by_platform: dict[str, list[int]] = {}
    for i, r in enumerate(posts):
        by_platform.setdefault(r["platform"], []).append(i)
    counts = allocate({h: len(m) for h, m in by_platform.items()}, config.review.audit_size)
    audit: list[tuple[int, float]] = []
    for h, members in sorted(by_platform.items()):
        chosen = rng.choice(len(members), size=counts[h], replace=False) if counts[h] else []
        audit += [(members[j], counts[h] / len(members)) for j in chosen]
    order = rng.permutation(len(audit))
    audit = [audit[j] for j in order]
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
