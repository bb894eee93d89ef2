
from denyut.config import load_config
from tests.analysis.report.weeks import change, drawn_card_text, summary
from tests.conftest import write_config


def test_the_square_card_fills_its_bottom_with_what_changed_and_ends_with_the_weeks_own_link(tmp_path, monkeypatch):
    config = load_config(write_config(tmp_path, "project: {name: Denyut, site_url: 'https://denyut.example/'}\n"))
    s = summary([change("negative", 0.30, 0.45, "up", scope="logistik", name="Logistik pemilu")])
    drawn = drawn_card_text(monkeypatch, s, config, (1080, 1080))
    text = " ".join(drawn)
    assert "Sejak pekan lalu: porsi negatif tentang Logistik pemilu naik 15 poin menjadi 45,0%" in text
    assert drawn[-2:] == ["https://denyut.example/laporan/2024-w47/", "Unggahan medsos bukan survei pemilih"]
    wide = drawn_card_text(monkeypatch, s, config, (1200, 630))
    assert wide[-1].startswith("https://denyut.example/  ·") and "laporan/2024-w47" not in " ".join(wide)
