"""Precision and recall per level on tests/fixtures/regions_labelled.csv: 699 synthetic posts labelled by reading
(slang, typos, hashtags, code-mixing, location fields; ordinary words that are place names, look-alike provinces,
cities and regencies of one name, several provinces, national and foreign posts, person names)."""

from __future__ import annotations

import csv

import pytest

from analysis.regions import gazetteer, place
from denyut.paths import PACKAGE_ROOT

LABELLED = PACKAGE_ROOT / "tests" / "fixtures" / "regions_labelled.csv"
# (precision, recall) that each level must reach; measured: province 0.998 / 0.979, regency 0.995 / 0.977
THRESHOLDS = {"province": (0.97, 0.95), "regency": (0.95, 0.93)}


def _rows() -> list[dict]:
    with open(LABELLED, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _codes(cell: str) -> set[str]:
    return set(filter(None, cell.split(";")))


def scores() -> dict[str, tuple[float, float]]:
    counts = {level: [0, 0, 0] for level in THRESHOLDS}  # true positives, false positives, false negatives
    for row in _rows():
        found = place(row["text"], row["location"])
        got = {"province": {a.code for a in found.provinces}, "regency": {a.code for a in found.regencies}}
        want = {"province": _codes(row["province_codes"]), "regency": _codes(row["regency_codes"])}
        for level, tally in counts.items():
            tally[0] += len(got[level] & want[level])
            tally[1] += len(got[level] - want[level])
            tally[2] += len(want[level] - got[level])
    return {level: (tp / (tp + fp), tp / (tp + fn)) for level, (tp, fp, fn) in counts.items()}


def test_the_labelled_set_has_500_posts_or_more_with_known_codes_and_the_traps():
    rows = _rows()
    areas = gazetteer().areas
    assert len(rows) >= 500
    assert list(rows[0]) == ["text", "location", "province_codes", "regency_codes"]
    assert all(code in areas for row in rows for code in _codes(row["province_codes"]) | _codes(row["regency_codes"]))
    assert all(code[:2] in _codes(row["province_codes"]) for row in rows for code in _codes(row["regency_codes"]))
    assert sum(not row["province_codes"] for row in rows) >= 100  # posts that name no place
    assert sum(bool(row["location"]) for row in rows) >= 50
    assert sum(len(_codes(row["province_codes"])) > 1 for row in rows) >= 30


@pytest.mark.parametrize("level", list(THRESHOLDS))
def test_placing_the_labelled_posts_reaches_the_precision_and_recall_of_each_level(level):
    precision, recall = scores()[level]
    print(f"{level}: precision {precision:.3f}, recall {recall:.3f}")
    assert precision >= THRESHOLDS[level][0]
    assert recall >= THRESHOLDS[level][1]
