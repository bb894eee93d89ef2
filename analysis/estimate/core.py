"""Shares of the human labels of a week's posts, estimated from the model's predictions on every
post plus reviewers' verdicts on a random audit sample.

The estimator is the model-assisted difference estimator of survey sampling (Särndal, Swensson
& Wretman, *Model Assisted Survey Sampling*, 1992) with the tuning weight of prediction-powered
inference (PPI++: Angelopoulos, Duchi & Zrnic, 2023; PPI: Angelopoulos et al., *Science* 382,
2023). For class k, with f_ik the model's probability of k for post i, y_ik = 1 when reviewers
said k, and a stratified simple random audit (n_h of the N_h posts of stratum h):

    share_k = lam * mean over all N posts of f_k  +  sum_h (N_h / N) * mean over the audit of h of (y_k - lam * f_k)

The first term is known exactly (the model has read every post), so all uncertainty is in the
audit: Var = sum_h (N_h / N)^2 (1 - n_h / N_h) s_h^2(y_k - lam * f_k) / n_h. lam = 0 is the audit
alone; lam = 1 is the plain difference estimator; lam is chosen in [0, 1] to minimise the summed
variance, one lam for all classes so that the shares add up to 1. The better the model, the
smaller the residuals and the narrower the interval; a poor model costs nothing but width.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.stats import binomtest, norm

from denyut.formats.processed import SENTIMENTS

CLASSES = SENTIMENTS
EXCLUDED = "excluded"  # a reviewer's "cannot be judged / not about the election"
OUTCOMES = (*CLASSES, EXCLUDED)
METHOD = "difference-estimator-ppi++"
MIN_PER_STRATUM = 2  # fewer reviewed posts than this in a stratum: the strata are pooled


@dataclass(frozen=True)
class Interval:
    value: float
    ci_low: float
    ci_high: float
    se: float = 0.0  # the standard error before clipping to [0, 1]: what week-over-week tests combine

    def as_dict(self, name: str = "share") -> dict:
        return {name: self.value, "ci_low": self.ci_low, "ci_high": self.ci_high}


@dataclass(frozen=True)
class Estimate:
    method: str
    n_posts: int
    n_reviewed: int
    weight: float  # lam
    accuracy: Interval | None
    shares: dict[str, Interval]

    def as_dict(self) -> dict:
        return {"method": self.method, "n_posts": self.n_posts, "n_reviewed": self.n_reviewed, "weight": self.weight,
                "accuracy": self.accuracy.as_dict("value") if self.accuracy else None,
                "shares": {k: v.as_dict() for k, v in self.shares.items()}}


def one_hot(labels, classes=CLASSES) -> np.ndarray:
    index = {c: i for i, c in enumerate(classes)}
    out = np.zeros((len(labels), len(classes)))
    out[np.arange(len(labels)), [index[label] for label in labels]] = 1.0
    return out


def _strata(strata: np.ndarray | None, n_posts: int, reviewed: np.ndarray) -> np.ndarray:
    """Stratum codes per post (one stratum when none are given)."""
    if strata is None:
        return np.zeros(n_posts, dtype=int)
    _, codes = np.unique(np.asarray(strata), return_inverse=True)
    return codes


def _clip(value: float) -> float:
    return float(min(1.0, max(0.0, value)))


def _design(codes: np.ndarray, reviewed: np.ndarray):
    """Per stratum: (weight N_h / N, variance factor, indices of its reviewed posts, its posts when it has too few).

    A stratum with at least MIN_PER_STRATUM reviewed posts: factor (N_h / N)^2 (1 - n_h / N_h) / n_h, as a
    stratified random audit. One with fewer (a sheet of late posts not reviewed yet) is not pooled into the
    others, which would weigh their posts as if drawn at its rate: nothing is known of it but the model's
    labels, so its point is the model's mean probability there and the interval covers every share it could
    have (Manski's bounds: down by N_h / N times that mean, up by N_h / N times the rest)."""
    n_posts = len(codes)
    for h in np.unique(codes):
        members = reviewed[codes[reviewed] == h]
        size, n = int((codes == h).sum()), len(members)
        if n < MIN_PER_STRATUM:
            yield size / n_posts, (size / n_posts) ** 2 / len(reviewed), reviewed, np.flatnonzero(codes == h)
        else:
            yield size / n_posts, (size / n_posts) ** 2 * (1 - n / size) / n, members, None


def estimate(proba: np.ndarray, model_labels, reviewed: np.ndarray, verdicts, strata: np.ndarray | None = None,
             confidence: float = 0.95, weight: float | None = None, missing: np.ndarray | None = None) -> Estimate:
    """proba: N x 3 model probabilities (CLASSES order) for every post; model_labels: the model's label per post;
    reviewed: indices of the audited posts; verdicts: the reviewers' labels for them, in the same order (a class,
    or EXCLUDED: a post reviewers said cannot be judged or is not about the election, estimated as a share of its
    own, for which the model has no probability). `weight` fixes lam (0: the audit alone, as a benchmark's
    baseline); by default it is chosen from the audit. `missing`: audit posts drawn before the last judged one and
    left blank (skipped, not merely not reached): the point estimate reads the judged posts, and each share's
    interval is widened to cover every answer the blanks could have had (all of them that class, or none)."""
    proba = np.asarray(proba, dtype=float)
    reviewed = np.asarray(reviewed, dtype=int)
    if len(reviewed) < MIN_PER_STRATUM:
        raise ValueError(f"perkiraan butuh sedikitnya {MIN_PER_STRATUM} unggahan yang ditinjau, ada {len(reviewed)}")
    if len(set(reviewed.tolist())) != len(reviewed):
        raise ValueError("unggahan yang ditinjau berulang")
    verdicts = list(verdicts)
    truth = one_hot(verdicts, OUTCOMES)
    full = np.column_stack([proba, np.zeros(len(proba))])  # the model never says EXCLUDED
    codes = _strata(strata, len(proba), reviewed)
    if weight is None:
        weight = _weight(codes, reviewed, truth, full)
    z = float(norm.ppf(0.5 + confidence / 2))
    missing = np.asarray([] if missing is None else missing, dtype=int)
    shares = {}
    for k, name in enumerate(OUTCOMES):
        point = _share(k, codes, reviewed, truth, full, weight, z)
        if len(missing):
            both = np.concatenate([reviewed, missing])
            lowest = _share(k, codes, both, np.vstack([truth, np.zeros((len(missing), len(OUTCOMES)))]), full, weight, z)
            ones = np.zeros((len(missing), len(OUTCOMES)))
            ones[:, k] = 1.0
            highest = _share(k, codes, both, np.vstack([truth, ones]), full, weight, z)
            point = Interval(point.value, min(point.ci_low, lowest.ci_low), max(point.ci_high, highest.ci_high), point.se)
        if name in CLASSES or any(v == EXCLUDED for v in verdicts) or len(missing):
            shares[name] = point
    judged = np.array([v != EXCLUDED for v in verdicts])
    agree = np.asarray(model_labels, dtype=object)[reviewed] == np.asarray(verdicts, dtype=object)
    return Estimate(METHOD if weight else "audit-sample", len(proba), len(reviewed), round(weight, 6),
                    _accuracy(agree[judged], codes, reviewed[judged], confidence) if judged.sum() >= 2 else None,
                    shares)


RARE = 10  # audit positives below which an issue's interval also holds the audit's own Wilson interval


def estimate_binary(tagged: np.ndarray, reviewed: np.ndarray, truth, strata: np.ndarray | None = None,
                    confidence: float = 0.95) -> Interval:
    """The share of posts with a property (an issue), from the tagger's 0/1 (or probability) on every post and the
    reviewers' 0/1 on the audited posts `reviewed`: the same difference estimator and weight as the tones."""
    reviewed = np.asarray(reviewed, dtype=int)
    if len(reviewed) < MIN_PER_STRATUM:
        raise ValueError(f"perkiraan butuh sedikitnya {MIN_PER_STRATUM} unggahan yang ditinjau, ada {len(reviewed)}")
    full = np.asarray(tagged, dtype=float).reshape(-1, 1)
    y = np.asarray(truth, dtype=float).reshape(-1, 1)
    codes = _strata(strata, len(full), reviewed)
    z = float(norm.ppf(0.5 + confidence / 2))
    found = _share(0, codes, reviewed, y, full, _weight(codes, reviewed, y, full), z)
    positives = int(y.sum())
    if positives >= RARE:
        return found
    # With a handful of positives in the audit, the residuals' sample variance says little (none seen: zero) and
    # the normal interval misses rare issues from below; the interval also holds the audit's own Wilson interval
    # (bench/issues.py: coverage at 2% prevalence, 200 audits, 0.79 before, see bench/results/issues.json after).
    wilson = binomtest(positives, len(reviewed)).proportion_ci(confidence_level=confidence, method="wilson")
    return Interval(found.value, min(found.ci_low, float(wilson.low)), max(found.ci_high, float(wilson.high)), found.se)


def _weight(codes: np.ndarray, reviewed: np.ndarray, truth: np.ndarray, full: np.ndarray) -> float:
    """lam minimising the summed variance over the classes: sum c_h cov_h(y, f) / sum c_h var_h(f)."""
    position = {int(i): j for j, i in enumerate(reviewed)}
    covariance = variance = 0.0
    for _, factor, members, model_only in _design(codes, reviewed):
        y, f = truth[[position[int(i)] for i in members]], full[members]
        if len(members) > 1 and model_only is None:
            covariance += factor * sum(np.cov(y[:, k], f[:, k])[0, 1] for k in range(f.shape[1]))
            variance += factor * sum(np.var(f[:, k], ddof=1) for k in range(f.shape[1]))
    return _clip(covariance / variance) if variance > 0 else 0.0


def _share(k: int, codes: np.ndarray, reviewed: np.ndarray, truth: np.ndarray, full: np.ndarray, weight: float,
           z: float) -> Interval:
    """One outcome's share with its interval, from the audit rows `reviewed` (their outcomes in `truth`)."""
    position = {int(i): j for j, i in enumerate(reviewed)}
    value, var, below, above = weight * full[:, k].mean(), 0.0, 0.0, 0.0
    for share_of_posts, factor, members, model_only in _design(codes, reviewed):
        y, f = truth[[position[int(i)] for i in members]], full[members]
        residual = y[:, k] - weight * f[:, k]
        if model_only is None:
            value += share_of_posts * residual.mean()
            var += factor * (np.var(residual, ddof=1) if len(members) > 1 else 0.0)
        else:  # the rest of the model's own share there, and every share it could have around it
            mean = full[model_only, k].mean()
            value += share_of_posts * (1 - weight) * mean
            below, above = below + share_of_posts * mean, above + share_of_posts * (1 - mean)
    se = float(np.sqrt(var))
    return Interval(float(value), _clip(value - z * se - below), _clip(value + z * se + above), se)


def _accuracy(agree: np.ndarray, codes: np.ndarray, reviewed: np.ndarray, confidence: float) -> Interval:
    """How often the model's label was the reviewers' label, weighted to the week's posts; a Wilson interval
    on the effective number of reviewed posts (the design's variance, not the count, sets the width)."""
    position = {int(i): j for j, i in enumerate(reviewed)}
    value = var = 0.0
    for share_of_posts, factor, members, _ in _design(codes, reviewed):
        a = agree[[position[int(i)] for i in members]].astype(float)
        value += share_of_posts * a.mean()
        var += factor * (np.var(a, ddof=1) if len(a) > 1 else 0.0)
    n_eff = len(reviewed) if var <= 0 else min(len(reviewed) * 4, value * (1 - value) / var)
    successes = int(round(value * n_eff))
    ci = binomtest(successes, max(int(round(n_eff)), 1)).proportion_ci(confidence_level=confidence, method="wilson")
    return Interval(float(value), float(ci.low), float(ci.high))


def model_only(proba: np.ndarray, model_labels) -> dict[str, float]:
    """The model's own counts: what a week without any review can say (unverified, no honest interval)."""
    labels = list(model_labels)
    return {name: labels.count(name) / len(labels) if labels else 0.0 for name in CLASSES}
