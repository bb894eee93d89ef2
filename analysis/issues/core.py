"""The issue tagger that learns: one logistic regression per issue on the sentiment model's features.

Features: the embedded sentiment model's hashed word and character n-grams (TF-IDF, each block
L2-normalised) and lexicon columns (analysis.sentiment.embedded: the same functions, the same
settings), plus one binary column per issue of the taxonomy the model was trained with: whether
that issue's patterns match the post. The patterns are features, not verdicts: a post about
freight that says "logistik" can be read as no issue, a paraphrase they miss can be read as one.

Probabilities are Platt-calibrated per issue on out-of-fold scores (k-fold over the reviewers'
rows) when the issue has enough positives and negatives; otherwise they are the regression's own.
An issue with fewer than `min_positives` positives (or negatives) keeps the zero-shot rule:
probability 1.0 when its patterns match the post, 0.0 otherwise; so does an issue whose model, scored
out of fold on the verdicts, reads it worse (F1) than its patterns do. With no model at all every
issue follows that rule (`IssueTagger.zero_shot`), which is the tagger the pipeline had.

Stored as safetensors (no pickle): the coefficients on the columns seen in training, the IDF, and
in the header the settings and the trained-with patterns, so a model means the same thing after
the taxonomy file is edited. A taxonomy given at load time decides which issues are reported: its
issues the model has learned use the model, the others the zero-shot rule with the new patterns.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Sequence
from pathlib import Path

import numpy as np
from safetensors.numpy import load_file
from safetensors.numpy import save as safetensors_bytes
from scipy import sparse
from scipy.optimize import minimize
from scipy.special import expit
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from threadpoolctl import threadpool_limits

from analysis.sentiment import crossfit
from analysis.sentiment.embedded import (
    EmbeddedSentiment,
    _metadata,
    expected_calibration_error,
    features_text,
    model_version,
)
from denyut.config import load_config
from denyut.errors import DenyutError
from denyut.io import atomic_write_bytes, sha256_file
from denyut.normalize import normalize, without_emoji
from denyut.paths import CONFIG_DIR, project_file
from denyut.taxonomy import Taxonomy

FORMAT = "denyut-issues/1"
MODEL_FILE = "model.safetensors"
THRESHOLD = 0.5
MIN_POSITIVES = 5  # fewer positives (or negatives) in training: the issue keeps the zero-shot rule
MIN_CALIBRATION = 10  # positives and negatives the out-of-fold Platt fit needs; fewer: the regression's own probabilities
FOLDS = 5
FEATURIZER_SETTINGS = ("word_bits", "char_bits", "char_analyzer", "char_max", "lexicon_scale")


def plain_text(text: str) -> str:
    """What the taxonomy's patterns read, as in the analyze stage (analysis.analyze.posts)."""
    return without_emoji(normalize(text))


def pattern_columns(patterns: Sequence[tuple[str, re.Pattern]], plains: list[str]) -> sparse.csr_matrix:
    """One binary column per issue: its patterns match the post (Taxonomy.tag's rule)."""
    hits = np.array([[bool(pattern.search(text)) for _, pattern in patterns] for text in plains], dtype=np.float32)
    return sparse.csr_matrix(hits.reshape(len(plains), len(patterns)))


def label_matrix(labels: Sequence[Collection[str]], ids: Sequence[str]) -> np.ndarray:
    return np.array([[issue in row for issue in ids] for row in labels], dtype=np.int8).reshape(len(labels), len(ids))


