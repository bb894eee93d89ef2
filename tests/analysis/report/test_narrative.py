from analysis.report.narrative import list_id
from denyut.fmt import interval, num, pct, week_range


def test_numbers_are_written_the_indonesian_way():
    assert num(1234567) == "1.234.567"
    assert pct(0.4563) == "45,6%"
    assert pct(None) == "–"
    assert interval(0.421, 0.49) == "42,1–49,0%"
    assert pct(0.4563, "en") == "45.6%"


def test_week_ranges_name_the_months_in_indonesian():
    assert week_range("2024-W47") == "18–24 November 2024"
    assert week_range("2024-W44") == "28 Oktober–3 November 2024"
    assert week_range("2025-W01") == "30 Desember 2024–5 Januari 2025"


def test_lists_read_naturally():
    assert list_id(["X", "YouTube", "Telegram"]) == "X, YouTube dan Telegram"
    assert list_id(["X"]) == "X"
