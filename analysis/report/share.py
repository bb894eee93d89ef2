"""What communications staff forward: the week's WhatsApp-ready text (reports/<week>/share/whatsapp.txt,
also on the page with a copy button). Short Indonesian sentences from the summary's numbers; at most
700 characters, so that it reads whole on a phone without "Baca selengkapnya". The week's most echoed hoax,
if any, comes as the truth first: "HOAKS", its correction, then the claim, then the week's link."""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from analysis.report.narrative import environment
from denyut.config import Config
from denyut.fmt import interval, pct
from denyut.formats import report_files
from denyut.formats.report_files import WHATSAPP
from denyut.formats.summary import WeeklySummary
from denyut.io import atomic_write_text
from denyut.markup import whatsapp

MAX_CHARS = 700
# (issues named, issue names cut to, the hoax's correction and claim cut to; 0: no hoax), tried in this order
LADDER = ((3, None, 140), (3, None, 100), (3, 40, 100), (3, 40, 70), (3, 40, 0), (2, 40, 0), (1, 40, 0), (0, None, 0))


def week_url(config: Config, week: str) -> str:
    return f"{config.project.url()}laporan/{week.lower()}/"


def whatsapp_text(s: WeeklySummary, config: Config) -> str:
    """At most MAX_CHARS: the hoax's words are shortened, then long issue names, then the hoax is left out (whole:
    never its claim without its correction), then fewer issues named, until the text fits."""
    real = sorted((c for c in s.changes if c.real), key=lambda c: c.q_value)
    top = s.top_issues(3)
    echoes = s.signals.get("hoaxes") or []
    for count, length, hoax in LADDER:
        names = [_short(i.name_id, length) + (f" ({pct(i.check.estimate.share)}, kisaran "
                                               f"{interval(i.check.estimate.ci_low, i.check.estimate.ci_high)})"
                                               if i.check.estimate else "") for i in top[:count]]
        text = _render(s, names, real[0] if real else None, week_url(config, s.week),
                       _shortened(echoes[0], hoax) if echoes and hoax else None)
        if len(text) <= MAX_CHARS:
            return text
    raise ValueError(f"teks WhatsApp {s.week} {len(text)} karakter, lebih dari {MAX_CHARS}: perpendek templatnya")


def _short(name: str, length: int | None) -> str:
    """At most `length` characters, cut after a whole word where one ends in the second half, with '…'."""
    if length is None or len(name) <= length:
        return name
    cut = name[:length - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut[length // 2:] else cut).rstrip(" ,;:") + "…"


def _shortened(echo, length: int):
    """A hoax echo whose correction and claim are at most `length` characters each."""
    return echo.model_copy(update={"description": _short(echo.description, length),
                                   "correction": _short(echo.correction, length) if echo.correction else None})


def _render(s: WeeklySummary, names: list[str], change, url: str, hoax=None) -> str:
    # plain text, not HTML: outside words lose WhatsApp's marks and any link; the week's own address stays a link
    text = environment().overlay(autoescape=False, finalize=_whatsapp_value).get_template("share/whatsapp.txt.j2").render(
        s=s, top=names, change=change, url=Markup(url), hoax=hoax)
    return "\n".join(line.rstrip() for line in text.strip().splitlines()) + "\n"


def _whatsapp_value(value: object) -> str:
    return str(value) if isinstance(value, Markup) else whatsapp(value)


def write_share(out_dir: Path, s: WeeklySummary, config: Config) -> str:
    text = whatsapp_text(s, config)
    atomic_write_text(report_files.path(out_dir, WHATSAPP), text)
    return text
