"""The narrative layer: a summary's codes and numbers → plain Indonesian (and a short English summary).

The sentences themselves live in templates/ (Jinja2 producing Markdown), so that a staff member
can fix a sentence without reading Python. This module gives the templates their words for
codes (sentiment, direction, platform, language) and their number and date formats. Every
value is HTML-escaped unless it is marked safe (the charts), so a post's text stays inert.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path

from babel import Locale
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from analysis.coordination.signal import BENIGN_ID, LEVEL_ID, TRACE_ID
from denyut.fingerprint import resource
from denyut.fmt import DIRECTION_EN, DIRECTION_ID, SENTIMENT_ID, decimal, full_stop, interval, long_date, num, pct, week_range
from denyut.markup import html_attribute, markdown_block, markdown_text, printable, safe_link
from denyut.timestamps import parse_iso
from denyut.weeks import to_wib, week_start, wib_date

TEMPLATES = resource(Path(__file__).with_name("templates"))
PLATFORM_NAMES = {"x": "X (Twitter)", "twitter": "X (Twitter)", "telegram": "Telegram", "youtube": "YouTube",
                  "mastodon": "Mastodon", "bluesky": "Bluesky", "reddit": "Reddit", "facebook": "Facebook",
                  "instagram": "Instagram", "threads": "Threads", "tiktok": "TikTok", "rss": "Berita (RSS)"}
# a file source without a platform of its own, by what it is (its rows name their platform)
SOURCE_TYPES = {"jsonl": "berkas ekspor JSONL", "csv": "berkas ekspor CSV", "snscrape-jsonl": "ekspor snscrape"}
LANGUAGES = Locale("id").languages  # Babel's names of languages, in Indonesian: 'nl' → 'Belanda'
BOLD = re.compile(r"\*\*(.+?)\*\*")
PREVIEW_CHARS = 160  # what search results and link previews show whole


def platform_name(platform: str) -> str:
    return PLATFORM_NAMES.get(platform, platform)


def source_label(source) -> str:
    """A source of the config in words, not by its ids: its platform (or the kind of export) and what it looks for."""
    platform = getattr(source, "platform", None)
    what = platform_name(platform) if platform else SOURCE_TYPES.get(source.type) or platform_name(source.type)
    query = getattr(source, "query", "") or ""
    return what + (f": {query}" if query else "")


def language_name(code: str) -> str:
    """A language by its name in Indonesian ('tl' → 'Tagalog'); 'und' (none recognised) → 'tak dikenali'; a code
    Babel does not know stays as it is."""
    if code == "und":
        return "tak dikenali"
    return LANGUAGES.get(code, code)


def in_languages(codes: list[str]) -> str:
    """'berbahasa Indonesia', 'berbahasa Indonesia dan Jawa': the languages a week's numbers count."""
    return "berbahasa " + list_id([language_name(code) for code in codes])


def list_id(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " dan " + items[-1]


def strong(markdown: str) -> Markup:
    """**bold** → <strong>, for a sentence placed inside raw HTML (escaped first, unless already safe)."""
    return Markup(BOLD.sub(r"<strong>\1</strong>", str(escape(markdown))))


def plain_text(markdown: str) -> str:
    """A sentence of the templates as plain text (a card, the preview): its character references read back, its
    bold marks dropped; outside text in it stays one line without bidi controls."""
    if isinstance(markdown, Markup):  # the template's own marks are removed before outside text is read back
        return printable(Markup(str(markdown).replace("**", "")).unescape())
    return printable(str(markdown).replace("**", ""))


def plain(markdown: str) -> str:
    """The sentence for a front-matter description: no Markdown, HTML-escaped, because the site's theme prints
    page.meta.description into an attribute as it is (mkdocs' Jinja has no autoescape)."""
    return html_attribute(plain_text(markdown))


def preview(markdown: str, limit: int = PREVIEW_CHARS) -> str:
    """A link preview's description: plain, at most `limit` characters as read (cut at a word, with '…'), then
    HTML-escaped like `plain`."""
    text = plain_text(markdown)
    if len(text) > limit:
        text = text[:limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return html_attribute(text)


def points(fraction: float, unit: bool = True) -> str:
    """A difference of two shares in percentage points: '8,6 poin'; one that rounds to nothing is '0', never '-0'."""
    text = decimal(round(fraction * 100, 1) or 0.0, "0.#")
    return f"{text} poin" if unit else text


def duration(seconds: int) -> str:
    """'2 jam 29 menit', '40 menit', 'kurang dari semenit'."""
    hours, minutes = divmod(int(seconds) // 60, 60)
    if not hours and not minutes:
        return "kurang dari semenit"
    return " ".join(part for part in (f"{hours} jam" if hours else "", f"{minutes} menit" if minutes else "") if part)


def odds(chance: float) -> str:
    """A small probability as plain odds: 'kurang dari 1 banding 1.000.000', '1 banding 250'."""
    if chance <= 1e-6:
        return "kurang dari 1 banding 1.000.000"
    return f"sekitar 1 banding {num(round(1 / chance))}"


@cache
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True, undefined=StrictUndefined, finalize=markdown_text)
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": True}
    env.filters.update(num=num, pct=pct, full_stop=full_stop, interval=interval, decimal=decimal, long_date=long_date, week_range=week_range,
                       platform=platform_name, language=language_name, in_languages=in_languages, list_id=list_id, strong=strong, plain=plain, preview=preview,
                       wib_long_date=lambda stamp: long_date(wib_date(parse_iso(stamp))),
                       iso_long_date=lambda day: long_date(date.fromisoformat(day)),
                       points=points,
                       wib_clock=lambda stamp: to_wib(parse_iso(stamp)).strftime("%H.%M"), duration=duration, odds=odds,
                       trace=TRACE_ID.get, iso_week_start=week_start, block=markdown_block, link=safe_link)
    env.globals.update(SENTIMENT_ID=SENTIMENT_ID, DIRECTION_ID=DIRECTION_ID, DIRECTION_EN=DIRECTION_EN, TRACE_ID=TRACE_ID,
                       LEVEL_ID=LEVEL_ID, BENIGN_ID=BENIGN_ID)
    return env


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)


@cache
def _template_of(source: str):
    return environment().from_string(source)


def render_file(path: Path, **context) -> str:
    """A template kept outside templates/ (a signal's section, in its package), with the same filters and macros."""
    return _template_of(Path(path).read_text(encoding="utf-8")).render(**context)


def sentence(name: str, *args) -> Markup:
    """One macro of templates/sentences.j2 (headline, change, english_summary), as Markdown (its values escaped)."""
    return Markup(getattr(environment().get_template("sentences.j2").module, name)(*args))


def sentence_text(name: str, *args) -> str:
    """The same macro as plain text, for an image."""
    return plain_text(sentence(name, *args))
