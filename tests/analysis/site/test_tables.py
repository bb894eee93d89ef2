import markdown
from bs4 import BeautifulSoup

from analysis.site import tables

WIDE = """| Isu | Porsi unggahan (perkiraan) | Kisaran 95% | Ditandai pola kata | Negatif | Kisaran 95% | Negatif vs pekan lalu |
|---|---:|---:|---:|---:|---:|---:|
| Hoaks dan disinformasi | 15,3% | 13,9–16,7% | 140 | 33,9% | 21,3–46,4% | belum dapat dipastikan |
"""
NARROW = """| Pekan | Presisi | Cakupan |
|---|---:|---:|
| 18–24 Nov 2024 | 94,6% | 100,0% |
"""


def _html(text: str) -> BeautifulSoup:
    page = markdown.markdown(text, extensions=["tables", "md_in_html", "analysis.site.tables"])
    return BeautifulSoup(page, "lxml")


def test_every_body_cell_carries_its_column_s_name():
    soup = _html(NARROW)
    assert [td["data-label"] for td in soup.select("tbody td")] == ["Pekan", "Presisi", "Cakupan"]


def test_a_column_name_used_twice_says_which_column_it_follows():
    labels = [td["data-label"] for td in _html(WIDE).select("tbody td")]
    assert labels[2] == "Kisaran 95%" and labels[5] == "Kisaran 95% (Negatif)"


def test_a_table_too_wide_for_a_phone_is_marked_for_stacking_and_keeps_its_table_roles():
    wide, narrow = _html(WIDE).find("table"), _html(NARROW).find("table")
    assert wide.has_attr("data-denyut-stack") and not narrow.has_attr("data-denyut-stack")
    assert wide["role"] == "table" and {td["role"] for td in wide.select("td")} == {"cell"}
    assert {th["role"] for th in wide.select("th")} == {"columnheader"}


def test_the_least_width_counts_the_longest_word_of_each_column_because_cells_never_cut_a_word():
    assert tables.least_width([["Isu", "Penghitungan dan rekapitulasi"], ["Porsi", "15,3%"]]) == (
        12 * tables.CHAR_WIDTH + tables.CELL_PADDING
    ) + (5 * tables.CHAR_WIDTH + tables.CELL_PADDING)


def test_a_cell_s_raw_html_counts_by_its_text_and_its_label_is_plain_text():
    soup = _html("| Model <code>x</code> | Nilai |\n|---|---:|\n| <code>embedded@2024.11.05-abcdef</code> | 1 |\n")
    assert soup.select("td")[1]["data-label"] == "Nilai"
    assert soup.select("td")[0]["data-label"] == "Model x"
    assert soup.find("table").has_attr("data-denyut-stack") is False


def test_an_outside_string_in_a_header_stays_an_attribute_value():
    soup = _html("| A &#34;&#62;&#60;script&#62; | B |\n|---|---|\n| 1 | 2 |\n")
    assert soup.find("td")["data-label"] == 'A "><script>'
    assert not soup.find("script")
