"""Exact and near-duplicate flags within a week (copy-paste text, light edits)."""

from __future__ import annotations

import hashlib

from datasketch import MinHash, MinHashLSH

NUM_PERM = 64


SHINGLE = 5


def _shingles(text: str) -> set[bytes]:
    # Character 5-grams: one word added to a short post still leaves it about 80% the same.
    if len(text) <= SHINGLE:
        return {text.encode()}
    return {text[i:i + SHINGLE].encode() for i in range(len(text) - SHINGLE + 1)}


class WeekDeduplicator:
    """Feed posts in time order; each gets (exact, near, group) against the posts before it."""

    def __init__(self, threshold: float = 0.8):
        self._exact: dict[bytes, str] = {}
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._group_of: dict[str, str] = {}

    def check(self, key: str, text: str) -> tuple[bool, bool, str]:
        digest = hashlib.sha1(text.encode()).digest()
        if digest in self._exact:
            first = self._exact[digest]
            return True, True, self._group_of[first]
        self._exact[digest] = key
        signature = MinHash(num_perm=NUM_PERM, seed=1)
        signature.update_batch(list(_shingles(text)))
        similar = self._lsh.query(signature)
        group = self._group_of[min(similar)] if similar else key
        self._group_of[key] = group
        self._lsh.insert(key, signature)
        return False, bool(similar), group
