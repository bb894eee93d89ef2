from denyut.normalize import normalize, split_words, without_emoji


def test_slang_is_standardised_and_elongation_shortened():
    assert normalize("gak bgt deh, parahhh!!!") == "tidak banget deh parah"
    assert normalize("Udh nyoblos blm?") == "sudah mencoblos belum"


def test_urls_and_mentions_are_removed_and_hashtags_split():
    assert normalize("@kpu_ri cek https://t.co/abc ya #PilkadaDamai #kawalpemilu") == "cek ya pilkada damai kawal pemilu"


def test_emoji_become_tokens_that_can_be_dropped():
    text = normalize("mantap 👍")
    assert text.startswith("mantap emo_")
    assert without_emoji(text) == "mantap"


def test_reduplication_and_laughter():
    assert normalize("bagi2 amplop wkwkwk") == "bagi-bagi amplop tertawa"


def test_hashtags_in_one_case_are_split_into_words_only_when_every_piece_is_a_word():
    assert normalize("#tolakpolitikuang #02MenangSatuPutaran") == "tolak politik uang 02 menang satu putaran"
    assert normalize("#suksespemilu2024") == "sukses pemilu 2024"
    assert split_words("xyzqwerty") == "xyzqwerty"  # no reading: left whole
    assert split_words("pemilucurangx") == "pemilucurangx"  # a stray letter is not a word
    assert split_words("pemilu") == "pemilu"
