"""MinHash signatures and LSH band keys of many texts at once, in NumPy.

Character 5-grams of a text, each hashed by a rolling polynomial over its code points; 64
multiply-shift permutations; the signature cut into bands whose keys are what two near-identical
texts share (the candidates, then checked on their exact Jaccard similarity). The same text gives the same keys in every process and on every run (no salted
`hash()`), so a week's duplicate groups do not depend on which worker saw a post. Used by the analyze
stage (near-duplicate flags) and by the coordination signal (near-identical text).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

NUM_PERM = 64
SHINGLE = 5
_SEED = 1
_BATCH_CHARS = 8000  # code points per vectorised step: its arrays stay in the CPU cache


RECALL = 0.999
# band keys a candidate pair must share: at the threshold two texts share 6.5 of 16 bands on average and 98.5%
# of them share 3 or more (near duplicates in analyze, near-identical text in coordination)
MIN_SHARED_BANDS = 3


@lru_cache(maxsize=8)
def bands_for(threshold: float, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """(bands, rows): the most rows per band (the fewest chance candidates) for which two texts at the
    threshold still share a band key with probability RECALL or more. Candidates are then checked on
    their exact similarity, so a wide net costs only the checks."""
    for rows in range(num_perm, 0, -1):
        bands = num_perm // rows
        if 1 - (1 - threshold ** rows) ** bands >= RECALL:
            return bands, rows
    return num_perm, 1


@lru_cache(maxsize=1)
def _params() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(_SEED)
    # (a*x + b) mod 2**32 with an odd a is a permutation of the 32-bit hashes, as datasketch's are of its own
    a = (rng.integers(1, 2**32, NUM_PERM, dtype=np.uint64) | np.uint64(1)).astype(np.uint32)
    b = rng.integers(0, 2**32, NUM_PERM, dtype=np.uint64).astype(np.uint32)
    powers = np.array([pow(1_000_003, k, 2**32) for k in range(SHINGLE)], dtype=np.uint32)
    band_coefficients = rng.integers(1, 2**63, NUM_PERM, dtype=np.uint64) | np.uint64(1)
    return a, b, powers, band_coefficients


_PAD = "\0" * (SHINGLE - 1)


def _signatures_of(texts: list[str]) -> np.ndarray:
    """One vectorised step: the texts joined with padding, every 5-gram hashed by a rolling polynomial, the
    windows of each text (one padded window for a text shorter than five) permuted and their minimum kept."""
    a, b, powers, _ = _params()
    codes = np.frombuffer((_PAD.join(texts) + _PAD + _PAD).encode("utf-32-le"), dtype=np.uint32)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    starts = np.concatenate(([0], np.cumsum(lengths + SHINGLE - 1)[:-1]))
    windows = np.maximum(lengths - SHINGLE + 1, 1)
    first = np.concatenate(([0], np.cumsum(windows)[:-1]))
    positions = np.repeat(starts - first, windows) + np.arange(int(windows.sum()))
    grams = np.lib.stride_tricks.sliding_window_view(codes, SHINGLE)
    hashes = np.sum(grams * powers, axis=1, dtype=np.uint32)[positions]
    permuted = hashes[:, None] * a[None, :]
    permuted += b
    return np.minimum.reduceat(permuted, first, axis=0)


def signatures(texts: list[str]) -> np.ndarray:
    """(len(texts), 64) uint32 MinHash signatures of the texts' character 5-gram sets."""
    out = np.empty((len(texts), NUM_PERM), dtype=np.uint32)
    start = 0
    while start < len(texts):
        stop, chars = start, 0
        while stop < len(texts) and (stop == start or chars + len(texts[stop]) <= _BATCH_CHARS):
            chars += len(texts[stop])
            stop += 1
        out[start:stop] = _signatures_of(texts[start:stop])
        start = stop
    return out


def band_keys(texts: list[str], threshold: float) -> np.ndarray:
    """(len(texts), bands) int64 keys: two texts at the threshold's Jaccard similarity or above share a key
    in some band with probability RECALL or more; texts far below it rarely do."""
    bands, rows = bands_for(threshold)
    _, _, _, coefficients = _params()
    sig = signatures(texts).astype(np.uint64)
    keys = np.empty((len(texts), bands), dtype=np.uint64)
    for i in range(bands):
        part = slice(i * rows, (i + 1) * rows)
        keys[:, i] = np.sum(sig[:, part] * coefficients[part], axis=1, dtype=np.uint64)
    return keys.view(np.int64)


def shingles(text: str) -> set[str]:
    """The character 5-grams the signatures are of (the whole text when it is shorter)."""
    if len(text) <= SHINGLE:
        return {text}
    return {text[i:i + SHINGLE] for i in range(len(text) - SHINGLE + 1)}


def jaccard(a: str, b: str) -> float:
    x, y = shingles(a), shingles(b)
    return len(x & y) / len(x | y)
