"""Learning this election from reviewers' verdicts without the open training data: the shipped model is the
prior, and the verdicts move it.

The new model's logits are the shipped model's plus a correction learned on the verdicts' features (the
shipped model's own n-grams and IDF): a multinomial logistic regression with the shipped logits as a fixed
offset and an L2 penalty on the correction, i.e. a Gaussian prior centred on the shipped weights rather
than on zero (the "L2-SP" of transfer learning; Li, Grandvalet & Davoine, ICML 2018). With few verdicts it
stays close to the shipped model; with many, it follows them. The penalty is chosen by stratified
cross-validation on the verdicts, and the temperature is refitted on held-out verdicts. Nothing is
downloaded, and the shipped model is only read."""

from __future__ import annotations

import copy

import numpy as np
from scipy import sparse
from scipy.optimize import minimize, minimize_scalar
from scipy.special import log_softmax, softmax
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold

from analysis.sentiment.embedded import CLASSES, EmbeddedSentiment, expected_calibration_error, features_text

PENALTIES = (0.3, 1.0, 3.0, 10.0, 30.0)  # C: how far the verdicts may pull the weights (larger: further)
DEFAULT_C = 1.0
MIN_FOR_CV = 30
HELD_OUT_SHARE = 0.2


def _fit(matrix: sparse.csr_matrix, offset: np.ndarray, y: np.ndarray, weights: np.ndarray, C: float
         ) -> tuple[np.ndarray, np.ndarray]:
    """(correction of the coefficients on the used columns, correction of the intercept): C·Σ wᵢ·CE + ½‖Δ‖²."""
    classes, n_features = len(CLASSES), matrix.shape[1]
    target = np.zeros((len(y), classes))
    target[np.arange(len(y)), y] = 1.0

    def objective(flat: np.ndarray) -> tuple[float, np.ndarray]:
        delta, bias = flat[:-classes].reshape(classes, n_features), flat[-classes:]
        logits = offset + np.asarray(matrix @ delta.T) + bias
        log_p = log_softmax(logits, axis=1)
        loss = -C * float((weights[:, None] * target * log_p).sum()) + 0.5 * float((delta ** 2).sum())
        residual = C * weights[:, None] * (softmax(logits, axis=1) - target)
        grad = np.concatenate([(np.asarray(matrix.T @ residual).T + delta).ravel(), residual.sum(axis=0)])
        return loss, grad

    start = np.zeros(classes * n_features + classes)
    result = minimize(objective, start, jac=True, method="L-BFGS-B", options={"maxiter": 500})
    flat = result.x
    return flat[:-classes].reshape(classes, n_features), flat[-classes:]


def _design(prior: EmbeddedSentiment, texts: list[str]) -> tuple[sparse.csr_matrix, np.ndarray, np.ndarray]:
    """The verdicts' features on the columns they use, those columns, and the prior's logits (before temperature)."""
    full = prior._transform([features_text(t) for t in texts])
    used = np.unique(full.indices)
    offset = np.asarray(full @ prior.coef_.astype(np.float32).T) + prior.intercept_
    return full[:, used].tocsr(), used, offset


def choose_penalty(matrix, offset, y, weights, seed: int = 0) -> dict:
    counts = np.bincount(y, minlength=len(CLASSES))
    folds = min(5, int(counts[counts > 0].min())) if len(counts[counts > 0]) else 0
    if len(y) < MIN_FOR_CV or folds < 2:
        return {"C": DEFAULT_C, "folds": 0, "cv": [], "cv_macro_f1": None, "prior_cv_macro_f1": None}
    splits = list(StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed).split(np.zeros(len(y)), y))
    prior = np.mean([f1_score(y[te], offset[te].argmax(axis=1), average="macro", labels=range(len(CLASSES)))
                     for _, te in splits])
    table = []
    for C in PENALTIES:
        scores = []
        for train, test in splits:
            delta, bias = _fit(matrix[train], offset[train], y[train], weights[train], C)
            predicted = (offset[test] + np.asarray(matrix[test] @ delta.T) + bias).argmax(axis=1)
            scores.append(f1_score(y[test], predicted, average="macro", labels=range(len(CLASSES))))
        table.append({"C": C, "macro_f1": round(float(np.mean(scores)), 4)})
    best = max(table, key=lambda r: (r["macro_f1"], -r["C"]))
    return {"C": best["C"], "folds": folds, "cv": table, "cv_macro_f1": best["macro_f1"],
            "prior_cv_macro_f1": round(float(prior), 4)}


def update(prior: EmbeddedSentiment, texts: list[str], labels: list[str], seed: int = 0) -> tuple[EmbeddedSentiment, dict]:
    """A new model: the prior moved by the verdicts (the prior object is left as it was)."""
    if prior.mix_:
        raise ValueError("model awal memakai GRU: pembaruan dari vonis hanya untuk model n-gram (recurrent 0)")
    y = np.array([CLASSES.index(label) for label in labels])
    weights = np.ones(len(y))
    matrix, used, offset = _design(prior, texts)
    chosen = choose_penalty(matrix, offset, y, weights, seed)
    rng = np.random.default_rng(seed)
    held = rng.permutation(len(y))[: max(1, int(round(HELD_OUT_SHARE * len(y))))] if len(y) >= 10 else np.array([], int)
    fit = np.setdiff1d(np.arange(len(y)), held)
    delta, bias = _fit(matrix[fit], offset[fit], y[fit], weights[fit], chosen["C"])
    temperature, calibration = prior.temperature_, {"n": int(len(held)), "ece": None, "ece_before": None}
    if len(held):
        logits = log_softmax(offset[held] + np.asarray(matrix[held] @ delta.T) + bias, axis=1)
        result = minimize_scalar(lambda t: -float(log_softmax(logits / t, axis=1)[np.arange(len(held)), y[held]].mean()),
                                 bounds=(0.05, 20.0), method="bounded")
        temperature = float(round(result.x, 4))
        calibration = {"n": int(len(held)), "ece_before": round(expected_calibration_error(softmax(logits, axis=1), y[held]), 4),
                       "ece": round(expected_calibration_error(softmax(logits / temperature, axis=1), y[held]), 4)}
    delta, bias = _fit(matrix, offset, y, weights, chosen["C"])
    model = copy.copy(prior)
    coef = prior.coef_.astype(np.float32)
    coef[:, used] += delta.astype(np.float32)
    model.coef_, model.intercept_ = coef, (prior.intercept_ + bias).astype(np.float32)
    model.temperature_ = temperature
    return model, {"chosen": chosen, "calibration": calibration}
