"""Plotly figures of a weekly report. Each has a fixed id, a caption and a data table as its text alternative."""

from __future__ import annotations

import plotly.graph_objects as go

from denyut.fmt import week_label
from denyut.formats.processed import SENTIMENTS
from denyut.formats.summary import IssueSummary, WeeklySummary
from denyut.markup import chart_text

COLORS = {"negative": "#c0392b", "neutral": "#7f8c8d", "positive": "#1e8449"}  # charts, cards and the PDF
LABELS_ID = {"negative": "Negatif", "neutral": "Netral", "positive": "Positif"}
CONFIG = {"displayModeBar": False, "responsive": True, "locale": "id"}


def _layout(fig: go.Figure, height: int) -> go.Figure:
    # Transparent backgrounds and no fixed font colour: site JS sets colours for the light or dark palette.
    fig.update_layout(height=height, margin={"l": 10, "r": 10, "t": 30, "b": 10}, paper_bgcolor="rgba(0,0,0,0)",
                      plot_bgcolor="rgba(0,0,0,0)", separators=",.", font={"family": "system-ui, sans-serif", "size": 13},
                      legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"}, hovermode="closest")
    return fig


def sentiment_split(summary: WeeklySummary) -> go.Figure:
    shares = dict(summary.sentiment.items())
    order = ["negative", "neutral", "positive"]
    values = [shares[s].share * 100 for s in order]
    verified = all(shares[s].ci_low is not None for s in order)
    error = {"type": "data", "symmetric": False, "array": [(shares[s].ci_high - shares[s].share) * 100 for s in order],
             "arrayminus": [(shares[s].share - shares[s].ci_low) * 100 for s in order]} if verified else None
    fig = go.Figure(go.Bar(
        x=values, y=[LABELS_ID[s] for s in order], orientation="h", marker_color=[COLORS[s] for s in order],
        error_x=error, hovertemplate="%{y}: %{x:.1f}%<extra></extra>"))
    fig.update_xaxes(title_text="% unggahan (garis: interval 95%)" if verified else "% unggahan (hitungan model, belum diverifikasi)",
                     rangemode="tozero", ticksuffix="%")
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, 240)


def issues_sentiment(items: list[IssueSummary]) -> go.Figure:
    fig = go.Figure()
    for s in SENTIMENTS:
        fig.add_trace(go.Bar(y=[chart_text(i.name_id) for i in items], x=[i.sentiment.get(s).count for i in items],
                             name=LABELS_ID[s], orientation="h", marker_color=COLORS[s],
                             hovertemplate="%{y}: %{x} unggahan " + LABELS_ID[s].lower() + "<extra></extra>"))
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title_text="jumlah unggahan")
    fig.update_yaxes(autorange="reversed", automargin=True)
    return _layout(fig, 120 + 42 * len(items))


def trend(history: list[WeeklySummary]) -> go.Figure:
    fig = go.Figure()
    weeks = [week_label(h.week) for h in history]  # readers know dates, not ISO week codes
    for s in ("negative", "positive"):
        shares = [h.sentiment.get(s).share for h in history]
        lows = [h.sentiment.get(s).ci_low for h in history]
        highs = [h.sentiment.get(s).ci_high for h in history]
        fig.add_trace(go.Scatter(x=weeks, y=[v * 100 if v is not None else None for v in shares], mode="lines+markers",
                                 name=LABELS_ID[s], line={"color": COLORS[s], "width": 2},
                                 error_y={"type": "data", "symmetric": False,
                                          "array": [(h - v) * 100 if v is not None and h is not None else 0
                                                    for v, h in zip(shares, highs)],
                                          "arrayminus": [(v - l) * 100 if v is not None and l is not None else 0
                                                         for v, l in zip(shares, lows)]},
                                 hovertemplate="%{x}: %{y:.1f}%<extra>" + LABELS_ID[s] + "</extra>"))
    fig.update_yaxes(title_text="% unggahan", ticksuffix="%", rangemode="tozero")
    fig.update_xaxes(type="category")
    return _layout(fig, 300)


def accuracy(weeks: list[WeeklySummary]) -> go.Figure:
    """The model against the audit verdicts, week by week, with 95% intervals."""
    reviewed = [w for w in weeks if w.review.accuracy is not None]
    values = [w.review.accuracy.value * 100 for w in reviewed]
    fig = go.Figure(go.Scatter(
        x=[week_label(w.week) for w in reviewed], y=values, mode="lines+markers", name="Ketepatan", line={"color": COLORS["neutral"], "width": 2},
        error_y={"type": "data", "symmetric": False,
                 "array": [w.review.accuracy.ci_high * 100 - v for w, v in zip(reviewed, values)],
                 "arrayminus": [v - w.review.accuracy.ci_low * 100 for w, v in zip(reviewed, values)]},
        hovertemplate="%{x}: %{y:.1f}%<extra></extra>"))
    fig.update_yaxes(title_text="% label model = label peninjau", ticksuffix="%", range=[0, 100])
    fig.update_xaxes(type="category")
    return _layout(fig, 280)


def tagger(weeks: list[tuple[str, float | None, float | None]]) -> go.Figure:
    """The issue tagger against the reviewers' issue verdicts on the audit, week by week: (week, precision, recall)."""
    fig = go.Figure()
    for index, name in ((1, "Presisi"), (2, "Cakupan (recall)")):
        fig.add_trace(go.Scatter(x=[week_label(w[0]) for w in weeks], y=[None if w[index] is None else w[index] * 100
                                                                         for w in weeks],
                                 mode="lines+markers", name=chart_text(name),
                                 line={"color": COLORS["neutral" if index == 1 else "positive"], "width": 2},
                                 hovertemplate="%{x}: %{y:.1f}%<extra></extra>"))
    fig.update_yaxes(title_text="% pada sampel audit", ticksuffix="%", range=[0, 100])
    fig.update_xaxes(type="category")
    return _layout(fig, 280)


def to_html(fig: go.Figure, div_id: str) -> str:
    return fig.to_html(full_html=False, include_plotlyjs=False, div_id=div_id, config=CONFIG)
