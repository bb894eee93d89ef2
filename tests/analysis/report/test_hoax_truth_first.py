"""A debunked claim never stands alone: the page, the PDF, the cards and the WhatsApp text each say "HOAKS" and the
truth before the claim (the fact-checkers' truth sandwich), never bold the claim, and never make a correction up."""

import pypdf
import pytest

from analysis.report import pdf
from analysis.report.sections import page
from analysis.report.share import whatsapp_text
from denyut.config import load_config
from tests.analysis.report.weeks import change, drawn_card_text, hoax, summary
from tests.conftest import write_config

CLAIM = "Kotak suara kardus sudah diisi sebelum hari pemungutan"
TRUTH = "Kotak suara tersegel sampai dibuka di TPS"


@pytest.fixture
def config(tmp_path):
    """A project whose list holds the claim (the page then reports its echoes)."""
    (tmp_path / "hoaks.yaml").write_text(
        f"claims:\n  - {{id: klaim-uji, description: {CLAIM}, clarification: "
        f"'https://kpu.example/klarifikasi/uji', examples: ['{CLAIM.lower()}']}}\n"
    )
    return load_config(
        write_config(tmp_path, "project: {name: Denyut, site_url: 'https://denyut.example/'}\nhoaxes: {file: hoaks.yaml}\n")
    )


def _hoax_section(text: str) -> str:
    start = text.index("## Hoaks yang beredar lagi")
    return text[start : text.index("\n## ", start)]


def _order(text: str, *parts: str) -> list[int]:
    text = " ".join(text.split())
    return [text.index(part) for part in parts]


def test_the_page_says_hoaks_and_the_truth_before_the_claim_and_never_bolds_the_claim(config):
    s = summary(hoaxes=[hoax(CLAIM, TRUTH)])
    text = page(s, [s], config)
    section = _hoax_section(text)
    label, truth, claim, link = _order(section, "HOAKS", TRUTH, CLAIM, "Baca klarifikasinya")
    assert label < truth < claim < link
    line = next(line for line in section.splitlines() if CLAIM in line)
    assert "**" not in line and line.strip() != CLAIM  # neither bold nor a line of its own


def test_a_claim_without_a_correction_points_to_its_link_and_no_fact_is_made_up(config):
    s = summary(hoaxes=[hoax(CLAIM, None)])
    text = page(s, [s], config)
    section = _hoax_section(text)
    pointer, claim = _order(section, "Klarifikasi: lihat tautan", CLAIM)
    assert pointer < claim and "Faktanya" not in section


def test_the_pdf_text_puts_the_correction_before_the_claim(config, tmp_path):
    s = summary(hoaxes=[hoax(CLAIM, TRUTH)])
    path = pdf.write_pdf(tmp_path / "minggu", s, config)
    text = " ".join(page_.extract_text() for page_ in pypdf.PdfReader(path).pages)
    label, truth, claim = _order(text, "HOAKS", TRUTH, CLAIM)
    assert label < truth < claim


def test_the_whatsapp_text_puts_the_correction_before_the_claim(config):
    text = whatsapp_text(summary(hoaxes=[hoax(CLAIM, TRUTH)]), config)
    label, truth, claim = _order(text, "HOAKS", TRUTH, CLAIM)
    assert label < truth < claim and len(text) <= 700


def test_a_long_hoax_is_shortened_with_its_correction_still_first_so_the_whatsapp_text_fits(config):
    long_claim, long_truth = "klaim " * 49 + "akhir", "fakta " * 49 + "akhir"
    text = whatsapp_text(summary(changes=[change("negative", 0.3, 0.4, "up")], hoaxes=[hoax(long_claim, long_truth)]), config)
    assert len(text) <= 700 and "Logistik pemilu" in text and "Daftar pemilih" in text
    truth, claim = _order(text, "Faktanya: fakta", "keliru: klaim")
    assert truth < claim and "akhir" not in text and "fakta…" in text  # cut after a whole word


def test_the_square_card_draws_the_correction_before_the_claim(config, monkeypatch):
    drawn = drawn_card_text(monkeypatch, summary(hoaxes=[hoax(CLAIM, TRUTH)]), config, (1080, 1080))
    joined = " ".join(drawn)
    label, truth, claim = _order(joined, "HOAKS", "Kotak suara tersegel", "Kotak suara kardus")  # as they wrap
    assert label < truth < claim
