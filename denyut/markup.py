"""Text from outside (posts, exports, claim sources, hand-kept YAML, reviewers) made inert for the place it lands.

Every value the report's templates print goes through `markdown_text` (the Jinja environment's
finalize): Jinja's HTML escaping alone leaves Markdown alone, and the weekly page is Markdown read by
Python-Markdown with attr_list, md_in_html and snippets, so a backtick, a bracket or a brace in a post
could open a code span, a link or an attribute list. Each character that means something to Markdown
or HTML becomes a numeric character reference, which Markdown copies as it is and a browser shows as
the character itself; line breaks become spaces, so no value can start a block of its own.

Also here: the one rule for links shown as links (http or https only), the guard for a spreadsheet
cell (OWASP's CSV injection advice), and text for WhatsApp, which has markup but no escape."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from markupsafe import Markup, escape

# Markdown's and HTML's active characters, as numeric references: code spans, emphasis, links and images (no
# link without a bracket), attribute lists, table cells, escapes. The block markers ('#', '-', '+', '>', '1.')
# only count at the start of a line, so they are escaped there alone (_LEADING): elsewhere they are the
# commonest characters of numbers, dates and hashtags.
_ENTITIES = {ord(c): f"&#{ord(c)};" for c in "&<>\"'`*_{}[]|\\~"}
_LINE_BREAKS = re.compile(r"[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+")
_LEADING = re.compile(r"^(\s*)(?:([#+=!?-])|(\d+)([.)])(?=\s|$))")  # headings, lists, rules, admonitions
SAFE_SCHEMES = ("http", "https")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
WHATSAPP_MARKS = re.compile(r"[*_~`]")
# what WhatsApp would turn into a link: a scheme, www., or a bare domain
URL_LIKE = re.compile(r"(?i)\b(?:[a-z][a-z0-9+.-]*://|www\.|(?:javascript|data|vbscript|mailto|tel|intent):)\S*"
                      r"|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,24}\b(?:/\S*)?")


# bidi embeddings and overrides (they would reverse the page's text) and control characters (NUL, C1), removed
# (and the isolates: kept in the stored text, but one left open would reorder the rest of a page's paragraph)
_OVERRIDES = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A), *range(0x00, 0x09), 0x0B, 0x0C,
                            *range(0x0E, 0x20), *range(0x7F, 0xA0)])


def one_line(text: str) -> str:
    """Outside text on one line, without the bidi controls that would reorder what follows it."""
    return _LINE_BREAKS.sub(" ", text.translate(_OVERRIDES))


def markdown_text(value: object) -> Markup:
    """`value` as text in a Markdown page (in a paragraph, a table cell, raw HTML or an attribute alike)."""
    if isinstance(value, Markup):
        return value
    text = one_line(str(value)).lstrip().translate(_ENTITIES)  # four leading spaces would start a code block
    return Markup(_LEADING.sub(_leading, text, count=1))


def _leading(match: re.Match) -> str:
    if match[2]:
        return f"{match[1]}&#{ord(match[2])};"
    return f"{match[1]}{match[3]}&#{ord(match[4])};"


def markdown_block(value: object) -> Markup:
    """Like markdown_text, but line breaks kept as character references (the text of a <pre>)."""
    return Markup("&#10;".join(str(markdown_text(line)) for line in str(value).split("\n")))


def chart_text(value: object) -> str:
    """Outside text as a plotly label: plotly reads <b>, <a href>, <span style> and <br> in labels and hover text,
    and decodes &lt; and &amp;, so those two are escaped and the text shows as written."""
    return one_line(str(value)).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def printable(value: object) -> str:
    """Outside text for an image or a PDF (no markup there, but no bidi override either)."""
    return one_line(str(value))


def pdf_text(value: object) -> str:
    """Outside text as ReportLab paragraph text: its mini-markup (<a>, <img>, <font>) escaped, no bidi override."""
    return str(escape(printable(value)))


def html_attribute(value: object) -> str:
    """A plain string for a double-quoted HTML attribute (a template engine without autoescape)."""
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#39;")


def safe_link(url: object) -> str | None:
    """The URL when it may be a link on a page (http or https, a host, no spaces or controls); else None."""
    text = str(url or "").strip()
    if not text or any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in SAFE_SCHEMES or not parts.hostname:
        return None
    return text


def spreadsheet_cell(value: object) -> object:
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe (OWASP); numbers stay numbers.
    A bare carriage return becomes a line feed: Python's CSV writer quotes a cell for "\n" but not for a lone "\r"."""
    if not isinstance(value, str):
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return "'" + value if value.startswith(FORMULA_START) else value


def whatsapp(value: object) -> str:
    """Outside text inside a WhatsApp message: one line, no bold/italic/strike/code marks, no link that would open."""
    text = WHATSAPP_MARKS.sub("", one_line(str(value)))
    return URL_LIKE.sub("[tautan]", text)
