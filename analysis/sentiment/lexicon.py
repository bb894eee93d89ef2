"""Lexicon and sarcasm features: a few dense columns that carry polarity to words and
situations the labelled data rarely shows (election slang, sarcastic praise)."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from scipy import sparse

from denyut.paths import RESOURCES_DIR

# Emoji (by their names in analysis.normalize) and words that often mark irony in Indonesian posts.
IRONY_MARKERS = frozenset({"emo_upside_down_face", "emo_face_with_rolling_eyes", "emo_clapping_hands_sign",
                           "emo_unamused_face", "emo_smirking_face", "tertawa", "katanya", "hebatnya", "mantapnya"})
NAMES = ["positive", "negative", "negated_positive", "negated_negative", "only_positive", "only_negative",
         "irony", "angry_emoji", "happy_emoji"]
ANGRY = frozenset({"emo_pouting_face", "emo_angry_face", "emo_face_with_look_of_triumph", "emo_broken_heart",
                   "emo_disappointed_face", "emo_face_palm", "emo_thumbs_down_sign", "emo_face_with_symbols_on_mouth",
                   "emo_crying_face", "emo_loudly_crying_face", "emo_weary_face", "emo_confounded_face"})
HAPPY = frozenset({"emo_thumbs_up_sign", "emo_person_with_folded_hands", "emo_flexed_biceps", "emo_fire",
                   "emo_smiling_face_with_smiling_eyes", "emo_heavy_black_heart", "emo_grinning_face", "emo_grinning_face_with_star_eyes",
                   "emo_party_popper", "emo_smiling_face_with_heart_shaped_eyes", "emo_white_heavy_check_mark"})


@lru_cache(maxsize=1)
def lexicon() -> tuple[dict[str, int], dict[str, int]]:
    """(single words, multi-word phrases) → polarity."""
    words, phrases = {}, {}
    for line in (RESOURCES_DIR / "lexicon.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            term, polarity = line.split("\t")
            (phrases if " " in term else words)[term] = int(polarity)
    return words, phrases


def features(prepared: list[str], scale: float) -> sparse.csr_matrix:
    """One row per text prepared by analysis.sentiment.embedded.features_text (negation already marked)."""
    words, phrases = lexicon()
    rows = np.zeros((len(prepared), len(NAMES)), dtype=np.float32)
    for i, text in enumerate(prepared):
        pos = neg = negated_pos = negated_neg = irony = angry = happy = 0
        for token in text.split():
            head, _, rest = token.partition("_")
            if rest and head in ("tidak", "bukan", "belum", "kurang", "jangan", "tanpa"):
                polarity = words.get(rest, 0)
                negated_pos += polarity > 0
                negated_neg += polarity < 0
                continue
            polarity = words.get(token, 0)
            pos += polarity > 0
            neg += polarity < 0
            irony += token in IRONY_MARKERS
            angry += token in ANGRY
            happy += token in HAPPY
        for phrase, polarity in phrases.items():
            if phrase in text:
                pos += polarity > 0
                neg += polarity < 0
        negative_total = neg + negated_pos
        rows[i] = [pos, neg, negated_pos, negated_neg, pos > 0 and negative_total == 0, negative_total > 0 and pos == 0,
                   irony > 0 and pos > 0 and (negative_total > 0 or angry > 0), angry, happy]
    return sparse.csr_matrix(np.log1p(rows) * scale)
