"""Signals of a processed week for its page, with counts only (no account is named or pseudonymised):
coordinated posting patterns (analysis.coordination), merged where two traces mark the same posts,
echoes of debunked claims (analysis.hoaxes) next to their clarification, unusual volume or
sentiment per issue against the weeks before (analysis.anomalies), and the themes of the posts no
issue matched (analysis.themes), with their examples in the week's review folder, never on the page."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from analysis import hoaxes
from analysis.anomalies import sentiment_anomaly, volume_anomaly
from analysis.anomalies.core import baseline
from analysis.coordination import Columns, Settings, find_groups
from analysis.themes import Theme, ThemeSettings, find_themes
from denyut.config import Config
from denyut.formats.claims import Claim
from denyut.formats.review import write_themes
from denyut.formats.summary import WeeklySummary
from denyut.normalize import normalize, without_emoji
from denyut.privacy import scrub, scrub_link

LEVELS = ("weak", "moderate", "strong")
COLUMNS = ["platform", "post_id", "author_id", "created_at", "text", "text_norm", "links", "hashtags"]
EXAMPLE_CHARS = 280


BATCH_ROWS = 50_000  # rows of the week's Parquet read at a time


def _columns(path: Path) -> Columns:
    """The week as coordination's Arrow columns, read a batch at a time; the normalised text is the analysed
    text_norm without emoji (normalised here only where a row has none)."""
    parts: dict[str, list] = {name: [] for name in Columns.__dataclass_fields__}
    for batch in pq.ParquetFile(path).iter_batches(batch_size=BATCH_ROWS, columns=COLUMNS):
        raw, normalised = batch.column("text"), batch.column("text_norm")
        parts["text"].append(pa.array([without_emoji(n if n else normalize(r or ""))
                                       for r, n in zip(raw.to_pylist(), normalised.to_pylist())], type=pa.string()))
        parts["raw_text"].append(raw)
        for name in ("platform", "post_id", "author_id", "created_at", "links", "hashtags"):
            parts[name].append(batch.column(name))
    schema = pq.read_schema(path)
    kinds = {"text": pa.string(), "raw_text": schema.field("text").type}
    return Columns(**{name: pa.chunked_array(chunks, type=kinds.get(name) or schema.field(name).type)
                      for name, chunks in parts.items()})


def coordination(path: Path, config: Config) -> list[dict]:
    """Cards for the week, strongest first. Two groups whose posts overlap by half or more (the same
    campaign leaves the same text and the same hashtags) are one card with both traces."""
    handles = {a.handle for a in config.public_accounts}
    groups = find_groups(_columns(path), Settings(**config.coordination.model_dump()))
    cards: list[tuple[set, dict]] = []
    for group in groups:
        data = group.as_json()
        keys = {(p.platform, p.post_id) for p in group.posts}
        # what the posts share, as text that may be shown: a link without its query, number or private account
        shown = scrub_link(data["shared"], handles) if data["kind"] == "link" else scrub(data["shared"], handles)
        shared = [shown] if data["shared"] else []
        for seen, card in cards:
            if len(seen & keys) >= 0.5 * min(len(seen), len(keys)):
                seen |= keys
                card["kinds"] = sorted(set(card["kinds"]) | {data["kind"]}, key=("text", "link", "hashtags").index)
                card["shared"] = sorted(set(card["shared"]) | set(shared))
                card["benign"] = list(dict.fromkeys(card["benign"] + data["benign"]))
                if LEVELS.index(data["level"]) > LEVELS.index(card["level"]):
                    card.update({k: data[k] for k in ("level", "reasons", "accounts", "posts", "start", "end", "span_s",
                                                      "chance", "synchronised_share", "repeat_share", "timeline")})
                break
        else:
            example = scrub(data["example"], handles)
            cards.append((keys, {
                "kinds": [data["kind"]], "shared": shared,
                "example": example if len(example) <= EXAMPLE_CHARS else example[:EXAMPLE_CHARS - 1].rstrip() + "…",
                **{k: data[k] for k in ("level", "reasons", "accounts", "posts", "start", "end", "span_s", "chance",
                                        "synchronised_share", "repeat_share", "platforms", "timeline", "benign")}}))
    return sorted((card for _, card in cards), key=lambda c: (-LEVELS.index(c["level"]), -c["accounts"], c["start"]))


def hoax_echoes(path: Path, config: Config, claims: list[Claim], previous: WeeklySummary | None) -> list[dict]:
    """Per claim echoed this week: posts, distinct accounts, platforms, and the posts that corrected it; most echoed first."""
    phrasings = hoaxes.phrasings_of(claims)
    if not phrasings:
        return []

    def indonesian(columns: list[str]):
        for batch in pq.ParquetFile(path).iter_batches(batch_size=BATCH_ROWS, columns=columns + ["lang"]):
            batch = batch.filter(pc.equal(batch.column("lang"), "id"))
            if batch.num_rows:
                yield batch

    # two passes over the week, a batch at a time: the IDF sample (an even spread, as hoaxes.fit_sample takes
    # it), then the posts scored against the claims
    week_posts = pc.sum(pc.equal(pq.read_table(path, columns=["lang"]).column("lang"), "id")).as_py() or 0
    step, seen, sample = hoaxes.sample_step(week_posts), 0, []
    for batch in indonesian(["text_norm"]):
        sample += [without_emoji(t) for t in batch.column("text_norm").to_pylist()[(-seen) % step::step]]
        seen += batch.num_rows
    vectorizer = hoaxes.fit(sample, phrasings)
    found: dict[str, list[tuple[str, str]]] = {}
    corrections: dict[str, int] = {}
    for batch in indonesian(["platform", "author_id", "text", "text_norm"]):
        texts = batch.column("text").to_pylist()
        prepared = [without_emoji(t) for t in batch.column("text_norm").to_pylist()]
        scored = hoaxes.scores(prepared, claims, phrasings, vectorizer)
        for i, claim_id, _, correction in hoaxes.best(scored, texts, claims, config.hoaxes.threshold):
            if correction:
                corrections[claim_id] = corrections.get(claim_id, 0) + 1
            else:
                found.setdefault(claim_id, []).append((batch.column("author_id")[i].as_py(),
                                                       batch.column("platform")[i].as_py()))
    before = {h.id: h.posts for h in previous.hoaxes} if previous else {}
    out = []
    for claim in claims:
        posts = found.get(claim.id)
        if posts:
            out.append({"id": claim.id, "description": claim.description, "clarification": str(claim.clarification),
                        "source": claim.source, "verdict": claim.verdict, "posts": len(posts),
                        "accounts": len({author for author, _ in posts}), "platforms": sorted({p for _, p in posts}),
                        "corrections": corrections.get(claim.id, 0),
                        "previous_posts": before.get(claim.id, 0) if previous else None})
    return sorted(out, key=lambda h: (-h["posts"], h["id"]))


def anomalies(numbers: dict, sentiment, issues, history: list[WeeklySummary], config: Config) -> tuple[list[dict], list[dict]]:
    """(anomalies, watch lines) of this week against the `anomalies.weeks` reported weeks before it."""
    settings = config.anomalies
    before = history[-settings.weeks:]
    found = []

    def add(scope: str, kind: str, result: dict | None, sentiment_name: str | None = None) -> None:
        if result is None:
            return
        base = result["baseline"]
        found.append({"scope": scope, "kind": kind, "sentiment": sentiment_name, "direction": result["direction"],
                      "value": result["value"], "share": result.get("share"), "ci_low": result.get("ci_low"),
                      "ci_high": result.get("ci_high"),
                      "usual": base.median, "usual_low": base.low, "usual_high": base.high, "weeks": base.weeks})

    counts = {w.week: {i.id: i.posts for i in w.issues} for w in before}
    totals = {w.week: w.posts_analysed for w in before}
    for issue in issues:
        past = [(counts[w.week].get(issue.id, 0), totals[w.week]) for w in before]
        add(issue.id, "volume", volume_anomaly(past, (issue.posts, numbers["posts_analysed"]), settings.z,
                                               settings.min_weeks, settings.min_posts))
    def estimated(shares) -> list[tuple[float, float, float]]:
        return [(x.share, x.ci_low, x.ci_high) for x in shares if x.share is not None and x.ci_low is not None]

    for name in ("negative", "positive"):
        now = sentiment.get(name)
        add("all", "sentiment", sentiment_anomaly(estimated(w.sentiment.get(name) for w in before), now.share, now.ci_low,
                                                  now.ci_high, config.report.margin, settings.min_weeks), name)
        for issue in issues:
            past = estimated(i.sentiment.get(name) for w in before for i in w.issues if i.id == issue.id)
            now = issue.sentiment.get(name)
            add(issue.id, "sentiment", sentiment_anomaly(past, now.share, now.ci_low, now.ci_high, config.report.margin,
                                                         settings.min_weeks), name)
    watch = []
    by_id = {i.id: i for i in issues}
    for issue_id in settings.watch:
        if issue_id not in by_id:
            continue
        history_counts = [counts[w.week].get(issue_id, 0) for w in before]
        line = {"issue": issue_id, "posts": by_id[issue_id].posts, "weeks": len(history_counts),
                "share": by_id[issue_id].posts / numbers["posts_analysed"] if numbers["posts_analysed"] else None}
        if history_counts:
            base = baseline([c / t for c, t in zip(history_counts, (totals[w.week] for w in before)) if t])
            line |= {"usual_low": base.low, "usual_high": base.high}
        flag = next((a for a in found if a["scope"] == issue_id and a["kind"] == "volume"), None)
        line["unusual"] = flag["direction"] if flag else None
        watch.append(line)
    order = {"volume": 0, "sentiment": 1}
    return sorted(found, key=lambda a: (a["scope"] != "all", order[a["kind"]], a["scope"], a["sentiment"] or "")), watch


def themes(path: Path, week: str, config: Config, previous: WeeklySummary | None) -> list[dict]:
    """The week's themes outside the taxonomy (distinct Indonesian posts with no issue); writes
    data/review/<week>/tema.yaml for the analyst and returns what the summary keeps."""
    table = pq.read_table(path, columns=["text", "text_norm", "lang", "issues", "dup_exact"])
    # in Arrow first: only the rows a theme can come from become Python strings
    no_issue = pc.equal(pc.fill_null(pc.list_value_length(table["issues"]), 0), 0)
    table = table.filter(pc.and_(pc.and_(pc.equal(table["lang"], "id"), no_issue),
                                 pc.invert(pc.fill_null(table["dup_exact"], False))))
    rows = table.select(["text", "text_norm"]).to_pylist()
    earlier = [Theme(id=t.id, since=t.since, terms=t.terms, posts=t.posts) for t in (previous.themes if previous else [])]
    settings = ThemeSettings(**config.themes.model_dump(exclude={"shown"}))
    found = find_themes([without_emoji(r["text_norm"]) for r in rows], week, earlier, settings)
    handles = {a.handle for a in config.public_accounts}
    write_themes(config.review_dir, week, [
        {"id": t.id, "since": t.since, "posts": t.posts, "terms": t.terms,
         "examples": [scrub(rows[i]["text"], handles)[:EXAMPLE_CHARS] for i in t.examples]} for t in found])
    # a theme's words come from posts: one that holds a number, an address or a handle is not shown
    return [{"id": t.id, "since": t.since, "terms": {w: x for w, x in t.terms.items() if scrub(w, handles) == w},
             "posts": t.posts}
            for t in found]
