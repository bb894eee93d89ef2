"""The embedded sentiment model: hashed word and character n-grams (TF-IDF, each block
L2-normalised) plus lexicon and irony features, logistic regression, temperature-calibrated on a
held-out share of the training data.

Optionally (`recurrent` > 0, off in the shipped model) a word-order view joins it: small
bidirectional GRUs (analysis.sentiment.gru) whose log-probabilities are mixed in with a weight
chosen on the held-out share. Trained on reviews only, they lowered the score on election-style
posts, so they are for training data from the posts themselves. Stored as safetensors (no
pickle), settings in the header; inference needs NumPy, SciPy and scikit-learn's hashing vectorizer,
never PyTorch (the GRUs run in NumPy)."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path

import numpy as np
from safetensors.numpy import load_file, save_file
from scipy import sparse
from scipy.optimize import minimize_scalar
from scipy.special import log_softmax, softmax
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split
from threadpoolctl import threadpool_limits

from analysis.sentiment import gru, lexicon
from analysis.sentiment.lexicon import mark_negation
from denyut.formats.processed import SENTIMENTS
from denyut.io import sha256_file
from denyut.normalize import normalize

CLASSES = SENTIMENTS
FORMAT = "denyut-embedded-sentiment/3"
MIX_GRID = np.round(np.arange(0.0, 1.01, 0.1), 1)


class NotFittedError(RuntimeError):
    pass


def features_text(text: str) -> str:
    return mark_negation(normalize(text))


class EmbeddedSentiment:
    """scikit-learn-style estimator: __init__ stores parameters, fit returns self, state ends in '_'."""

    def __init__(self, word_bits: int = 18, char_bits: int = 18, char_analyzer: str = "char_wb", char_max: int = 4,
                 C: float = 10.0, lexicon_scale: float = 0.5, calibration_share: float = 0.1, random_state: int = 0,
                 recurrent: int = 0, gru_settings: gru.GruSettings | None = None, tol: float = 1e-6):
        self.tol = tol
        self.recurrent = recurrent
        self.gru_settings = gru_settings or gru.GruSettings()
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
        word, char = self._hashers()
        blocks = [word.transform(prepared).tocsr(),
                  _per_word(char, prepared) if self.char_analyzer == "char_wb" else char.transform(prepared).tocsr()]
        for counts in blocks:
            counts.data = 1.0 + np.log(counts.data)  # sublinear tf
        return blocks

    def fit_features(self, prepared: list[str]) -> sparse.csr_matrix:
        """Fits the IDF on these texts (prepared by features_text) and returns their feature matrix."""
        counts = sparse.hstack(self._counts(prepared), format="csr")
        df = np.bincount(counts.indices, minlength=counts.shape[1])
        self.idf_ = (np.log((1 + counts.shape[0]) / (1 + df)) + 1).astype(np.float16)
        return self._transform(prepared)

    def _transform(self, prepared: list[str]) -> sparse.csr_matrix:
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
    def fit(self, texts: list[str], labels: list[str], sample_weight: list[float] | None = None,
            calibration_rows: list[int] | None = None) -> EmbeddedSentiment:
        """GRUs, mixing weight and temperature from a held-out share of the data; then the
        logistic regression again on all of it (the GRUs keep their held-out-chosen epoch).

        calibration_rows: the rows the held-out share is drawn from (reviewers' verdicts, so that
        the probabilities are calibrated on the posts the model will read); default all of them.
        The held-out ECE is kept in `calibration_`."""
        unknown = set(labels) - set(CLASSES)
        if unknown:
            raise ValueError(f"label tidak dikenal: {sorted(unknown)}; harus salah satu dari {CLASSES}")
        texts = list(texts)
        y = np.array([CLASSES.index(label) for label in labels])
        weights = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
        prepared = [features_text(t) for t in texts]
        with threadpool_limits(1):  # one thread: the same bytes on every machine
            matrix = self.fit_features(prepared)
            fit_idx, cal_idx = _held_out(y, calibration_rows, self.calibration_share, self.random_state)
            y_cal = y[cal_idx]
            held = self._logistic().fit(matrix[fit_idx], y[fit_idx], sample_weight=weights[fit_idx])
            linear_cal = log_softmax(held.decision_function(matrix[cal_idx]), axis=1)
            self.grus_, self.training_ = [], {}
            for seed in range(self.recurrent):
                settings = dataclasses.replace(self.gru_settings, seed=self.gru_settings.seed + seed)
                tensors, vocabulary, info = gru.train([prepared[i] for i in fit_idx], y[fit_idx],
                                                      [prepared[i] for i in cal_idx], y_cal, settings, _macro_f1)
                self.grus_.append((tensors, vocabulary))
                self.training_[f"gru_{seed}"] = info
            self._prepare_forward()
            recurrent_cal = self._recurrent_log_proba([prepared[i] for i in cal_idx])
            losses = {float(w): _log_loss(_mix(linear_cal, recurrent_cal, w), y_cal) for w in
                      (MIX_GRID if self.grus_ else [0.0])}
            self.mix_ = min(losses, key=losses.get)
            mixed = _mix(linear_cal, recurrent_cal, self.mix_)
            result = minimize_scalar(lambda t: _log_loss(mixed / t, y_cal), bounds=(0.05, 20.0), method="bounded")
            self.calibration_ = {"n": int(len(cal_idx)), "ece": round(expected_calibration_error(softmax(mixed / result.x, axis=1), y_cal), 4),
                                 "ece_before": round(expected_calibration_error(softmax(mixed, axis=1), y_cal), 4)}
            model = self._logistic().fit(matrix, y, sample_weight=weights)
        self.training_["mix_log_loss"] = {str(w): round(v, 4) for w, v in losses.items()}
        self.temperature_ = float(round(result.x, 4))
        self.coef_ = model.coef_.astype(np.float16)
        self.intercept_ = model.intercept_.astype(np.float32)
        self.classes_ = np.array(CLASSES)
        return self

    def _logistic(self) -> LogisticRegression:
        return LogisticRegression(C=self.C, max_iter=3000, tol=self.tol)

    def _check(self) -> None:
        if not hasattr(self, "coef_"):
            raise NotFittedError("model sentimen belum dilatih atau dimuat (jalankan `make train-embedded`)")

    def _prepare_forward(self) -> None:
        self.forward_ = gru.GruForward(self.grus_) if self.grus_ else None

    def _recurrent_log_proba(self, prepared: list[str]) -> np.ndarray | None:
        if self.forward_ is None:
            return None
        return log_softmax(self.forward_.logits(prepared), axis=2).mean(axis=0)

    def _logits(self, texts: list[str]) -> np.ndarray:
        """Mixed log-probabilities of the two views, before temperature."""
        self._check()
        prepared = [features_text(t) for t in texts]
        linear = log_softmax(np.asarray(self._transform(prepared) @ self.coef_.astype(np.float32).T) + self.intercept_, axis=1)
        return _mix(linear, self._recurrent_log_proba(prepared) if self.mix_ else None, self.mix_)

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        return softmax(self._logits(texts) / self.temperature_, axis=1)

    def predict(self, texts: list[str]) -> np.ndarray:
        return self.classes_[self.predict_proba(texts).argmax(axis=1)]

    # -- persistence ----------------------------------------------------------------------
    def settings(self) -> dict:
        return {"format": FORMAT, "word_bits": self.word_bits, "char_bits": self.char_bits, "char_analyzer": self.char_analyzer,
                "char_max": self.char_max, "C": self.C,
                "lexicon_scale": self.lexicon_scale, "classes": list(CLASSES), "temperature": self.temperature_,
                "recurrent": len(self.grus_), "mix": self.mix_}

    def save(self, directory: Path) -> Path:
        """model.safetensors (n-gram view, settings) and gru-<i>.safetensors (one per GRU, with its
        vocabulary), each written to a temp file and renamed."""
        self._check()
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        # safetensors writes the raw buffer: a Fortran-ordered array would come back scrambled.
        linear = {"coef": self.coef_, "intercept": self.intercept_, "idf": self.idf_}
        files = {"model.safetensors": (linear, {"settings": json.dumps(self.settings(), sort_keys=True)})}
        for i, (tensors, vocabulary) in enumerate(self.grus_):
            files[f"gru-{i}.safetensors"] = (tensors, {"vocabulary": json.dumps(vocabulary, ensure_ascii=False)})
        for stale in directory.glob("gru-*.safetensors"):
            if stale.name not in files:
                stale.unlink()
        for name, (tensors, metadata) in files.items():
            tmp = directory / f".{name}.tmp"
            save_file({k: np.ascontiguousarray(v) for k, v in tensors.items()}, str(tmp), metadata=metadata)
            tmp.replace(directory / name)
        return directory / "model.safetensors"

    @classmethod
    def load(cls, directory: Path) -> EmbeddedSentiment:
        directory = Path(directory)
        path = directory / "model.safetensors"
        if not path.is_file():
            raise FileNotFoundError(f"model sentimen tidak ditemukan: {path} (jalankan `make train-embedded`)")
        settings = json.loads(_metadata(path)["settings"])
        if settings.get("format") != FORMAT:
            raise ValueError(f"{path}: format model tidak dikenal: {settings.get('format')!r} "
                             f"(harus {FORMAT}; latih ulang dengan `make train-embedded`)")
        tensors = load_file(str(path))
        model = cls(word_bits=settings["word_bits"], char_bits=settings["char_bits"], char_analyzer=settings["char_analyzer"],
                    char_max=settings["char_max"], C=settings["C"], lexicon_scale=settings["lexicon_scale"],
                    recurrent=settings["recurrent"])
        model.coef_, model.intercept_, model.idf_ = tensors["coef"], tensors["intercept"], tensors["idf"]
        model.classes_ = np.array(settings["classes"])
        model.temperature_ = settings["temperature"]
        model.mix_ = settings["mix"]
        model.grus_ = []
        digests = [sha256_file(path)]
        for i in range(settings["recurrent"]):
            part = directory / f"gru-{i}.safetensors"
            if not part.is_file():
                raise FileNotFoundError(f"{part} tidak ada: model {path} menyebut {settings['recurrent']} GRU")
            model.grus_.append((load_file(str(part)), json.loads(_metadata(part)["vocabulary"])))
            digests.append(sha256_file(part))
        model._prepare_forward()
        model.version_ = model_version(digests)
        model.source_ = directory  # where worker processes load it from
        return model


def model_version(weight_digests: list[str]) -> str:
    """12 hex digits over the weights' SHA-256 and the word lists the features read (lexicon, slang):
    an edit of either list changes what the model says, so it changes the version printed on every report."""
    words = [sha256_file(path) for path in lexicon.resource_files()]
    return hashlib.sha256("".join(weight_digests + words).encode()).hexdigest()[:12]


def _per_word(hasher: HashingVectorizer, prepared: list[str]) -> sparse.csr_matrix:
    """The same counts as hasher.transform(prepared), faster: char_wb n-grams never cross a word
    boundary, so each distinct word is hashed once and a post's counts are the sum over its words
    (posts share most of their words; the n-gram loop is most of the classification time)."""
    words: dict[str, int] = {}
    indices, indptr = [], [0]
    for text in prepared:
        indices.extend(words.setdefault(w, len(words)) for w in text.split())
        indptr.append(len(indices))
    occurrences = sparse.csr_matrix((np.ones(len(indices), dtype=np.float32), indices, indptr),
                                    shape=(len(prepared), len(words)))
    occurrences.sum_duplicates()
    counts = (occurrences @ hasher.transform(list(words))).tocsr()
    counts.sort_indices()  # the hasher's order: the solver's sums, and so the trained bytes, depend on it
    return counts


def _metadata(path: Path) -> dict[str, str]:
    from safetensors import safe_open

    with safe_open(str(path), framework="numpy") as handle:
        return handle.metadata()


def _held_out(y: np.ndarray, pool: list[int] | None, share: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """(fit rows, calibration rows): the calibration share drawn from `pool`, stratified when every class can be."""
    rows = np.arange(len(y))
    if pool is None:  # the shipped model's split, unchanged (its bytes depend on the row order)
        fit, cal = train_test_split(rows, test_size=share, random_state=seed, stratify=y)
        return fit, cal
    candidates = np.asarray(pool, dtype=int)
    size = max(int(round(share * len(candidates))), min(30, len(candidates) // 3))
    counts = np.bincount(y[candidates], minlength=len(CLASSES))
    stratify = y[candidates] if (counts[counts > 0] >= 2).all() else None
    _, cal = train_test_split(candidates, test_size=size, random_state=seed, stratify=stratify)
    return np.setdiff1d(rows, cal), np.sort(cal)


def expected_calibration_error(proba: np.ndarray, y: np.ndarray, bins: int = 10) -> float:
    confidence, predicted = proba.max(axis=1), proba.argmax(axis=1)
    edges = np.linspace(0, 1, bins + 1)
    return float(sum(((confidence > lo) & (confidence <= hi)).mean()
                     * abs((predicted[m] == y[m]).mean() - confidence[m].mean())
                     for lo, hi in zip(edges[:-1], edges[1:]) if (m := (confidence > lo) & (confidence <= hi)).any()))


def _mix(linear: np.ndarray, recurrent: np.ndarray | None, weight: float) -> np.ndarray:
    return linear if recurrent is None or weight == 0 else (1 - weight) * linear + weight * recurrent


def _log_loss(log_proba: np.ndarray, y: np.ndarray) -> float:
    return float(-log_softmax(log_proba, axis=1)[np.arange(len(y)), y].mean())


def _macro_f1(logits: np.ndarray, y: np.ndarray) -> float:
    return f1_score(y, logits.argmax(axis=1), average="macro")
