from denyut.normalize import mark_negation, normalize, without_emoji


def test_slang_is_standardised_and_elongation_shortened():
    assert normalize("gak bgt deh, parahhh!!!") == "tidak banget deh parah"
    assert normalize("Udh nyoblos blm?") == "sudah mencoblos belum"


def test_urls_and_mentions_are_removed_and_hashtags_split():
    assert normalize("@kpu_ri cek https://t.co/abc ya #PilkadaDamai #kawalpemilu") == "cek ya pilkada damai kawalpemilu"


def test_emoji_become_tokens_that_can_be_dropped():
    text = normalize("mantap 👍")
    assert text.startswith("mantap emo_")
    assert without_emoji(text) == "mantap"


def test_reduplication_and_laughter():
    assert normalize("bagi2 amplop wkwkwk") == "bagi-bagi amplop tertawa"


def test_negation_joins_the_next_word():
    assert mark_negation(normalize("ga bagus, bukan main")) == "tidak_bagus bukan_main"
    assert mark_negation("tidak emo_thumbs_up") == "tidak emo_thumbs_up"
