"""The week's image cards for sharing: 1200×630 (link previews, X, Facebook) and 1080×1080
(Instagram-style), PNG, drawn offline with Pillow in Debian's DejaVu or Liberation fonts (Pillow's
own scalable font where neither is installed). The headline numbers with their intervals, the week
and the site's name, large enough to read on a phone, then what changed, the most discussed issues and the
most echoed hoax (truth first) as far as they fit whole; the square card ends with the week's own link. The
same input gives the same bytes."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from analysis.report.charts import COLORS
from analysis.report.narrative import sentence_text
from analysis.report.share import week_url
from denyut.config import Config
from denyut.fmt import SENTIMENT_ID, interval, num, pct, week_range
from denyut.formats import report_files
from denyut.formats.processed import SENTIMENTS
from denyut.formats.report_files import CARDS
from denyut.formats.summary import WeeklySummary
from denyut.markup import printable

FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/truetype/liberation")
FONT_FILES = {"regular": ("DejaVuSans.ttf", "LiberationSans-Regular.ttf"), "bold": ("DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf")}
INK, MUTED, PAPER = (31, 35, 40), (87, 96, 106), (255, 255, 255)
COLOURS = {key: tuple(int(value[i:i + 2], 16) for i in (1, 3, 5)) for key, value in COLORS.items()}
NAMES = {key: word.capitalize() for key, word in SENTIMENT_ID.items()}


@cache
def font(weight: str, size: int) -> ImageFont.FreeTypeFont:
    for directory in FONT_DIRS:
        for name in FONT_FILES[weight]:
            path = Path(directory) / name
            if path.is_file():
                return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size=size)


def draw_card(s: WeeklySummary, config: Config, size: tuple[int, int]) -> Image.Image:
    width, height = size
    image = Image.new("RGB", size, PAPER)
    draw = ImageDraw.Draw(image)
    margin = round(width * 0.06)
    y = _header(draw, s, config, width, margin)
    if s.has_shares:
        y = _shares(draw, s, width, margin, y)
    small, footer = font("regular", round(width * 0.026)), font("regular", round(width * 0.024))
    step = round(width * 0.035)
    footer_lines = _footer(s, config, square=width == height)
    footer_y = height - round(margin * 0.6) - round(width * 0.03) * len(footer_lines)
    for paragraph in card_paragraphs(s, config):  # whole paragraphs only, above the footer: nothing cut mid-sentence
        lines = _wrap(draw, paragraph, small, width - 2 * margin)
        if y + len(lines) * step > footer_y - step // 2:
            break
        for line in lines:
            draw.text((margin, y), line, font=small, fill=INK)
            y += step
        y += step // 3
    for n, line in enumerate(footer_lines):
        draw.text((margin, footer_y + n * round(width * 0.03)), line, font=footer, fill=MUTED)
    return image


def _header(draw: ImageDraw.ImageDraw, s: WeeklySummary, config: Config, width: int, margin: int) -> int:
    """The site's name, the week and the demo tag; returns where the numbers start."""
    y = margin
    draw.text((margin, y), f"{printable(config.project.name)} pemilu", font=font("bold", round(width * 0.045)), fill=INK)
    y += round(width * 0.06)
    draw.text((margin, y), week_range(s.week), font=font("regular", round(width * 0.032)), fill=MUTED)
    if s.demo:
        label = "DATA DEMO (SINTETIS)"
        tag = font("bold", round(width * 0.022))
        box = draw.textbbox((0, 0), label, font=tag)
        draw.rectangle((width - margin - box[2] - 24, margin, width - margin, margin + box[3] + 16), fill=(255, 236, 179))
        draw.text((width - margin - box[2] - 12, margin + 8), label, font=tag, fill=INK)
    return y + round(width * 0.07)


def _shares(draw: ImageDraw.ImageDraw, s: WeeklySummary, width: int, margin: int, y: int) -> int:
    """The three shares with their intervals and the bar of them; returns where the text below starts."""
    big, small = font("bold", round(width * 0.06)), font("regular", round(width * 0.026))
    column = (width - 2 * margin) // 3
    for n, key in enumerate(SENTIMENTS):
        share = s.sentiment.get(key)
        x = margin + n * column
        draw.text((x, y), NAMES[key], font=font("bold", round(width * 0.03)), fill=COLOURS[key])
        draw.text((x, y + round(width * 0.04)), pct(share.share), font=big, fill=INK)
        if share.ci_low is not None:
            draw.text((x, y + round(width * 0.115)), interval(share.ci_low, share.ci_high), font=small, fill=MUTED)
    y += round(width * 0.15)
    bar = round(width * 0.03)
    x = margin
    for key in SENTIMENTS:
        span = round((width - 2 * margin) * min(max(s.sentiment.get(key).share or 0, 0.0), 1.0))  # an estimate can stray past 0
        draw.rectangle((x, y, x + span, y + bar), fill=COLOURS[key])
        x += span
    return y + bar + round(width * 0.02)


def card_paragraphs(s: WeeklySummary, config: Config) -> list[str]:
    """The card's text under the numbers, most important first: how the numbers were made, what changed, the most
    discussed issues, and the most echoed hoax, truth first (`sentences.j2`'s hoax)."""
    if not s.has_shares:
        return [f"{num(s.posts_analysed)} unggahan: terlalu sedikit untuk dihitung persentasenya"]
    paragraphs = [f"{num(s.posts_analysed)} unggahan · interval 95% · {num(s.review.audit_reviewed)} dicek manusia" if s.verified
                  else f"{num(s.posts_analysed)} unggahan · hitungan model, belum dicek manusia",
                  sentence_text("what_changed", s)]
    top = s.top_issues(3)
    if top:
        paragraphs.append("Paling dibicarakan: " + "; ".join(printable(i.name_id) + _issue_share(i) for i in top))
    echoes = s.signals.get("hoaxes") or []
    if echoes:
        paragraphs.append(sentence_text("hoax", echoes[0]))
    return paragraphs


def _footer(s: WeeklySummary, config: Config, square: bool) -> list[str]:
    """The square card has room for the week's own link on a line of its own."""
    if square:
        return [week_url(config, s.week), "Unggahan medsos bukan survei pemilih"]
    return [f"{config.project.url()}  ·  Unggahan medsos bukan survei pemilih"]


def _issue_share(issue) -> str:
    """' (sekitar 12%, 9%–15%)': the estimated share of posts about the issue, with its interval; nothing when the
    audit allows no estimate (a tag count is not shown as a share of the conversation)."""
    e = issue.check.estimate
    return f" (sekitar {pct(e.share)}, {interval(e.ci_low, e.ci_high)})" if e and e.share is not None else ""


def _wrap(draw: ImageDraw.ImageDraw, text: str, face, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if draw.textlength(trial, font=face) <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    return lines + ([line] if line else [])


def write_cards(out_dir: Path, s: WeeklySummary, config: Config) -> list[Path]:
    written = []
    for name, size in CARDS.items():
        path = report_files.path(out_dir, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        draw_card(s, config, size).save(tmp, format="PNG", optimize=True)
        tmp.replace(path)
        written.append(path)
    return written
