"""A tile-grid map (grid cartogram) of Indonesia's 38 provinces as inline SVG, and its text table.

Each province is one equal square on a grid of 10 columns and 7 rows, placed roughly as it lies (west → east,
north → south: Aceh top left, the six Papua provinces right), so that a small province (DKI, DIY) is as easy to see
and to tap as a large one. The map needs no script and no file of its own: `tile_svg` returns the <svg> element
(every tile a link to the province's page when one is given, its `<title>` the province's full name and numbers, a
legend inside), `region_table` the same numbers as a Markdown table that reads on a phone, `region_maps` both maps
(share of negative posts, then the number of posts folded in a <details>) and the table, ready for a Markdown page.

At 334 px (a 360 px phone less the page's margins) a tile is 32 px wide. The colours are ColorBrewer's sequential
YlOrRd (negative share) and Blues (posts), colour-blind safe and ordered by lightness, so that darker always means
more; each label's colour (near-black or white) is the one with the higher contrast on its tile's fill (WCAG).
A province with no posts is grey; one whose negative share is not given (too few posts) is hatched. The names come
from resources/areas.csv; every name, number and link is escaped where it lands (denyut.markup).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from math import log10
from typing import NamedTuple

from markupsafe import Markup

from analysis.regions.gazetteer import gazetteer
from denyut.fmt import interval, num, pct
from denyut.markup import html_attribute, markdown_text, safe_link

# province code → (row, column): the grid, checked by hand against a map (tests: every province once, one a cell)
LAYOUT: dict[str, tuple[int, int]] = {
    "11": (0, 0),  # Aceh
    "12": (1, 0), "14": (1, 1), "21": (1, 2),  # Sumatera Utara, Riau, Kepulauan Riau
    "13": (2, 0), "15": (2, 1),  # Sumatera Barat, Jambi
    "17": (3, 0), "16": (3, 1), "19": (3, 2),  # Bengkulu, Sumatera Selatan, Kepulauan Bangka Belitung
    "18": (4, 1), "31": (4, 2),  # Lampung, DKI Jakarta
    "36": (5, 1), "32": (5, 2), "33": (5, 3), "35": (5, 4),  # Banten, Jawa Barat, Jawa Tengah, Jawa Timur
    "34": (6, 3),  # DI Yogyakarta
    "51": (5, 5), "52": (5, 6), "53": (5, 7),  # Bali, Nusa Tenggara Barat, Nusa Tenggara Timur
    "65": (0, 4),  # Kalimantan Utara
    "61": (1, 3), "64": (1, 4),  # Kalimantan Barat, Kalimantan Timur
    "62": (2, 3), "63": (2, 4),  # Kalimantan Tengah, Kalimantan Selatan
    "71": (0, 6),  # Sulawesi Utara
    "72": (1, 5), "75": (1, 6),  # Sulawesi Tengah, Gorontalo
    "76": (2, 5),  # Sulawesi Barat
    "73": (3, 5), "74": (3, 6),  # Sulawesi Selatan, Sulawesi Tenggara
    "82": (1, 7), "96": (2, 7), "81": (3, 7),  # Maluku Utara, Papua Barat Daya, Maluku
    "92": (2, 8), "91": (2, 9),  # Papua Barat, Papua
    "94": (3, 8), "95": (3, 9),  # Papua Tengah, Papua Pegunungan
    "93": (4, 9),  # Papua Selatan
}
# the short form on each tile, in lines of at most four letters (the common short form split where it reads)
LABELS: dict[str, tuple[str, ...]] = {
    "11": ("ACEH",), "12": ("SUM", "UT"), "13": ("SUM", "BAR"), "14": ("RIAU",), "15": ("JAM", "BI"),
    "16": ("SUM", "SEL"), "17": ("BENG", "KULU"), "18": ("LAM", "PUNG"), "19": ("BA", "BEL"), "21": ("KEP", "RI"),
    "31": ("DKI",), "32": ("JA", "BAR"), "33": ("JA", "TENG"), "34": ("DIY",), "35": ("JA", "TIM"), "36": ("BAN", "TEN"),
    "51": ("BALI",), "52": ("NTB",), "53": ("NTT",),
    "61": ("KAL", "BAR"), "62": ("KAL", "TENG"), "63": ("KAL", "SEL"), "64": ("KAL", "TIM"), "65": ("KAL", "TARA"),
    "71": ("SUL", "UT"), "72": ("SUL", "TENG"), "73": ("SUL", "SEL"), "74": ("SUL", "TRA"), "75": ("GTLO",),
    "76": ("SUL", "BAR"), "81": ("MA", "LUKU"), "82": ("MAL", "UT"),
    "91": ("PA", "PUA"), "92": ("PA", "BAR"), "93": ("PAP", "SEL"), "94": ("PAP", "TENG"), "95": ("PAP", "PEG"),
    "96": ("PBD",),
}
COLUMNS = 1 + max(col for _, col in LAYOUT.values())
ROWS = 1 + max(row for row, _ in LAYOUT.values())
PITCH, TILE = 40, 38  # a cell and the square in it, in viewBox units
FONT, LINE = 12, 13  # a label's size and line height
LEGEND_FONT, LEGEND_ROW, LEGEND_COLUMNS = 13, 22, 2
MEASURES = ("negative", "posts")
NEGATIVE_COLOURS = ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026")  # ColorBrewer YlOrRd, 5 classes
VOLUME_COLOURS = ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c")  # ColorBrewer Blues, 5 classes
NEGATIVE_BREAKS = (0.2, 0.3, 0.4, 0.5)  # fixed, so that a colour means the same share every week
NO_POSTS, HATCH_BACK, HATCH_LINE, STROKE = "#d9d9d9", "#f2f2f2", "#a6a6a6", "#737373"
DARK, LIGHT = "#000000", "#ffffff"
NO_POSTS_TEXT = "belum ada unggahan"
TOO_FEW_TEXT = "terlalu sedikit data"
TITLES = {"negative": "Persentase unggahan bernada negatif per provinsi", "posts": "Jumlah unggahan per provinsi"}
RELATIVE_LINK = re.compile(r"(?!//)[A-Za-z0-9._~/#-]*[A-Za-z0-9._~/#-]")


class TileData(NamedTuple):
    """A province's numbers: its posts, the share of them that is negative (None: too few posts to say), the link to
    its page (None: no page), and the share's 95% interval (shown in the titles and the table when given). A plain
    tuple (posts, negative, link) is read as one."""

    posts: int
    negative: float | None = None
    link: str | None = None
    low: float | None = None
    high: float | None = None


class Scale(NamedTuple):
    """Classes of a measure: the lower bound of every class but the first, their colours and legend labels."""

    breaks: tuple[float, ...]
    colours: tuple[str, ...]
    labels: tuple[str, ...]

    def colour(self, value: float) -> str:
        return self.colours[sum(value >= b for b in self.breaks)]


def _data(numbers: Mapping[str, Iterable]) -> dict[str, TileData]:
    out = {}
    for code, value in numbers.items():
        if code not in LAYOUT:
            raise KeyError(f"bukan kode provinsi: {code!r} (38 kode dua angka Kemendagri)")
        out[code] = value if isinstance(value, TileData) else TileData(*value)
    return out


def _names(names: Mapping[str, str] | None) -> dict[str, str]:
    areas = gazetteer().areas
    return {code: (names or {}).get(code) or areas[code].name for code in LAYOUT}


def href(link: str | None) -> str | None:
    """A link a tile or a table may carry: a relative path of plain characters, or http(s) (denyut.markup.safe_link)
    without the characters that would end a Markdown link; anything else (javascript:, data:...) is no link."""
    if not link:
        return None
    if RELATIVE_LINK.fullmatch(link):
        return link
    safe = safe_link(link)
    return safe if safe and not set(safe) & set("()<>\"'\\[]") else None


# -- colours --------------------------------------------------------------------------------------------------------

def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of '#rrggbb'."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    """WCAG 2 contrast ratio of two colours (1 to 21)."""
    a, b = sorted((luminance(one), luminance(other)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def text_colour(fill: str) -> str:
    """Near-black or white, whichever reads better on `fill`."""
    return DARK if contrast(DARK, fill) >= contrast(LIGHT, fill) else LIGHT


def _nice_near(value: float, most: int) -> int:
    """The number of 1, 2, 5, 10, 20, 50... nearest to `value` on a log scale, not above `most`."""
    series, step = [], 1
    while step <= most:
        series.extend(n for n in (step, 2 * step, 5 * step) if n <= most)
        step *= 10
    return min(series or [1], key=lambda n: abs(log10(n) - log10(max(value, 1))))


def volume_scale(most: int) -> Scale:
    """Classes for post counts up to `most`: bounds at round numbers near a sixteenth, an eighth, a quarter and half
    of it (fewer classes for small counts), darker for more."""
    breaks = tuple(sorted({b for f in (16, 8, 4, 2) if (b := _nice_near(most / f, most)) > 1}))
    colours = tuple(VOLUME_COLOURS[round(i * (len(VOLUME_COLOURS) - 1) / len(breaks))] for i in range(len(breaks) + 1)) \
        if breaks else VOLUME_COLOURS[-1:]
    bounds = (1, *breaks)
    labels = tuple(f"{num(low)}–{num(high - 1)}" if high - 1 > low else num(low) for low, high in zip(bounds, breaks))
    return Scale(breaks, colours, (*labels, f"{num(bounds[-1])} ke atas"))


def negative_scale() -> Scale:
    bounds = [pct(b).replace(",0", "") for b in NEGATIVE_BREAKS]
    labels = (f"di bawah {bounds[0]}", *(f"{a.removesuffix('%')}–{b}" for a, b in zip(bounds, bounds[1:])), f"{bounds[-1]} ke atas")
    return Scale(NEGATIVE_BREAKS, NEGATIVE_COLOURS, labels)


def scale_for(measure: str, data: Mapping[str, TileData]) -> Scale:
    if measure not in MEASURES:
        raise ValueError(f"ukuran peta tidak dikenal: {measure!r} (boleh: {', '.join(MEASURES)})")
    return negative_scale() if measure == "negative" else volume_scale(max((d.posts for d in data.values()), default=0))


# -- words ----------------------------------------------------------------------------------------------------------

def negative_text(d: TileData) -> str:
    """'41,2% (kisaran 35,0–47,5%)', or why there is no share."""
    if d.posts <= 0:
        return NO_POSTS_TEXT
    if d.negative is None:
        return TOO_FEW_TEXT
    return pct(d.negative) + (f" (kisaran {interval(d.low, d.high)})" if d.low is not None and d.high is not None else "")


def tile_title(name: str, d: TileData | None) -> str:
    """The accessible text of a tile: the province's full name and its numbers, or the reason it has none."""
    if d is None or d.posts <= 0:
        return f"{name}: {NO_POSTS_TEXT}"
    if d.negative is None:
        return f"{name}: {num(d.posts)} unggahan; {TOO_FEW_TEXT} untuk persentase negatif"
    return f"{name}: {num(d.posts)} unggahan; negatif {negative_text(d)}"


