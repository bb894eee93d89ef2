"""A region's shares from the model's labels there and the whole audit's error rates by label."""

import numpy as np
import pytest

from analysis.estimate import CLASSES
from analysis.estimate.small_area import confusion, rates, synthetic


def _world(rng, n: int, mix, errors):
    """n posts of true tones drawn from `mix`; the model's label is right with the probability of its true class."""
    truth = rng.choice(3, size=n, p=mix)
    right = rng.random(n) < np.array(errors)[truth]
    model = np.where(right, truth, (truth + rng.integers(1, 3, size=n)) % 3)
    return truth, model


def test_the_audit_s_rates_are_how_the_model_labelled_each_true_tone():
    audit = confusion(["negative", "negative", "neutral", "positive", "positive", "negative"],
                      ["negative", "negative", "negative", "positive", "excluded", "neutral"])
    assert audit.outcomes == (*CLASSES, "excluded")
    table = rates(audit)
    # true negatives: 2 labelled negative, 1 neutral, with half a post of each label: (2.5, 1.5, 0.5) / 4.5
    assert table[0].tolist() == pytest.approx([2.5 / 4.5, 1.5 / 4.5, 0.5 / 4.5])
    assert table[1].tolist() == pytest.approx([1.5 / 2.5, 0.5 / 2.5, 0.5 / 2.5])  # one neutral, labelled negative


def test_a_region_s_true_mix_is_recovered_through_the_model_s_errors():
    errors = np.array([[0.7, 0.2, 0.1], [0.2, 0.6, 0.2], [0.1, 0.1, 0.8]])  # rows: true tone; columns: model label
    audit = confusion([CLASSES[k] for j in range(3) for k in range(3) for _ in range(int(errors[j, k] * 1000))],
                      [CLASSES[j] for j in range(3) for k in range(3) for _ in range(int(errors[j, k] * 1000))])
    truth = np.array([0.6, 0.3, 0.1])
    seen = truth @ errors  # what the model's labels in the region look like
    labels = [CLASSES[k] for k in range(3) for _ in range(int(round(seen[k] * 10_000)))]
    found = synthetic(labels, audit, transport_sd=0.0)
    assert [found[name].value for name in CLASSES] == pytest.approx(truth.tolist(), abs=0.01)


def test_a_region_s_interval_covers_its_truth_when_the_model_errs_there_as_everywhere():
    rng, hits, widths = np.random.default_rng(29), [], []
    for _ in range(150):
        truth, model = _world(rng, 20_000, [0.4, 0.35, 0.25], [0.7, 0.6, 0.8])
        audit = rng.choice(len(truth), size=200, replace=False)
        table = confusion([CLASSES[k] for k in model[audit]], [CLASSES[k] for k in truth[audit]])
        region_truth, region_model = _world(rng, 400, [0.6, 0.25, 0.15], [0.7, 0.6, 0.8])  # another mix, same errors
        found = synthetic([CLASSES[k] for k in region_model], table, transport_sd=0.0)
        share = found["negative"]
        hits.append(share.ci_low <= (region_truth == 0).mean() <= share.ci_high)
        widths.append(share.ci_high - share.ci_low)
    assert np.mean(hits) >= 0.9, np.mean(hits)
    assert np.mean(widths) < 0.3  # 0.26 measured: 200 audited posts pin the error rates only so far


def test_the_assumption_s_extra_uncertainty_widens_every_share():
    table = confusion(["negative", "neutral", "positive"] * 30, ["negative", "neutral", "positive"] * 30)
    plain = synthetic(["negative"] * 50 + ["positive"] * 50, table, transport_sd=0.0)
    wider = synthetic(["negative"] * 50 + ["positive"] * 50, table, transport_sd=0.05)
    for name in CLASSES:
        assert wider[name].se ** 2 == pytest.approx(plain[name].se ** 2 + 0.05 ** 2)
        assert wider[name].ci_high - wider[name].ci_low > plain[name].ci_high - plain[name].ci_low


def test_a_region_without_labelled_posts_is_refused():
    with pytest.raises(ValueError):
        synthetic([], confusion(["negative"], ["negative"]), 0.04)
