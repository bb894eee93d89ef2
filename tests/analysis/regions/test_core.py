"""The rules of placing a post: names and aliases, the longest name, same-name cities and regencies, common words
that need context, hashtags, the location field and the order of trust of the sources."""

from __future__ import annotations

import pytest

from analysis.regions import columns, place


def codes(text: str, location: str = "", region: str | None = None) -> tuple[list[str], list[str]]:
    found = place(text, location, region)
    return [a.code for a in found.provinces], [a.code for a in found.regencies]


@pytest.mark.parametrize(
    "text, provinces",
    [
        ("Pilkada Jawa Timur makin panas", ["35"]),
        ("pilgub jatim", ["35"]),
        ("JAWA BARAT memilih", ["32"]),
        ("#Jabar", ["32"]),
        ("warga jateng", ["33"]),
        ("Debat cagub DKI semalam", ["31"]),
        ("jogja istimewa", ["34"]),
        ("Yogyakarta tenang", ["34"]),
        ("Sumut, Sumbar, Sumsel", ["12", "13", "16"]),
        ("Kaltara dan Kaltim", ["64", "65"]),
        ("NTB NTT", ["52", "53"]),
        ("Babel dan Kepri", ["19", "21"]),
        ("Sulut Sulteng Sultra Sulsel", ["71", "72", "73", "74"]),
        ("Papua Barat Daya", ["96"]),
        ("Papua Barat", ["92"]),
        ("Papua", ["91"]),
        ("Papua Selatan, Papua Tengah, Papua Pegunungan", ["93", "94", "95"]),
        ("Sulawesi Utara", ["71"]),
    ],
)
def test_provinces_are_found_by_their_names_and_short_forms(text, provinces):
    assert codes(text) == (provinces, [])


@pytest.mark.parametrize(
    "text",
    ["Jawa itu kunci pilpres", "hutan Kalimantan habis", "nikel Sulawesi", "Sumatera dari ujung ke ujung", "Nusa Tenggara"],
)
def test_an_island_alone_names_no_province(text):
    assert codes(text) == ([], [])


def test_the_longest_name_wins_and_its_words_are_not_read_again():
    assert codes("dari Papua Barat Daya ke Papua Barat lalu Papua") == (["91", "92", "96"], [])
    assert codes("Bandung Barat") == (["32"], ["32.17"])
    assert codes("Jakarta Selatan") == (["31"], ["31.74"])


@pytest.mark.parametrize("text", ["bonus relawan cair", "batubara naik", "Surabayanya panas", "ke kepatihan", "jatimnya"])
def test_a_name_inside_another_word_never_matches(text):
    assert codes(text) == ([], [])


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Bandung macet", (["32"], [])),
        ("Kota Bandung macet", (["32"], ["32.73"])),
        ("Kab. Bandung banjir", (["32"], ["32.04"])),
        ("Kabupaten Bekasi dan Kota Bekasi", (["32"], ["32.16", "32.75"])),
        ("Bupati Malang dilantik", (["35"], ["35.07"])),
        ("wali kota Malang", (["35"], ["35.73"])),
        ("Pemkot Semarang", (["33"], ["33.74"])),
        ("Jayapura hujan", (["91"], [])),
        ("Sorong", (["96"], [])),
        ("Kupang panas", (["53"], [])),
    ],
)
def test_a_city_and_a_regency_of_one_name_give_the_province_unless_kota_or_kabupaten_says_which(text, expected):
    assert codes(text) == expected


def test_a_name_that_regencies_of_two_provinces_share_gives_nothing_unless_one_province_is_named():
    assert codes("Banjar") == ([], [])
    assert codes("Banjar, Kalsel") == (["63"], ["63.03"])
    assert codes("Kota Banjar") == (["32"], ["32.79"])


@pytest.mark.parametrize("text, province", [("Gorontalo", "75"), ("Bengkulu", "17"), ("Jambi", "15")])
def test_a_bare_name_that_is_also_a_province_s_gives_the_province(text, province):
    assert codes(text) == ([province], [])
    assert codes(f"Kota {text}") == ([province], [f"{province}.71"])


@pytest.mark.parametrize(
    "text",
    [
        "duduk di batu nunggu quick count",
        "keras kayak batu",
        "sari pati singkong",
        "main di tegal belakang rumah",
        "nasib malang petugas KPPS",
        "di medan perang politik",
        "ketok palu APBD",
        "serang balik lawan",
        "buru-buru pulang",
        "konser solo",
        "roh kudus",
        "ibu kota baru",
        "tambang batu bara",
        "tulang bone",
        "Bima Arya kampanye",
    ],
)
def test_a_name_that_is_also_an_ordinary_word_or_a_person_s_name_alone_names_nothing(text):
    assert codes(text) == ([], [])


