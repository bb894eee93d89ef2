from datetime import UTC, datetime

from denyut.weeks import iso_week, previous_week, week_days, week_start


def test_week_is_cut_in_jakarta_time():
    # Sunday 2024-11-24 23:30 WIB is 16:30 UTC: still week 47.
    assert iso_week(datetime(2024, 11, 24, 16, 30, tzinfo=UTC)) == "2024-W47"
    # Monday 2024-11-25 00:10 WIB is Sunday 17:10 UTC: already week 48.
    assert iso_week(datetime(2024, 11, 24, 17, 10, tzinfo=UTC)) == "2024-W48"


def test_iso_week_across_new_year():
    assert iso_week(datetime(2024, 12, 30, 3, 0, tzinfo=UTC)) == "2025-W01"
    assert previous_week("2025-W01") == "2024-W52"


def test_week_days_run_monday_to_sunday():
    days = week_days("2024-W48")
    assert days[0] == week_start("2024-W48") and days[0].isoweekday() == 1
    assert days[-1].isoweekday() == 7 and len(days) == 7
