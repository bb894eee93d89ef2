"""The per-post work of the analyze stage, as one pure function of a chunk of raw lines.

Each raw line becomes one row of FEATURES: the post checked against the Post contract again, its
normalised text, language, issues, the model's sentiment, and the keys the week's duplicate pass
needs (a digest of the text and its MinHash LSH band keys). A line that is no JSON object or breaks
the contract becomes a row too, with its status and reason, so nothing is lost on the way back from
a worker. A row depends on its line alone: the result is the same with any number of workers, on
the local engine or on Ray (tested).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
from pydantic import ValidationError

from analysis.analyze.language import detect_many
from analysis.regions import place
from denyut.formats.post import Post
from denyut.formats.processed import SCHEMA
from denyut.io import Line, decode_line, parse_json_line
from denyut.minhash import band_keys
from denyut.normalize import normalize, without_emoji
from denyut.taxonomy import Taxonomy
from denyut.weeks import iso_week

# What the duplicate pass and the verdicts add later; everything else of SCHEMA comes from here.
LATER = ("dup_exact", "dup_near", "dup_group", "sentiment", "sentiment_by", "issues")
FEATURES = pa.schema(
    [("line", pa.int64()), ("status", pa.string()), ("problem_field", pa.string()), ("problem", pa.string()),
     ("raw", pa.string())]
    + [field for field in SCHEMA if field.name not in LATER]
    + [("plain", pa.string()), ("digest", pa.int64()), ("bands", pa.list_(pa.int64()))])
MODEL_COLUMNS = ("model_sentiment", "p_negative", "p_neutral", "p_positive", "sentiment_model")
CACHE = 65_536  # distinct texts whose derived fields a worker keeps: copies of a popular post cost nothing


@dataclass(frozen=True)
class Settings:
    """What every worker needs, loaded once per worker: the week, the tagger, the model (its folder when a
    worker can load it; None when the caller classifies, as for the transformers backend in one process)."""

    week: str
    taxonomy: Taxonomy
    threshold: float
    model_dir: str | None
    model_id: str
    languages: tuple[str, ...]  # analysis.languages: the posts whose issues and sentiment are read
    marker_shares: tuple[float, float]  # analysis.javanese_marker_share, analysis.marker_share
    issues_model_dir: str | None = None  # the learned issue tagger's folder for this week; None: the taxonomy's patterns
    issues_model_id: str = "pola"
    source_regions: tuple[tuple[str, str], ...] = ()  # (source name, its region code) from the config


def settings_of(week: str, taxonomy: Taxonomy, config, model_dir: str | None, model_id: str,
                issues_model: tuple[str | None, str] = (None, "pola")) -> Settings:
    analysis = config.analysis
    regions = tuple((s.name, s.region) for s in config.sources if getattr(s, "region", None))
    return Settings(week, taxonomy, analysis.near_duplicate_threshold, model_dir, model_id, tuple(analysis.languages),
                    (analysis.javanese_marker_share, analysis.marker_share), *issues_model, regions)


_model = None
_model_dir: str | None = None


def _load_model(directory: str):
    global _model, _model_dir
    if _model is None or _model_dir != directory:
        from pathlib import Path

        from analysis.sentiment.embedded import EmbeddedSentiment

        _model, _model_dir = EmbeddedSentiment.load(Path(directory)), directory
    return _model


_tagger = None
_tagger_key: tuple | None = None


def _load_tagger(directory: str, taxonomy: Taxonomy):
    """The learned issue tagger of a folder (one model: analyze picks the cross-fitted one for the week)."""
    global _tagger, _tagger_key
    if _tagger is None or _tagger_key != (directory, taxonomy.version):
        from pathlib import Path

        from analysis.issues.core import IssueTagger

        _tagger, _tagger_key = IssueTagger.load(Path(directory), taxonomy), (directory, taxonomy.version)
    return _tagger


def tag_issues(texts: list[str], plains: list[str], settings: Settings) -> list[tuple[tuple[str, ...], float]]:
    """(issues, doubt) of each text: the taxonomy's patterns (doubt 0), or the learned tagger's issues at p ≥ 0.5 and
    its doubt, 1 - min |2p - 1| over the issues (1 when one issue is a toss-up): the learning part of the review
    sheet asks about the posts it doubts most."""
    if settings.issues_model_dir is None:
        return [(tuple(settings.taxonomy.tag(plain)), 0.0) for plain in plains]
    from analysis.issues.core import THRESHOLD, tags

    tagger = _load_tagger(settings.issues_model_dir, settings.taxonomy)
    proba = tagger.predict_proba(texts)
    if proba.shape[1] == 0:
        return [((), 0.0)] * len(texts)
    doubt = 1.0 - np.abs(2.0 * proba - 1.0).min(axis=1)
    return [(tuple(tags(row, tagger.issue_ids_, THRESHOLD)), float(d)) for row, d in zip(proba, doubt)]


_derived_cache: dict[tuple[str, str], tuple] = {}


def _derived(texts: list[str], settings: Settings) -> list[tuple]:
    """(normalised text, plain text, language, issues, the tagger's doubt, digest, the text's place) of each text; the texts not seen lately at once."""
    taxonomy = settings.taxonomy
    # what a text's language and issues depend on besides the text: the taxonomy and the language settings
    key = (taxonomy.version, settings.languages, settings.marker_shares, settings.issues_model_id)
    missing = list(dict.fromkeys(t for t in texts if (key, t) not in _derived_cache))
    if len(_derived_cache) + len(missing) > CACHE:
        _derived_cache.clear()
        missing = list(dict.fromkeys(texts))
    norms = [normalize(text) for text in missing]
    langs = detect_many(norms, *settings.marker_shares)
    plains = [without_emoji(norm) for norm in norms]
    tagged = [i for i, lang in enumerate(langs) if lang in settings.languages]
    found = dict(zip(tagged, tag_issues([missing[i] for i in tagged], [plains[i] for i in tagged], settings)))
    for i, (text, norm, lang, plain) in enumerate(zip(missing, norms, langs, plains)):
        issues, doubt = found.get(i, ((), None))
        digest = int.from_bytes(hashlib.sha1(plain.encode()).digest()[:8], "big", signed=True)
        _derived_cache[(key, text)] = (norm, plain, lang, issues, doubt, digest, place(text))
    return [_derived_cache[(key, t)] for t in texts]


def _checked(data: bytes | None, line: Line, week: str) -> tuple[Post | None, str, str | None, str | None, str | None]:
    """(post, 'ok', None, None, None) or (None, status, field, reason, raw JSON)."""
    if data is not None:
        try:  # the fast path: one pass in pydantic's core for the lines that are fine, nearly all of them
            post = Post.model_validate_json(data)
        except ValidationError:
            post = None
        if post is not None and iso_week(post.created_at) == week:
            return post, "ok", None, None, None
    text, error = decode_line(line)
    obj = None
    if text is not None:
        obj, error = parse_json_line(text)
    if error:
        return None, "unreadable", None, error, None
    raw = json.dumps(obj, ensure_ascii=False, sort_keys=True)
    try:
        post = Post.model_validate(obj)
    except ValidationError as exc:
        first = exc.errors()[0]
        return None, "quarantined", ".".join(str(p) for p in first["loc"]) or None, first["msg"], raw
    return None, "quarantined", "created_at", f"unggahan pekan {iso_week(post.created_at)} berada di berkas pekan {week}", raw


def analyze_lines(lines: list[Line], settings: Settings) -> pa.Table:
    """FEATURES rows of the chunk's lines, in order (empty lines are skipped, as everywhere)."""
    rows: list[dict] = []
    checked = []
    for line in lines:
        if line.data is not None and not line.data.strip():
            continue
        checked.append((line, *_checked(line.data, line, settings.week)))
    derived = iter(_derived([post.text for _, post, *_ in checked if post is not None], settings))
    for line, post, status, field, reason, raw in checked:
        if post is None:
            rows.append({"line": line.number, "status": status, "problem_field": field, "problem": reason, "raw": raw})
            continue
        norm, plain, lang, issues, doubt, digest, found = next(derived)
        region = dict(settings.source_regions).get(post.source or "")
        if post.location or region:  # the text alone was placed with the text's other derived fields
            found = place(post.text, post.location or "", region)
        rows.append({
            "line": line.number, "status": "ok", "platform": post.platform, "post_id": post.post_id, "url": post.url,
            "author_id": post.author_id, "author_public": post.author_public, "author_name": post.author_name,
            "created_at": post.created_at, "week": settings.week, "text": post.text, "text_norm": norm, "lang": lang,
            "model_issues": list(issues), "issue_doubt": doubt, "issues_version": settings.taxonomy.version,
            "province_codes": [a.code for a in found.provinces], "regency_codes": [a.code for a in found.regencies],
            "place_source": found.source, "hashtags": post.hashtags,
            "links": post.links, "source": post.source, "likes": post.likes, "reposts": post.reposts,
            "replies": post.replies, "plain": plain, "digest": digest})
    good = [row for row in rows if row["status"] == "ok"]
    if good:
        for row, keys in zip(good, band_keys([row["plain"] for row in good], settings.threshold).tolist()):
            row["bands"] = keys
    table = pa.Table.from_pylist(rows, schema=FEATURES)
    if settings.model_dir is not None:
        table = add_sentiment(table, _load_model(settings.model_dir), settings.model_id, settings.languages)
    return table


def add_sentiment(table: pa.Table, model, model_id: str, languages: tuple[str, ...]) -> pa.Table:
    """The model's label and probabilities on the rows of the analysed languages (each distinct text classified once)."""
    from analysis.sentiment import classify

    langs = table.column("lang").to_pylist()
    texts = table.column("text").to_pylist()
    targets = [i for i, lang in enumerate(langs) if lang in languages]
    distinct = list(dict.fromkeys(texts[i] for i in targets))
    values: dict[str, list] = {c: [None] * len(texts) for c in MODEL_COLUMNS}
    if distinct:
        labels, proba = classify(model, distinct, workers=1)
        position = {text: j for j, text in enumerate(distinct)}
        for i in targets:
            j = position[texts[i]]
            values["model_sentiment"][i] = labels[j]
            values["p_negative"][i], values["p_neutral"][i], values["p_positive"][i] = (float(p) for p in proba[j])
            values["sentiment_model"][i] = model_id
    for column, data in values.items():
        index = table.schema.get_field_index(column)
        table = table.set_column(index, table.schema.field(index), pa.array(data, type=table.schema.field(index).type))
    return table
