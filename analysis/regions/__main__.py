"""Regions on a file: a CSV with a `text` column (and an optional `location` column: the export's location field) →
the same rows plus province_code, province, regency_code, regency (Kemendagri codes and names, several
';'-separated in code order; empty when unknown).

--region CODE is the source's region from the config (a province "35" or a regency "35.78"): it outranks the
location field, which outranks the text (analysis/regions/core.py)."""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from pathlib import Path

from analysis.regions.core import columns, place
from analysis.regions.gazetteer import area, gazetteer
from denyut.cli import Stage, stage_main
from denyut.errors import DenyutError, InputError
from denyut.io import csv_step, replacing_text

ADDED = ["province_code", "province", "regency_code", "regency"]


def _rows(reader: csv.DictReader, path: Path, header: list[str]) -> Iterator[dict]:
    while (row := csv_step(reader, path, next)) is not None:
        if None in row:  # DictReader files surplus values under None
            raise InputError(
                path,
                reader.line_num,
                None,
                f"baris punya {len(header) + len(row[None])} kolom, header punya "
                f"{len(header)} (koma di dalam teks tanpa tanda kutip?)",
            )
        if row.get("text") is None:
            raise InputError(path, reader.line_num, "text", "baris tidak punya kolom text")
        yield row


def run(in_path: Path, out_path: Path, region: str | None = None) -> int:
    """Rows written."""
    gaz = gazetteer()
    if region:
        try:
            region = area(gaz, region).code
        except KeyError as exc:
            raise DenyutError(f"--region: {exc.args[0]}") from None
    count = 0
    with open(in_path, encoding="utf-8-sig", newline="") as source:
        reader = csv.DictReader(source, strict=True)
        header = csv_step(reader, in_path, lambda r: r.fieldnames)
        if header is None or "text" not in header:
            raise InputError(
                in_path, 1, "text", f"tidak ada di baris judul (kolom yang ada: {', '.join(header or []) or 'tidak ada'})"
            )
        with replacing_text(out_path) as sink:
            writer = csv.DictWriter(sink, fieldnames=list(header) + [c for c in ADDED if c not in header])
            writer.writeheader()
            for row in _rows(reader, in_path, header):
                row.update(columns(place(row["text"], row.get("location") or "", region, gaz)))
                writer.writerow(row)
                count += 1
    return count


def _command(args) -> int:
    count = run(args.in_path, args.out_path, args.region)
    print(f"{count} baris → {args.out_path}")
    return 0


STAGE = Stage(
    "regions",
    "python -m analysis.regions",
    __doc__,
    _command,
    options=[
        (
            "--in",
            {"dest": "in_path", "type": Path, "required": True, "help": "CSV masukan dengan kolom text (location: opsional)"},
        ),
        ("--out", {"dest": "out_path", "type": Path, "required": True, "help": "CSV keluaran"}),
        ("--region", {"help": "wilayah sumbernya di konfigurasi: kode provinsi (35) atau kabupaten/kota (35.78)"}),
    ],
)


def main(argv: list[str] | None = None) -> int:
    return stage_main(STAGE, argv)


if __name__ == "__main__":
    sys.exit(main())
