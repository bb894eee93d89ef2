"""Character 3-5-grams within words (spelling variants, slang and typos still share most of them),
TF-IDF weighted over the week's posts and the claims' phrasings together, so that words every post
uses (pemilu, surat suara) count for little and the claim's own turns of phrase for much. A post
echoes the claim whose closest phrasing has the highest cosine similarity, when that is at least
the threshold (chosen on a labelled set: tests/analysis/hoaxes).

A post that repeats the claim to say it is false ("cek fakta: kabar ... adalah hoaks") is a
correction, not an echo: it is counted apart, so that a fact-check's own reach does not read as the
hoax spreading."""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from denyut.formats.claims import Claim
from denyut.normalize import normalize, without_emoji

CORRECTION = re.compile(r"\b(?<!bukan )(?<!tidak )(hoaks|hoax|cek fakta|cekfakta|klarifikasi|dibantah|membantah|bantahan|"
                        r"tidak benar|bukan fakta|disinformasi|misinformasi|turnbackhoax|salah kaprah)\b")


HASHTAG = re.compile(r"#\w+")


def is_correction(text: str) -> bool:
    """Said in the post's words: a #CekFakta tag is as often a request to check as a verdict."""
    return CORRECTION.search(prepare(HASHTAG.sub(" ", text))) is not None


def prepare(text: str) -> str:
    return without_emoji(normalize(text))


FIT_SAMPLE = 20_000  # posts the IDF weights are fitted on: all of a week up to this, an even spread of a larger one
MIN_SHARED_WORDS = 2  # words of four letters or more a post shares with some phrasing before it is compared


def _words(text: str) -> set[str]:
    return {word for word in text.split() if len(word) >= 4}


def phrasings_of(claims: list[Claim]) -> list[tuple[int, str]]:
    """(claim index, prepared text) of every phrasing of every claim."""
    return [(n, prepare(example)) for n, claim in enumerate(claims) for example in claim.examples]


def fit_sample(prepared: list[str]) -> list[str]:
    """The posts the IDF weights are fitted on: every one up to FIT_SAMPLE, an even spread of a larger week."""
    return sample_of([prepared], len(prepared))


def sample_of(batches: Iterable[list[str]], posts: int) -> list[str]:
    """fit_sample of the concatenated batches (`posts` in all), read a batch at a time."""
    step, seen, sample = sample_step(posts), 0, []
    for batch in batches:
        sample += batch[(-seen) % step::step]
        seen += len(batch)
    return sample


def sample_step(posts: int) -> int:
    return max(1, -(-posts // FIT_SAMPLE))


def fit(sample: list[str], phrasings: list[tuple[int, str]]) -> TfidfVectorizer:
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, dtype=np.float32)
    return vectorizer.fit(sample + [p for _, p in phrasings])


def scores(prepared: list[str], claims: list[Claim], phrasings: list[tuple[int, str]], vectorizer: TfidfVectorizer
           ) -> np.ndarray:
    """posts × claims: each post's highest cosine similarity to any phrasing of each claim. Only posts that share
    MIN_SHARED_WORDS words with some phrasing are compared (the others cannot come near the threshold and score
    0), so a week of a million posts costs its candidates, not its size."""
    out = np.zeros((len(prepared), len(claims)), dtype=np.float32)
    vocabulary = [_words(p) for _, p in phrasings]
    candidates = [i for i, text in enumerate(prepared)
                  if (words := _words(text)) and any(len(words & v) >= MIN_SHARED_WORDS for v in vocabulary)]
    if not candidates or not phrasings:
        return out
    posts = vectorizer.transform([prepared[i] for i in candidates])
    examples = vectorizer.transform([p for _, p in phrasings])
    by_example = (posts @ examples.T).toarray()
    owner = np.array([n for n, _ in phrasings])
    for n in range(len(claims)):
        out[candidates, n] = by_example[:, owner == n].max(axis=1)
    return out


def similarities(texts: list[str], claims: list[Claim], prepared: list[str] | None = None) -> np.ndarray:
    """posts × claims, the IDF fitted on these posts (fit_sample) and the phrasings.

    prepared: the texts already normalised without emoji (the processed week's text_norm), when at hand."""
    phrasings = phrasings_of(claims)
    if not texts or not phrasings:
        return np.zeros((len(texts), len(claims)), dtype=np.float32)
    plain = prepared if prepared is not None else [prepare(t) for t in texts]
    return scores(plain, claims, phrasings, fit(fit_sample(plain), phrasings))


def best(scored: np.ndarray, texts: list[str], claims: list[Claim], threshold: float) -> list[tuple[int, str, float, bool]]:
    """(post index, claim id, similarity, is a correction) of every post whose closest claim is at the threshold."""
    if not scored.size:
        return []
    top = scored.argmax(axis=1)
    return [(i, claims[top[i]].id, float(scored[i, top[i]]), is_correction(texts[i])) for i in range(len(texts))
            if scored[i, top[i]] >= threshold]


def matches(texts: list[str], claims: list[Claim], threshold: float, prepared: list[str] | None = None
            ) -> list[tuple[int, str, float, bool]]:
    """(post index, claim id, similarity, is a correction) of every post that repeats a claim, each at most once."""
    return best(similarities(texts, claims, prepared), texts, claims, threshold)


def echoes(texts: list[str], claims: list[Claim], threshold: float) -> list[tuple[int, str, float]]:
    """(post index, claim id, similarity) of every post that echoes a claim without correcting it."""
    return [(i, claim, score) for i, claim, score, correction in matches(texts, claims, threshold) if not correction]
