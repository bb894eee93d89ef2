import pytest

from analysis.analyze.language import detect
from denyut.normalize import normalize


@pytest.mark.parametrize("text", [
    "gak bgt deh kpu ini, surat suara telat lagi 😡",
    "Honestly, kampanye paslon 01 tertib dan kreatif, suka banget",
    "Udh nyoblos blm guys? jgn golput ya #Pilkada2024",
    "Distribusi logistik ke TPS tepat waktu, good job petugas",
])
def test_slangy_and_code_mixed_indonesian_counts_as_indonesian(text):
    assert detect(normalize(text)) == "id"


@pytest.mark.parametrize("text, expected", [
    ("Just voted! The polling station staff were friendly and efficient", "en"),
    ("Ayo podo nyoblos tanggal 27, ojo golput lur", "jv"),
    ("", "und"),
])
def test_other_languages_are_recognised(text, expected):
    assert detect(normalize(text)) == expected
