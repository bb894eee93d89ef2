import pytest

from analysis.analyze import language
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


def test_the_batched_walk_gives_py3langid_s_own_labels_through_its_public_api():
    texts = ["Surat suara telat datang di TPS 5", "Ayo podo nyoblos, ojo golput", "The queue was long but fine",
             "SEMUA HURUF BESAR", "Wij hebben gestemd", "投票に行きました", "Débat électoral ce soir", "x"]
    identifier = language._identifier()
    assert language._walk(texts) == [identifier.classify(t)[0] for t in texts]


def test_tables_laid_out_otherwise_fall_back_to_classify_with_the_same_labels(monkeypatch):
    texts = ["Surat suara telat datang di TPS 5, kecewa banget", "Just voted! The staff were friendly"]
    expected = language.detect_many(texts)
    nextmove, rowbase, output, ptc, pc = language._tables()
    monkeypatch.setattr(language, "_tables", lambda: (nextmove, rowbase + 1, output, ptc, pc))
    language._batch_agrees.cache_clear()
    try:
        assert language._batch_agrees() is False
        assert language.detect_many(texts) == expected
    finally:
        language._batch_agrees.cache_clear()


def test_the_config_accepts_exactly_the_languages_the_detector_can_tell_apart():
    from denyut.config import DETECTABLE_LANGUAGES

    # Malay is read as Indonesian: a week analysing "ms" alone would analyse nothing
    assert set(language.CANDIDATES) - {"ms"} == set(DETECTABLE_LANGUAGES)
