"""The published sentiment shares of a week: the estimator (analysis.estimate) over the model's
predictions on every post and the reviewers' audit verdicts, overall and per issue; the model's
unverified counts, without an interval, where too few posts were reviewed."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from analysis.estimate import CLASSES, METHOD, estimate
from analysis.estimate.core import EXCLUDED, estimate_binary
from analysis.estimate.small_area import Audit, confusion, synthetic
from denyut.config import Config
from denyut.formats.processed import WeekView
from denyut.formats.review import NO_ISSUE, OTHER_ISSUE, AuditProgress, Verdict, review_id_sql, review_ids
from denyut.normalize import without_emoji
from denyut.taxonomy import Taxonomy

COLUMNS = ["platform", "post_id", "sentiment", "model_sentiment", "p_negative", "p_neutral", "p_positive", "issues"]


def _posts(view: WeekView) -> dict:
    """The analysed posts with a model label, as arrays: the final and the model's labels as codes (CLASSES
    order, -1 for anything else), the probabilities, and each issue's member rows, with no object per post."""
    table = view.table(COLUMNS)
    table = table.filter(pc.fill_null(pc.not_equal(table["model_sentiment"], ""), False))
    classes = pa.array(CLASSES)

    def codes(column: str) -> np.ndarray:
        return pc.fill_null(pc.index_in(table[column], value_set=classes), -1).to_numpy().astype(np.int64)

    rows = pc.list_parent_indices(table["issues"]).to_numpy()
    tags = pc.list_flatten(table["issues"])
    return {"keys": review_ids(table["platform"], table["post_id"]),
            "final": codes("sentiment"), "model": np.array(CLASSES + ("",))[codes("model_sentiment")],
            "proba": np.column_stack([table[f"p_{name}"].to_numpy() for name in CLASSES]).astype(float).reshape(-1, 3),
            "issue_rows": (rows, tags), "size": table.num_rows}


def week_keys(view: WeekView) -> list[str]:
    """The review ids of the week's posts that the sheets are drawn from."""
    return _posts(view)["keys"].to_pylist()


def _members(posts: dict, issue: str) -> np.ndarray:
    rows, tags = posts["issue_rows"]
    return np.unique(rows[pc.equal(tags, issue).to_numpy(zero_copy_only=False)]).astype(int)


def _strata(posts: dict, populations: dict[int, list[str]]) -> np.ndarray:
    """Each post's stratum: the sheet whose posts it was among (1 where no sheet lists it)."""
    strata = np.ones(posts["size"], dtype=np.int64)
    for number, keys in sorted(populations.items()):
        where = pc.index_in(pa.array(keys, type=pa.string()), value_set=posts["keys"]).to_numpy(zero_copy_only=False)
        strata[where[~np.isnan(where.astype(float))].astype(np.int64)] = number
    return strata


def _shares(posts: dict, members: np.ndarray, audit: list[tuple[int, str]], minimum: int, min_reviewed: int,
            skipped: list[int] = ()):
    """(share dicts per sentiment, and `excluded` where reviewers said posts cannot be judged; the estimate or None)
    for the posts `members` (indices); `skipped`: audit posts left blank before a sheet's last verdict."""
    found = np.bincount(posts["final"][members] + 1, minlength=len(CLASSES) + 1)[1:]
    counts = {name: int(found[k]) for k, name in enumerate(CLASSES)}
    total = len(members)
    position = {int(i): j for j, i in enumerate(members)}
    inside = [(position[i], label) for i, label in audit if i in position]
    result = None
    if total >= minimum and len(inside) >= min_reviewed:
        result = estimate(posts["proba"][members], posts["model"][members], np.array([j for j, _ in inside]),
                          [label for _, label in inside], strata=posts["strata"][members],
                          missing=np.array([position[i] for i in skipped if i in position], dtype=int))
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
    if result is not None and EXCLUDED in result.shares:
        s = result.shares[EXCLUDED]
        shares[EXCLUDED] = {"count": sum(1 for _, label in inside if label == EXCLUDED), "total": total, "share": s.value,
                            "ci_low": s.ci_low, "ci_high": s.ci_high, "se": s.se, "basis": "estimate"}
    return shares, result


