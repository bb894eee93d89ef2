"""The published sentiment shares of a week: the estimator (analysis.estimate) over the model's
predictions on every post and the reviewers' audit verdicts, overall and per issue; the model's
unverified counts, without an interval, where too few posts were reviewed."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq

from analysis.estimate import CLASSES, METHOD, estimate
from denyut.config import Config
from denyut.formats.review import Verdict

COLUMNS = ["platform", "post_id", "lang", "sentiment", "model_sentiment", "p_negative", "p_neutral", "p_positive", "issues"]


def _posts(path: Path) -> dict:
    rows = [r for r in pq.read_table(path, columns=COLUMNS).to_pylist() if r["lang"] == "id" and r["model_sentiment"]]
    return {"ids": [f"{r['platform']}/{r['post_id']}" for r in rows], "final": [r["sentiment"] for r in rows],
            "model": np.array([r["model_sentiment"] for r in rows], dtype=object),
            "proba": np.array([[r["p_negative"], r["p_neutral"], r["p_positive"]] for r in rows], dtype=float).reshape(-1, 3),
            "issues": [set(r["issues"]) for r in rows]}


def _shares(posts: dict, members: np.ndarray, audit: list[tuple[int, str]], minimum: int, min_reviewed: int):
    """(share dicts per sentiment, the estimate or None) for the posts `members` (indices)."""
    counts = Counter(posts["final"][i] for i in members)
    total = len(members)
    position = {int(i): j for j, i in enumerate(members)}
    inside = [(position[i], label) for i, label in audit if i in position]
    result = None
    if total >= minimum and len(inside) >= min_reviewed:
        result = estimate(posts["proba"][members], posts["model"][members], np.array([j for j, _ in inside]),
                          [label for _, label in inside])
    shares = {}
    for name in CLASSES:
        if total < minimum:
            shares[name] = {"count": counts[name], "total": total, "share": None, "ci_low": None, "ci_high": None,
                            "basis": "model"}
        elif result is None:
            shares[name] = {"count": counts[name], "total": total, "share": counts[name] / total, "ci_low": None,
                            "ci_high": None, "basis": "model"}
        else:
            s = result.shares[name]
            shares[name] = {"count": counts[name], "total": total, "share": s.value, "ci_low": s.ci_low,
                            "ci_high": s.ci_high, "se": s.se, "basis": "estimate"}
    return shares, result


def week_shares(path: Path, config: Config, issue_ids: list[str], verdicts: list[Verdict], audit_rows: int) -> dict:
    """{'sentiment': …, 'issues': {id: …}, 'review': …} for the summary."""
    posts = _posts(path)
    index = {post_id: i for i, post_id in enumerate(posts["ids"])}
    audit = [(index[v.id], v.label) for v in verdicts if v.part == "audit" and v.id in index]
    everyone = np.arange(len(posts["ids"]))
    minimum = config.report.min_posts_for_share
    overall, result = _shares(posts, everyone, audit, minimum, 2)
    by_issue = {}
    for issue in issue_ids:
        members = np.array([i for i, tags in enumerate(posts["issues"]) if issue in tags], dtype=int)
        by_issue[issue], _ = _shares(posts, members, audit, minimum, config.review.min_reviewed_for_issue)
    accuracy = result.accuracy if result else None
    review = {"method": METHOD if result else "model-only", "audit_rows": audit_rows, "audit_reviewed": len(audit),
              "verdicts": len(verdicts), "weight": result.weight if result else None,
              "accuracy": {"value": accuracy.value, "ci_low": accuracy.ci_low, "ci_high": accuracy.ci_high} if accuracy else None}
    return {"sentiment": overall, "issues": by_issue, "review": review}
