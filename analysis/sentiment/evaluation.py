"""Scores of a sentiment model on labelled rows: macro-F1, accuracy, per-class F1 and calibration (ECE)."""

from __future__ import annotations

import numpy as np
from sklearn.metrics import f1_score

from analysis.sentiment.embedded import CLASSES, EmbeddedSentiment, expected_calibration_error


def evaluate(model: EmbeddedSentiment, rows: list[tuple[str, str]]) -> dict:
    texts, labels = [t for t, _ in rows], np.array([CLASSES.index(l) for _, l in rows])
    proba = model.predict_proba(texts)
    predicted = proba.argmax(axis=1)
    per_class = f1_score(labels, predicted, average=None, labels=range(len(CLASSES)))
    return {"n": len(rows), "macro_f1": round(float(f1_score(labels, predicted, average="macro")), 4),
            "accuracy": round(float((predicted == labels).mean()), 4),
            "f1": {c: round(float(f), 4) for c, f in zip(CLASSES, per_class)},
            "ece": round(expected_calibration_error(proba, labels), 4)}


def evaluate_polarity(model: EmbeddedSentiment, rows: list[tuple[str, str]]) -> dict:
    """For posts labelled only negative or positive (EmoT's emotions): how often the model leans the
    right way, and how often it calls them neutral instead."""
    proba = model.predict_proba([t for t, _ in rows])
    truth = np.array([CLASSES.index(l) for _, l in rows])
    leaning = np.where(proba[:, CLASSES.index("negative")] > proba[:, CLASSES.index("positive")],
                       CLASSES.index("negative"), CLASSES.index("positive"))
    return {"n": len(rows), "polarity_accuracy": round(float((leaning == truth).mean()), 4),
            "accuracy": round(float((proba.argmax(axis=1) == truth).mean()), 4),
            "neutral_share": round(float((proba.argmax(axis=1) == CLASSES.index("neutral")).mean()), 4)}
