import pytest

from analysis.sentiment.data import key, read_nusax, read_smsa, without
from denyut.errors import InputError


def test_key_ignores_case_and_punctuation():
    assert key("Enak, banget!!") == key("enak banget")


def test_without_removes_overlapping_texts():
    rows = [("Enak banget!", "positive"), ("buruk", "negative")]
    assert without(rows, [("enak banget", "positive")]) == [("buruk", "negative")]


def test_bad_label_names_file_and_line(tmp_path):
    bad = tmp_path / "train.tsv"
    bad.write_text("bagus\tpositive\njelek\tsangat-negatif\n")
    with pytest.raises(InputError, match=r"train.tsv, baris 2"):
        read_smsa(bad)
    csv_bad = tmp_path / "train.csv"
    csv_bad.write_text("id,text,label\n1,bagus,positive\n2,jelek,buruk\n")
    with pytest.raises(InputError, match=r"train.csv, baris 3"):
        read_nusax(csv_bad)


def test_shared_sets_have_the_documented_sizes(shared_data):
    from analysis.sentiment.data import load_sets

    sets = load_sets(shared_data)
    assert (len(sets["smsa_train"]), len(sets["smsa_valid"])) == (11000, 1260)
    assert (len(sets["nusax_train"]), len(sets["nusax_valid"]), len(sets["nusax_test"])) == (500, 100, 400)


def test_code_switching_swaps_words_for_regional_equivalents_the_same_way_every_time():
    from analysis.sentiment.data import code_switch

    pairs = {"javanese": {"bagus": ["apik"], "tidak": ["ora"]}, "sundanese": {"bagus": ["sae"]}}
    rows = [("Bagus sekali tidak bohong", "positive"), ("bagus", "positive"), ("rapat besok", "neutral")]
    mixed = code_switch(rows, pairs, share=1.0, seed=0)
    assert mixed == [("apik sekali ora bohong", "positive"), ("sae", "positive")]  # nothing to swap: left out
    assert code_switch(rows * 20, pairs, share=0.5, seed=3) == code_switch(rows * 20, pairs, share=0.5, seed=3)


def test_a_word_list_with_the_wrong_header_is_named_with_its_line(tmp_path):
    from analysis.sentiment.data import read_word_pairs

    path = tmp_path / "javanese.csv"
    path.write_text("index,jawa\n0,abu,awu\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        read_word_pairs(path)
    assert error.value.line == 1 and error.value.field == "header" and str(path) in str(error.value)
    path.write_text(",indonesian,javanese\n0,abu,awu\n1,adopsi\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        read_word_pairs(path)
    assert error.value.line == 3
