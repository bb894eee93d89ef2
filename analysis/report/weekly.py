"""Weekly aggregation: one week's processed Parquet (+ the week before) → the numbers of its report."""

from __future__ import annotations

import math

from scipy.stats import norm

from analysis.report.stats import adjust, share
from denyut.config import Config
from denyut.formats.processed import WeekView
from denyut.formats.summary import Change, Example, IssueSummary, SentimentShares, Share, WeeklySummary
from denyut.privacy import scrub
from denyut.taxonomy import Taxonomy
from denyut.timestamps import format_utc, from_epoch


def aggregate(view: WeekView, config: Config, taxonomy: Taxonomy) -> dict:
    """Counts and shares of one week; bounded memory (DuckDB streams the Parquet). `posts` are the analysed posts."""
    minimum = config.report.min_posts_for_share
    (total,) = view.query("SELECT COUNT(*) FROM all_posts")[0]
    (analysed, exact, near) = view.query("""
        SELECT COUNT(*), COUNT(*) FILTER (dup_exact), COUNT(*) FILTER (dup_near AND NOT dup_exact) FROM posts""")[0]
    languages = dict(view.query("SELECT lang, COUNT(*) FROM all_posts GROUP BY lang ORDER BY 2 DESC, 1"))
    platforms = dict(view.query("SELECT platform, COUNT(*) FROM posts GROUP BY 1 ORDER BY 2 DESC, 1"))
    sources = dict(view.query("SELECT COALESCE(source, '(tanpa nama)'), COUNT(*) FROM all_posts GROUP BY 1 ORDER BY 2 DESC, 1"))
    models = [row[0] for row in view.query(
        "SELECT DISTINCT sentiment_model FROM all_posts WHERE sentiment_model IS NOT NULL ORDER BY 1")]
    issue_rows = dict(view.query("SELECT issue, COUNT(*) FROM (SELECT UNNEST(issues) AS issue FROM posts) GROUP BY 1"))
    untagged = view.query("SELECT COUNT(*) FROM posts WHERE len(issues) = 0")[0][0]
    issues = []
    for spec in taxonomy.issues:
        n = issue_rows.get(spec.id, 0)
        issues.append({"id": spec.id, "name_id": spec.name_id, "name_en": spec.name_en, "posts": n,
                       "share_of_posts": share(n, analysed, minimum)})
    issues.sort(key=lambda item: (-item["posts"], item["id"]))
    return {
        "posts_total": total, "posts_analysed": analysed, "posts_other_language": total - analysed,
        "duplicates_exact": exact, "duplicates_near": near, "languages": languages, "platforms": platforms,
        "sources": sources,
        "issues": issues, "posts_without_issue": untagged, "sentiment_models": models,
    }


def compare(sentiment: SentimentShares, issues: list[IssueSummary], previous: WeeklySummary | None,
            config: Config) -> list[Change]:
    """Week-over-week changes of the negative and positive shares, overall and per top issue, judged on the
    estimates and their standard errors (two independent audits): up or down when the difference is
    significant after Benjamini-Hochberg; stable when its 95% interval lies within ±margin; else uncertain.
    A share without an estimate (too few reviews in either week) can only be uncertain."""
    if previous is None:
        return []
    pairs: list[tuple[str, str, str, Share, Share]] = [
        ("all", "Semua unggahan", s, sentiment.get(s), previous.sentiment.get(s)) for s in ("negative", "positive")]
    before_issues = {item.id: item for item in previous.issues}
    for item in issues[: config.report.top_issues]:
        if item.id in before_issues:
            pairs += [(item.id, item.name_id, s, item.sentiment.get(s), before_issues[item.id].sentiment.get(s))
                      for s in ("negative", "positive")]
    z = float(norm.ppf(0.975))
    tests = []
    for scope, name, code, now, before in pairs:
        if now.share is None or before.share is None:
            continue
        test = {"scope": scope, "name": name, "sentiment": code, "previous": before.share, "current": now.share,
                "difference": now.share - before.share, "diff_low": None, "diff_high": None, "p_value": None}
        if now.verified and before.verified:
            se = math.hypot(now.se, before.se)
            test |= {"diff_low": test["difference"] - z * se, "diff_high": test["difference"] + z * se,
                     "p_value": 1.0 if se == 0 and test["difference"] == 0 else float(2 * norm.sf(abs(test["difference"]) / se))
                     if se > 0 else 0.0}
        tests.append(test)
    tested = [t for t in tests if t["p_value"] is not None]
    for test, q in zip(tested, adjust([t["p_value"] for t in tested])):
        test["q_value"] = q
    changes = []
    for test in tests:
        q = test.setdefault("q_value", None)
        if q is not None and q < config.report.alpha:
            direction = "up" if test["difference"] > 0 else "down"
        elif q is not None and -config.report.margin <= test["diff_low"] and test["diff_high"] <= config.report.margin:
            direction = "stable"
        else:
            direction = "uncertain"
        changes.append(Change(**test, direction=direction))
    return changes


def examples(view: WeekView, config: Config, top_issue_ids: list[str]) -> list[Example]:
    """Representative posts from allow-listed public accounts only, personal data scrubbed."""
    if config.report.examples == 0:
        return []
    rows = view.query("""
        SELECT platform, post_id, author_name, epoch(created_at) AS created, text, sentiment, issues,
               GREATEST(p_negative, p_neutral, p_positive) AS confidence
        FROM posts WHERE author_public AND NOT dup_exact
        ORDER BY confidence DESC, created, platform, post_id""")
    handles = config.public_handles
    chosen, used_issues = [], set()
    # Confident posts about the week's top issues first, one per issue.
    ranked = sorted(rows, key=lambda r: (not any(i in top_issue_ids for i in r[6]), -r[7]))
    for platform, post_id, author, created, text, sentiment, issues, confidence in ranked:
        issue = next((i for i in issues if i in top_issue_ids), issues[0] if issues else None)
        if issue in used_issues:
            continue
        chosen.append(Example(platform=platform, post_id=post_id, author_name=author, created_at=format_utc(from_epoch(created)),
                              text=scrub(text, handles), sentiment=sentiment, issue=issue, confidence=round(float(confidence), 3)))
        used_issues.add(issue)
        if len(chosen) >= config.report.examples:
            break
    return chosen