def _platt(scores: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Platt's (a, b), p = sigmoid(a·score + b), fitted with his smoothed targets (no probability of exactly 0 or 1)."""
    positives, negatives = int(y.sum()), int(len(y) - y.sum())
    target = np.where(y == 1, (positives + 1) / (positives + 2), 1 / (negatives + 2))

    def loss(params: np.ndarray) -> tuple[float, np.ndarray]:
        z = params[0] * scores + params[1]
        residual = expit(z) - target
        value = float(np.mean(np.logaddexp(0, z) - target * z))
        return value, np.array([np.mean(residual * scores), np.mean(residual)])

    result = minimize(loss, np.array([1.0, 0.0]), jac=True, method="L-BFGS-B")
    return float(result.x[0]), float(result.x[1])


def _scores(tagged: np.ndarray, truth: np.ndarray) -> dict:
    """Precision, recall and F1 of boolean predictions against boolean truth (None where undefined)."""
    hits = int((tagged & truth).sum())
    predicted, actual = int(tagged.sum()), int(truth.sum())
    precision = hits / predicted if predicted else None
    recall = hits / actual if actual else None
    f1 = 2 * hits / (predicted + actual) if predicted + actual else None
    return {"precision": _round(precision), "recall": _round(recall), "f1": _round(f1), "tagged": predicted}


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), 4)


