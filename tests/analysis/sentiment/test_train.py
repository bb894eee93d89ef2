import numpy as np

from analysis.sentiment.embedded import expected_calibration_error
from analysis.sentiment.evaluation import evaluate_polarity


class _Fixed:
    def __init__(self, proba):
        self.proba = np.array(proba)

    def predict_proba(self, texts):
        return self.proba[: len(texts)]


def test_polarity_score_counts_the_leaning_even_when_neutral_wins():
    # columns: negative, neutral, positive
    model = _Fixed([[0.3, 0.6, 0.1], [0.1, 0.2, 0.7], [0.6, 0.3, 0.1], [0.2, 0.7, 0.1]])
    rows = [("a", "negative"), ("b", "positive"), ("c", "positive"), ("d", "positive")]
    result = evaluate_polarity(model, rows)
    assert result == {"n": 4, "polarity_accuracy": 0.5, "accuracy": 0.25, "neutral_share": 0.5}


def test_calibration_error_is_zero_when_confidence_matches_accuracy():
    proba = np.array([[0.75, 0.25, 0.0]] * 4)
    assert expected_calibration_error(proba, np.array([0, 0, 0, 1])) == 0.0
    assert abs(expected_calibration_error(proba, np.array([1, 1, 1, 1])) - 0.75) < 1e-9
