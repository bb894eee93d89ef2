"""A page per issue over the weeks, the charts' files, and the link to it from the weekly issue table."""

import csv
import io

from analysis.report import charts, issue_pages, sections, site_pages
from denyut.config import Config
from tests.analysis.report import weeks as w


def _weeks():
    first = w.summary(week="2024-W46", week_start="2024-11-11", week_end="2024-11-17")
    second_issues = [w.issue("logistik", "Logistik pemilu", 0.21), w.issue("dpt", "Daftar pemilih", 0.10)]
    second_issues[0]["check"]["estimate"] = None  # too few audited posts this week
    second = w.summary(issues=second_issues)
    return [first, second]


def test_an_issue_page_shows_each_weeks_estimated_share_and_negative_share_with_their_ranges(tmp_path):
    issue_pages.write_issue_pages(tmp_path, _weeks())
    page = (tmp_path / "isu" / "dpt.md").read_text(encoding="utf-8")
    assert page.startswith("{% import") is False and page.startswith("# Daftar pemilih")
    assert "| [11–17 November 2024](../laporan/posts/2024-w46.md) | 10,0% | 8,0–12,0% | 100 |" in page
    assert "| [18–24 November 2024](../laporan/posts/2024-w47.md) | 40,0% | 30,0–50,0% | 100 |" in page
    assert 'id="grafik-porsi-dpt"' in page and 'id="grafik-negatif-dpt"' in page
    assert "[Unduh SVG](dpt/grafik-porsi-dpt.svg)" in page and "[Unduh data (CSV)](dpt/grafik-negatif-dpt.csv)" in page


def test_a_week_whose_share_could_not_be_estimated_is_said_in_words(tmp_path):
    issue_pages.write_issue_pages(tmp_path, _weeks())
    page = (tmp_path / "isu" / "logistik.md").read_text(encoding="utf-8")
    assert "| [18–24 November 2024](../laporan/posts/2024-w47.md) | – | – | 100 |" in page
    assert "Pada pekan 18–24 November 2024 porsinya belum dapat diperkirakan" in page
    assert "belum dapat diperkirakan" not in (tmp_path / "isu" / "dpt.md").read_text(encoding="utf-8")


def test_the_issue_list_links_each_issue_page_with_its_latest_numbers(tmp_path):
    issue_pages.write_issue_pages(tmp_path, _weeks())
    listing = (tmp_path / "isu.md").read_text(encoding="utf-8")
    assert "| [Daftar pemilih](dpt.md) | 10,0% | 8,0–12,0% | 40,0% |" in listing
    assert "| [Logistik pemilu](logistik.md) | – | – | 40,0% |" in listing


def test_an_issue_charts_csv_holds_the_summaries_numbers_and_its_svg_is_a_standalone_file(tmp_path):
    issue_pages.write_issue_pages(tmp_path, _weeks())
    rows = list(csv.reader(io.StringIO((tmp_path / "isu" / "logistik" / "grafik-porsi-logistik.csv").read_text())))
    assert rows == [["pekan", "porsi", "batas_bawah", "batas_atas"], ["2024-W46", "0.14", "0.12000000000000001", "0.16"],
                    ["2024-W47", "", "", ""]]
    svg = (tmp_path / "isu" / "logistik" / "grafik-negatif-logistik.svg").read_text()
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"') and "Logistik pemilu" in svg


def test_an_issue_gone_from_the_weeks_loses_its_page_and_files(tmp_path):
    issue_pages.write_issue_pages(tmp_path, _weeks())
    only = [w.summary(issues=[w.issue("dpt", "Daftar pemilih", 0.1)])]
    issue_pages.write_issue_pages(tmp_path, only)
    assert sorted(p.name for p in (tmp_path / "isu").iterdir()) == ["dpt", "dpt.md"]


def test_a_chart_csv_guards_a_cell_a_spreadsheet_would_run():
    assert charts.csv_text([["isu", "negatif"], ["=HYPERLINK(1)", 3]]) == "isu,negatif\n'=HYPERLINK(1),3\n"


def test_the_weekly_issue_table_links_each_issue_to_its_page():
    s = w.summary()
    text = sections.issues(s, [s], Config())
    assert "| [Logistik pemilu](../../isu/logistik.md) | 14,0% |" in text
    assert "[Unduh SVG](../../data/2024-w47/grafik/grafik-isu-2024-w47.svg)" in text


def test_the_weekly_charts_files_are_written_beside_the_report(tmp_path):
    s = w.summary()
    with charts.collecting() as drawn:
        sections.sentiment(s, [s], Config())
    charts.write_files(tmp_path, drawn)
    rows = list(csv.reader(io.StringIO((tmp_path / "grafik-sentimen-2024-w47.csv").read_text())))
    assert rows[1] == ["negative", "0.4", "0.35", "0.45"]
    assert (tmp_path / "grafik-sentimen-2024-w47.svg").read_text().count("<rect") >= 4


def test_the_site_pages_include_the_issue_list_and_pages(tmp_path):
    site_pages.write(tmp_path, _weeks(), Config())
    assert (tmp_path / "isu.md").is_file() and (tmp_path / "isu" / "dpt.md").is_file()
