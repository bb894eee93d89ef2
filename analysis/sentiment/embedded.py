"""The embedded sentiment model: hashed word and character n-grams, TF-IDF, logistic regression,
temperature-calibrated. Stored as safetensors (no pickle) with its settings in the header."""

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
from denyut.io import sha256_file

CLASSES = ("negative", "neutral", "positive")
FORMAT = "denyut-embedded-sentiment/1"


class NotFittedError(RuntimeError):
    pass


def features_text(text: str) -> str:
    return mark_negation(normalize(text))


class EmbeddedSentiment:
    """scikit-learn-style estimator: __init__ stores parameters, fit returns self, state ends in '_'."""

    def __init__(self, word_bits: int = 18, char_bits: int = 18, C: float = 4.0, calibration_share: float = 0.1,
                 random_state: int = 0):
        self.word_bits = word_bits
        self.char_bits = char_bits
        self.C = C
        self.calibration_share = calibration_share
        self.random_state = random_state

    # -- features -------------------------------------------------------------------------
    def _hashers(self) -> tuple[HashingVectorizer, HashingVectorizer]:
        common = {"alternate_sign": False, "norm": None, "lowercase": False, "dtype": np.float32}
        word = HashingVectorizer(n_features=2**self.word_bits, analyzer="word", ngram_range=(1, 2),
                                 token_pattern=r"\S+", **common)
        char = HashingVectorizer(n_features=2**self.char_bits, analyzer="char_wb", ngram_range=(2, 5), **common)
        return word, char

    def _counts(self, texts: list[str]) -> sparse.csr_matrix:
        prepared = [features_text(t) for t in texts]
        word, char = self._hashers()
        counts = sparse.hstack([word.transform(prepared), char.transform(prepared)], format="csr")
        counts.data = 1.0 + np.log(counts.data)  # sublinear tf
        return counts

    def _transform(self, texts: list[str]) -> sparse.csr_matrix:
        matrix = self._counts(texts) @ sparse.diags(self.idf_.astype(np.float32))
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sparse.diags(1.0 / norms) @ matrix

    # -- estimator contract ---------------------------------------------------------------
    def fit(self, texts: list[str], labels: list[str]) -> EmbeddedSentiment:
        unknown = set(labels) - set(CLASSES)
        if unknown:
            raise ValueError(f"label tidak dikenal: {sorted(unknown)}; harus salah satu dari {CLASSES}")
        y = np.array([CLASSES.index(label) for label in labels])
        fit_texts, cal_texts, y_fit, y_cal = train_test_split(
            list(texts), y, test_size=self.calibration_share, random_state=self.random_state, stratify=y)
        with threadpool_limits(1):  # one thread: the same bytes on every machine
            counts = self._counts(fit_texts)
            df = np.bincount(counts.indices, minlength=counts.shape[1])
            self.idf_ = (np.log((1 + counts.shape[0]) / (1 + df)) + 1).astype(np.float16)
            model = LogisticRegression(C=self.C, class_weight="balanced", max_iter=3000, tol=1e-6)
            model.fit(self._transform(fit_texts), y_fit)
        self.coef_ = model.coef_.astype(np.float16)
        self.intercept_ = model.intercept_.astype(np.float32)
        self.classes_ = np.array(CLASSES)
        self.temperature_ = 1.0
        logits = self._logits(cal_texts)
        result = minimize_scalar(lambda t: -log_softmax(logits / t, axis=1)[np.arange(len(y_cal)), y_cal].mean(),
                                 bounds=(0.05, 20.0), method="bounded")
        self.temperature_ = float(round(result.x, 4))
        return self

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
        return {"format": FORMAT, "word_bits": self.word_bits, "char_bits": self.char_bits, "C": self.C,
                "classes": list(CLASSES), "temperature": self.temperature_}

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
        model = cls(word_bits=settings["word_bits"], char_bits=settings["char_bits"], C=settings["C"])
        model.coef_, model.intercept_, model.idf_ = tensors["coef"], tensors["intercept"], tensors["idf"]
        model.classes_ = np.array(settings["classes"])
        model.temperature_ = settings["temperature"]
        model.version_ = sha256_file(path)[:12]
        return model
