"""The scoring and simulation helpers of bench/issues.py (the benchmark itself is `make bench-issues`)."""

from __future__ import annotations

import numpy as np
import pytest

from analysis.estimate.core import estimate_binary
from bench.issues import audit_alone, designs, precision_recall, recall_at_precision, tagger_rates


def test_precision_and_recall_are_per_issue_and_micro_averaged_over_the_issues():
    truth = np.array([[1, 0], [1, 0], [0, 1], [0, 0]], dtype=bool)
    tagged = np.array([[1, 0], [0, 1], [0, 1], [1, 1]], dtype=bool)
    scores = precision_recall(tagged, truth, ["a", "b"])
    assert scores["issues"]["a"] == {"positives": 2, "tagged": 2, "precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert scores["issues"]["b"] == {"positives": 1, "tagged": 3, "precision": 0.3333, "recall": 1.0, "f1": 0.5}
    assert scores["micro"] == {"positives": 3, "tagged": 5, "precision": 0.4, "recall": 0.6667, "f1": 0.5}


def test_an_issue_never_tagged_or_never_present_has_no_precision_or_recall():
    scores = precision_recall(np.zeros((3, 1), dtype=bool), np.zeros((3, 1), dtype=bool), ["a"])
    assert scores["issues"]["a"]["precision"] is None and scores["issues"]["a"]["recall"] is None


def test_recall_at_precision_moves_one_threshold_and_cannot_split_tied_posts():
    proba = np.array([0.9, 0.8, 0.8, 0.3])
    truth = np.array([1, 1, 0, 1], dtype=bool)
    assert recall_at_precision(proba, truth, 0.8) == 0.3333  # 0.8 would tag a negative with the positive: P 2/3
    assert recall_at_precision(proba, truth, 0.7) == 1.0  # 0.3: P 3/4
    assert recall_at_precision(proba, truth, 1.01) is None


def test_posts_at_probability_zero_are_never_counted_as_tagged():
    assert recall_at_precision(np.array([1.0, 0.0, 0.0]), np.array([1, 1, 0], dtype=bool), 0.6) == 0.5


@pytest.mark.parametrize("prevalence, precision, recall", [(0.02, 0.85, 0.6), (0.3, 0.5, 0.4)])
def test_the_simulated_tagger_has_the_precision_and_recall_asked_for(prevalence, precision, recall):
    rng = np.random.default_rng(0)
    truth = rng.random(400_000) < prevalence
    hit, false = tagger_rates(prevalence, precision, recall)
    tagged = np.where(truth, rng.random(truth.size) < hit, rng.random(truth.size) < false)
    assert (tagged & truth).sum() / tagged.sum() == pytest.approx(precision, abs=0.02)
    assert (tagged & truth).sum() / truth.sum() == pytest.approx(recall, abs=0.02)


def test_a_tagger_that_cannot_exist_is_refused():
    with pytest.raises(ValueError):
        tagger_rates(0.6, 0.1, 0.9)  # would need more false positives than there are negatives


def test_the_audit_alone_is_the_estimator_with_a_tagger_that_says_nothing():
    rng = np.random.default_rng(1)
    strata = np.repeat([1, 2], [800, 200])
    truth = (rng.random(1000) < np.where(strata == 1, 0.1, 0.4)).astype(float)
    reviewed = np.concatenate([rng.choice(800, 60, replace=False), 800 + rng.choice(200, 20, replace=False)])
    e = estimate_binary(np.zeros(1000), reviewed, truth[reviewed], strata)  # no variance in the tags: weight 0
    assert audit_alone(truth, reviewed, strata) == pytest.approx((e.value, e.ci_low, e.ci_high), abs=1e-9)


def test_a_later_sheet_gets_the_audit_analyze_sample_draws_for_it():
    assert designs()["two sheets"]["audits"] == (200, 30)
    assert designs(late=300)["two sheets"]["audits"] == (200, 10)  # MIN_LATER_AUDIT
    assert sum(designs()["two sheets"]["sizes"]) == 10_000
