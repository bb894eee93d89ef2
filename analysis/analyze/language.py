"""Language identification tuned for short, slangy, code-mixed Indonesian posts."""

from __future__ import annotations

import logging
import unicodedata
from functools import lru_cache

import numpy as np
from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier
from scipy import sparse

from denyut.config import AnalysisSettings, default
from denyut.normalize import without_emoji

JAVANESE, OTHER = default(AnalysisSettings, "javanese_marker_share"), default(AnalysisSettings, "marker_share")

LOGGER = logging.getLogger(__name__)

# langid.py's model: restricted to languages seen around Indonesian election talk, so that
# short posts are not scattered over 97 labels.
CANDIDATES = ["id", "ms", "en", "jv", "ar", "zh", "nl", "tl", "es", "pt", "ko", "ja"]
# Words that are overwhelmingly Indonesian (after slang normalisation); code-mixed posts keep them.
MARKERS = frozenset(
    "yang dan di ke dari ini itu tidak sudah belum akan juga saja sama dengan untuk karena kalau tapi atau "
    "ada adalah banget sekali lagi masih bisa harus mau jangan kok sih deh dong nih kita kami saya aku kamu "
    "mereka jadi buat bagaimana semua terus begitu apa siapa kenapa memang mencoblos petugas parah bagus kecewa "
    "mantap sangat seperti tertawa".split()
)


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    identifier = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)
    identifier.set_languages(CANDIDATES)
    return identifier


@lru_cache(maxsize=1)
def _tables() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The model's public tables: byte automaton (next state at tk_row[state] * 256 + byte, feature of each state)
    and naive-Bayes weights of the candidate languages."""
    identifier = _identifier()
    return (np.asarray(identifier.tk_nextmove, dtype=np.int64), np.asarray(identifier.tk_row, dtype=np.int64) << 8,
            np.asarray(identifier.tk_output, dtype=np.int64), np.asarray(identifier.nb_ptc, dtype=np.float32),
            np.asarray(identifier.nb_pc, dtype=np.float32))


def _encode(text: str) -> bytes:
    """The bytes classify() reads for a str: all-capital text lower-cased, NFC, UTF-8."""
    if text.isupper():
        text = text.lower()
    return unicodedata.normalize("NFC", text).encode("utf-8", errors="surrogatepass")


# Texts whose labels the batched walk must share with classify(): Latin, capitals, other scripts, no feature at all.
PROBES = ["Surat suara telat datang di TPS 5, kecewa banget", "Just voted! The staff were friendly",
          "Ayo podo nyoblos tanggal 27, ojo golput lur", "SEMUA HURUF BESAR DI SINI", "الانتخابات اليوم",
          "选举投票站", "투표 했어요", "投票に行きました", "Wij hebben gestemd vandaag", "ok", "!!", "1"]


@lru_cache(maxsize=1)
def _batch_agrees() -> bool:
    """Whether the batched walk reproduces classify() on PROBES; if a py3langid release lays its tables out
    otherwise, detect_many() falls back to classify() one text at a time (slower, same labels)."""
    identifier = _identifier()
    try:
        if _walk(PROBES) == [identifier.classify(t)[0] for t in PROBES]:
            return True
    except (AttributeError, IndexError, ValueError):
        pass
    LOGGER.warning("py3langid's tables no longer match the batched walk; classifying one text at a time")
    return False


BATCH = 512


def _labels(texts: list[str]) -> list[str]:
    """classify()'s label of each text."""
    if _batch_agrees():
        return _walk(texts)
    identifier = _identifier()
    return [identifier.classify(t)[0] for t in texts]


def _walk(texts: list[str]) -> list[str]:
    """langid.py's label of each text, the same model and features, its byte automaton walked for a whole batch
    of texts at once (one NumPy step per byte position instead of one Python step per byte of each text)."""
    nextmove, rowbase, output, ptc, pc = _tables()
    classes = _identifier().nb_classes
    encoded = [_encode(t) for t in texts]
    labels: list[str] = [""] * len(texts)
    order = sorted(range(len(texts)), key=lambda i: -len(encoded[i]))
    for start in range(0, len(order), BATCH):
        part = order[start:start + BATCH]
        lengths = np.array([len(encoded[i]) for i in part], dtype=np.int64)
        width = int(lengths[0]) if len(part) else 0
        grid = np.zeros((len(part), max(width, 1)), dtype=np.int64)
        for row, i in enumerate(part):
            grid[row, :lengths[row]] = np.frombuffer(encoded[i], dtype=np.uint8)
        state = np.zeros(len(part), dtype=np.int64)
        active = np.searchsorted(-lengths, -np.arange(width), side="left")  # rows longer than each position
        hits_rows, hits_features = [], []
        for position in range(width):
            alive = int(active[position])
            state[:alive] = nextmove[rowbase[state[:alive]] + grid[:alive, position]]
            features = output[state[:alive]]
            found = np.flatnonzero(features >= 0)
            hits_rows.append(found)
            hits_features.append(features[found])
        rows = np.concatenate(hits_rows) if hits_rows else np.empty(0, np.int64)
        features = np.concatenate(hits_features) if hits_features else np.empty(0, np.int64)
        counts = sparse.coo_matrix((np.ones(len(rows), dtype=np.float32), (rows, features)),
                                   shape=(len(part), ptc.shape[0])).tocsr()
        counts.sum_duplicates()
        counts.data = np.log1p(counts.data)
        scores = np.asarray(counts @ ptc) + pc
        best = scores.argmax(axis=1)
        best[np.diff(counts.indptr) == 0] = 0  # no feature at all: every class scores the same, the first wins
        for row, i in enumerate(part):
            labels[i] = classes[int(best[row])]
    return labels


def detect(normalized: str) -> str:
    """ISO 639-1 code; Malay and strongly Indonesian-marked code-mixing count as Indonesian."""
    tokens = without_emoji(normalized).split()
    return _decide(tokens, _identifier().classify(" ".join(tokens))[0]) if tokens else "und"


def detect_many(normalized: list[str], javanese: float = JAVANESE, other: float = OTHER) -> list[str]:
    """detect() of each text, the language model run over the whole list at once; `javanese` and `other`: the share
    of Indonesian marker words that makes a text recognised as Javanese, or as another language, Indonesian."""
    plain = [without_emoji(text) for text in normalized]
    tokens = [text.split() for text in plain]
    wanted = [i for i, t in enumerate(tokens) if t]
    found = dict(zip(wanted, _labels([plain[i] for i in wanted])))
    return [_decide(tokens[i], found[i], javanese, other) if i in found else "und" for i in range(len(normalized))]


def _decide(tokens: list[str], label: str, javanese: float = JAVANESE, other: float = OTHER) -> str:
    marker_share = sum(token in MARKERS for token in tokens) / len(tokens)
    if label in ("id", "ms"):
        return "id"
    # Javanese and Sundanese share many words with Indonesian: only a clear majority flips them.
    threshold = javanese if label == "jv" else other
    if marker_share >= threshold:
        return "id"
    return label