class IssueTagger:
    """scikit-learn-style estimator: __init__ stores parameters, fit returns self, state ends in '_'.

    predict_proba(texts) has one column per issue of `issue_ids_` (the taxonomy's order)."""

    def __init__(self, taxonomy: Taxonomy, C: float = 10.0, min_positives: int = MIN_POSITIVES, folds: int = FOLDS,
                 min_calibration: int = MIN_CALIBRATION, random_state: int = 0):
        self.taxonomy = taxonomy
        self.C = C
        self.min_positives = min_positives
        self.folds = folds
        self.min_calibration = min_calibration
        self.random_state = random_state

    @classmethod
    def zero_shot(cls, taxonomy: Taxonomy) -> IssueTagger:
        """No model: each issue's probability is 1.0 when its patterns match, else 0.0."""
        tagger = cls(taxonomy)
        tagger._empty(taxonomy)
        tagger.version_ = f"pola-{taxonomy.version}"
        return tagger

    def _empty(self, taxonomy: Taxonomy) -> None:
        self.issue_ids_ = tuple(issue.id for issue in taxonomy.issues)
        self.patterns_ = tuple(taxonomy.compiled)
        self.trained_: tuple[str, ...] = ()
        self.taxonomy_version_ = taxonomy.version
        self.featurizer_ = None

    # -- training --------------------------------------------------------------------------
    def fit(self, texts: list[str], labels: Sequence[Collection[str]]) -> IssueTagger:
        """labels: the issue ids of each text (an empty collection: no issue). Ids not in the taxonomy are refused."""
        self._empty(self.taxonomy)
        unknown = sorted({i for row in labels for i in row} - set(self.issue_ids_))
        if unknown:
            raise ValueError(f"isu tidak dikenal: {unknown}; harus id dari taksonomi ({', '.join(self.issue_ids_)})")
        y = label_matrix(labels, self.issue_ids_)
        self.featurizer_ = EmbeddedSentiment()
        with threadpool_limits(1):  # one thread: the same bytes on every machine
            matrix = self._fit_features(list(texts))
            self.report_ = {}
            fitted = []
            for k, issue in enumerate(self.issue_ids_):
                self.report_[issue] = self._zero_shot_report(matrix, y[:, k], k)
                learned = self._fit_issue(matrix, y[:, k], self.report_[issue]) if self.report_[issue]["trained"] else None
                if learned is not None:
                    fitted.append((issue, *learned))
        self._keep(fitted, matrix.shape[1])
        return self

    def _fit_features(self, texts: list[str]) -> sparse.csr_matrix:
        ngrams = self.featurizer_.fit_features([features_text(t) for t in texts])
        return sparse.hstack([ngrams, pattern_columns(self.patterns_, [plain_text(t) for t in texts])], format="csr")

    def _zero_shot_report(self, matrix: sparse.csr_matrix, y: np.ndarray, k: int) -> dict:
        positives, negatives = int(y.sum()), int(len(y) - y.sum())
        tagged = matrix[:, matrix.shape[1] - len(self.issue_ids_) + k].toarray().ravel() > 0
        report = {"positives": positives, "negatives": negatives, "zero_shot": _scores(tagged, y == 1),
                  "trained": positives >= self.min_positives and negatives >= self.min_positives}
        if not report["trained"]:
            report["reason"] = (f"{positives} positif dan {negatives} negatif dalam data latih; butuh paling sedikit "
                                f"{self.min_positives} masing-masing: tetap aturan pola (zero-shot)")
        return report

    def _fit_issue(self, matrix: sparse.csr_matrix, y: np.ndarray, report: dict) -> tuple | None:
        """(columns, coefficients, intercept, platt a, b) of one issue, its cross-validated scores into `report`;
        None when the model, scored out of fold, reads the issue worse than its patterns (F1 on the verdicts)."""
        columns = np.unique(matrix.indices)  # only the columns the rows use: a much smaller problem, the same fit
        used = matrix[:, columns]
        folds = min(self.folds, report["positives"], report["negatives"])
        scores = np.zeros(len(y))
        for train, test in StratifiedKFold(n_splits=folds, shuffle=True, random_state=self.random_state).split(used, y):
            scores[test] = self._logistic().fit(used[train], y[train]).decision_function(used[test])
        a, b, report["calibration"] = self._calibration(scores, y)
        report["cross_validated"] = _scores(expit(a * scores + b) >= THRESHOLD, y == 1) | {"folds": folds}
        learned, rule = report["cross_validated"]["f1"] or 0.0, report["zero_shot"]["f1"] or 0.0
        if learned < rule:  # on these verdicts the patterns read the issue better than the model would
            report["trained"] = False
            report["reason"] = (f"F1 lintas-lipatan model {learned:.3f} di bawah F1 pola {rule:.3f} pada vonis yang "
                                "sama: tetap aturan pola (zero-shot)")
            return None
        model = self._logistic().fit(used, y)
        return columns, model.coef_.ravel(), float(model.intercept_[0]), a, b

    def _calibration(self, scores: np.ndarray, y: np.ndarray) -> tuple[float, float, dict]:
        positives, negatives = int(y.sum()), int(len(y) - y.sum())
        before = expected_calibration_error(_two_columns(expit(scores)), y)
        if min(positives, negatives) < self.min_calibration:
            return 1.0, 0.0, {"method": "tidak ada", "n": len(y), "ece": round(before, 4),
                              "reason": f"kurang dari {self.min_calibration} positif atau negatif"}
        a, b = _platt(scores, y)
        after = expected_calibration_error(_two_columns(expit(a * scores + b)), y)
        return a, b, {"method": "platt", "n": len(y), "a": round(a, 4), "b": round(b, 4), "ece_before": round(before, 4),
                      "ece": round(after, 4)}

    def _logistic(self) -> LogisticRegression:
        return LogisticRegression(C=self.C, max_iter=2000, tol=1e-5)

    def _keep(self, fitted: list[tuple], width: int) -> None:
        """The trained issues' weights as a sparse matrix over the full feature width, as stored."""
        self.trained_ = tuple(issue for issue, *_ in fitted)
        rows = [sparse.csr_matrix((coef.astype(np.float32), (np.zeros(len(columns), dtype=np.int32), columns)),
                                  shape=(1, width)) for _, columns, coef, *_ in fitted]
        self.coef_ = sparse.vstack(rows, format="csr") if rows else sparse.csr_matrix((0, width), dtype=np.float32)
        self.coef_.eliminate_zeros()
        self.intercept_ = np.array([f[3] for f in fitted], dtype=np.float32)
        self.platt_ = np.array([[f[4], f[5]] for f in fitted], dtype=np.float32).reshape(len(fitted), 2)

    # -- prediction ------------------------------------------------------------------------
    def predict_proba(self, texts: list[str], weeks: list[str] | None = None) -> np.ndarray:
        """One column per issue of issue_ids_. `weeks` is for the cross-fitted set's interface; one model ignores it."""
        texts = list(texts)
        plains = [plain_text(t) for t in texts]
        rule = pattern_columns(self.taxonomy.compiled, plains).toarray()  # the zero-shot rule, with today's patterns
        if not self.trained_ or not texts:
            return rule.astype(np.float64)
        ngrams = self.featurizer_._transform([features_text(t) for t in texts])
        matrix = sparse.hstack([ngrams, pattern_columns(self.patterns_, plains)], format="csr")
        with threadpool_limits(1):
            scores = np.asarray((matrix @ self.coef_.T).todense()) + self.intercept_
        learned = expit(self.platt_[:, 0] * scores + self.platt_[:, 1]).astype(np.float64)
        out = rule.astype(np.float64)
        for j, issue in enumerate(self.trained_):
            if issue in self.issue_ids_:
                out[:, self.issue_ids_.index(issue)] = learned[:, j]
        return out

    def predict(self, texts: list[str], threshold: float = THRESHOLD) -> list[list[str]]:
        return [tags(row, self.issue_ids_, threshold) for row in self.predict_proba(texts)]

    # -- persistence -----------------------------------------------------------------------
    def settings(self) -> dict:
        return {"format": FORMAT, "C": self.C, "min_positives": self.min_positives, "trained": list(self.trained_),
                "taxonomy_version": self.taxonomy_version_, "width": int(self.coef_.shape[1]),
                "patterns": [[issue, p.pattern, int(p.flags)] for issue, p in self.patterns_],
                "featurizer": {name: getattr(self.featurizer_, name) for name in FEATURIZER_SETTINGS}}

    def save(self, directory: Path) -> Path:
        """model.safetensors, written to a temp file and renamed; sets version_ as load would. A model that learned
        no issue (too few examples of each) is saved too: it reads every issue with the zero-shot rule."""
        directory = Path(directory)
        tensors = {"coef_data": self.coef_.data.astype(np.float32), "coef_indices": self.coef_.indices.astype(np.int32),
                   "coef_indptr": self.coef_.indptr.astype(np.int64), "intercept": self.intercept_,
                   "platt": self.platt_, "idf": self.featurizer_.idf_}
        blob = safetensors_bytes({k: np.ascontiguousarray(v) for k, v in tensors.items()},
                                 metadata={"settings": json.dumps(self.settings(), sort_keys=True, ensure_ascii=False)})
        atomic_write_bytes(directory / MODEL_FILE, blob)
        self.version_ = model_version([sha256_file(directory / MODEL_FILE)])
        return directory / MODEL_FILE

    @classmethod
    def load(cls, directory: Path, taxonomy: Taxonomy) -> IssueTagger:
        """The model in `directory`, reporting the issues of `taxonomy` (see the module's note)."""
        path = Path(directory) / MODEL_FILE
        if not path.is_file():
            raise DenyutError(f"model isu tidak ditemukan: {path} (latih dengan `python -m analysis.issues.train`)")
        settings = json.loads((_metadata(path) or {}).get("settings", "{}"))
        if settings.get("format") != FORMAT:
            raise DenyutError(f"{path}: format model isu tidak dikenal: {settings.get('format')!r} (harus {FORMAT}; latih ulang)")
        tensors = load_file(str(path))
        tagger = cls(taxonomy, C=settings["C"], min_positives=settings["min_positives"])
        tagger.issue_ids_ = tuple(issue.id for issue in taxonomy.issues)
        tagger.trained_ = tuple(settings["trained"])
        tagger.taxonomy_version_ = settings["taxonomy_version"]
        tagger.patterns_ = tuple((issue, re.compile(source, flags)) for issue, source, flags in settings["patterns"])
        tagger.featurizer_ = EmbeddedSentiment(**settings["featurizer"])
        tagger.featurizer_.idf_ = tensors["idf"]
        tagger.coef_ = sparse.csr_matrix((tensors["coef_data"], tensors["coef_indices"], tensors["coef_indptr"]),
                                         shape=(len(tagger.trained_), settings["width"]))
        tagger.intercept_, tagger.platt_ = tensors["intercept"], tensors["platt"]
        tagger.version_ = model_version([sha256_file(path)])
        tagger.source_ = Path(directory)
        return tagger


