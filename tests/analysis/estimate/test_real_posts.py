"""The estimator on real labelled Indonesian posts the shipped model never trained on (SmSA valid, NusaX-id test),
cut into weeks whose mix of tones shifts: with 200 audits a week the published shares stay within 4 points and
their 95% intervals hold the truth, when reviewers skip rows and when the model has learned from earlier weeks'
verdicts (as make train-sentiment's cross-fitting allows: never from the audit of the week it labels)."""

import numpy as np
import pytest

from analysis.estimate import CLASSES, estimate
from analysis.sentiment.data import load_sets
from analysis.sentiment.embedded import EmbeddedSentiment
from analysis.sentiment.update import update
from denyut.paths import EMBEDDED_MODEL_DIR

MIXES = [[0.50, 0.20, 0.30], [0.40, 0.25, 0.35], [0.30, 0.30, 0.40], [0.25, 0.30, 0.45]]
POSTS, AUDIT = 2000, 200


@pytest.fixture
def pool(shared_data):
    sets = load_sets(shared_data)
    rows = sets["smsa_valid"] + sets["nusax_test"]
    texts = [t for t, _ in rows]
    labels = np.array([CLASSES.index(label) for _, label in rows])
    return texts, labels


def _weeks(rng, labels):
    """Each week: POSTS posts drawn from the pool with that week's mix (indices into the pool), and its audit."""
    weeks = []
    for mix in MIXES:
        by_class = [np.flatnonzero(labels == k) for k in range(3)]
        counts = rng.multinomial(POSTS, mix)
        posts = np.concatenate([rng.choice(by_class[k], size=counts[k], replace=True) for k in range(3)])
        weeks.append((posts, rng.choice(POSTS, size=AUDIT, replace=False)))
    return weeks


def _score(proba_of_pool, labels, posts, audit, skip_rate, rng):
    proba = proba_of_pool[posts]
    truth = labels[posts]
    blank = rng.random(AUDIT) < skip_rate
    judged = audit[~blank]
    result = estimate(proba, [CLASSES[k] for k in proba.argmax(axis=1)], judged, [CLASSES[k] for k in truth[judged]],
                      missing=audit[blank] if skip_rate else None)
    out = []
    for k, name in enumerate(CLASSES):
        share, actual = result.shares[name], float(np.mean(truth == k))
        out.append((abs(share.value - actual), share.ci_low <= actual <= share.ci_high))
    return out


@pytest.mark.slow
def test_real_posts_in_shifting_weeks_stay_within_four_points_with_honest_intervals(pool):
    texts, labels = pool
    shipped = EmbeddedSentiment.load(EMBEDDED_MODEL_DIR)
    proba = shipped.predict_proba(texts)
    order = [list(shipped.classes_).index(c) for c in CLASSES]
    proba = proba[:, order]
    rng = np.random.default_rng(20241203)
    runs = {"plain": [], "20% skipped": [], "45% skipped": [], "learned from earlier weeks": [],
            "model alone": []}
    for draw in range(12):
        weeks = _weeks(rng, labels)
        for posts, audit in weeks:
            runs["plain"] += _score(proba, labels, posts, audit, 0.0, rng)
            runs["20% skipped"] += _score(proba, labels, posts, audit, 0.2, rng)
            runs["45% skipped"] += _score(proba, labels, posts, audit, 0.45, rng)
            truth = labels[posts]
            runs["model alone"] += [(abs(float(np.mean(proba[posts].argmax(axis=1) == k)) - float(np.mean(truth == k))),
                                     False) for k in range(3)]
        if draw < 3:  # a model moved by the first two weeks' audit verdicts labels the last two weeks
            taught = [(texts[p], CLASSES[labels[p]]) for posts, audit in weeks[:2] for p in posts[audit]]
            learned, _ = update(shipped, [t for t, _ in taught], [label for _, label in taught])
            learned_proba = learned.predict_proba(texts)[:, [list(learned.classes_).index(c) for c in CLASSES]]
            for posts, audit in weeks[2:]:
                runs["learned from earlier weeks"] += _score(learned_proba, labels, posts, audit, 0.0, rng)
    summary = {name: (float(np.mean([e for e, _ in cells])), float(np.mean([c for _, c in cells])))
               for name, cells in runs.items()}
    print(summary)
    for name in ("plain", "20% skipped", "learned from earlier weeks"):
        assert summary[name][0] <= 0.04, (name, summary[name])
    estimated = [c for name, cells in runs.items() if name != "model alone" for _, c in cells]
    assert np.mean(estimated) >= 0.90, summary
    assert summary["plain"][1] >= 0.90 and summary["20% skipped"][1] >= 0.90, summary
    assert summary["model alone"][0] > summary["plain"][0]  # what the review loop is for