# -- the SVG --------------------------------------------------------------------------------------------------------

def _fill(measure: str, d: TileData | None, scale: Scale, uid: str) -> str:
    if d is None or d.posts <= 0:
        return NO_POSTS
    if measure == "posts":
        return scale.colour(d.posts)
    return f"url(#{uid}-arsir)" if d.negative is None else scale.colour(d.negative)


def _label(lines: tuple[str, ...], cx: float, cy: float, colour: str) -> str:
    first = cy - (len(lines) - 1) * LINE / 2
    spans = "".join(f'<tspan x="{cx:g}" y="{first + i * LINE:g}">{line}</tspan>' for i, line in enumerate(lines))
    return (f'<text text-anchor="middle" dominant-baseline="central" font-size="{FONT}" font-weight="700" fill="{colour}" '
            f'aria-hidden="true">{spans}</text>')


def _tile(code: str, name: str, d: TileData | None, measure: str, scale: Scale, uid: str) -> str:
    row, col = LAYOUT[code]
    x, y = col * PITCH + (PITCH - TILE) / 2, row * PITCH + (PITCH - TILE) / 2
    fill = _fill(measure, d, scale, uid)
    colour = DARK if fill.startswith("url(") else text_colour(fill)
    body = (f"<title>{markdown_text(tile_title(name, d))}</title>"
            f'<rect x="{x:g}" y="{y:g}" width="{TILE}" height="{TILE}" rx="3" fill="{fill}" stroke="{STROKE}" '
            f'stroke-width="0.75"></rect>' + _label(LABELS[code], x + TILE / 2, y + TILE / 2, colour))
    link = href(d.link) if d else None
    if link:
        # xlink:href, not href: Material's instant navigation rewrites every [href] by assigning el.href, which an SVG
        # <a> only has a getter for; the TypeError stops its navigation for the rest of the visit
        return f'<a xlink:href="{html_attribute(link)}" data-kode="{code}">{body}</a>'
    return f'<g data-kode="{code}">{body}</g>'


