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


def test_differences_are_written_in_points_and_one_that_rounds_to_nothing_has_no_minus_sign():
    from analysis.report.narrative import points

    assert points(0.0857) == "8,6 poin" and points(-0.122) == "-12,2 poin"
    assert points(-0.0004) == "0 poin" and points(-0.0004, unit=False) == "0"


def test_equal_bounds_of_an_interval_are_written_once():
    assert interval(0.1396, 0.1404) == "14,0%" and interval(0.1396, 0.1404, "en") == "14.0%"
    assert interval(0.139, 0.141) == "13,9–14,1%"


def test_languages_are_named_in_indonesian_whatever_their_code():
    from analysis.report.narrative import language_name

    assert [language_name(c) for c in ("tl", "nl", "jv", "und")] == ["Tagalog", "Belanda", "Jawa", "tak dikenali"]