@pytest.mark.parametrize(
    "text, expected",
    [
        ("KPU Kota Batu", (["35"], ["35.79"])),
        ("warga Batu menolak politik uang", (["35"], ["35.79"])),
        ("di Batu dingin", (["35"], ["35.79"])),
        ("Batu, Jawa Timur", (["35"], ["35.79"])),
        ("#Batu damai", (["35"], ["35.79"])),
        ("Pilkada Pati ricuh", (["33"], ["33.18"])),
        ("Pati jateng", (["33"], ["33.18"])),
        ("pilwalkot Solo", (["33"], ["33.72"])),
        ("Sukoharjo tetangga Solo", (["33"], ["33.11", "33.72"])),
        ("Kabupaten Bone", (["73"], ["73.08"])),
        ("Kab. Kota Baru", (["63"], ["63.02"])),
        ("warga Tegal", (["33"], [])),
    ],
)
def test_a_common_name_counts_with_context(text, expected):
    assert codes(text) == expected


@pytest.mark.parametrize(
    "text",
    ["makan nasi padang", "dari Sabang sampai Merauke", "Timor Leste", "Papua Nugini", "Polda Metro Jaya", "soto lamongan enak"],
)
def test_a_phrase_that_contains_a_place_but_names_none_gives_nothing(text):
    assert codes(text) == ([], [])


@pytest.mark.parametrize("text", ["WNI di Johor Bahru", "TPS di Singapore", "Kuala Lumpur, Malaysia", "Melaka", "Sabah"])
def test_foreign_places_give_nothing(text):
    assert codes(text) == ([], [])


def test_every_province_and_regency_named_is_kept_in_code_order_and_a_regency_brings_its_province():
    assert codes("Surabaya, Jakarta Selatan dan Jabar") == (["31", "32", "35"], ["31.74", "35.78"])
    assert codes("Sleman") == (["34"], ["34.04"])


def test_links_and_mentions_are_not_read():
    assert codes("https://kompas.com/jawa-barat/bandung @kpu_jatim www.jatim.go.id") == ([], [])


@pytest.mark.parametrize(
    "text, expected",
    [
        ("#PilkadaJabar2024", (["32"], [])),
        ("#KPUKotaBandung", (["32"], ["32.73"])),
        ("#KPUKabBogor", (["32"], ["32.01"])),
        ("#PilbupPati", (["33"], ["33.18"])),
        ("#BandungJuara", (["32"], [])),
        ("#JakartaBanjir", (["31"], [])),
        ("#PrayForPalu", (["72"], ["72.71"])),
        ("#Kotabaru", (["63"], ["63.02"])),
        ("#Balikpapan", (["64"], ["64.71"])),
        ("#KawalPilkada #PemiluDamai", ([], [])),
    ],
)
def test_hashtags_are_read_without_their_known_prefixes_and_suffixes(text, expected):
    assert codes(text) == expected


def test_the_location_field_reads_places_and_its_own_short_forms():
    assert codes("", "Sragen, Jawa Tengah") == (["33"], ["33.14"])
    assert codes("", "jkt") == (["31"], [])
    assert codes("", "smg") == (["33"], [])
    assert codes("smg lancar", "") == ([], [])  # "semoga" in a post
    assert codes("", "Batu") == (["35"], ["35.79"])  # a location field is context
    assert codes("", "Indonesia") == codes("", "di hatimu") == ([], [])


def test_the_config_region_outranks_the_location_which_outranks_the_text():
    assert codes("Pilkada Jatim", "Jakarta", "33") == (["33"], [])
    assert codes("Pilkada Jatim", "Jakarta") == (["31"], [])
    assert codes("Pilkada Jatim", "") == (["35"], [])
    assert place("x", "Jakarta", "33").source == "config"
    assert place("x", "Jakarta").source == "location"
    assert place("x").source == ""


def test_a_less_trusted_source_adds_regencies_only_inside_the_provinces_already_decided():
    assert codes("warga Kota Batu", "", "35") == (["35"], ["35.79"])
    assert codes("nyoblos di Sleman", "Yogyakarta") == (["34"], ["34.04"])
    assert codes("warga Surabaya", "Semarang") == (["33"], [])
    assert codes("warga Surabaya", "Sidoarjo") == (["35"], ["35.15"])
    assert codes("warga Surabaya", "", "35.15") == (["35"], ["35.15"])


def test_a_region_that_is_no_kemendagri_code_is_refused():
    with pytest.raises(KeyError, match="99.99"):
        place("x", region="99.99")


def test_the_columns_are_semicolon_separated_in_code_order_and_empty_when_unknown():
    assert columns(place("Jatim dan Kota Bandung")) == {
        "province_code": "32;35",
        "province": "Jawa Barat;Jawa Timur",
        "regency_code": "32.73",
        "regency": "Kota Bandung",
    }
    assert columns(place("pemilu damai")) == {"province_code": "", "province": "", "regency_code": "", "regency": ""}
