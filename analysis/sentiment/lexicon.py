"""Lexicon and sarcasm features: a few dense columns that carry polarity to words and
situations the labelled data rarely shows (election slang, sarcastic praise)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
from scipy import sparse

from denyut.fingerprint import resource
from denyut.normalize import NEGATORS, SLANG

# Irony markers, emoji by their names in denyut.normalize. Next to praise, an eye-roll is mockery
# on its own; applause and "katanya" are also said sincerely, so they count only with a complaint.
STRONG_IRONY = frozenset({"emo_upside_down_face", "emo_face_with_rolling_eyes", "emo_unamused_face"})
WEAK_IRONY = frozenset({"emo_clapping_hands_sign", "emo_smirking_face", "katanya", "hebatnya", "mantapnya"})
LEXICON = resource(Path(__file__).with_name("lexicon.tsv"))
NAMES = ["positive", "negative", "negated_positive", "negated_negative", "only_positive", "only_negative",
         "irony", "angry_emoji", "happy_emoji"]


@lru_cache(maxsize=1)
def lexicon() -> tuple[dict[str, int], dict[str, int]]:
    """(single words, multi-word phrases) → polarity."""
    words, phrases = {}, {}
    for line in LEXICON.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            term, polarity = line.split("\t")
            (phrases if " " in term else words)[term] = int(polarity)
    return words, phrases


def features(prepared: list[str], scale: float) -> sparse.csr_matrix:
    """One row per text prepared by analysis.sentiment.embedded.features_text (negation already marked)."""
    words, phrases = lexicon()
    rows = np.zeros((len(prepared), len(NAMES)), dtype=np.float32)
    for i, text in enumerate(prepared):
        pos = neg = negated_pos = negated_neg = strong = weak = angry = happy = 0
        for token in text.split():
            head, _, rest = token.partition("_")
            if rest and head in NEGATORS:
                polarity = words.get(rest, 0)
                negated_pos += polarity > 0
                negated_neg += polarity < 0
                continue
            polarity = words.get(token, 0)
            pos += polarity > 0
            neg += polarity < 0
            strong += token in STRONG_IRONY
            weak += token in WEAK_IRONY
            # Emoji count in the polarity columns too: the reviews the model learns from have few
            # emoji, so their own columns get little weight, while the polarity columns get a lot.
            if token.startswith("emo_"):
                angry += polarity < 0
                happy += polarity > 0
        for phrase, polarity in phrases.items():
            if phrase in text:
                pos += polarity > 0
                neg += polarity < 0
        ironic = pos > 0 and (strong > 0 or (weak > 0 and neg + negated_pos > 0))
        if ironic:  # the praise is mockery: read it with the weight the reviews taught for complaints
            pos, neg = 0, neg + pos
        negative_total = neg + negated_pos
        rows[i] = [pos, neg, negated_pos, negated_neg, pos > 0 and negative_total == 0, negative_total > 0 and pos == 0,
                   ironic, angry, happy]
    return sparse.csr_matrix(np.log1p(rows) * scale)


def resource_files() -> tuple[Path, Path]:
    """The word lists that change what the model reads: part of the embedded model's version."""
    return LEXICON, SLANG
