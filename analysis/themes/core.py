"""Posts that no issue of the taxonomy matches, grouped into themes an analyst can name.

Words (normalised text, stop words out; a word in more than 90% of the posts says nothing: not 50%, since a
new story can be half of the posts no issue matches), TF-IDF, k-means with a fixed seed on one thread
over the posts in a fixed order, so the same week gives the same themes on every machine; the
number of groups is the one whose groups are best separated (silhouette). A theme is
a group of at least `min_posts` posts; its terms are the heaviest of its centre. A theme that looks
like one of last week's (cosine of their term weights at least `same_theme`, its best match)
keeps that theme's id and the week it was first seen, so a story that runs for weeks is recognised
as one. A theme is named by a phrase its posts share (`phrase`): a run of words that at least a third
of them contain, holding the most of its heaviest terms; none shared, no name (the page lists its words)."""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import silhouette_score
from threadpoolctl import threadpool_limits

from denyut.config import ThemeSettings
from denyut.fingerprint import resource

STOPWORDS = resource(Path(__file__).with_name("stopwords.txt"))
TERMS_KEPT = 40  # of each theme's centre, for recognising it next week
TERMS_SHOWN = 5
EXAMPLES = 3
PHRASE_WORDS = (2, 6)  # a theme's name: a run of this many words
WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass
class Theme:
    id: str
    since: str
    terms: dict[str, float]  # term → weight in the theme's centre (the TERMS_KEPT heaviest)
    posts: int
    examples: list[int] = field(default_factory=list)  # indexes of the posts nearest the centre
    label: str | None = None  # a phrase its posts share (`phrase`), or None

    def top(self, n: int = TERMS_SHOWN) -> list[str]:
        return list(self.terms)[:n]


def stopwords() -> frozenset[str]:
    return frozenset(line.strip() for line in STOPWORDS.read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.startswith("#"))


def phrase(texts: list[str], terms: list[str], stop: frozenset[str]) -> str | None:
    """A theme's name in its own posts' words: of the runs of 2 to 6 words that at least a third of its posts (and at
    least 3) contain, neither first nor last word a stop word, the one holding the most of its TERMS_SHOWN heaviest
    terms, then the most shared, then the longest. None when no run holds one of them: a name is never made up."""
    counts: Counter = Counter()
    shortest, longest = PHRASE_WORDS
    for text in texts:
        words = WORD.findall(text)
        counts.update({tuple(words[i:i + n]) for n in range(shortest, longest + 1) for i in range(len(words) - n + 1)})
    heaviest, need = set(terms[:TERMS_SHOWN]), max(3, math.ceil(len(texts) / 3))
    runs = [(len(heaviest & set(run)), count, len(run), run) for run, count in counts.items()
            if count >= need and run[0] not in stop and run[-1] not in stop and heaviest & set(run)]
    if not runs:
        return None
    best = min(runs, key=lambda r: (-r[0], -r[1], -r[2], r[3]))
    return " ".join(best[3])


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    dot = sum(w * b.get(t, 0.0) for t, w in a.items())
    norm = math.sqrt(sum(w * w for w in a.values())) * math.sqrt(sum(w * w for w in b.values()))
    return dot / norm if norm else 0.0


