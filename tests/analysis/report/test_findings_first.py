"""The weekly page puts its findings first: the headline with its range, the real changes (at most three) and one
plain "Apa artinya" line, with what is not yet certain folded; significance and intervals in plain words, said
once, linked to the glossary; names in words, not codes."""

import re

import pytest
import yaml

from analysis.report.narrative import PREVIEW_CHARS
from analysis.report.sections import page
from denyut.config import load_config
from tests.analysis.report.weeks import change, issue, share, summary
from tests.conftest import write_config

ISSUE = {"scope": "logistik", "name": "Logistik pemilu"}
REAL = [
    change("negative", 0.30, 0.45, "up", **ISSUE, q=0.001),
    change("positive", 0.40, 0.30, "down", scope="dpt", name="Daftar pemilih", q=0.01),
    change("neutral", 0.20, 0.28, "up", q=0.02),
    change("negative", 0.35, 0.41, "up", scope="dpt", name="Daftar pemilih", q=0.03),
]
UNCERTAIN = [change("positive", 0.30, 0.38, "uncertain", **ISSUE, low=-0.01, high=0.17, q=0.2)]
STABLE = [change("neutral", 0.30, 0.31, "stable", scope="dpt", name="Daftar pemilih", low=-0.02, high=0.04, q=0.9)]


@pytest.fixture
def config(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "x.jsonl").write_text("")
    (tmp_path / "in" / "tg.jsonl").write_text("")
    return load_config(
        write_config(
            tmp_path,
            "project: {name: Denyut}\nsources:\n"
            "  - {name: sumber-x, type: jsonl, path: in/x.jsonl, platform: x, query: pemilu}\n"
            "  - {name: sumber-tg, type: snscrape-jsonl, path: in/tg.jsonl}\n",
        )
    )


def _body(text: str) -> str:
    return text.split("<!-- more -->", 1)[1]


def _front(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1])


def test_the_findings_come_before_every_other_section_with_the_three_strongest_changes_and_what_they_mean(config):
    s = summary(REAL + UNCERTAIN + STABLE)
    body = _body(page(s, [s], config))
    findings = body[: body.index("!!! info")]
    headings = re.findall(r"^## (.+)$", body, re.MULTILINE)
    assert headings[0] == "Yang berubah sejak pekan lalu"
    top = findings[: findings.index("**Apa artinya:**")]
    # the strongest three (smallest q) listed, the fourth real change folded below them
    assert top.count("\n- ") == 3 and "tentang Logistik pemilu **naik** sekitar 15 poin" in top
    assert "**turun**" in top and "41,0%" not in top
    assert "**Apa artinya:** Dibanding pekan lalu, ada lebih banyak unggahan negatif tentang Logistik pemilu" in findings
    more = findings[findings.index('??? note "Perubahan lain') :]
    assert "41,0%" in more.split('??? note "Belum')[0]


def test_what_is_not_yet_certain_is_folded_and_significance_is_said_once_in_plain_words(config):
    s = summary(REAL + UNCERTAIN + STABLE)
    text = page(s, [s], config)
    fold = text[text.index('??? note "Belum dapat dipastikan (1)"') :]
    assert fold.split("\n\n")[1].startswith("    ")  # the fold's body is indented into it
    assert "    - Porsi unggahan positif tentang Logistik pemilu 30,0% → 38,0%: belum dapat dipastikan" in fold
    assert "    1 perbandingan lain tidak berubah berarti" in fold
    assert "nyata secara statistik" not in text and "perubahan nyata secara statistik" not in text
    assert text.count("Yang berubah lebih dari yang bisa dijelaskan oleh kebetulan") == 1
    assert "(../../glosarium.md#perubahan-nyata)" in text and "(../../glosarium.md#kisaran)" in text


def test_a_week_without_a_real_change_says_so_plainly_and_means_nothing_moved_for_sure(config):
    s = summary(STABLE)
    body = _body(page(s, [s], config))
    assert "Tidak ada perubahan nada yang lebih besar daripada yang bisa dijelaskan oleh kebetulan" in body
    assert "**Apa artinya:** Nada percakapan pekan ini pada dasarnya sama dengan pekan lalu." in body
    assert "Belum dapat dipastikan" not in body.split("## ", 2)[1].split("!!! info")[0].replace("belum dapat dipastikan", "")


def test_the_preview_description_starts_with_a_number_says_what_changed_and_fits_160_characters(config):
    s = summary(REAL)
    description = _front(page(s, [s], config))["description"]
    assert re.match(r"^\d", description) and len(description) <= PREVIEW_CHARS
    assert description.startswith("800 unggahan pemilu pekan 18–24 November 2024: 40,0% negatif.")
    assert "naik 15 poin" in description
    quiet = _front(page(summary(STABLE), [summary(STABLE)], config))["description"]
    assert quiet.endswith("Sejak pekan lalu tidak ada perubahan di luar kebetulan.")


def test_a_long_issue_name_is_cut_at_a_word_so_the_description_stays_within_160_characters(config):
    long = change("negative", 0.30, 0.45, "up", scope="dpt", name="Isu dengan nama yang sangat panjang " * 4, q=0.001)
    s = summary([long])
    description = _front(page(s, [s], config))["description"]
    assert len(description) <= PREVIEW_CHARS and description.endswith("…") and " panjang…" not in description[:-12]


def test_languages_and_sources_are_named_in_words_and_equal_bounds_are_written_once(config):
    s = summary(REAL)
    text = page(s, [s], config)
    assert "(Tagalog 7, Belanda 3)" in text and "tl 7" not in text
    assert "| X (Twitter): pemilu | 500 |" in text and "| ekspor snscrape | 300 |" in text and "snscrape-jsonl" not in text
    narrow = issue("logistik", "Logistik pemilu", 0.14)
    narrow["check"]["estimate"] = share(0.14, 0.1396, 0.1404)  # both bounds read 14,0%
    equal = summary(REAL, issues=[narrow, issue("dpt", "Daftar pemilih", 0.10)])
    shown = page(equal, [equal], config)
    assert "(kisaran 14,0%)" in shown and "14,0–14,0%" not in shown


def test_the_english_summary_is_marked_as_english(config):
    s = summary(REAL)
    text = page(s, [s], config)
    block = text[text.index('<div lang="en" markdown>') :]
    assert block.index("## English summary") < block.index("This week Denyut recorded") < block.index("</div>")
