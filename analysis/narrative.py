"""Plain-language Indonesian (and a short English summary): numbers, dates and sentences of a report."""

from __future__ import annotations

from datetime import date, timedelta

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from denyut.weeks import week_start

SENTIMENT_ID = {"negative": "negatif", "neutral": "netral", "positive": "positif"}
PLATFORM_NAMES = {"x": "X (Twitter)", "telegram": "Telegram", "youtube": "YouTube", "mastodon": "Mastodon",
                  "bluesky": "Bluesky", "reddit": "Reddit", "facebook": "Facebook", "tiktok": "TikTok", "rss": "Berita (RSS)"}
LANGUAGE_NAMES = {"en": "Inggris", "jv": "Jawa", "ms": "Melayu", "ar": "Arab", "zh": "Tionghoa", "und": "tak dikenali"}


def num(value: int, locale: str = "id") -> str:
    return format_decimal(value, locale=locale)


def pct(value: float | None, locale: str = "id") -> str:
    return "–" if value is None else format_percent(value, "#,##0.0%", locale=locale)


def interval(low: float | None, high: float | None, locale: str = "id") -> str:
    if low is None or high is None:
        return "–"
    a = format_decimal(low * 100, "#,##0.0", locale=locale)
    return f"{a}–{pct(high, locale)}"


def long_date(day: date, locale: str = "id") -> str:
    return format_date(day, "d MMMM y", locale=locale)


def week_range(week: str, locale: str = "id") -> str:
    """'18–24 November 2024' or '28 Oktober–3 November 2024'."""
    start = week_start(week)
    end = start + timedelta(days=6)
    if start.month == end.month:
        return f"{start.day}–{long_date(end, locale)}"
    if start.year == end.year:
        return f"{format_date(start, 'd MMMM', locale=locale)}–{long_date(end, locale)}"
    return f"{long_date(start, locale)}–{long_date(end, locale)}"


def platform_name(platform: str) -> str:
    return PLATFORM_NAMES.get(platform, platform)


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


def list_id(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " dan " + items[-1]


def change_sentence(test: dict) -> str:
    what = f"porsi unggahan {SENTIMENT_ID[test['sentiment']]}"
    where = "" if test["scope"] == "all" else f" tentang {test['name']}"
    before, now = pct(test["previous"]), pct(test["current"])
    if test["verdict"] == "relatif stabil":
        return f"{what.capitalize()}{where} relatif stabil ({before} → {now}; selisihnya masih dalam batas kebetulan)."
    return f"{what.capitalize()}{where} **{test['verdict']}** dari {before} menjadi {now} (perubahan nyata secara statistik)."


def headline(summary: dict) -> str:
    s = summary["sentiment"]
    platforms = list_id([platform_name(p) for p in summary["platforms"]])
    text = (f"Pekan ini Denyut mencatat **{num(summary['posts_analysed'])}** unggahan berbahasa Indonesia "
            f"tentang pemilu dari {platforms}.")
    if s["negative"]["share"] is None:
        return text + f" Jumlah itu di bawah {summary['min_posts_for_share']} unggahan, terlalu sedikit untuk dihitung persentasenya."
    return text + (f" Nadanya: **{pct(s['negative']['share'])}** negatif, {pct(s['neutral']['share'])} netral "
                   f"dan {pct(s['positive']['share'])} positif.")


def english_summary(summary: dict, changes: list[dict]) -> str:
    s = summary["sentiment"]
    if s["negative"]["share"] is None:
        return (f"This week Denyut recorded {num(summary['posts_analysed'], 'en')} Indonesian-language election posts, "
                f"too few to report shares.")
    top = [i["name_en"] for i in summary["issues"][:3] if i["posts"] > 0]
    real = [c for c in changes if c["verdict"] != "relatif stabil"]
    moved = "; ".join(
        f"the {c['sentiment']} share{'' if c['scope'] == 'all' else ' on ' + next(i['name_en'] for i in summary['issues'] if i['id'] == c['scope'])} "
        f"{'rose' if c['verdict'] == 'naik' else 'fell'} from {pct(c['previous'], 'en')} to {pct(c['current'], 'en')}"
        for c in real)
    return (f"This week Denyut recorded {num(summary['posts_analysed'], 'en')} Indonesian-language posts about the "
            f"elections. {pct(s['negative']['share'], 'en')} were negative (95% interval "
            f"{interval(s['negative']['ci_low'], s['negative']['ci_high'], 'en')}), {pct(s['neutral']['share'], 'en')} neutral "
            f"and {pct(s['positive']['share'], 'en')} positive. Most discussed: {', '.join(top)}. "
            + (f"Statistically real changes since last week: {moved}. " if real else "No statistically real change since last week. ")
            + "Social-media posts are not a sample of voters.")