def _best_clustering(matrix, settings: ThemeSettings) -> KMeans:
    """k from 2 to as many groups of min_posts as the posts allow (at most max_clusters), the one
    whose groups are best separated (silhouette, cosine, on a fixed sample of at most 2,000 posts) among those
    whose every group is big enough to report: on short posts the silhouette keeps rising as k-means splits one
    story by its phrasings into groups too small to show, and the story is lost."""
    largest = max(2, min(settings.max_clusters, matrix.shape[0] // settings.min_posts))
    best, best_score = None, -2.0
    with threadpool_limits(1):
        for k in range(2, largest + 1):
            model = KMeans(n_clusters=k, n_init=4, random_state=0).fit(matrix)
            if len(set(model.labels_)) < 2 or np.bincount(model.labels_).min() < settings.min_posts:
                continue
            score = silhouette_score(matrix, model.labels_, metric="cosine", sample_size=min(matrix.shape[0], 2000),
                                     random_state=0)
            if score > best_score + 1e-9:
                best, best_score = model, score
    return best or KMeans(n_clusters=2, n_init=4, random_state=0).fit(matrix)


def find_themes(texts: list[str], week: str, previous: list[Theme], settings: ThemeSettings | None = None) -> list[Theme]:
    """texts: normalised, in a fixed order. Themes largest first."""
    settings = settings or ThemeSettings()
    if len(texts) < 2 * settings.min_posts:
        return []
    vectorizer = TfidfVectorizer(analyzer="word", token_pattern=r"[a-z][a-z0-9-]{2,}", ngram_range=(1, 1), min_df=2,
                                 max_df=0.9, stop_words=sorted(stopwords()), sublinear_tf=True, dtype=np.float64)
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError:  # nothing left after the stop words
        return []
    model = _best_clustering(matrix, settings)
    vocabulary = vectorizer.get_feature_names_out()
    labels = _merged(model.labels_, model.cluster_centers_, settings.same_theme)
    found = []
    for c in sorted(set(labels)):
        members = np.flatnonzero(labels == c)
        if len(members) < settings.min_posts:
            continue
        centre = np.asarray(matrix[members].mean(axis=0)).ravel()
        heaviest = [i for i in np.argsort(-centre, kind="stable")[:TERMS_KEPT] if centre[i] > 0]
        terms = {str(vocabulary[i]): round(float(centre[i]), 4) for i in heaviest}
        nearest = members[np.argsort(-(matrix[members] @ centre), kind="stable")[:EXAMPLES]]
        digest = hashlib.sha1(" ".join(list(terms)[:TERMS_SHOWN]).encode()).hexdigest()[:8]
        found.append(Theme(id=f"tema-{digest}", since=week, terms=terms, posts=int(len(members)),
                           examples=[int(i) for i in nearest],
                           label=phrase([texts[i] for i in members], list(terms), stopwords())))
    found = _keep_identity(found, previous, settings.same_theme)
    return sorted(found, key=lambda t: (-t.posts, t.id))


def _merged(labels: np.ndarray, centres: np.ndarray, threshold: float) -> np.ndarray:
    """k-means splits a large theme when the best-separated k is high: groups whose centres are as
    alike as one theme's two weeks (cosine ≥ threshold) are one theme. Each takes the smallest label."""
    unit = centres / np.maximum(np.linalg.norm(centres, axis=1, keepdims=True), 1e-12)
    similar = unit @ unit.T
    root = list(range(len(centres)))

    def find(i: int) -> int:
        while root[i] != i:
            i = root[i]
        return i

    for a in range(len(centres)):
        for b in range(a + 1, len(centres)):
            if similar[a, b] >= threshold:
                ra, rb = find(a), find(b)
                root[max(ra, rb)] = min(ra, rb)
    return np.array([find(int(label)) for label in labels])


def _keep_identity(found: list[Theme], previous: list[Theme], threshold: float) -> list[Theme]:
    """A theme whose closest match last week is at least `threshold` alike takes that theme's id and
    first week; two of this week's that take the same one are one theme again (k-means split it)."""
    if not previous:
        return found
    for new in found:
        scores = [_cosine(new.terms, old.terms) for old in previous]
        best = int(np.argmax(scores))
        if scores[best] >= threshold:
            new.id, new.since = previous[best].id, previous[best].since
    merged: dict[str, Theme] = {}
    for theme in found:
        if theme.id not in merged:
            merged[theme.id] = theme
            continue
        into = merged[theme.id]
        total = into.posts + theme.posts
        weights = {t: (into.terms.get(t, 0.0) * into.posts + theme.terms.get(t, 0.0) * theme.posts) / total
                   for t in set(into.terms) | set(theme.terms)}
        into.terms = {t: round(w, 4) for t, w in sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:TERMS_KEPT]}
        into.examples = (into.examples + theme.examples)[:EXAMPLES]
        into.label = into.label if into.posts >= theme.posts else theme.label  # the larger part's name
        into.posts = total
    return list(merged.values())
