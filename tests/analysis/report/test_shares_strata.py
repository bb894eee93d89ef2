"""Posts that reach a week after its sheet was reviewed form a stratum of their own: estimated with the sheets
as strata, the share stays honest; read as one random sample of the whole week, it would not."""

import numpy as np
import pyarrow as pa

from analysis.estimate import CLASSES, estimate
from analysis.report.shares import _strata


def test_each_post_takes_the_stratum_of_the_sheet_that_listed_it():
    posts = {"keys": pa.array(["x/1", "x/2", "x/3", "x/4"]), "size": 4}
    assert _strata(posts, {1: ["x/1", "x/2"], 2: ["x/4", "x/9"]}).tolist() == [1, 1, 1, 2]


def test_a_later_stratum_with_another_mix_is_estimated_without_bias_and_with_honest_intervals():
    rng = np.random.default_rng(7)
    first, later = 2000, 500
    truth = np.concatenate([rng.choice(3, first, p=[0.2, 0.5, 0.3]), rng.choice(3, later, p=[0.8, 0.1, 0.1])])
    proba = np.full((len(truth), 3), 0.15)
    proba[np.arange(len(truth)), truth] = 0.7  # a model right about 70% of the time
    noisy = rng.random(len(truth)) < 0.3
    proba[noisy] = rng.dirichlet([1, 1, 1], noisy.sum())
    labels = np.array(CLASSES)[proba.argmax(axis=1)]
    strata = np.array([1] * first + [2] * later)
    true_negative = (truth == 0).mean()
    covered, errors, pooled_errors = 0, [], []
    for _ in range(200):
        audit = np.concatenate([rng.choice(first, 200, replace=False), first + rng.choice(later, 40, replace=False)])
        verdicts = [CLASSES[t] for t in truth[audit]]
        share = estimate(proba, labels, audit, verdicts, strata=strata).shares["negative"]
        pooled = estimate(proba, labels, audit, verdicts).shares["negative"]
        covered += share.ci_low <= true_negative <= share.ci_high
        errors.append(share.value - true_negative)
        pooled_errors.append(pooled.value - true_negative)
    assert abs(np.mean(errors)) < 0.005 and covered / 200 >= 0.92
    assert abs(np.mean(pooled_errors)) > 3 * abs(np.mean(errors))  # what ignoring the later sheet would cost


def test_a_later_sheet_not_reviewed_yet_widens_the_interval_to_every_share_it_could_have():
    rng = np.random.default_rng(3)
    first, later = 1000, 200
    truth = np.concatenate([rng.choice(3, first, p=[0.2, 0.5, 0.3]), rng.choice(3, later, p=[0.9, 0.05, 0.05])])
    proba = np.full((len(truth), 3), 1 / 3)  # a model that knows nothing: it cannot vouch for the later posts
    labels = np.array(CLASSES)[np.zeros(len(truth), dtype=int)]
    strata = np.array([1] * first + [2] * later)
    audit = rng.choice(first, 200, replace=False)
    share = estimate(proba, labels, audit, [CLASSES[t] for t in truth[audit]], strata=strata).shares["negative"]
    assert share.ci_low <= (truth == 0).mean() <= share.ci_high
    assert share.ci_high - share.ci_low >= later / (first + later) * 0.99  # the unreviewed sixth is wholly unknown
