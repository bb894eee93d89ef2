"""Numbers, shares, intervals and dates written the way readers expect: Indonesian (1.234; 45,6%;
18–24 November 2024) or English. Babel does the locale work; everything that prints a number uses these."""

from __future__ import annotations

from datetime import date, timedelta

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from denyut.weeks import week_start

# the words for the summary's codes
SENTIMENT_ID = {"negative": "negatif", "neutral": "netral", "positive": "positif"}
DIRECTION_ID = {"up": "naik", "down": "turun", "stable": "tidak berubah berarti", "uncertain": "belum dapat dipastikan"}
DIRECTION_EN = {"up": "rose", "down": "fell", "stable": "held steady", "uncertain": "changed by an amount the data cannot yet confirm"}


def full_stop(text: str) -> str:
    """A sentence ends with its stop: '.' added unless it ends with one ('.', '!', '?', '…')."""
    text = str(text).rstrip()
    return text if not text or text.endswith((".", "!", "?", "…")) else text + "."


def num(value: int, locale: str = "id") -> str:
    return format_decimal(value, locale=locale)


def decimal(value: float, pattern: str = "0.000", locale: str = "id") -> str:
    """A score such as macro-F1: '0,868'."""
    return format_decimal(value, pattern, locale=locale)


def pct(value: float | None, locale: str = "id") -> str:
    return "–" if value is None else format_percent(value, "#,##0.0%", locale=locale)


def interval(low: float | None, high: float | None, locale: str = "id") -> str:
    """'42,1–49,0%'; bounds that read the same are written once ('14,0%', never '14,0–14,0%')."""
    if low is None or high is None:
        return "–"
    if pct(low, locale) == pct(high, locale):
        return pct(high, locale)
    return f"{format_decimal(low * 100, '#,##0.0', locale=locale)}–{pct(high, locale)}"


def long_date(day: date, locale: str = "id") -> str:
    return format_date(day, "d MMMM y", locale=locale)


def week_label(week: str, locale: str = "id") -> str:
    """A short label for a week on a chart axis: the day its Monday falls on, '18 Nov'."""
    return format_date(week_start(week), "d MMM", locale=locale)


def week_range(week: str, locale: str = "id") -> str:
    """'18–24 November 2024' or '28 Oktober–3 November 2024'."""
    start = week_start(week)
    end = start + timedelta(days=6)
    if start.month == end.month:
        return f"{start.day}–{long_date(end, locale)}"
    if start.year == end.year:
        return f"{format_date(start, 'd MMMM', locale=locale)}–{long_date(end, locale)}"
    return f"{long_date(start, locale)}–{long_date(end, locale)}"