def _legend(measure: str, scale: Scale, top: float, uid: str) -> str:
    entries = [(colour, label) for colour, label in zip(scale.colours, scale.labels)]
    if measure == "negative":
        entries.append((f"url(#{uid}-arsir)", TOO_FEW_TEXT))
    entries.append((NO_POSTS, NO_POSTS_TEXT))
    width = COLUMNS * PITCH / LEGEND_COLUMNS
    title = "Persentase negatif" if measure == "negative" else "Jumlah unggahan"
    parts = [f'<text x="2" y="{top + LEGEND_FONT:g}" font-size="{LEGEND_FONT}" font-weight="700" fill="currentColor">'
             f"{title}</text>"]
    for i, (fill, label) in enumerate(entries):
        x, y = (i % LEGEND_COLUMNS) * width + 2, top + LEGEND_ROW * (1 + i // LEGEND_COLUMNS)
        parts.append(f'<rect x="{x:g}" y="{y:g}" width="16" height="16" fill="{fill}" stroke="{STROKE}" stroke-width="0.75">'
                     f'</rect><text x="{x + 21:g}" y="{y + 13:g}" font-size="{LEGEND_FONT}" fill="currentColor">'
                     f"{markdown_text(label)}</text>")
    return f'<g aria-hidden="true">{"".join(parts)}</g>'


def legend_height(measure: str, scale: Scale) -> int:
    entries = len(scale.colours) + (2 if measure == "negative" else 1)
    return LEGEND_ROW * (1 + -(-entries // LEGEND_COLUMNS)) + 6


def tile_svg(numbers: Mapping[str, Iterable], measure: str = "negative", *, uid: str = "peta-wilayah",
             names: Mapping[str, str] | None = None) -> Markup:
    """The map as one inline <svg> (no blank line, so Markdown leaves it alone): `numbers` maps a province code to its
    TileData (or a tuple (posts, negative share or None, link or None)); `measure` is "negative" (colour by the share
    of negative posts) or "posts" (by the number of posts); `uid` prefixes the ids of this map (two on one page need
    two); `names` replaces Kemendagri names (tests). A code that is no province is a KeyError."""
    data = _data(numbers)
    scale = scale_for(measure, data)
    uid = re.sub(r"[^a-z0-9-]", "-", uid.lower())
    every = _names(names)
    width, grid = COLUMNS * PITCH, ROWS * PITCH
    height = grid + 8 + legend_height(measure, scale)
    tiles = "".join(_tile(code, every[code], data.get(code), measure, scale, uid) for code in sorted(LAYOUT))
    hatch = (f'<defs><pattern id="{uid}-arsir" patternUnits="userSpaceOnUse" width="6" height="6" '
             f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{HATCH_BACK}"></rect>'
             f'<line x1="1" y1="0" x2="1" y2="6" stroke="{HATCH_LINE}" stroke-width="2"></line></pattern></defs>')
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 {width} {height}" width="100%" '
        f'style="max-width:40rem;height:auto" role="group" aria-labelledby="{uid}-judul">'
        f'<title id="{uid}-judul">{TITLES[measure]}</title>{hatch}'
        f'<g font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif">{tiles}'
        f"{_legend(measure, scale, grid + 8, uid)}</g></svg>"
    )


# -- the table and the section ---------------------------------------------------------------------------------------

def region_table(numbers: Mapping[str, Iterable], *, names: Mapping[str, str] | None = None) -> Markup:
    """The map's numbers as a Markdown table, every province in code order (west to east): its name (a link to its
    page when given), its posts, its negative share with the 95% interval, or the words for why there is none."""
    data = _data(numbers)
    every = _names(names)
    rows = ["| Provinsi | Unggahan | Negatif (kisaran 95%) |", "|---|---:|---:|"]
    for code in sorted(LAYOUT):
        d = data.get(code, TileData(0))
        name = markdown_text(every[code])
        link = href(d.link)
        cell = f"[{name}]({link})" if link else str(name)
        rows.append(f"| {cell} | {num(d.posts)} | {markdown_text(negative_text(d))} |")
    return Markup("\n".join(rows) + "\n")


def region_maps(numbers: Mapping[str, Iterable], *, uid: str = "peta-wilayah", names: Mapping[str, str] | None = None,
                table: bool = True) -> Markup:
    """The map of the negative share, the map of the posts folded in a <details> (no script needed to switch), and the
    table (unless the page has its own): Markdown for a page (each HTML block on lines of its own, blank lines
    around)."""
    caption = ("Setiap kotak satu provinsi, kira-kira di letaknya (barat di kiri, utara di atas), semua sama besar. "
               "Arahkan atau sentuh kotak untuk nama dan angkanya; tabel di bawah memuat angka yang sama.")
    first = tile_svg(numbers, "negative", uid=f"{uid}-negatif", names=names)
    second = tile_svg(numbers, "posts", uid=f"{uid}-jumlah", names=names)
    return Markup(
        f'<figure class="denyut-peta">\n{first}\n<figcaption>{TITLES["negative"]}. {caption}</figcaption>\n</figure>\n\n'
        f'<details class="denyut-peta-jumlah">\n<summary>Peta jumlah unggahan per provinsi</summary>\n'
        f'<figure class="denyut-peta">\n{second}\n<figcaption>{TITLES["posts"]}.</figcaption>\n</figure>\n</details>\n\n'
        f"{region_table(numbers, names=names) if table else ''}"
    )
