"""Audit rows reviewers leave blank, or say cannot be judged, never bias the published shares silently."""

import csv

import numpy as np
import pytest

from analysis.estimate import CLASSES, estimate
from analysis.estimate.core import EXCLUDED
from denyut.formats.review import COLUMNS, audit_progress, read_verdicts

N, AUDIT = 3000, 200


def _week(rng):
    truth = rng.choice(3, size=N, p=[0.35, 0.30, 0.35])
    logits = rng.normal(0, 1.2, (N, 3))
    logits[np.arange(N), truth] += 1.5
    logits[:, 0] += 0.5  # the model over-calls negative
    proba = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    return truth, proba, rng.choice(N, size=AUDIT, replace=False)  # the audit, in its random order


def _skip(rng, truth, audit, how: str, rate: float) -> np.ndarray:
    """Which audit rows reviewers leave blank: at random, or mostly the neutral ones (the hard posts)."""
    if how == "random":
        return rng.random(AUDIT) < rate
    weights = np.where(truth[audit] == 1, 3.0, 0.5)
    return rng.random(AUDIT) < np.clip(rate * weights / weights.mean(), 0, 1)


def _coverage(how: str, rate: float, widen: bool, draws: int = 150) -> tuple[float, float]:
    rng, hits, errors = np.random.default_rng(7), [], []
    for _ in range(draws):
        truth, proba, audit = _week(rng)
        blank = _skip(rng, truth, audit, how, rate)
        judged, skipped = audit[~blank], audit[blank]
        labels = [CLASSES[k] for k in proba.argmax(axis=1)]
        result = estimate(proba, labels, judged, [CLASSES[k] for k in truth[judged]], missing=skipped if widen else None)
        for k, name in enumerate(CLASSES):
            share, actual = result.shares[name], float(np.mean(truth == k))
            hits.append(share.ci_low <= actual <= share.ci_high)
            errors.append(abs(share.value - actual))
    return float(np.mean(hits)), float(np.mean(errors))


def test_rows_skipped_by_class_widen_the_intervals_enough_to_cover_the_truth():
    coverage, _ = _coverage("by class", 0.45, widen=True)
    assert coverage >= 0.95


def test_treating_the_rest_as_a_random_sample_is_what_broke_the_intervals():
    coverage, _ = _coverage("by class", 0.45, widen=False)
    assert coverage < 0.85


@pytest.mark.parametrize("rate", [0.2, 0.45])
def test_rows_skipped_at_random_keep_coverage(rate):
    coverage, error = _coverage("random", rate, widen=True)
    assert coverage >= 0.95 and error < 0.04


def test_a_verdict_that_a_post_cannot_be_judged_is_a_share_of_its_own():
    rng = np.random.default_rng(3)
    truth, proba, audit = _week(rng)
    verdicts = [EXCLUDED if i % 10 == 0 else CLASSES[truth[j]] for i, j in enumerate(audit)]
    labels = [CLASSES[k] for k in proba.argmax(axis=1)]
    result = estimate(proba, labels, audit, verdicts)
    assert set(result.shares) == {*CLASSES, EXCLUDED}
    assert sum(s.value for s in result.shares.values()) == pytest.approx(1.0)
    assert result.shares[EXCLUDED].ci_low < 0.1 < result.shares[EXCLUDED].ci_high
    # the model is only scored on the posts that could be judged
    assert 0.4 < result.accuracy.value < 0.95


def _sheet(path, answers):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for n, answer in enumerate(answers, 1):
            writer.writerow({"no": n, "bagian": "audit", "id": f"x/{n}", "platform": "x", "peluang_terpilih": "0.1",
                             "teks": f"teks {n}", "nada_model": "netral", "nada_peninjau": answer})


def test_the_sheet_says_which_blanks_were_skipped_and_which_were_not_reached(tmp_path):
    week = tmp_path / "2024-W47"
    week.mkdir()
    _sheet(week / "sample.csv", ["negatif", "", "Tidak dapat  dinilai", "positif", "", "bukan pemilu", "netral", "", ""])
    progress = audit_progress(tmp_path, "2024-W47")
    assert (progress.rows, progress.judged, progress.excluded, progress.not_reached) == (9, 3, 2, 2)
    assert progress.skipped == ("x/2", "x/5")
    labels = [v.label for v in read_verdicts(week / "sample.csv")]
    assert labels == ["negative", EXCLUDED, "positive", EXCLUDED, "neutral"]
