"""The weekly report's charts. Each is drawn twice from the same numbers: at build time as HTML and inline SVG
(analysis/report/svg.py: what every reader sees, before and without any script, at 360 px as on a desktop), and as
a plotly figure kept as JSON beside it, drawn only when a reader asks for the interactive chart (the site loads
plotly.js for that click alone: analysis/site/plotly_bundle.py). Each has a fixed id, a caption and a data table
as its text alternative (macros.j2)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio
from markupsafe import Markup

from analysis.report import svg
from denyut.fmt import interval, num, pct, week_label
from denyut.formats.processed import SENTIMENTS
from denyut.formats.summary import IssueSummary, WeeklySummary
from denyut.io import atomic_write_text
from denyut.markup import chart_text, markdown_text, spreadsheet_cell

COLORS = {"negative": "#c0392b", "neutral": "#7f8c8d", "positive": "#1e8449"}  # charts, cards and the PDF
LABELS_ID = {"negative": "Negatif", "neutral": "Netral", "positive": "Positif"}
CONFIG = {"displayModeBar": False, "responsive": True, "locale": "id"}
SHARE_TICKS = [(0.0, "0%"), (0.25, "25%"), (0.5, "50%"), (0.75, "75%"), (1.0, "100%")]


@dataclass
class Chart:
    """A chart as every reader sees it (`html`), as plotly draws it on request (`figure`), as a file to download
    (`file`: a standalone SVG) and its numbers (`data`: the CSV's rows, its header first)."""

    html: Markup
    figure: go.Figure
    file: str = ""
    data: list[list] = field(default_factory=list)


def _layout(fig: go.Figure, height: int) -> go.Figure:
    # No template (plotly's default one is 8 KB of settings for traces never drawn here); transparent backgrounds
    # and no fixed font colour: the site's script sets colours for the light or dark palette.
    fig.update_layout(
        template=None,
        height=height,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        separators=",.",
        font={"family": "system-ui, sans-serif", "size": 13},
        legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom", "traceorder": "normal"},
        hovermode="closest",
    )
    fig.update_xaxes(tickangle=0, automargin=True)
    fig.update_yaxes(automargin=True)  # the tick labels and the title make their own room, never cut at the left
    return fig


def sentiment_split(summary: WeeklySummary) -> Chart:
    shares = dict(summary.sentiment.items())
    order = ["negative", "neutral", "positive"]
    verified = all(shares[s].ci_low is not None for s in order)
    rows = [
        svg.BarRow(
            LABELS_ID[s],
            f"{pct(shares[s].share)} ({interval(shares[s].ci_low, shares[s].ci_high)})" if verified else pct(shares[s].share),
            [svg.Segment(COLORS[s], 0.0, shares[s].share, f"{LABELS_ID[s]}: {pct(shares[s].share)}")],
            (shares[s].ci_low, shares[s].ci_high) if verified else None,
        )
        for s in order
    ]
    values = [shares[s].share * 100 for s in order]
    error = (
        {
            "type": "data",
            "symmetric": False,
            "array": [(shares[s].ci_high - shares[s].share) * 100 for s in order],
            "arrayminus": [(shares[s].share - shares[s].ci_low) * 100 for s in order],
        }
        if verified
        else None
    )
    fig = go.Figure(
        go.Bar(
            x=values,
            y=[LABELS_ID[s] for s in order],
            orientation="h",
            marker_color=[COLORS[s] for s in order],
            error_x=error,
            hovertemplate="%{y}: %{x:.1f}%<extra></extra>",
        )
    )
    fig.update_xaxes(
        title_text="% unggahan (garis: interval 95%)" if verified else "% unggahan (hitungan model, belum diverifikasi)",
        rangemode="tozero",
        ticksuffix="%",
        nticks=5,
    )
    fig.update_yaxes(autorange="reversed")
    data = [["nada", "porsi", "batas_bawah", "batas_atas"]] + [
        [s, shares[s].share, shares[s].ci_low, shares[s].ci_high] for s in order]
    title = f"Porsi nada unggahan pekan {week_label(summary.week)}"
    return Chart(svg.bars(rows, SHARE_TICKS, track=True), _layout(fig, 240),
                 svg.bars_file(title, rows, SHARE_TICKS, track=True), data)


def issues_sentiment(items: list[IssueSummary]) -> Chart:
    """Posts per issue by tone, stacked: each issue's name above its bar (a phone has no room beside it)."""
    totals = [sum(i.sentiment.get(s).count for s in SENTIMENTS) for i in items]
    widest = max(totals + [1])
    rows = []
    for item, total in zip(items, totals):
        start, segments = 0.0, []
        for s in SENTIMENTS:
            count = item.sentiment.get(s).count
            segments.append(
                svg.Segment(COLORS[s], start, count / widest, f"{item.name_id}: {num(count)} unggahan {LABELS_ID[s].lower()}")
            )
            start += count / widest
        rows.append(svg.BarRow(item.name_id, f"{num(total)} unggahan", segments))
    keys = [(LABELS_ID[s], COLORS[s]) for s in SENTIMENTS]
    data = [["isu", *SENTIMENTS]] + [[i.name_id, *(i.sentiment.get(s).count for s in SENTIMENTS)] for i in items]
    return Chart(svg.bars(rows, keys=keys), _issues_figure(items),
                 svg.bars_file("Jumlah unggahan per isu menurut nada", rows, keys=keys), data)


def _issues_figure(items: list[IssueSummary]) -> go.Figure:
    names = [chart_text(i.name_id) for i in items]
    fig = go.Figure()
    for s in SENTIMENTS:
        fig.add_trace(
            go.Bar(
                y=names,
                x=[i.sentiment.get(s).count for i in items],
                width=0.45,
                name=LABELS_ID[s],
                orientation="h",
                marker_color=COLORS[s],
                hovertemplate="%{y}: %{x} unggahan " + LABELS_ID[s].lower() + "<extra></extra>",
            )
        )
    # the names above the bars, not beside them: at 360 px they would take the plot's whole width
    for name in names:
        fig.add_annotation(
            x=0, xref="paper", xanchor="left", y=name, yref="y", yanchor="bottom", yshift=14, showarrow=False, text=name
        )
    fig.update_layout(barmode="stack", bargap=0.55)
    fig.update_xaxes(title_text="jumlah unggahan", nticks=4)
    fig.update_yaxes(autorange="reversed", showticklabels=False)
    return _layout(fig, 110 + 60 * len(items))


def _weeks_axis(fig: go.Figure, weeks: list[str]) -> None:
    """The same three week labels as the drawn chart, never rotated."""
    fig.update_xaxes(type="category", tickmode="array", tickvals=[weeks[i] for i in svg.label_weeks(len(weeks))])


def trend(history: list[WeeklySummary]) -> Chart:
    weeks = [week_label(h.week) for h in history]  # readers know dates, not ISO week codes
    fig, series = go.Figure(), []
    for s in ("negative", "positive"):
        shares = [h.sentiment.get(s).share for h in history]
        lows = [h.sentiment.get(s).ci_low for h in history]
        highs = [h.sentiment.get(s).ci_high for h in history]
        series.append(
            svg.Line(
                LABELS_ID[s], COLORS[s], [_hundred(v) for v in shares], [_hundred(v) for v in lows], [_hundred(v) for v in highs]
            )
        )
        fig.add_trace(
            go.Scatter(
                x=weeks,
                y=[v * 100 if v is not None else None for v in shares],
                mode="lines+markers",
                name=LABELS_ID[s],
                line={"color": COLORS[s], "width": 2},
                error_y={
                    "type": "data",
                    "symmetric": False,
                    "array": [(h - v) * 100 if v is not None and h is not None else 0 for v, h in zip(shares, highs)],
                    "arrayminus": [(v - l) * 100 if v is not None and l is not None else 0 for v, l in zip(shares, lows)],
                },
                hovertemplate="%{x}: %{y:.1f}%<extra>" + LABELS_ID[s] + "</extra>",
            )
        )
    fig.update_yaxes(title_text="% unggahan", ticksuffix="%", rangemode="tozero")
    _weeks_axis(fig, weeks)
    data = [["pekan", *(f"{s}_{k}" for s in ("negative", "positive") for k in ("porsi", "batas_bawah", "batas_atas"))]]
    data += [[h.week, *(getattr(h.sentiment.get(s), k) for s in ("negative", "positive") for k in ("share", "ci_low", "ci_high"))]
             for h in history]
    return Chart(svg.lines(weeks, series), _layout(fig, 300),
                 svg.lines_file("Porsi unggahan negatif dan positif per pekan", weeks, series), data)


def _hundred(value: float | None) -> float | None:
    return None if value is None else value * 100


def accuracy(weeks: list[WeeklySummary]) -> Chart:
    """The model against the audit verdicts, week by week, with 95% intervals."""
    reviewed = [w for w in weeks if w.review.accuracy is not None]
    labels = [week_label(w.week) for w in reviewed]
    values = [w.review.accuracy.value * 100 for w in reviewed]
    lows = [w.review.accuracy.ci_low * 100 for w in reviewed]
    highs = [w.review.accuracy.ci_high * 100 for w in reviewed]
    fig = go.Figure(
        go.Scatter(
            x=labels,
            y=values,
            mode="lines+markers",
            name="Ketepatan",
            line={"color": COLORS["neutral"], "width": 2},
            error_y={
                "type": "data",
                "symmetric": False,
                "array": [h - v for h, v in zip(highs, values)],
                "arrayminus": [v - lo for v, lo in zip(values, lows)],
            },
            hovertemplate="%{x}: %{y:.1f}%<extra></extra>",
        )
    )
    fig.update_yaxes(title_text="% label model = label peninjau", ticksuffix="%", range=[0, 100])
    _weeks_axis(fig, labels)
    line = [svg.Line("Ketepatan", COLORS["neutral"], values, lows, highs)]
    data = [["pekan", "ketepatan", "batas_bawah", "batas_atas"]] + [
        [w.week, w.review.accuracy.value, w.review.accuracy.ci_low, w.review.accuracy.ci_high] for w in reviewed]
    return Chart(svg.lines(labels, line, top=100), _layout(fig, 280),
                 svg.lines_file("Ketepatan model pada sampel audit per pekan", labels, line, top=100), data)


def tagger(weeks: list[tuple[str, float | None, float | None]]) -> Chart:
    """The issue tagger against the reviewers' issue verdicts on the audit, week by week: (week, precision, recall)."""
    labels = [week_label(w[0]) for w in weeks]
    fig, series = go.Figure(), []
    for index, name in ((1, "Presisi"), (2, "Cakupan (recall)")):
        values = [_hundred(w[index]) for w in weeks]
        colour = COLORS["neutral" if index == 1 else "positive"]
        series.append(svg.Line(name, colour, values))
        fig.add_trace(
            go.Scatter(
                x=labels,
                y=values,
                mode="lines+markers",
                name=chart_text(name),
                line={"color": colour, "width": 2},
                hovertemplate="%{x}: %{y:.1f}%<extra></extra>",
            )
        )
    fig.update_yaxes(title_text="% pada sampel audit", ticksuffix="%", range=[0, 100])
    _weeks_axis(fig, labels)
    data = [["pekan", "presisi", "cakupan"]] + [list(w) for w in weeks]
    return Chart(svg.lines(labels, series, top=100), _layout(fig, 280),
                 svg.lines_file("Presisi dan cakupan penanda isu per pekan", labels, series, top=100), data)


def figure_json(fig: go.Figure) -> str:
    """The figure as plotly.js reads it: data and layout, no template, the site's config."""
    return pio.to_json(
        {"data": fig.to_plotly_json()["data"], "layout": fig.to_plotly_json()["layout"], "config": CONFIG},
        validate=False,
        pretty=False,
    )


def to_html(chart: Chart, div_id: str) -> str:
    """The drawn chart, then a button (shown by the site's script, so never a dead one) that draws it with plotly.
    The figure travels in an attribute, escaped like every outside string: no script on the page holds data."""
    return (
        f'<div class="denyut-chart__drawn" id="{div_id}">{chart.html}</div>'
        f'<button type="button" class="md-button denyut-interactive" hidden data-chart="{div_id}" '
        f'data-plotly="{markdown_text(figure_json(chart.figure))}">Buka grafik interaktif</button>'
    )


def issue_over_weeks(name: str, weeks: list[str], shares: list, what: str) -> Chart:
    """One issue over the weeks: `shares` a Share (or None where it could not be estimated) per week; `what` says
    which share ("porsi" of all posts about it, or "negatif" among its posts)."""
    labels = [week_label(w) for w in weeks]
    colour = COLORS["negative"] if what == "negatif" else "#1f6fb2"
    legend_name = "Negatif di antara unggahannya" if what == "negatif" else "Porsi unggahan tentang isu ini"
    values = [_hundred(s.share) if s else None for s in shares]
    lows = [_hundred(s.ci_low) if s else None for s in shares]
    highs = [_hundred(s.ci_high) if s else None for s in shares]
    line = [svg.Line(legend_name, colour, values, lows, highs)]
    fig = go.Figure(go.Scatter(
        x=labels, y=values, mode="lines+markers", name=chart_text(legend_name), line={"color": colour, "width": 2},
        error_y={"type": "data", "symmetric": False,
                 "array": [h - v if v is not None and h is not None else 0 for v, h in zip(values, highs)],
                 "arrayminus": [v - lo if v is not None and lo is not None else 0 for v, lo in zip(values, lows)]},
        hovertemplate="%{x}: %{y:.1f}%<extra></extra>"))
    fig.update_yaxes(title_text="% unggahan", ticksuffix="%", rangemode="tozero")
    _weeks_axis(fig, labels)
    data = [["pekan", "porsi", "batas_bawah", "batas_atas"]] + [
        [w, *((s.share, s.ci_low, s.ci_high) if s else (None, None, None))] for w, s in zip(weeks, shares)]
    title = f"{name}: {legend_name.lower()} per pekan, dengan interval 95%"
    return Chart(svg.lines(labels, line), _layout(fig, 300), svg.lines_file(title, labels, line), data)


@dataclass
class Figure:
    """A chart on a page: its HTML, and the Markdown of its download links (macros.j2 puts them under it)."""

    html: Markup
    downloads: Markup


_drawn: ContextVar[dict[str, Chart] | None] = ContextVar("drawn", default=None)


@contextmanager
def collecting() -> Iterator[dict[str, Chart]]:
    """The charts drawn by figure() in this block, by their ids: what write_files() writes beside the page."""
    drawn: dict[str, Chart] = {}
    token = _drawn.set(drawn)
    try:
        yield drawn
    finally:
        _drawn.reset(token)


def figure(chart: Chart, div_id: str, base: str) -> Figure:
    """The chart on a page with its downloads, whose files (`base` + its id: .svg, .csv) write_files() writes."""
    drawn = _drawn.get()
    if drawn is not None:
        drawn[div_id] = chart
    return Figure(Markup(to_html(chart, div_id)), downloads(base, div_id))


def downloads(base: str, name: str) -> Markup:
    """Markdown links (MkDocs checks and rewrites them) to the chart's SVG and CSV, which need no script, and the
    PNG button the site's script shows and serves (drawn from the SVG in the browser)."""
    return Markup(
        f'[Unduh SVG]({base}{name}.svg){{ download="{name}.svg" }} · '
        f'[Unduh data (CSV)]({base}{name}.csv){{ download="{name}.csv" }} '
        f'<button type="button" class="md-button denyut-png" hidden data-name="{name}">Unduh PNG</button>\n'
        "{: .denyut-downloads }"
    )


def csv_text(rows: list[list]) -> str:
    """The chart's numbers as CSV: fractions and counts as numbers, empty where there is none; text cells guarded."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in rows:
        writer.writerow(["" if v is None else spreadsheet_cell(v) for v in row])
    return out.getvalue()


def write_files(folder: Path, drawn: dict[str, Chart]) -> None:
    """Each chart's SVG and CSV, named by its id; files of charts no longer drawn are removed."""
    wanted = {f"{name}.{ext}": text for name, chart in drawn.items()
              for ext, text in (("svg", chart.file), ("csv", csv_text(chart.data)))}
    if folder.is_dir():
        for old in folder.iterdir():
            if old.is_file() and old.name not in wanted:
                old.unlink()
    for name, text in wanted.items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            atomic_write_text(path, text)
