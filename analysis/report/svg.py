"""Charts drawn at build time from the numbers: HTML text and inline SVG, no script, readable on a 360 px phone.

No viewBox: x is a percentage of the chart's width and y is in pixels, so a chart takes whatever width the page
gives it while its text keeps its size and never scales, wraps badly or clips. Labels are HTML above each bar
(they wrap like any text); the one line chart puts its y labels in a narrow axis beside the plot and labels at
most three weeks under it, never rotated. Text and axes are drawn in currentColor (the light and the dark
palette alike); every outside string (an issue's name) is escaped by denyut.markup.markdown_text."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from markupsafe import Markup

from denyut.fmt import pct
from denyut.markup import markdown_text

GRID = 'stroke="currentColor" stroke-opacity="0.18" stroke-width="1"'
BAR_HEIGHT = 16
PLOT_HEIGHT = 150
PLOT_TOP = 8
LABELS_HEIGHT = 22


@dataclass
class Segment:
    """A part of a bar: its colour, where it starts and how wide it is (fractions of the chart's width), its tooltip."""

    colour: str
    start: float
    width: float
    title: str


@dataclass
class BarRow:
    """One bar with its label and its value written above it; `whisker` is an interval (fractions of the width)."""

    label: str
    value: str
    segments: list[Segment]
    whisker: tuple[float, float] | None = None


@dataclass
class Line:
    """One series of a line chart, in percent: a value per week (None where there is none), optional interval."""

    name: str
    colour: str
    values: list[float | None]
    lows: list[float | None] = field(default_factory=list)
    highs: list[float | None] = field(default_factory=list)


def _pc(fraction: float) -> str:
    """A fraction of the width as an SVG percentage, clamped to the chart."""
    return f"{min(max(fraction, 0.0), 1.0) * 100:.2f}%"


def _text(value: object) -> str:
    return str(markdown_text(value))


def legend(items: list[tuple[str, str]]) -> str:
    """Colour keys as HTML text: (name, colour) each."""
    keys = "".join(
        f'<span class="denyut-legend__key"><svg width="12" height="12" aria-hidden="true" focusable="false">'
        f'<rect width="12" height="12" fill="{colour}"></rect></svg>{_text(name)}</span>'
        for name, colour in items
    )
    return f'<div class="denyut-legend">{keys}</div>'


def _bar_parts(row: BarRow, grid: list[float], track: bool) -> str:
    parts = ['<rect width="100%" height="16" fill="currentColor" fill-opacity="0.07"></rect>' if track else ""]
    parts += [f'<line x1="{_pc(g)}" x2="{_pc(g)}" y1="0" y2="{BAR_HEIGHT}" {GRID}></line>' for g in grid]
    parts += [
        f'<rect x="{_pc(s.start)}" width="{_pc(s.width)}" height="{BAR_HEIGHT}" fill="{s.colour}">'
        f"<title>{_text(s.title)}</title></rect>"
        for s in row.segments
        if s.width > 0
    ]
    if row.whisker:
        low, high = _pc(row.whisker[0]), _pc(row.whisker[1])
        mid = BAR_HEIGHT / 2
        parts += [
            f'<line x1="{low}" x2="{high}" y1="{mid}" y2="{mid}" stroke="currentColor" stroke-width="1.5"></line>',
            *(
                f'<line x1="{x}" x2="{x}" y1="3" y2="{BAR_HEIGHT - 3}" stroke="currentColor" stroke-width="1.5"></line>'
                for x in (low, high)
            ),
        ]
    return "".join(parts)


def _bar(row: BarRow, grid: list[float], track: bool) -> str:
    return (
        f'<svg class="denyut-bars__bar" width="100%" height="{BAR_HEIGHT}" aria-hidden="true" focusable="false">'
        f"{_bar_parts(row, grid, track)}</svg>"
    )


def _tick_labels(ticks: list[tuple[float, str]]) -> str:
    return "".join(f'<text x="{_pc(t)}" y="12" text-anchor="{_anchor(t)}">{_text(label)}</text>' for t, label in ticks)


def bars(
    rows: list[BarRow],
    ticks: list[tuple[float, str]] | None = None,
    keys: list[tuple[str, str]] | None = None,
    track: bool = False,
) -> Markup:
    """Horizontal bars, one under another, each with its label and value above it; `ticks` (fraction, text) draws
    grid lines through the bars and their labels under the last; `keys` a legend above; `track` the full width."""
    grid = [t for t, _ in ticks or []]
    out = [legend(keys) if keys else ""]
    for row in rows:
        out.append(
            f'<div class="denyut-bars__row"><div class="denyut-bars__label"><span>{_text(row.label)}</span> '
            f'<span class="denyut-bars__value">{_text(row.value)}</span></div>{_bar(row, grid, track)}</div>'
        )
    if ticks:
        out.append(f'<svg class="denyut-bars__axis" width="100%" height="16" aria-hidden="true" focusable="false">'
                   f"{_tick_labels(ticks)}</svg>")
    return Markup(f'<div class="denyut-bars">{"".join(out)}</div>')


def _anchor(fraction: float) -> str:
    return "start" if fraction <= 0.02 else "end" if fraction >= 0.98 else "middle"


def _week_anchor(index: int, count: int) -> str:
    """The first week's label starts at its point and the last one's ends at it: neither leaves the chart."""
    return "middle" if count == 1 or 0 < index < count - 1 else "start" if index == 0 else "end"


def nice_top(highest: float) -> tuple[float, float]:
    """The top of a percent axis above `highest` and its step, with at most four steps: (40, 10) for 37.2."""
    for step in (5, 10, 20, 25):
        top = max(math.ceil(highest / step), 1) * step
        if top / step <= 4:
            return float(min(top, 100)), float(step)
    return 100.0, 25.0


def label_weeks(count: int) -> list[int]:
    """Which of `count` weeks get a label under a line chart: the first, the last and the middle one."""
    return sorted({0, (count - 1) // 2, count - 1}) if count > 0 else []


def _x(index: int, count: int) -> float:
    return 0.5 if count == 1 else 0.03 + 0.94 * index / (count - 1)


def _series(line: Line, y, count: int, week_names: list[str]) -> list[str]:
    out = []
    for i, (a, b) in enumerate(zip(line.values, line.values[1:])):
        if a is not None and b is not None:
            out.append(
                f'<line x1="{_pc(_x(i, count))}" y1="{y(a):.1f}" x2="{_pc(_x(i + 1, count))}" y2="{y(b):.1f}" '
                f'stroke="{line.colour}" stroke-width="2"></line>'
            )
    for i, v in enumerate(line.values):
        if v is None:
            continue
        low = line.lows[i] if i < len(line.lows) else None
        high = line.highs[i] if i < len(line.highs) else None
        if low is not None and high is not None:
            out.append(
                f'<line x1="{_pc(_x(i, count))}" x2="{_pc(_x(i, count))}" y1="{y(high):.1f}" y2="{y(low):.1f}" '
                f'stroke="{line.colour}" stroke-opacity="0.55" stroke-width="1.5"></line>'
            )
        out.append(
            f'<circle cx="{_pc(_x(i, count))}" cy="{y(v):.1f}" r="3.5" fill="{line.colour}">'
            f"<title>{_text(line.name)}, {_text(week_names[i])}: {_text(_percent(v))}</title></circle>"
        )
    return out


def _percent(value: float) -> str:
    return pct(value / 100)


def _line_plot(week_names: list[str], series: list[Line], top: float | None) -> tuple[str, str, int]:
    """The y axis and the plot of a line chart (SVG content), and their height in pixels."""
    count = len(week_names)
    highest = max([v for s in series for v in [*s.values, *s.highs] if v is not None] or [1.0])
    top, step = (top, 25.0) if top else nice_top(highest)

    def y(value: float) -> float:
        return PLOT_TOP + (1 - min(value, top) / top) * PLOT_HEIGHT

    grid = [step * k for k in range(int(top // step) + 1)]
    height = PLOT_TOP + PLOT_HEIGHT + LABELS_HEIGHT
    axis = "".join(f'<text x="36" y="{y(g) + 4:.1f}" text-anchor="end">{g:g}%</text>' for g in grid)
    plot = [f'<line x1="0" x2="100%" y1="{y(g):.1f}" y2="{y(g):.1f}" {GRID}></line>' for g in grid]
    for line in series:
        plot += _series(line, y, count, week_names)
    plot += [
        f'<text x="{_pc(_x(i, count))}" y="{height - 5}" text-anchor="{_week_anchor(i, count)}">{_text(week_names[i])}</text>'
        for i in label_weeks(count)
    ]
    return axis, "".join(plot), height


def lines(week_names: list[str], series: list[Line], top: float | None = None) -> Markup:
    """A line chart of percentages over weeks: a legend, the y axis beside the plot, three week labels under it."""
    axis, plot, height = _line_plot(week_names, series, top)
    return Markup(
        f'<div class="denyut-lines">{legend([(s.name, s.colour) for s in series])}<div class="denyut-lines__frame">'
        f'<svg class="denyut-lines__axis" width="40" height="{height}" aria-hidden="true" focusable="false">{axis}</svg>'
        f'<svg class="denyut-lines__plot" width="100%" height="{height}" aria-hidden="true" focusable="false">'
        f"{plot}</svg></div></div>"
    )


# A chart as a file of its own (the "Unduh SVG" link, and what the site's script turns into a PNG): the same
# drawing at a fixed width, on white, its text dark, its title and its legend drawn in SVG.
FILE_WIDTH = 720
FILE_MARGIN = 12
FILE_TOP = 30


def _document(title: str, keys: list[tuple[str, str]], body: str, height: float) -> str:
    legend_row = ""
    x = FILE_MARGIN
    for name, colour in keys:
        legend_row += (f'<rect x="{x}" y="{FILE_TOP + 2}" width="12" height="12" fill="{colour}"></rect>'
                       f'<text x="{x + 16}" y="{FILE_TOP + 12}">{_text(name)}</text>')
        x += 40 + 7 * len(name)
    top = FILE_TOP + (24 if keys else 4)
    total = math.ceil(top + height + FILE_MARGIN)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{FILE_WIDTH}" height="{total}" '
        f'viewBox="0 0 {FILE_WIDTH} {total}" color="#1f2328" fill="#1f2328" font-family="DejaVu Sans, Arial, sans-serif" '
        f'font-size="12"><rect width="100%" height="100%" fill="#ffffff"></rect>'
        f'<text x="{FILE_MARGIN}" y="20" font-size="14" font-weight="bold">{_text(title)}</text>{legend_row}'
        f'<g transform="translate(0 {top})">{body}</g></svg>\n'
    )


def lines_file(title: str, week_names: list[str], series: list[Line], top: float | None = None) -> str:
    """lines() as a standalone SVG file."""
    axis, plot, height = _line_plot(week_names, series, top)
    body = (f'<svg x="{FILE_MARGIN}" width="40" height="{height}">{axis}</svg>'
            f'<svg x="{FILE_MARGIN + 44}" width="{FILE_WIDTH - 2 * FILE_MARGIN - 44}" height="{height}">{plot}</svg>')
    return _document(title, [(s.name, s.colour) for s in series], body, height)


def bars_file(title: str, rows: list[BarRow], ticks: list[tuple[float, str]] | None = None,
              keys: list[tuple[str, str]] | None = None, track: bool = False) -> str:
    """bars() as a standalone SVG file: each bar's label and value above it."""
    grid, y, body = [t for t, _ in ticks or []], 0, []
    width = FILE_WIDTH - 2 * FILE_MARGIN
    for row in rows:
        body.append(f'<text x="{FILE_MARGIN}" y="{y + 13}">{_text(row.label)}: {_text(row.value)}</text>'
                    f'<svg x="{FILE_MARGIN}" y="{y + 18}" width="{width}" height="{BAR_HEIGHT}">'
                    f"{_bar_parts(row, grid, track)}</svg>")
        y += 18 + BAR_HEIGHT + 10
    if ticks:
        body.append(f'<svg x="{FILE_MARGIN}" y="{y}" width="{width}" height="16">{_tick_labels(ticks)}</svg>')
        y += 16
    return _document(title, keys or [], "".join(body), y)
