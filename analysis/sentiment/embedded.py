"""The embedded sentiment model: hashed word and character n-grams (TF-IDF, each block
L2-normalised) plus lexicon and irony features, logistic regression, temperature-calibrated.
Stored as safetensors (no pickle) with its settings in the header."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from safetensors.numpy import load_file, save_file
from scipy import sparse
from scipy.optimize import minimize_scalar
from scipy.special import log_softmax, softmax
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from threadpoolctl import threadpool_limits

from analysis.normalize import mark_negation, normalize
from analysis.sentiment import lexicon
from denyut.io import sha256_file

CLASSES = ("negative", "neutral", "positive")
FORMAT = "denyut-embedded-sentiment/2"


class NotFittedError(RuntimeError):
    pass


def features_text(text: str) -> str:
    return mark_negation(normalize(text))


class EmbeddedSentiment:
    """scikit-learn-style estimator: __init__ stores parameters, fit returns self, state ends in '_'."""

    def __init__(self, word_bits: int = 18, char_bits: int = 18, char_analyzer: str = "char_wb", char_max: int = 4,
                 C: float = 10.0, lexicon_scale: float = 0.5, calibration_share: float = 0.1, random_state: int = 0):
        self.word_bits = word_bits
        self.char_bits = char_bits
        self.char_analyzer = char_analyzer
        self.char_max = char_max
        self.C = C
        self.lexicon_scale = lexicon_scale
        self.calibration_share = calibration_share
        self.random_state = random_state

    # -- features -------------------------------------------------------------------------
    def _hashers(self) -> tuple[HashingVectorizer, HashingVectorizer]:
        common = {"alternate_sign": False, "norm": None, "lowercase": False, "dtype": np.float32}
        word = HashingVectorizer(n_features=2**self.word_bits, analyzer="word", ngram_range=(1, 2),
                                 token_pattern=r"\S+", **common)
        char = HashingVectorizer(n_features=2**self.char_bits, analyzer=self.char_analyzer, ngram_range=(1, self.char_max), **common)
        return word, char

    def _counts(self, prepared: list[str]) -> list[sparse.csr_matrix]:
        blocks = []
        for hasher in self._hashers():
            counts = hasher.transform(prepared).tocsr()
            counts.data = 1.0 + np.log(counts.data)  # sublinear tf
            blocks.append(counts)
        return blocks

    def _transform(self, texts: list[str]) -> sparse.csr_matrix:
        prepared = [features_text(t) for t in texts]
        idf = self.idf_.astype(np.float32)
        blocks, start = [], 0
        for counts in self._counts(prepared):
            width = counts.shape[1]
            block = counts @ sparse.diags(idf[start:start + width])
            norms = np.sqrt(np.asarray(block.multiply(block).sum(axis=1)).ravel())
            norms[norms == 0] = 1.0
            blocks.append(sparse.diags(1.0 / norms) @ block)
            start += width
        blocks.append(lexicon.features(prepared, self.lexicon_scale))
        return sparse.hstack(blocks, format="csr")

    # -- estimator contract ---------------------------------------------------------------
    def fit(self, texts: list[str], labels: list[str], sample_weight: list[float] | None = None) -> EmbeddedSentiment:
        """Temperature from a held-out share of the data, then the final weights from all of it."""
        unknown = set(labels) - set(CLASSES)
        if unknown:
            raise ValueError(f"label tidak dikenal: {sorted(unknown)}; harus salah satu dari {CLASSES}")
        texts = list(texts)
        y = np.array([CLASSES.index(label) for label in labels])
        weights = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
        with threadpool_limits(1):  # one thread: the same bytes on every machine
            counts = sparse.hstack(self._counts([features_text(t) for t in texts]), format="csr")
            df = np.bincount(counts.indices, minlength=counts.shape[1])
            self.idf_ = (np.log((1 + counts.shape[0]) / (1 + df)) + 1).astype(np.float16)
            matrix = self._transform(texts)
            fit_idx, cal_idx = train_test_split(np.arange(len(y)), test_size=self.calibration_share,
                                                random_state=self.random_state, stratify=y)
            held = self._logistic().fit(matrix[fit_idx], y[fit_idx], sample_weight=weights[fit_idx])
            logits = held.decision_function(matrix[cal_idx])
            y_cal = y[cal_idx]
            result = minimize_scalar(lambda t: -log_softmax(logits / t, axis=1)[np.arange(len(y_cal)), y_cal].mean(),
                                     bounds=(0.05, 20.0), method="bounded")
            model = self._logistic().fit(matrix, y, sample_weight=weights)
        self.temperature_ = float(round(result.x, 4))
        self.coef_ = model.coef_.astype(np.float16)
        self.intercept_ = model.intercept_.astype(np.float32)
        self.classes_ = np.array(CLASSES)
        return self

    def _logistic(self) -> LogisticRegression:
        return LogisticRegression(C=self.C, max_iter=3000, tol=1e-6)

    def _check(self) -> None:
        if not hasattr(self, "coef_"):
            raise NotFittedError("model sentimen belum dilatih atau dimuat (jalankan `make train-sentiment`)")

    def _logits(self, texts: list[str]) -> np.ndarray:
        self._check()
        matrix = self._transform(list(texts))
        return np.asarray(matrix @ self.coef_.astype(np.float32).T) + self.intercept_

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        return softmax(self._logits(texts) / self.temperature_, axis=1)

    def predict(self, texts: list[str]) -> np.ndarray:
        return self.classes_[self.predict_proba(texts).argmax(axis=1)]

    # -- persistence ----------------------------------------------------------------------
    def settings(self) -> dict:
        return {"format": FORMAT, "word_bits": self.word_bits, "char_bits": self.char_bits, "char_analyzer": self.char_analyzer,
                "char_max": self.char_max, "C": self.C,
                "lexicon_scale": self.lexicon_scale, "classes": list(CLASSES), "temperature": self.temperature_}

    def save(self, directory: Path) -> Path:
        self._check()
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / "model.safetensors"
        tmp = directory / ".model.safetensors.tmp"
        # safetensors writes the raw buffer: a Fortran-ordered array would come back scrambled.
        tensors = {"coef": self.coef_, "intercept": self.intercept_, "idf": self.idf_}
        save_file({k: np.ascontiguousarray(v) for k, v in tensors.items()}, str(tmp),
                  metadata={"settings": json.dumps(self.settings(), sort_keys=True)})
        tmp.replace(path)
        return path

    @classmethod
    def load(cls, directory: Path) -> EmbeddedSentiment:
        path = Path(directory) / "model.safetensors"
        if not path.is_file():
            raise FileNotFoundError(f"model sentimen tidak ditemukan: {path} (jalankan `make train-sentiment`)")
        from safetensors import safe_open

        with safe_open(str(path), framework="numpy") as handle:
            settings = json.loads(handle.metadata()["settings"])
        if settings.get("format") != FORMAT:
            raise ValueError(f"{path}: format model tidak dikenal: {settings.get('format')!r}")
        tensors = load_file(str(path))
        model = cls(word_bits=settings["word_bits"], char_bits=settings["char_bits"], char_analyzer=settings["char_analyzer"],
                    char_max=settings["char_max"], C=settings["C"], lexicon_scale=settings["lexicon_scale"])
        model.coef_, model.intercept_, model.idf_ = tensors["coef"], tensors["intercept"], tensors["idf"]
        model.classes_ = np.array(settings["classes"])
        model.temperature_ = settings["temperature"]
        model.version_ = sha256_file(path)[:12]
        return model
