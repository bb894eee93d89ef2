"""Collect: every source in the config → data/raw/ (append-only), then a per-source table.

One broken source never stops the others; the exit code is 1 when any source recorded an error.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime

from collectors.base import SourceError, log
from collectors.claims import collect_claims
from collectors.registry import Run, platform
from collectors.store import ImportStats, RawStore
from denyut.cli import Stage, stage_main
from denyut.config import Config, load_config
from denyut.errors import DenyutError
from denyut.formats import quarantine
from denyut.formats.runlog import CollectRun, SourceRun, append_run
from denyut.http import http_session
from denyut.io import private_data
from denyut.timestamps import now_utc


def collect_source(source, run: Run) -> ImportStats:
    """One source; whatever breaks it (an unreadable file, a header without the mapped columns, a bug) is its
    error alone: the records stored before stay stored, and the next source runs."""
    try:
        return platform(source.type).collect(source, run)
    except Exception as exc:  # noqa: BLE001 - reported in the table and the exit code, never swallowed
        log.debug("source %s failed", source.name, exc_info=True)
        stats = ImportStats(source.name)
        stats.errors.append(str(exc) if isinstance(exc, (DenyutError, SourceError, OSError)) else f"{type(exc).__name__}: {exc}")
        return stats


def plan(config: Config) -> list[str]:
    """What a run would fetch, and from where it would start."""
    return [line for source in config.sources for line in platform(source.type).plan(source, config)]


def claims_line(config: Config) -> str | None:
    """Debunked claims from Mafindo, when configured: one line for the table, never a reason to stop."""
    try:
        stats = collect_claims(config, http_session(config.http))
    except DenyutError as exc:
        return f"  ! klaim Mafindo: {exc}"
    if stats is None:
        return None
    skipped = "; ".join(f"{reason} ({n}×)" for reason, n in sorted(stats.skipped.items()))
    return (f"  klaim Mafindo: {stats.fetched} diambil, {stats.new} baru, {stats.updated} diperbarui"
            f"{', dilewati: ' + skipped if skipped else ''} → {stats.path}")


def run(config_path: str | None = None) -> list[ImportStats]:
    # Load inputs
    config = load_config(config_path)
    key = config.pseudonym_key()
    # Process data
    results = []
    with private_data(config.data_dir), RawStore(config.raw_dir, config.quarantine_dir) as store:
        context = Run(config, store, key, http_session(config.http), datetime.now(UTC))
        for source in config.sources:
            results.append(collect_source(source, context))
    # Save outputs: the last run, and the history the report's coverage panel reads
    with private_data(config.data_dir):
        append_run(config.data_dir, CollectRun(finished_at=now_utc(), sources=[
            SourceRun(**r.as_row(), error_messages=r.errors, warnings=r.warnings) for r in results]))
    return results


COLUMNS = [("sumber", "source", 22), ("diambil", "fetched", 9), ("baru", "new", 8), ("duplikat", "duplicates", 10),
           ("revisi", "revisions", 8), ("di luar", "outside_window", 9), ("karantina", "quarantined", 11),
           ("galat", "errors", 7)]


def table(results: list[ImportStats], config: Config) -> str:
    """The run's table: every row adds up (fetched = new + duplicates + revisions + outside since/until + quarantined),
    then per source the most common reasons for quarantine and where the quarantined records are."""
    lines = ["".join(f"{title:<{w}}" if i == 0 else f"{title:>{w}}" for i, (title, _, w) in enumerate(COLUMNS))]
    for r in results:
        row = r.as_row()
        lines.append("".join(f"{row[key]:<{w}}" if i == 0 else f"{row[key]:>{w}}" for i, (_, key, w) in enumerate(COLUMNS)))
    for r in results:
        if r.quarantined:
            reasons = "; ".join(f"{reason} ({n}×)" for reason, n in r.reasons.most_common(3))
            lines.append(f"  {r.source}: {r.quarantined} catatan dikarantina ({r.quarantined_new} baru), terbanyak: {reasons}"
                         f" → {quarantine.path_for(config.quarantine_dir, r.source)}")
    return "\n".join(lines)


def _command(args) -> int:
    if args.dry_run:
        print("\n".join(plan(load_config(args.config))) or "tidak ada sumber di konfigurasi")
        return 0
    results = run(args.config)
    config = load_config(args.config)
    print(table(results, config))
    claims = claims_line(config)
    if claims:
        print(claims, file=sys.stderr if claims.startswith("  !") else sys.stdout)
    for r in results:
        for message in r.warnings:
            print(f"  peringatan: {r.source}: {message}", file=sys.stderr)
        for message in r.errors:
            print(f"  ! {r.source}: {message}", file=sys.stderr)
    return 1 if any(r.errors for r in results) or (claims or "").startswith("  !") else 0


STAGE = Stage("collect", "python -m collectors", __doc__, _command,
              options=[("--dry-run", {"action": "store_true", "help": "tampilkan apa yang akan diambil, tanpa mengambil"})])


def main(argv: list[str] | None = None) -> int:
    return stage_main(STAGE, argv)


if __name__ == "__main__":
    sys.exit(main())
