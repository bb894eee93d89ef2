"""Collect: every source in the config → data/raw/ (append-only), then a per-source table.

One broken source never stops the others; the exit code is 1 when any source recorded an error.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime

from collectors.registry import Run, platform
from collectors.store import ImportStats, RawStore
from denyut.cli import Stage, stage_main
from denyut.config import Config, load_config
from denyut.formats.runlog import CollectRun, SourceRun, append_run
from denyut.http import http_session
from denyut.timestamps import now_utc


def collect_source(source, run: Run) -> ImportStats:
    return platform(source.type).collect(source, run)


def plan(config: Config) -> list[str]:
    """What a run would fetch, and from where it would start."""
    return [line for source in config.sources for line in platform(source.type).plan(source, config)]


def run(config_path: str | None = None) -> list[ImportStats]:
    # Load inputs
    config = load_config(config_path)
    key = config.pseudonym_key()
    # Process data
    results = []
    with RawStore(config.raw_dir, config.quarantine_dir) as store:
        context = Run(config, store, key, http_session(config.http), datetime.now(UTC))
        for source in config.sources:
            results.append(collect_source(source, context))
    # Save outputs: the last run, and the history the report's coverage panel reads
    append_run(config.data_dir, CollectRun(finished_at=now_utc(), sources=[
        SourceRun(**r.as_row(), error_messages=r.errors) for r in results]))
    return results


def _command(args) -> int:
    if args.dry_run:
        print("\n".join(plan(load_config(args.config))) or "tidak ada sumber di konfigurasi")
        return 0
    results = run(args.config)
    print(f"{'sumber':<24}{'diambil':>9}{'baru':>9}{'duplikat':>10}{'karantina':>11}{'galat':>7}")
    for r in results:
        print(f"{r.source:<24}{r.fetched:>9}{r.new:>9}{r.duplicates:>10}{r.quarantined:>11}{len(r.errors):>7}")
        for message in r.errors:
            print(f"  ! {r.source}: {message}", file=sys.stderr)
    return 1 if any(r.errors for r in results) else 0


STAGE = Stage("collect", "python -m collectors", __doc__, _command,
              options=[("--dry-run", {"action": "store_true", "help": "tampilkan apa yang akan diambil, tanpa mengambil"})])


def main(argv: list[str] | None = None) -> int:
    return stage_main(STAGE, argv)


if __name__ == "__main__":
    sys.exit(main())
