"""Wilson intervals (the share of posts that name an issue: a count, not a model's label) and the
Benjamini-Hochberg correction of the week-over-week tests (the tests themselves compare estimates: weekly.compare)."""

from __future__ import annotations

import numpy as np
from scipy.stats import binomtest, false_discovery_control

from denyut.formats.summary import Share


def share(count: int, total: int, min_total: int) -> Share:
    """A proportion with its 95% Wilson interval; no share at all below min_total posts."""
    if total < min_total or total == 0:
        return Share(count=count, total=total, share=None, ci_low=None, ci_high=None, basis="count")
    ci = binomtest(count, total).proportion_ci(confidence_level=0.95, method="wilson")
    return Share(count=count, total=total, share=count / total, ci_low=float(ci.low), ci_high=float(ci.high), basis="count")


def adjust(p_values: list[float]) -> list[float]:
    """Benjamini-Hochberg q-values: many comparisons a week, few false alarms."""
    if not p_values:
        return []
    return [float(q) for q in false_discovery_control(np.array(p_values), method="bh")]
