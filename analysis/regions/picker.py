"""The region picker of the home page: the provinces, and the regencies and cities, that have a page this week, grouped
by island group, each group a <details> element of links (no script: it opens and closes in any browser).

`region_picker(week, codes)` returns the HTML block for a Markdown page; `region_link(week, code)` is the path of a
region's page, `laporan/wilayah/<week>-<code with '-' for '.'>/` (the week in lower case, as every week's path)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from markupsafe import Markup

from analysis.regions.gazetteer import Area, area, gazetteer
from denyut.markup import html_attribute, markdown_text

# island group → the first digit of its provinces' Kemendagri codes (Kepulauan Riau, 21, is counted with Sumatera)
GROUPS: dict[str, str] = {"Sumatera": "12", "Jawa": "3", "Bali-Nusa Tenggara": "5", "Kalimantan": "6", "Sulawesi": "7",
                          "Maluku": "8", "Papua": "9"}


def island_group(code: str) -> str:
    """The island group of a province, regency or city code ("33", "33.29" → "Jawa")."""
    return next(group for group, digits in GROUPS.items() if code[:1] in digits)


def region_link(week: str, code: str, prefix: str = "") -> str:
    """The path of a region's page for a week: 'laporan/wilayah/2024-w48-33-29/' (after `prefix`, e.g. '../')."""
    return f"{prefix}laporan/wilayah/{week.lower()}-{code.replace('.', '-')}/"


def _item(found: Area, week: str, prefix: str, names: Mapping[str, str], linked: bool) -> str:
    name = markdown_text(names.get(found.code) or found.name)
    if not linked:
        return str(name)
    return f'<a href="{html_attribute(region_link(week, found.code, prefix))}">{name}</a>'


def _group(week: str, provinces: list[Area], regencies: dict[str, list[Area]], linked: set[str], prefix: str,
           names: Mapping[str, str]) -> list[str]:
    lines = ["<ul>"]
    for province in provinces:
        lines.append(f"<li>{_item(province, week, prefix, names, province.code in linked)}")
        if regencies.get(province.code):
            lines.append("<ul>")
            lines.extend(f"<li>{_item(r, week, prefix, names, True)}</li>" for r in regencies[province.code])
            lines.append("</ul>")
        lines.append("</li>")
    lines.append("</ul>")
    return lines


def _counts(provinces: int, regencies: int) -> str:
    parts = [f"{provinces} provinsi"] if provinces else []
    return ", ".join(parts + ([f"{regencies} kabupaten/kota"] if regencies else []))


def region_picker(week: str, codes: Iterable[str], *, prefix: str = "", names: Mapping[str, str] | None = None) -> Markup:
    """The picker for `week`'s region pages: `codes` are the provinces ("33") and regencies or cities ("33.29") that
    have a page; nothing else is listed. One <details> per island group that has one (in the order west to east),
    its provinces in code order, each province's regencies and cities with pages beneath it (a province without a
    page of its own is named without a link). `prefix` leads every link (the home page needs none); `names` replaces
    Kemendagri names (tests). A code that is no Kemendagri code is a KeyError; no code at all gives an empty block."""
    gaz = gazetteer()
    found = sorted({area(gaz, code).code: area(gaz, code) for code in codes}.values(), key=lambda a: a.code)
    linked = {a.code for a in found if a.is_province}
    regencies: dict[str, list[Area]] = {}
    for a in found:
        if not a.is_province:
            regencies.setdefault(a.province_code, []).append(a)
    provinces = [gaz.areas[code] for code in sorted(linked | set(regencies))]
    lines = []
    for group in GROUPS:
        inside = [p for p in provinces if island_group(p.code) == group]
        if not inside:
            continue
        count = _counts(sum(p.code in linked for p in inside), sum(len(regencies.get(p.code, [])) for p in inside))
        lines.append(f'<details class="denyut-pulau">\n<summary>{group} ({count})</summary>')
        lines.extend(_group(week, inside, regencies, linked, prefix, names or {}))
        lines.append("</details>")
    if not lines:
        return Markup("")
    return Markup('<nav class="denyut-wilayah" aria-label="Pilih wilayah">\n' + "\n".join(lines) + "\n</nav>\n")
