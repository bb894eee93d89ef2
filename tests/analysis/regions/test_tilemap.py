"""The provinces' tile-grid map: every province once on a grid that stays legible on a phone, colours that darken with
the value and keep their labels readable, provinces without numbers marked, every name and link escaped."""

import re
import xml.etree.ElementTree as ET

import markdown
import pytest

from analysis.regions.gazetteer import read_areas
from analysis.regions.tilemap import (
    COLUMNS,
    LABELS,
    LAYOUT,
    NEGATIVE_COLOURS,
    NO_POSTS,
    PITCH,
    TILE,
    VOLUME_COLOURS,
    TileData,
    contrast,
    luminance,
    negative_scale,
    region_maps,
    region_table,
    text_colour,
    tile_svg,
    volume_scale,
)

SVG = "{http://www.w3.org/2000/svg}"
PROVINCES = [code for code, a in read_areas().items() if a.is_province]


def tiles(svg: str) -> dict[str, ET.Element]:
    """The tiles of a map by province code, read as XML (so the SVG must be well-formed)."""
    root = ET.fromstring(str(svg))
    return {el.get("data-kode"): el for el in root.iter() if el.get("data-kode")}


def fill_of(tile: ET.Element) -> str:
    return tile.find(f"{SVG}rect").get("fill")


def title_of(tile: ET.Element) -> str:
    return tile.find(f"{SVG}title").text


def test_each_of_the_38_provinces_of_areas_csv_is_on_the_grid_exactly_once_and_no_two_share_a_cell():
    assert len(PROVINCES) == 38
    assert sorted(LAYOUT) == sorted(PROVINCES) == sorted(LABELS)
    cells = list(LAYOUT.values())
    assert len(set(cells)) == len(cells)
    assert {"91", "92", "93", "94", "95", "96"} <= set(LAYOUT)  # the 2022 Papua provinces


def test_the_grid_runs_west_to_east_and_north_to_south_where_it_is_obvious():
    row, col = {c: rc[0] for c, rc in LAYOUT.items()}, {c: rc[1] for c, rc in LAYOUT.items()}
    assert LAYOUT["11"] == (0, 0)  # Aceh top left
    assert all(col[p] == COLUMNS - 1 or col[p] >= col["96"] for p in ("91", "92", "93", "94", "95", "96"))
    assert max(col.values()) in {col[p] for p in ("91", "93", "95")}  # Papua at the right edge
    assert col["36"] < col["32"] < col["33"] < col["35"] < col["51"] < col["52"] < col["53"]  # Java to Nusa Tenggara
    assert row["12"] < row["13"] < row["17"] and row["18"] < row["36"]  # down Sumatera, across to Banten
    assert row["33"] < row["34"] and row["65"] < row["64"] < row["63"]  # DIY below Jateng; Kaltara to Kalsel


def test_tiles_stay_at_least_30_px_wide_on_a_360_px_phone_and_labels_are_short():
    page_width = 360 - 2 * 13  # the page's margins on a phone
    viewbox_width = float(ET.fromstring(str(tile_svg({}))).get("viewBox").split()[2])
    assert viewbox_width == COLUMNS * PITCH <= 12 * PITCH
    assert TILE * page_width / viewbox_width >= 30
    assert all(1 <= len(line) <= 4 and line.isupper() for lines in LABELS.values() for line in lines)
    assert all(1 <= len(lines) <= 2 for lines in LABELS.values())


def test_every_tile_has_a_title_with_the_full_name_and_its_numbers_and_links_to_its_page():
    numbers = {"33": TileData(1234, 0.412, "laporan/2024-w48/wilayah/33/", 0.35, 0.475), "18": (200, 0.3, None)}
    found = tiles(tile_svg(numbers))
    assert set(found) == set(LAYOUT)
    assert title_of(found["33"]) == "Jawa Tengah: 1.234 unggahan; negatif 41,2% (kisaran 35,0–47,5%)"
    assert found["33"].tag == f"{SVG}a" and found["33"].get("{http://www.w3.org/1999/xlink}href") == "laporan/2024-w48/wilayah/33/"
    assert found["33"].get("href") is None  # Material's instant navigation would assign an SVG <a>'s read-only href
    assert title_of(found["18"]) == "Lampung: 200 unggahan; negatif 30,0%" and found["18"].tag == f"{SVG}g"
    text = "".join(found["33"].find(f"{SVG}text").itertext())
    assert text == "JATENG" and found["33"].find(f"{SVG}text").get("aria-hidden") == "true"


def test_a_province_without_posts_is_grey_and_one_with_too_few_is_hatched_with_the_reason_in_its_title():
    found = tiles(tile_svg({"33": (3, None, "x/33/"), "18": (0, None, None)}))
    assert fill_of(found["33"]).startswith("url(#") and "terlalu sedikit data" in title_of(found["33"])
    assert fill_of(found["18"]) == NO_POSTS and title_of(found["18"]) == "Lampung: belum ada unggahan"
    assert fill_of(found["11"]) == NO_POSTS and "belum ada unggahan" in title_of(found["11"])
    volume = tiles(tile_svg({"33": (3, None, "x/33/")}, "posts"))
    assert fill_of(volume["33"]) in VOLUME_COLOURS  # the posts are known even when the share is not
    pattern = ET.fromstring(str(tile_svg({"33": (3, None, None)}))).find(f"{SVG}defs/{SVG}pattern")
    assert fill_of(found["33"]) == f"url(#{pattern.get('id')})"


