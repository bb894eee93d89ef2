"""Weekly aggregation: one week's processed Parquet (+ the week before) → the numbers of its report."""

from __future__ import annotations

from pathlib import Path

import duckdb

from analysis.report.stats import adjust, share, two_proportion_p
from denyut.config import Config
from denyut.formats.summary import SENTIMENTS, Change, Example, IssueSummary, SentimentShares, Share, WeeklySummary
from denyut.privacy import scrub
from denyut.taxonomy import Taxonomy
from denyut.timestamps import format_utc, from_epoch


def _query(path: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect() as con:
        return con.execute(sql.replace("POSTS", "read_parquet(?)"), [str(path)] + (params or [])).fetchall()


def aggregate(path: Path, config: Config, taxonomy: Taxonomy) -> dict:
    """Counts and shares of one week; bounded memory (DuckDB streams the Parquet)."""
    minimum = config.report.min_posts_for_share
    (total, analysed, exact, near) = _query(path, """
        SELECT COUNT(*), COUNT(*) FILTER (lang = 'id'), COUNT(*) FILTER (lang = 'id' AND dup_exact),
               COUNT(*) FILTER (lang = 'id' AND dup_near AND NOT dup_exact) FROM POSTS""")[0]
    languages = dict(_query(path, "SELECT lang, COUNT(*) FROM POSTS GROUP BY lang ORDER BY 2 DESC, 1"))
    platforms = dict(_query(path, "SELECT platform, COUNT(*) FROM POSTS WHERE lang = 'id' GROUP BY 1 ORDER BY 2 DESC, 1"))
    sources = dict(_query(path, "SELECT COALESCE(source, '(tanpa nama)'), COUNT(*) FROM POSTS GROUP BY 1 ORDER BY 2 DESC, 1"))
    sentiment_counts = dict(_query(path, "SELECT sentiment, COUNT(*) FROM POSTS WHERE lang = 'id' GROUP BY 1"))
    mean_p = _query(path, "SELECT AVG(p_negative), AVG(p_neutral), AVG(p_positive) FROM POSTS WHERE lang = 'id'")[0]
    models = [row[0] for row in _query(path, "SELECT DISTINCT sentiment_model FROM POSTS WHERE sentiment_model IS NOT NULL ORDER BY 1")]
    sentiment = {s: share(sentiment_counts.get(s, 0), analysed, minimum).as_dict() for s in SENTIMENTS}
    for s, p in zip(SENTIMENTS, mean_p):
        sentiment[s]["mean_probability"] = None if p is None or analysed < minimum else float(p)
    # Copies of one text are not independent voices: changes are tested on one post per
    # near-duplicate group (the first), so copy-paste and retweets cannot fake certainty.
    unique = dict(_query(path, "SELECT sentiment, COUNT(*) FROM POSTS WHERE lang = 'id' AND NOT dup_near GROUP BY 1"))
    for s in SENTIMENTS:
        sentiment[s] |= {"unique_count": unique.get(s, 0), "unique_total": sum(unique.values())}
    issue_rows = _query(path, """
        SELECT issue, COUNT(*), COUNT(*) FILTER (sentiment = 'negative'), COUNT(*) FILTER (sentiment = 'neutral'),
               COUNT(*) FILTER (sentiment = 'positive'), COUNT(*) FILTER (NOT dup_near),
               COUNT(*) FILTER (sentiment = 'negative' AND NOT dup_near), COUNT(*) FILTER (sentiment = 'neutral' AND NOT dup_near),
               COUNT(*) FILTER (sentiment = 'positive' AND NOT dup_near)
        FROM (SELECT UNNEST(issues) AS issue, sentiment, dup_near FROM POSTS WHERE lang = 'id') GROUP BY issue""")
    by_issue = {row[0]: row[1:] for row in issue_rows}
    untagged = _query(path, "SELECT COUNT(*) FROM POSTS WHERE lang = 'id' AND len(issues) = 0")[0][0]
    issues = []
    for spec in taxonomy.issues:
        n, neg, neu, pos, un, uneg, uneu, upos = by_issue.get(spec.id, (0,) * 8)
        issues.append({
            "id": spec.id, "name_id": spec.name_id, "name_en": spec.name_en, "posts": n,
            "share_of_posts": share(n, analysed, minimum).as_dict(),
            "sentiment": {s: share(c, n, minimum).as_dict() | {"unique_count": u, "unique_total": un}
                          for s, c, u in zip(SENTIMENTS, (neg, neu, pos), (uneg, uneu, upos))},
        })
    issues.sort(key=lambda item: (-item["posts"], item["id"]))
    return {
        "posts_total": total, "posts_analysed": analysed, "posts_other_language": total - analysed,
        "duplicates_exact": exact, "duplicates_near": near, "languages": languages, "platforms": platforms,
        "sources": sources,
        "sentiment": sentiment, "issues": issues, "posts_without_issue": untagged, "sentiment_models": models,
    }


def compare(sentiment: SentimentShares, issues: list[IssueSummary], previous: WeeklySummary | None,
            config: Config) -> list[Change]:
    """Week-over-week changes of negative and positive shares, overall and per top issue, BH-adjusted.

    Each comparison carries a direction code (up, down, stable); the narrative turns it into words."""
    if previous is None:
        return []
    minimum = config.report.min_posts_for_share
    pairs: list[tuple[str, str, str, Share, Share]] = [
        ("all", "Semua unggahan", s, sentiment.get(s), previous.sentiment.get(s)) for s in ("negative", "positive")]
    before_issues = {item.id: item for item in previous.issues}
    for item in issues[: config.report.top_issues]:
        if item.id in before_issues:
            pairs += [(item.id, item.name_id, s, item.sentiment.get(s), before_issues[item.id].sentiment.get(s))
                      for s in ("negative", "positive")]
    tests = []
    for scope, name, sentiment_code, now, before in pairs:
        if now.share is None or before.share is None:
            continue
        # Copies of one text are not independent voices: tested on one post per near-duplicate group.
        tested = (before.unique_count, before.unique_total, now.unique_count, now.unique_total)
        if min(tested[1], tested[3]) < minimum:
            continue
        tests.append({"scope": scope, "name": name, "sentiment": sentiment_code, "previous": before.share, "current": now.share,
                      "previous_count": before.count, "previous_total": before.total,
                      "current_count": now.count, "current_total": now.total, "tested_unique": tested,
                      "p_value": two_proportion_p(tested[2], tested[3], tested[0], tested[1])})
    changes = []
    for test, q in zip(tests, adjust([t["p_value"] for t in tests])):
        real = q < config.report.alpha
        direction = ("up" if test["current"] > test["previous"] else "down") if real else "stable"
        changes.append(Change(**test, q_value=q, direction=direction))
    return changes


def examples(path: Path, config: Config, top_issue_ids: list[str]) -> list[Example]:
    """Representative posts from allow-listed public accounts only, personal data scrubbed."""
    if config.report.examples == 0:
        return []
    rows = _query(path, """
        SELECT platform, post_id, author_name, epoch(created_at) AS created, text, sentiment, issues,
               GREATEST(p_negative, p_neutral, p_positive) AS confidence
        FROM POSTS WHERE author_public AND lang = 'id' AND NOT dup_exact
        ORDER BY confidence DESC, created, platform, post_id""")
    handles = {a.handle for a in config.public_accounts}
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
