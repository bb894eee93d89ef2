"""Honest shares: the model's labels on every post combined with reviewers' verdicts on a random audit
(analysis.estimate.core). `python -m analysis.estimate` is the file contract; the report uses the same code."""

from analysis.estimate.core import CLASSES, METHOD, Estimate, Interval, estimate, model_only

__all__ = ["CLASSES", "METHOD", "Estimate", "Interval", "estimate", "model_only"]
