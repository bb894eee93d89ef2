"""The home page's region picker: island groups as <details> (no script), only the regions that have pages, links
in the site's path for a region's page, names escaped."""

import re

import markdown
import pytest
from bs4 import BeautifulSoup

from analysis.regions.picker import GROUPS, island_group, region_link, region_picker
from analysis.regions.tilemap import LAYOUT


def soup(codes, **kwargs) -> BeautifulSoup:
    return BeautifulSoup(str(region_picker("2024-W48", codes, **kwargs)), "html.parser")


def test_every_province_falls_in_one_of_the_seven_island_groups_in_the_expected_one():
    assert list(GROUPS) == ["Sumatera", "Jawa", "Bali-Nusa Tenggara", "Kalimantan", "Sulawesi", "Maluku", "Papua"]
    assert {island_group(code) for code in LAYOUT} == set(GROUPS)
    assert [island_group(c) for c in ("11", "21", "31", "34", "52", "65", "75", "82", "96", "33.29")] == [
        "Sumatera", "Sumatera", "Jawa", "Jawa", "Bali-Nusa Tenggara", "Kalimantan", "Sulawesi", "Maluku", "Papua", "Jawa"]


def test_a_regions_link_is_its_page_under_the_week_with_a_dash_for_the_dot():
    assert region_link("2024-W48", "33.29") == "laporan/wilayah/2024-w48-33-29/"
    assert region_link("2024-W48", "18", prefix="../") == "../laporan/wilayah/2024-w48-18/"


def test_only_the_given_regions_are_listed_grouped_by_island_in_order_west_to_east():
    page = soup(["91", "18", "33", "33.29", "18.71", "35"])
    groups = [d.summary.get_text() for d in page.find_all("details")]
    assert groups == ["Sumatera (1 provinsi, 1 kabupaten/kota)", "Jawa (2 provinsi, 1 kabupaten/kota)", "Papua (1 provinsi)"]
    links = {a.get_text(): a["href"] for a in page.find_all("a")}
    assert links == {"Lampung": "laporan/wilayah/2024-w48-18/", "Kota Bandar Lampung": "laporan/wilayah/2024-w48-18-71/",
                     "Jawa Tengah": "laporan/wilayah/2024-w48-33/", "Kabupaten Brebes": "laporan/wilayah/2024-w48-33-29/",
                     "Jawa Timur": "laporan/wilayah/2024-w48-35/", "Papua": "laporan/wilayah/2024-w48-91/"}
    jawa = page.find_all("details")[1]
    assert [a.get_text() for a in jawa.find_all("a")] == ["Jawa Tengah", "Kabupaten Brebes", "Jawa Timur"]
    brebes = jawa.find("a", string="Kabupaten Brebes")
    assert brebes.find_parent("li").find_parent("li").a.get_text() == "Jawa Tengah"  # beneath its province


def test_a_regency_whose_province_has_no_page_is_listed_under_the_provinces_name_without_a_link():
    page = soup(["33.29"])
    assert [a.get_text() for a in page.find_all("a")] == ["Kabupaten Brebes"]
    assert page.find("li").contents[0].strip() == "Jawa Tengah"
    assert page.details.summary.get_text() == "Jawa (1 kabupaten/kota)"


def test_no_region_gives_an_empty_block_and_an_unknown_code_is_refused():
    assert str(region_picker("2024-W48", [])) == ""
    with pytest.raises(KeyError):
        region_picker("2024-W48", ["99"])


def test_names_are_escaped_and_the_picker_survives_the_sites_markdown_with_no_script():
    html = markdown.markdown("Pilih wilayah:\n\n" + str(region_picker("2024-W48", ["33", "18"], names={"33": "<b>Jateng</b>_*"}))
                             + "\nSesudahnya.\n", extensions=["attr_list", "md_in_html", "tables", "pymdownx.details"])
    assert "<b>" not in html and "<script" not in html
    page = BeautifulSoup(html, "html.parser")
    assert [a.get_text() for a in page.find_all("a")] == ["Lampung", "<b>Jateng</b>_*"]
    assert len(page.find_all("details")) == 2 and page.nav["aria-label"] == "Pilih wilayah"
    assert not re.search(r"<(em|strong|code)>", html)  # no Markdown read inside the names
