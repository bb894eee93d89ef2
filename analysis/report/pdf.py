"""The week's report as an A4 PDF (reports/<week>/share/laporan.pdf) for staff who print or attach
it: the demo notice and the review status on page one, the shares with their intervals and a bar
chart, the top issues, the real changes, then the signals. Drawn with ReportLab in Debian's DejaVu
fonts (ReportLab's Helvetica where they are missing); text stays text, so it can be searched and
copied; `invariant` output, so the same week gives the same bytes."""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path

from markupsafe import Markup
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from analysis.report.charts import COLORS
from analysis.report.narrative import SENTIMENT_ID, sentence
from analysis.report.share import week_url
from denyut.config import Config
from denyut.fmt import interval, long_date, num, pct, week_range
from denyut.formats import report_files
from denyut.formats.processed import SENTIMENTS
from denyut.formats.report_files import PDF
from denyut.formats.summary import WeeklySummary
from denyut.markup import pdf_text
from denyut.signals import signals as registered

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
COLOURS = {key: colors.HexColor(value) for key, value in COLORS.items()}
BOLD = re.compile(r"\*\*(.+?)\*\*")


@cache
def fonts() -> tuple[str, str]:
    regular, bold = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
    if regular.is_file() and bold.is_file():
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(regular)))
        pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(bold)))
        return "DejaVuSans", "DejaVuSans-Bold"
    return "Helvetica", "Helvetica-Bold"


def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = fonts()
    return {"title": ParagraphStyle("title", fontName=bold, fontSize=18, leading=22, spaceAfter=4),
            "h2": ParagraphStyle("h2", fontName=bold, fontSize=13, leading=16, spaceBefore=10, spaceAfter=4),
            "body": ParagraphStyle("body", fontName=regular, fontSize=10, leading=14, spaceAfter=4),
            "note": ParagraphStyle("note", fontName=regular, fontSize=9, leading=12, textColor=colors.HexColor("#57606a")),
            "warn": ParagraphStyle("warn", fontName=bold, fontSize=10, leading=14, backColor=colors.HexColor("#ffecb3"),
                                   borderPadding=6, spaceBefore=4, spaceAfter=10)}


def _markup(markdown: str) -> str:
    """The narrative's Markdown (bold only) as ReportLab's markup. A sentence from the templates is already escaped
    (outside text's * and < are character references, which ReportLab reads as the characters): only the
    template's own ** become bold. Any other text is escaped first."""
    escaped = str(markdown) if isinstance(markdown, Markup) else _text(markdown)
    return BOLD.sub(r"<b>\1</b>", escaped)


_text = pdf_text


def _bar(s: WeeklySummary, width: float) -> Drawing:
    drawing = Drawing(width, 28)
    x = 0.0
    for key in SENTIMENTS:
        span = width * (s.sentiment.get(key).share or 0)
        drawing.add(Rect(x, 8, span, 16, fillColor=COLOURS[key], strokeColor=None))
        if span > 40:
            drawing.add(String(x + 4, 12, pct(s.sentiment.get(key).share), fontName=fonts()[1], fontSize=9, fillColor=colors.white))
        x += span
    return drawing


def _table(rows: list[list], widths: list[float]) -> Table:
    regular, bold = fonts()
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), regular), ("FONTNAME", (0, 0), (-1, 0), bold),
                               ("FONTSIZE", (0, 0), (-1, -1), 9), ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                               ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
                               ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f3f4f6")])]))
    return table


def story(s: WeeklySummary, config: Config) -> list:
    st = _styles()
    width = A4[0] - 36 * mm
    flow = [Paragraph(f"{_text(config.project.name)} pemilu pekan {_text(week_range(s.week))}", st["title"])]
    if s.demo:
        flow.append(Paragraph("Data demo (sintetis): angka dan unggahannya tidak menggambarkan percakapan nyata.", st["warn"]))
    if s.review.status == "approved":
        when = f"; disetujui {long_date(date.fromisoformat(s.review.approved_at))}" if s.review.approved_at else ""
        review = f"Ditinjau: {num(s.review.audit_reviewed)} unggahan audit, oleh {_text(s.review.approved_by or '')}{when}."
    else:
        review = "Draf: pekan ini belum disetujui tim peninjau; angkanya bisa berubah."
    flow += [Paragraph(review, st["note"]), Spacer(1, 6), Paragraph(_markup(sentence("headline", s)), st["body"])]
    if s.has_shares:
        flow += [Paragraph("Nada percakapan", st["h2"]), _bar(s, width)]
        rows = [["Nada", "Porsi (perkiraan)", "Kisaran 95%", "Label akhir*"]]
        for key in SENTIMENTS:
            share = s.sentiment.get(key)
            rows.append([SENTIMENT_ID[key].capitalize(), pct(share.share),
                         interval(share.ci_low, share.ci_high) if share.ci_low is not None else "belum diverifikasi",
                         num(share.count)])
        flow.append(_table(rows, [width * 0.3, width * 0.2, width * 0.3, width * 0.2]))
        flow.append(Paragraph("* Hitungan label akhir tiap unggahan (peninjau bila sudah ditinjau, selain itu model), belum "
                              "dikoreksi; porsinya adalah perkiraan untuk seluruh pekan.", st["note"]))
    top = s.top_issues(config.report.top_issues)
    if top:
        flow.append(Paragraph("Isu yang paling banyak dibicarakan", st["h2"]))
        rows = [["Isu", "Unggahan", "Porsi", "Negatif"]]
        for issue in top:
            negative = issue.sentiment.negative
            rows.append([Paragraph(_text(issue.name_id), st["body"]), num(issue.posts), pct(issue.share_of_posts.share),
                         pct(negative.share) + (f" ({interval(negative.ci_low, negative.ci_high)})" if negative.ci_low is not None else "")])
        flow.append(_table(rows, [width * 0.45, width * 0.15, width * 0.15, width * 0.25]))
    real = [c for c in s.changes if c.real]
    flow.append(Paragraph("Perubahan sejak pekan lalu", st["h2"]))
    flow += [Paragraph(_markup(sentence("change", c, s.margin)), st["body"]) for c in real] or [
        Paragraph("Tidak ada perubahan yang lebih besar daripada yang bisa dijelaskan oleh kebetulan.", st["body"])]
    signals = [line for signal in registered() if signal.lines
               for line in signal.lines(s.signals[signal.name], s, config)]
    if signals:
        flow.append(Paragraph("Sinyal lain", st["h2"]))
        flow += [Paragraph(line, st["body"]) for line in signals]
    flow += [Spacer(1, 10), Paragraph(f"Laporan lengkap, grafik interaktif dan data terbuka: {_text(week_url(config, s.week))}. "
                                      "Unggahan media sosial bukan sampel pemilih.", st["note"])]
    return flow


def write_pdf(out_dir: Path, s: WeeklySummary, config: Config) -> Path:
    path = report_files.path(out_dir, PDF)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    document = SimpleDocTemplate(str(tmp), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm,
                                 bottomMargin=16 * mm, title=f"{config.project.name} pemilu {s.week}",
                                 author=config.project.name, invariant=1)
    document.build(story(s, config))
    tmp.replace(path)
    return path