def tags(row: np.ndarray, ids: Sequence[str], threshold: float = THRESHOLD) -> list[str]:
    """The issues at or above the threshold, compared as written (4 decimals): the file's columns agree with it."""
    return [issue for issue, p in zip(ids, row) if round(float(p), 4) >= threshold]


def _two_columns(p: np.ndarray) -> np.ndarray:
    return np.column_stack([1 - p, p])


class CrossfitTagger:
    """The cross-fitted set of analysis.sentiment.crossfit: each row is read by the first model that never learned
    from its week's audit (crossfit.choose); rows without a week by the first model."""

    def __init__(self, directory: Path, taxonomy: Taxonomy):
        self.directory = Path(directory)
        self.index = crossfit.read_index(self.directory)
        self.models = {name: IssueTagger.load(self.directory / name, taxonomy) for name in self.index}
        self.issue_ids_ = tuple(issue.id for issue in taxonomy.issues)
        self.version_ = ", ".join(f"{name}@{m.version_}" for name, m in self.models.items())

    def predict_proba(self, texts: list[str], weeks: list[str] | None = None) -> np.ndarray:
        weeks = list(weeks) if weeks is not None else ["-"] * len(texts)
        out = np.zeros((len(texts), len(self.issue_ids_)))
        chosen = [crossfit.choose(self.index, week or "-") for week in weeks]
        for name in dict.fromkeys(chosen):
            rows = [i for i, c in enumerate(chosen) if c == name]
            out[rows] = self.models[name].predict_proba([texts[i] for i in rows])
        return out


