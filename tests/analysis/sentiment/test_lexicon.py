import numpy as np
import pytest

from analysis.sentiment.embedded import features_text
from analysis.sentiment.lexicon import NAMES, features, lexicon


def _columns(*texts):
    return dict(zip(NAMES, features([features_text(t) for t in texts], 1.0).toarray().T))


def test_every_entry_can_match_a_normalised_post():
    """An entry that slang normalisation or negation marking rewrites would never be seen."""
    words, phrases = lexicon()
    assert set(words.values()) | set(phrases.values()) == {-1, 1}
    dead = [term for term in [*words, *phrases] if not term.startswith("emo_") and features_text(term) != term]
    assert dead == []


def test_negation_emoji_and_code_mixing_reach_the_polarity_columns():
    c = _columns("petugas ramah dan sigap", "tidak bagus, kecewa 😡", "😡😡😡", "mantap 👍", "this debate is a joke",
                 "so proud of our volunteers", "kadrun mulu yang ribut", "petugasnya gak becus", "rapat jam sembilan")
    assert c["only_positive"][0] > 0 and c["negated_positive"][1] > 0 and c["angry_emoji"][1] > 0
    # emoji also count as polarity words: the reviews the model learns from have too few emoji
    # for their own columns to get weight
    assert c["negative"][2] > 0 and c["positive"][2] == 0 and c["positive"][3] > c["positive"][0] / 2
    assert c["negative"][4] > 0 and c["positive"][5] > 0 and c["negative"][6] > 0
    assert c["negated_positive"][7] > 0
    assert not np.any([column[8] for column in c.values()])


def test_praise_with_an_eye_roll_counts_as_a_complaint():
    c = _columns("wah hebat ya, bansos dibagi pas mau pemilu doang 🙃", "mantap sekali, surat suara telat lagi 👏",
                 "selamat untuk pemenang, hebat 👏👏", "hebat, kerja sampai subuh")
    assert (c["irony"] > 0).tolist() == [True, True, False, False]
    assert c["positive"][0] == 0 and c["negative"][0] > 0  # the praise is read as mockery
    assert c["positive"][1] == 0 and c["negative"][1] > c["negative"][3]
    # applause on its own is also said sincerely
    assert c["positive"][2] > 0 and c["negative"][2] == 0


@pytest.mark.parametrize(("text", "expected"), [
    ("😡😡😡", "negative"),
    ("this debate is a joke lol", "negative"),
    ("kadrun mulu yang ribut", "negative"),
    ("Wah hebat ya, bansos dibagi pas mau pemilu doang 🙃", "negative"),
    ("Mantap sekali, surat suara telat lagi 👏", "negative"),
    ("Selamat untuk pemenang, hebat 👏👏", "positive"),
    ("Petugasnya gak becus", "negative"),
])
def test_shipped_model_reads_what_reviews_never_taught_it(text, expected):
    """Emoji, English, camp slurs and marked sarcasm are rare in the training reviews: the lexicon carries them."""
    from analysis.sentiment import load_model

    assert load_model("embedded").predict([text])[0] == expected
