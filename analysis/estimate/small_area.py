"""Shares for a region whose posts the audit holds too few of: the model's labels in the region, corrected by the
error rates the whole audit shows (adjusted classify-and-count, the quantification literature's ACC).

The whole audit says how the model labels posts of each true tone: of the posts reviewers called negative, the
share it called negative, neutral, positive (so for each tone). A region's mix of model labels is then the mix of
its true tones seen through those rates; solving for the true mix (non-negative least squares, summing to one)
undoes the model's errors. The assumption, stated on the page: the model misreads each tone in the region as it
does overall, whatever the region's mix of tones (a region can be far more negative; its negative posts are
misread as often as anyone's). Reviewers' "cannot be judged / not about the election" is taken at the audit's rate.

Uncertainty has two parts: the audit's (a bootstrap of the audit rows: the rates rest on a few hundred posts) and
the assumption's (`transport_sd`, a standard deviation added to every share: a region's slang or topics can make
the model err differently there). The interval is normal, clipped to [0, 1]. Where the audit holds enough of a
region's own posts, the direct estimate (analysis.estimate) is used instead: no assumption is needed."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import nnls
from scipy.stats import norm

from analysis.estimate.core import CLASSES, EXCLUDED

METHOD = "adjusted-classify-and-count"
BOOTSTRAP = 400
PRIOR = 0.5  # half a post of every model label for each true tone: a tone seen once is not called certain


@dataclass(frozen=True)
class Audit:
    """The whole audit as the small-area estimate reads it: each audited post's model label and the reviewers'
    verdict (codes into CLASSES; -1: cannot be judged), and its weight (1 / its inclusion probability)."""

    model: np.ndarray
    truth: np.ndarray
    weights: np.ndarray

    @property
    def outcomes(self) -> tuple[str, ...]:
        return CLASSES + ((EXCLUDED,) if (self.truth < 0).any() else ())


def confusion(model_labels: list[str], verdicts: list[str], weights: np.ndarray | None = None) -> Audit:
    """The audit's posts with a model label; `weights`: 1 / each one's inclusion probability (sheets drawn at
    different rates)."""
    code = {name: k for k, name in enumerate(CLASSES)}
    return Audit(np.array([code[label] for label in model_labels], dtype=int),
                 np.array([code.get(v, -1) for v in verdicts], dtype=int),
                 np.ones(len(verdicts)) if weights is None else np.asarray(weights, dtype=float))


def rates(audit: Audit, rows: np.ndarray | None = None) -> np.ndarray:
    """rates[j, k]: the (weighted) share of audited posts of true tone CLASSES[j] the model labelled CLASSES[k]."""
    rows = np.arange(len(audit.truth)) if rows is None else rows
    out = np.full((len(CLASSES), len(CLASSES)), PRIOR)
    judged = rows[audit.truth[rows] >= 0]
    np.add.at(out, (audit.truth[judged], audit.model[judged]), audit.weights[judged])
    return out / out.sum(axis=1, keepdims=True)


def _mix(audit: Audit, region_mix: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """The true shares (CLASSES, then EXCLUDED when the audit has it) behind a region's mix of model labels."""
    tones, _ = nnls(rates(audit, rows).T, region_mix)
    tones = tones / tones.sum() if tones.sum() > 0 else np.full(len(CLASSES), 1 / len(CLASSES))
    if not (audit.truth < 0).any():
        return tones
    w = audit.weights[rows]
    excluded = float(w[audit.truth[rows] < 0].sum() / w.sum())
    return np.append(tones * (1 - excluded), excluded)


@dataclass(frozen=True)
class SmallAreaShare:
    value: float
    ci_low: float
    ci_high: float
    se: float


def synthetic(model_labels: list[str], audit: Audit, transport_sd: float,
              confidence: float = 0.95) -> dict[str, SmallAreaShare]:
    """Each outcome's share among a region's posts (their model labels), with its interval; the bootstrap is seeded
    by the audit's size, so a week gives the same numbers every time."""
    labels = np.array(model_labels, dtype=object)
    if not len(labels):
        raise ValueError("a region without labelled posts has no share")
    region_mix = np.array([(labels == label).mean() for label in CLASSES])
    everyone = np.arange(len(audit.truth))
    value = _mix(audit, region_mix, everyone)
    rng = np.random.default_rng(len(everyone))
    draws = np.array([_mix(audit, region_mix, rng.choice(everyone, size=len(everyone))) for _ in range(BOOTSTRAP)])
    z = float(norm.ppf(0.5 + confidence / 2))
    out = {}
    for j, outcome in enumerate(audit.outcomes):
        se = float(np.sqrt(draws[:, j].var(ddof=1) + transport_sd**2))
        out[outcome] = SmallAreaShare(float(value[j]), max(0.0, value[j] - z * se), min(1.0, value[j] + z * se), se)
    return out
