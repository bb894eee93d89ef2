"""Normalisation for social-media Indonesian: URLs, mentions, hashtags, emoji, elongation, slang."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from denyut.fingerprint import resource
from denyut.paths import RESOURCES_DIR

URL = re.compile(r"(https?://|www\.)\S+", re.IGNORECASE)
MENTION = re.compile(r"(?<![\w@])@\w{1,50}")
HASHTAG = re.compile(r"(?<![\w#])#(\w+)")
CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z])")
ELONGATED = re.compile(r"([a-z])\1{2,}")
REDUPLICATED = re.compile(r"\b([a-z]{2,})2\b")
LAUGH = re.compile(r"\b(?:w?k+w+k+[wk]*|(?:ha){2,}h?|(?:he){2,}h?|(?:xi){2,})\b")
TOKEN = re.compile(r"[a-z0-9_]+(?:-[a-z0-9_]+)*")
EMOJI_TOKEN = re.compile(r"\bemo_[a-z0-9_]+")
# Emoji and pictographs become one token each, named by the Unicode character database (stdlib,
# stable across versions, and ~10x faster than a full emoji-sequence tokenizer). Joiners, variation
# selectors and skin tones carry no sentiment and are dropped.
EMOJI = re.compile("[\u2190-\u21ff\u2300-\u27bf\u2b00-\u2bff\u3030\u303d\u3297\u3299\U0001F000-\U0001FAFF]")
EMOJI_NOISE = re.compile("[\u200d\ufe0e\ufe0f\U0001F3FB-\U0001F3FF]")
SLANG = resource(RESOURCES_DIR / "slang.tsv")
WORDS = resource(RESOURCES_DIR / "words.txt")
LOWER_RUN = re.compile(r"[a-z]{6,}")
LONGEST_WORD = 20


@lru_cache(maxsize=1)
def slang_lexicon() -> dict[str, str]:
    lexicon = {}
    for line in SLANG.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            informal, standard = line.split("\t")
            lexicon[informal] = standard
    return lexicon


@lru_cache(maxsize=1)
def vocabulary() -> frozenset[str]:
    return frozenset(line for line in WORDS.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#"))


@lru_cache(maxsize=4096)
def split_words(run: str) -> str:
    """'tolakpolitikuang' → 'tolak politik uang': the fewest words of the vocabulary that spell the
    run exactly (ties go to the longer words); a run they cannot spell is left whole."""
    words = vocabulary()
    if run in words:
        return run
    best: list[tuple[int, int, int] | None] = [None] * (len(run) + 1)  # (pieces, -sum of squared lengths, start)
    best[0] = (0, 0, 0)
    for end in range(2, len(run) + 1):
        for start in range(max(0, end - LONGEST_WORD), end - 1):
            if best[start] is not None and run[start:end] in words:
                pieces, score, _ = best[start]
                candidate = (pieces + 1, score - (end - start) ** 2, start)
                if best[end] is None or candidate < best[end]:
                    best[end] = candidate
    if best[-1] is None:
        return run
    parts, end = [], len(run)
    while end:
        start = best[end][2]
        parts.append(run[start:end])
        end = start
    return " ".join(reversed(parts))


def _hashtag(tag: str) -> str:
    """Camel case and digits mark the words; an all-lower-case run is split by the vocabulary."""
    words = CAMEL.sub(" ", tag).lower()
    return " " + LOWER_RUN.sub(lambda m: split_words(m[0]), words) + " "


@lru_cache(maxsize=4096)
def _emoji_name(char: str) -> str:
    return " emo_" + re.sub(r"[^a-z0-9]+", "_", unicodedata.name(char, "symbol").lower()).strip("_") + " "


@lru_cache(maxsize=8192)  # the analyze stage normalises each post twice (language and issues, then sentiment)
def normalize(text: str) -> str:
    """Lower-cased standard Indonesian with emoji as `emo_<name>` tokens; URLs and mentions removed."""
    text = URL.sub(" ", text)
    text = MENTION.sub(" ", text)
    text = HASHTAG.sub(lambda m: _hashtag(m[1]), text)
    text = EMOJI.sub(lambda m: _emoji_name(m[0]), EMOJI_NOISE.sub("", text))
    text = text.lower()
    text = ELONGATED.sub(r"\1", text)
    text = REDUPLICATED.sub(r"\1-\1", text)
    text = LAUGH.sub(" tertawa ", text)
    lexicon = slang_lexicon()
    words = [lexicon.get(token, token) for token in TOKEN.findall(text)]
    return " ".join(words)


def without_emoji(normalized: str) -> str:
    return " ".join(EMOJI_TOKEN.sub(" ", normalized).split())
