"""What communications staff forward: the week's WhatsApp-ready text (reports/<week>/share/whatsapp.txt,
also on the page with a copy button). Short Indonesian sentences from the summary's numbers; at most
700 characters, so that it reads whole on a phone without "Baca selengkapnya"."""

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


def week_url(config: Config, week: str) -> str:
    return f"{config.project.url()}laporan/{week.lower()}/"


def whatsapp_text(s: WeeklySummary, config: Config) -> str:
    """At most MAX_CHARS: long issue names are shortened, then fewer issues named, until the text fits."""
    real = sorted((c for c in s.changes if c.real), key=lambda c: c.q_value)
    top = s.top_issues(3)
    for count, length in ((3, None), (3, 40), (2, 40), (1, 40), (0, None)):
        names = [_short(i.name_id, length) + (f" ({pct(i.check.estimate.share)}, kisaran "
                                               f"{interval(i.check.estimate.ci_low, i.check.estimate.ci_high)})"
                                               if i.check.estimate else "") for i in top[:count]]
        text = _render(s, names, real[0] if real else None, week_url(config, s.week))
        if len(text) <= MAX_CHARS:
            return text
    raise ValueError(f"teks WhatsApp {s.week} {len(text)} karakter, lebih dari {MAX_CHARS}: perpendek templatnya")


def _short(name: str, length: int | None) -> str:
    return name if length is None or len(name) <= length else name[:length - 1].rstrip() + "…"


def _render(s: WeeklySummary, names: list[str], change, url: str) -> str:
    # plain text, not HTML: outside words lose WhatsApp's marks and any link; the week's own address stays a link
    text = environment().overlay(autoescape=False, finalize=_whatsapp_value).get_template("share/whatsapp.txt.j2").render(
        s=s, top=names, change=change, url=Markup(url))
    return "\n".join(line.rstrip() for line in text.strip().splitlines()) + "\n"


def _whatsapp_value(value: object) -> str:
    return str(value) if isinstance(value, Markup) else whatsapp(value)


def write_share(out_dir: Path, s: WeeklySummary, config: Config) -> str:
    text = whatsapp_text(s, config)
    atomic_write_text(report_files.path(out_dir, WHATSAPP), text)
    return text