def audit_confusion(view: WeekView, verdicts: list[Verdict]) -> Audit | None:
    """The week's audit as error rates by the model's label (analysis.estimate.small_area), for the regions whose
    posts it holds too few of; None when no audited post had a model label."""
    posts = _posts(view)
    audited = [v for v in verdicts if v.part == "audit"]
    where = pc.index_in(pa.array([v.id for v in audited], type=pa.string()), value_set=posts["keys"]).to_pylist()
    pairs = [(i, v) for i, v in zip(where, audited) if i is not None and posts["model"][i]]
    if not pairs:
        return None
    return confusion([posts["model"][i] for i, _ in pairs], [v.label for _, v in pairs],
                     np.array([1.0 / v.inclusion_probability if v.inclusion_probability > 0 else 1.0 for _, v in pairs]))


def regional_shares(posts: dict, overall: dict, table: Audit | None, config: Config) -> tuple[dict, str]:
    """A region's tone shares and the estimator: 'direct' when its own audited posts sufficed (the estimate as
    for the whole country), else 'synthetic' (the model's labels in the region corrected by the audit's error rates,
    with the assumption's extra uncertainty); a share whose interval is wider than regions.max_interval is not
    given ('wide': the page says so in words)."""
    settings = config.regions
    estimator = "direct" if overall["negative"]["basis"] == "estimate" else None
    labelled = [label for label in posts["model"] if label]
    if estimator is None and table is not None and len(labelled) >= config.report.min_posts_for_share:
        found = synthetic(labelled, table, settings.transport_sd)
        estimator = "synthetic"
        overall = {name: overall.get(name, {"count": 0, "total": len(labelled)}) | {
            "share": s.value, "ci_low": s.ci_low, "ci_high": s.ci_high, "se": s.se, "basis": "synthetic"}
            for name, s in found.items()}
    for name, share in overall.items():
        if share.get("ci_low") is not None and share["ci_high"] - share["ci_low"] > settings.max_interval:
            overall[name] = share | {"share": None, "ci_low": None, "ci_high": None, "basis": "wide"}
    return overall, estimator or "model"


def week_shares(view: WeekView, config: Config, taxonomy: Taxonomy, verdicts: list[Verdict], progress: AuditProgress,
                populations: dict[int, list[str]] | None = None, national: Audit | None = None,
                region: bool = False) -> dict:
    """{'sentiment': …, 'issues': {id: …}, 'review': …} for the summary; `populations`: each sheet's posts, the
    strata of the audit (a stratum with fewer than two reviewed posts is estimated from the model, within bounds);
    `progress`: how far the reviewers got (skipped rows widen the intervals). `region`: the view is one region's
    (regional_shares; `national`: the whole audit's error rates)."""
    posts = _posts(view)
    posts["strata"] = _strata(posts, populations or {})
    audited = [v for v in verdicts if v.part == "audit"]
    where = pc.index_in(pa.array([v.id for v in audited], type=pa.string()), value_set=posts["keys"]).to_pylist()
    audit = [(i, v.label) for i, v in zip(where, audited) if i is not None]
    blank = pc.index_in(pa.array(list(progress.skipped), type=pa.string()), value_set=posts["keys"]).to_pylist()
    skipped = [i for i in blank if i is not None]
    everyone = np.arange(posts["size"])
    minimum = config.report.min_posts_for_share
    overall, result = _shares(posts, everyone, audit, minimum, config.review.min_reviewed, skipped)
    by_issue = {}
    for issue in [spec.id for spec in taxonomy.issues]:
        members = _members(posts, issue)
        by_issue[issue], _ = _shares(posts, members, audit, minimum, config.review.min_reviewed_for_issue, skipped)
    estimator = None
    if region:
        overall, estimator = regional_shares(posts, overall, national, config)
    accuracy = result.accuracy if result else None
    review = {"method": METHOD if result else "model-only", "audit_rows": progress.rows, "audit_reviewed": len(audit),
              "audit_excluded": progress.excluded, "audit_skipped": len(progress.skipped),
              "audit_not_reached": progress.not_reached, "verdicts": len(verdicts),
              "weight": result.weight if result else None,
              "accuracy": {"value": accuracy.value, "ci_low": accuracy.ci_low, "ci_high": accuracy.ci_high} if accuracy else None}
    review["estimator"] = estimator
    return {"sentiment": overall, "issues": by_issue, "review": review,
            "issue_estimates": issue_estimates(view, posts, audited, taxonomy, config)}


