"""Outside text through the site's own Markdown (the extensions of mkdocs.yml) comes out as the same text."""

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from denyut.markup import markdown_block, markdown_text, safe_link, spreadsheet_cell, whatsapp
from denyut.paths import MKDOCS_YML
from tests.e2e.hostile import PAYLOADS


def _extensions() -> list:
    config = yaml.load(MKDOCS_YML.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    names = [e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]]
    return [n for n in names if n != "pymdownx.snippets"] + ["pymdownx.snippets"]


def _render(source: str) -> BeautifulSoup:
    md = markdown.Markdown(extensions=_extensions(), extension_configs={"pymdownx.snippets": {"check_paths": True}})
    return BeautifulSoup(md.convert(source), "lxml")


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("place", ["{}", "Teks **{}** di tengah", "| a | b |\n|---|---|\n| {} | 1 |", "- butir {}",
                                   '<div class="x" markdown>\n\n{}\n\n</div>', "{}\n"])
def test_a_payload_in_any_place_of_a_page_is_text_and_nothing_else(payload, place):
    soup = _render(place.format(markdown_text(payload)))
    assert not soup.find_all(["a", "img", "script", "code", "pre", "svg", "details", "em", "del", "h1", "h2", "hr", "ol",
                              "abbr", "sup"])
    assert not soup.select(".admonition, table table")
    assert not [a for tag in soup.find_all(True) for a in tag.attrs if a.startswith("on") or a == "id" and tag.name != "div"]
    expected = payload.replace("\u202e", "").replace("\u202c", "").strip()
    assert expected in soup.get_text()


def test_a_value_keeps_its_lines_in_a_preformatted_block():
    block = markdown_block("a *b*\n\nc `d`")
    soup = _render(f'<div class="s">\n<pre>{block}</pre>\n</div>')
    assert soup.pre.get_text() == "a *b*\n\nc `d`"


def test_numbers_and_dates_are_left_as_they_are():
    assert markdown_text("1.234") == "1.234" and markdown_text("18–24 November 2024") == "18–24 November 2024"
    assert markdown_text("-2,5 poin") == "&#45;2,5 poin"  # a leading dash would open a list


@pytest.mark.parametrize(("url", "ok"), [("https://kpu.go.id/x?a=1", True), ("http://contoh.id", True),
                                         ("javascript:alert(1)", False), ("data:text/html,x", False),
                                         ("JAVASCRIPT://x.id/%0aalert(1)", False), ("https://x.id/a b", False),
                                         ("//x.id", False), ("https:///nohost", False), ("ftp://x.id", False)])
def test_only_http_links_with_a_host_may_be_links(url, ok):
    assert (safe_link(url) is not None) == ok


@pytest.mark.parametrize(("cell", "guarded"), [("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"),
                                               ("-2+3", "'-2+3"), ("+62812", "'+62812"), ("@SUM(A1)", "'@SUM(A1)"),
                                               ("\tx", "'\tx"), ("\rx", "'\nx"), ("\nx", "'\nx"), ("Logistik", "Logistik"), (-2, -2), (0.5, 0.5)])
def test_a_text_cell_that_a_spreadsheet_would_run_is_guarded_and_numbers_stay_numbers(cell, guarded):
    assert spreadsheet_cell(cell) == guarded


def test_outside_text_in_whatsapp_has_no_marks_and_no_link():
    assert whatsapp("*tebal* _miring_ ~coret~ `kode`") == "tebal miring coret kode"
    assert whatsapp("lihat https://evil.example/x dan evil.example/y atau javascript:alert(1)") == \
        "lihat [tautan] dan [tautan] atau [tautan]"
    assert whatsapp("baris\nbaru") == "baris baru"
