"""Collect: every source in the config → data/raw/ (append-only), with a per-source table."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime

from collectors.files import import_source
from collectors.store import ImportStats, RawStore
from denyut.config import load_config
from denyut.errors import DenyutError
from denyut.io import atomic_write_json


def run(config_path: str | None = None) -> list[ImportStats]:
    # Load inputs
    config = load_config(config_path)
    key = config.pseudonym_key()
    # Process data
    results = []
    with RawStore(config.raw_dir, config.quarantine_dir) as store:
        for source in config.sources:
            try:
                results.append(import_source(source, config, store, key))
            except OSError as exc:  # one broken source never stops the others
                failed = ImportStats(source.name)
                failed.errors.append(str(exc))
                results.append(failed)
    # Save outputs
    atomic_write_json(config.data_dir / "collect" / "last_run.json", {
        "finished_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "sources": [r.as_row() | {"error_messages": r.errors} for r in results],
    })
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m collectors", description=__doc__)
    parser.add_argument("--config", help="berkas konfigurasi (bawaan: config/denyut.yaml)")
    args = parser.parse_args(argv)
    try:
        results = run(args.config)
    except DenyutError as exc:
        print(f"galat: {exc}", file=sys.stderr)
        return 2
    header = f"{'sumber':<24}{'diambil':>9}{'baru':>9}{'duplikat':>10}{'karantina':>11}{'galat':>7}"
    print(header)
    for r in results:
        print(f"{r.source:<24}{r.fetched:>9}{r.new:>9}{r.duplicates:>10}{r.quarantined:>11}{len(r.errors):>7}")
        for message in r.errors:
            print(f"  ! {message}", file=sys.stderr)
    return 1 if any(r.errors for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