def taxonomy_file(config: str | Path | None, explicit: Path | None = None) -> Path:
    """--taxonomy, else the config's analysis.issues_file (with --config), else config/issues.yaml of the project."""
    if explicit is not None:
        return project_file(Path(explicit), "taksonomi isu")
    if config:
        return load_config(config).issues_path
    return project_file(CONFIG_DIR / "issues.yaml", "taksonomi isu")


def load_tagger(spec: Path | None, taxonomy: Taxonomy) -> IssueTagger | CrossfitTagger:
    """None: the zero-shot rule; a folder with crossfit.json: the cross-fitted set; a folder with a model: that model."""
    if spec is None:
        return IssueTagger.zero_shot(taxonomy)
    spec = Path(spec)
    if crossfit.is_crossfit(spec):
        return CrossfitTagger(spec, taxonomy)
    if (spec / MODEL_FILE).is_file():
        return IssueTagger.load(spec, taxonomy)
    raise DenyutError(f"{spec}: bukan folder model isu (tidak ada {MODEL_FILE} atau {crossfit.CROSSFIT})")


def check_weeks(tagger: IssueTagger | CrossfitTagger, weeks: Collection[str]) -> None:
    """One model read on rows of a week whose audit it learned from (its metrics.json): refused, as for sentiment."""
    source = getattr(tagger, "source_", None)
    learned = set(crossfit.audit_weeks(source)) if source is not None else set()
    seen = sorted(learned.intersection(weeks))
    if seen:
        raise DenyutError(
            f"model isu {source} belajar dari vonis audit pekan {', '.join(seen)}: perkiraan pekan itu tidak lagi jujur "
            "bila model ini yang melabelinya. Latih set yang saling silang (`python -m analysis.issues.train` tanpa "
            "--single) dan pakai foldernya")
