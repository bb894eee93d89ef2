import numpy as np
import pytest

from analysis.estimate import estimate

PROBA = np.array([[0.8, 0.1, 0.1], [0.6, 0.3, 0.1], [0.2, 0.6, 0.2], [0.1, 0.2, 0.7], [0.1, 0.1, 0.8], [0.3, 0.3, 0.4]])
LABELS = ["negative", "negative", "neutral", "positive", "positive", "positive"]


def test_a_tiny_audit_gives_the_shares_computed_by_hand():
    result = estimate(PROBA, LABELS, np.array([0, 2, 4]), ["negative", "positive", "positive"])
    # By hand: summed sample covariance of verdict and probability 0.216667 + 0 + 0.133333 = 0.35, summed
    # variance of the probabilities 0.143333 + 0.083333 + 0.143333 = 0.37, so the weight is 0.35 / 0.37.
    assert result.weight == pytest.approx(0.945946, abs=1e-6)
    # share = weight * mean of p over all 6 posts + mean over the audit of (verdict - weight * p)
    assert result.shares["negative"].value == pytest.approx(0.317568, abs=1e-6)
    assert result.shares["neutral"].value == pytest.approx(0.0, abs=1e-9)
    assert result.shares["positive"].value == pytest.approx(0.682432, abs=1e-6)
    # residuals of negative 0.243243, -0.189189, -0.094595: s^2 = 0.05168; var = (1 - 3/6) * s^2 / 3; +-1.96 * sqrt
    assert result.shares["negative"].ci_low == pytest.approx(0.135668, abs=1e-5)
    assert result.shares["negative"].ci_high == pytest.approx(0.499468, abs=1e-5)
    assert result.n_posts == 6 and result.n_reviewed == 3
    assert result.accuracy.value == pytest.approx(2 / 3)  # post 2: model neutral, reviewers positive


def test_the_shares_add_up_to_one_and_intervals_stay_in_the_unit_interval():
    rng = np.random.default_rng(1)
    proba = rng.dirichlet([1, 1, 1], size=300)
    labels = [("negative", "neutral", "positive")[i] for i in proba.argmax(axis=1)]
    audit = rng.choice(300, size=40, replace=False)
    verdicts = [("negative", "neutral", "positive")[rng.choice(3, p=proba[i])] for i in audit]
    result = estimate(proba, labels, audit, verdicts, strata=rng.choice(["x", "youtube"], size=300))
    assert sum(s.value for s in result.shares.values()) == pytest.approx(1.0)
    assert all(0 <= s.ci_low <= s.value <= s.ci_high <= 1 for s in result.shares.values())


def test_a_perfect_model_gives_the_exact_shares_with_no_width_and_a_useless_one_costs_only_width():
    truth = np.array([0] * 50 + [1] * 30 + [2] * 20)
    names = [("negative", "neutral", "positive")[i] for i in truth]
    audit = np.arange(0, 100, 4)
    perfect = estimate(np.eye(3)[truth], names, audit, [names[i] for i in audit])
    assert perfect.weight == pytest.approx(1.0)
    assert perfect.shares["negative"].value == pytest.approx(0.5)
    assert perfect.shares["negative"].ci_high - perfect.shares["negative"].ci_low == pytest.approx(0.0, abs=1e-12)
    useless = estimate(np.full((100, 3), 1 / 3), ["neutral"] * 100, audit, [names[i] for i in audit])
    sample_alone = np.mean([truth[i] == 0 for i in audit])
    assert useless.weight == 0.0 and useless.shares["negative"].value == pytest.approx(sample_alone)


def _population(rng, n):
    """Human labels and a biased, over-confident model: it calls a third of the positives neutral."""
    truth = rng.choice(3, size=n, p=[0.33, 0.25, 0.42])
    logits = rng.normal(0, 1.2, size=(n, 3))
    logits[np.arange(n), truth] += 1.6
    logits[:, 1] += np.where(truth == 2, 1.0, 0.0)
    proba = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    return truth, proba


def test_the_95_intervals_cover_the_human_shares_in_repeated_audits_and_beat_the_raw_counts():
    rng = np.random.default_rng(7)
    truth, proba = _population(rng, 5000)
    names = np.array(["negative", "neutral", "positive"])
    labels = names[proba.argmax(axis=1)]
    true_shares = np.bincount(truth, minlength=3) / len(truth)
    covered, errors = np.zeros(3), []
    draws = 400
    for _ in range(draws):
        audit = rng.choice(len(truth), size=200, replace=False)
        result = estimate(proba, labels, audit, names[truth[audit]])
        for k, name in enumerate(names):
            share = result.shares[name]
            covered[k] += share.ci_low <= true_shares[k] <= share.ci_high
            errors.append(abs(share.value - true_shares[k]))
    raw = np.array([(labels == name).mean() for name in names])
    assert (covered / draws >= 0.92).all(), covered / draws
    assert np.mean(errors) < 0.5 * np.mean(np.abs(raw - true_shares)), (np.mean(errors), raw, true_shares)


def test_too_few_or_repeated_reviews_are_refused():
    with pytest.raises(ValueError, match="sedikitnya 2"):
        estimate(PROBA, LABELS, np.array([1]), ["negative"])
    with pytest.raises(ValueError, match="berulang"):
        estimate(PROBA, LABELS, np.array([1, 1]), ["negative", "negative"])
