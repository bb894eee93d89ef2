import numpy as np
import pytest

from analysis.sentiment.embedded import features_text
from analysis.sentiment.lexicon import NAMES, features, lexicon, mark_negation


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


def test_negation_reaches_across_modifiers_to_the_word_it_governs():
    assert mark_negation("tidak terlalu bagus") == "terlalu tidak_bagus"
    assert mark_negation("tidak pernah korupsi") == "pernah tidak_korupsi"
    assert mark_negation("bukan orang yang suka bohong") == "orang yang suka bukan_bohong"
    assert mark_negation("tidak ada rapat hari ini") == "tidak_ada rapat hari ini"  # nothing polar: the next word
    assert mark_negation("tidak datang tapi bagus") == "tidak_datang tapi bagus"  # a clause break ends the scope
    assert mark_negation("ora adil blas") == "ora_adil blas"  # Javanese negator


def test_scoped_negation_and_opposed_faults_reach_the_right_columns():
    c = _columns("pidatonya tidak terlalu bagus", "calon ini tidak pernah korupsi", "warga kompak tolak politik uang",
                 "komitmen antikorupsi beliau", "stop hoaks, pemilu damai", "dia bukan orang yang suka bohong")
    assert c["negated_positive"][0] > 0 and c["positive"][0] == 0
    assert c["negated_negative"][1] > 0 and c["negative"][1] == 0
    assert c["negated_negative"][2] > 0 and c["negative"][2] == 0
    assert c["negated_negative"][3] > 0 and c["negative"][3] == 0
    # only the first fault after "stop" is opposed; the praise after it stays praise
    assert c["negated_negative"][4] > 0 and c["positive"][4] > 0 and c["negated_positive"][4] == 0
    # "suka bohong" is a habit, not a liking: nothing positive in it
    assert c["positive"][5] == 0 and c["negated_negative"][5] > 0


def test_vote_intention_counts_for_and_against_a_candidate():
    c = _columns("besok aku coblos nomor 3", "jangan pilih 02 lagi", "pilih kasih itu", "gak bakal milih calon itu")
    assert c["positive"][0] > 0 and c["negative"][0] == 0
    assert c["negative"][1] > 0 and c["positive"][1] == 0
    assert c["positive"][2] == 0 and c["negative"][2] == 0  # no candidate named: not a vote
    assert c["negative"][3] > 0


def test_the_rivals_faults_next_to_praise_count_for_the_praise():
    c = _columns("saat yang lain korupsi dia tetap bersih", "yang lain korupsi semua")
    assert c["positive"][0] > 0 and c["negative"][0] == 0 and c["only_positive"][0] > 0
    assert c["negative"][1] > 0  # an attack on its own is still an attack


def test_shipped_model_reads_election_phrasings_better_than_before():
    """Hand-written, synthetic election posts for each pattern (tests/.../fixtures/election_checks.csv);
    the model of 2026-11-30 read 30 of the 68 right. Written alongside the rules, so a check that they
    work, not an accuracy estimate."""
    import csv
    from collections import Counter
    from pathlib import Path

    from analysis.sentiment import load_model

    with open(Path(__file__).with_name("fixtures") / "election_checks.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    predicted = load_model("embedded").predict([row["text"] for row in rows])
    right = Counter(row["phenomenon"] for row, label in zip(rows, predicted) if row["label"] == label)
    assert sum(right.values()) >= 50, right
    assert all(right[p] >= 0.5 * n for p, n in Counter(row["phenomenon"] for row in rows).items()), right