def _tags(view: WeekView, ids: list[str], taxonomy: Taxonomy) -> dict[str, tuple[str, ...]]:
    """The tagger's own issues for the given posts (the week's `issues` column holds a reviewer's where given):
    `model_issues`, or for a week analysed before that column existed, the taxonomy's patterns on the text."""
    if not ids:
        return {}
    if "model_issues" in view.columns:
        rows = view.query(f"SELECT {review_id_sql()} AS rid, model_issues FROM posts WHERE {review_id_sql()} IN "
                          "(SELECT UNNEST(?))", [ids])
        return {rid: tuple(issues or ()) for rid, issues in rows}
    rows = view.query(f"SELECT {review_id_sql()} AS rid, text_norm FROM posts WHERE {review_id_sql()} IN "
                      "(SELECT UNNEST(?))", [ids])
    return {rid: tuple(taxonomy.tag(without_emoji(text or ""))) for rid, text in rows}


def _said(v: Verdict, tagger: tuple[str, ...]) -> tuple[str, ...]:
    """The issues a reviewer says a post is about: theirs, or the tagger's when they left the column as it was."""
    if v.label == EXCLUDED:
        return ()
    return v.issues if v.issues is not None else tagger


def issue_estimates(view: WeekView, posts: dict, audited: list[Verdict], taxonomy: Taxonomy, config: Config) -> dict:
    """Per issue (and for posts with no issue, and other election talk): the share of posts about it estimated from
    the tagger on every post and the reviewers' issue verdicts on the audit, with its interval, and the tagger's
    precision and recall on the audit. No estimate where fewer audit posts than review.min_reviewed were judged."""
    where = pc.index_in(pa.array([v.id for v in audited], type=pa.string()), value_set=posts["keys"]).to_pylist()
    pairs = [(i, v) for i, v in zip(where, audited) if i is not None]
    tagger = _tags(view, [v.id for _, v in pairs], taxonomy)
    rows, tags = posts["issue_rows"]
    positions = np.array([i for i, _ in pairs], dtype=int)
    out = {}
    for code in [spec.id for spec in taxonomy.issues] + [NO_ISSUE, OTHER_ISSUE]:
        if code == NO_ISSUE:
            tagged = np.ones(posts["size"])
            tagged[rows] = 0.0
            own = np.array([not tagger.get(v.id) for _, v in pairs], dtype=float)
            said = np.array([not [t for t in _said(v, tagger.get(v.id, ())) if t != OTHER_ISSUE] for _, v in pairs])
        else:
            tagged = np.zeros(posts["size"])
            tagged[rows[pc.equal(tags, code).to_numpy(zero_copy_only=False)]] = 1.0
            own = np.array([code in tagger.get(v.id, ()) for _, v in pairs], dtype=float)
            said = np.array([code in _said(v, tagger.get(v.id, ())) for _, v in pairs])
        if len(pairs):
            tagged[positions] = own  # the tagger's own answer where reviewers judged
        out[code] = _issue_result(tagged, positions, said.astype(float) if len(pairs) else np.zeros(0), own,
                                  posts["strata"], config.review.min_reviewed)
    return out


def _issue_result(tagged, positions, said, own, strata, minimum: int) -> dict:
    estimate_ = estimate_binary(tagged, positions, said, strata) if len(positions) >= minimum else None
    hits = float((said * own).sum()) if len(positions) else 0.0
    return {"estimate": {"count": int(tagged.sum()), "total": len(tagged), "share": estimate_.value,
                         "ci_low": estimate_.ci_low, "ci_high": estimate_.ci_high, "se": estimate_.se,
                         "basis": "estimate"} if estimate_ else None,
            "audit_positives": int(said.sum()) if len(positions) else 0, "audit_tagged": int(own.sum()) if len(positions) else 0,
            "precision": hits / own.sum() if len(positions) and own.sum() else None,
            "recall": hits / said.sum() if len(positions) and said.sum() else None}