def test_colours_darken_as_the_value_grows_on_both_maps():
    shares = [0.05, 0.25, 0.35, 0.45, 0.75]
    codes = ["11", "12", "13", "14", "15"]
    negative = tiles(tile_svg({c: (100, s, None) for c, s in zip(codes, shares)}))
    lights = [luminance(fill_of(negative[c])) for c in codes]
    assert lights == sorted(lights, reverse=True) and len(set(lights)) == 5
    posts = [1, 60, 120, 250, 800]
    volume = tiles(tile_svg({c: (n, None, None) for c, n in zip(codes, posts)}, "posts"))
    lights = [luminance(fill_of(volume[c])) for c in codes]
    assert lights == sorted(lights, reverse=True) and len(set(lights)) == 5
    for palette in (NEGATIVE_COLOURS, VOLUME_COLOURS):
        assert [luminance(c) for c in palette] == sorted((luminance(c) for c in palette), reverse=True)


def test_every_label_has_at_least_4_5_to_1_contrast_with_its_tile():
    for fill in (*NEGATIVE_COLOURS, *VOLUME_COLOURS, NO_POSTS):
        assert contrast(text_colour(fill), fill) >= 4.5, fill
    numbers = {c: (10 * i + 1, i / 40, None) for i, c in enumerate(sorted(LAYOUT))}
    for measure in ("negative", "posts"):
        for tile in tiles(tile_svg(numbers, measure)).values():
            if not fill_of(tile).startswith("url("):
                assert contrast(tile.find(f"{SVG}text").get("fill"), fill_of(tile)) >= 4.5


def test_scales_have_a_legend_label_for_each_colour():
    assert negative_scale().labels == ("di bawah 20%", "20–30%", "30–40%", "40–50%", "50% ke atas")
    scale = volume_scale(400)
    assert scale.labels == ("1–19", "20–49", "50–99", "100–199", "200 ke atas") and scale.colours == VOLUME_COLOURS
    small = volume_scale(3)
    assert len(small.colours) == len(small.labels) == len(small.breaks) + 1
    svg = str(tile_svg({"33": (5, 0.1, None)}))
    assert all(label in svg for label in negative_scale().labels) and "terlalu sedikit data" in svg


def test_names_and_links_from_outside_are_escaped_and_only_safe_links_are_links():
    hostile = {"33": 'Jawa <script>alert(1)</script> & "Tengah" [x](javascript:y)', "18": "Lam_pung*"}
    svg = str(tile_svg({"33": (9, 0.5, 'javascript:alert(1)'), "18": (9, 0.5, 'x/"><script>')}, names=hostile))
    assert "<script" not in svg and "javascript:alert" not in svg
    found = tiles(svg)
    assert title_of(found["33"]).startswith('Jawa <script>alert(1)</script> & "Tengah"')  # shown as written
    assert found["33"].tag == f"{SVG}g" and found["18"].tag == f"{SVG}g"  # neither link survived
    table = str(region_table({"33": (9, 0.5, "javascript:alert(1)"), "18": (9, 0.5, "../18/")}, names=hostile))
    assert "<script" not in table and "javascript:alert" not in table and "[Lam&#95;pung&#42;](../18/)" in table


def test_the_table_lists_every_province_with_its_share_and_interval_or_why_there_is_none():
    table = str(region_table({"33": TileData(412, 0.412, "laporan/2024-w48/wilayah/33/", 0.35, 0.475),
                              "18": (14, None, None)}))
    rows = [line for line in table.splitlines() if line.startswith("| ")][1:]
    assert len(rows) == 38
    assert "| [Jawa Tengah](laporan/2024-w48/wilayah/33/) | 412 | 41,2% (kisaran 35,0–47,5%) |" in rows
    assert "| Lampung | 14 | terlalu sedikit data |" in rows
    assert "| Aceh | 0 | belum ada unggahan |" in rows


def test_a_code_that_is_no_province_is_refused():
    with pytest.raises(KeyError):
        tile_svg({"33.29": (5, 0.2, None)})
    with pytest.raises(ValueError):
        tile_svg({}, "emotion")


def test_both_maps_and_the_table_survive_the_sites_markdown_as_they_were_written():
    numbers = {c: (50 + i, i / 40, f"laporan/2024-w48/wilayah/{c}/") for i, c in enumerate(sorted(LAYOUT))}
    html = markdown.markdown(str(region_maps(numbers)), extensions=["attr_list", "md_in_html", "tables", "pymdownx.details"])
    svgs = re.findall(r"<svg.*?</svg>", html, flags=re.S)
    assert len(svgs) == 2 and all(len(tiles(svg)) == 38 for svg in svgs)
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids))  # two maps on one page, no id twice
    assert html.count("<tr>") == 39 and "<details" in html and "<script" not in html
