"""ISO weeks in Asia/Jakarta time (WIB), the unit every report is cut by."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

WIB = ZoneInfo("Asia/Jakarta")


def to_wib(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("waktu tanpa zona waktu tidak dapat dipetakan ke WIB")
    return moment.astimezone(WIB)


def iso_week(moment: datetime) -> str:
    """'2024-W48' for the WIB week that holds this moment."""
    year, week, _ = to_wib(moment).isocalendar()
    return f"{year}-W{week:02d}"


def wib_date(moment: datetime) -> date:
    return to_wib(moment).date()


def week_of_date(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def week_start(week: str) -> date:
    """Monday of an ISO week given as 'YYYY-Www'."""
    year, num = week.split("-W")
    return date.fromisocalendar(int(year), int(num), 1)


def week_days(week: str) -> list[date]:
    start = week_start(week)
    return [start + timedelta(days=i) for i in range(7)]


def previous_week(week: str) -> str:
    return week_of_date(week_start(week) - timedelta(days=7))
