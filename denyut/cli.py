"""The command line shared by the week-by-week stages (analyze, report)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from denyut.errors import DenyutError


def week_stage_main(argv: list[str] | None, *, prog: str, description: str,
                    run: Callable[[str | None, bool], dict[str, str]], done: str, force_help: str) -> int:
    """Parse --config/--force, run the stage, print one line per week; exit 2 on a DenyutError."""
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("--config", help="berkas konfigurasi (bawaan: config/denyut.yaml)")
    parser.add_argument("--force", action="store_true", help=force_help)
    args = parser.parse_args(argv)
    try:
        status = run(args.config, args.force)
    except DenyutError as exc:
        print(f"galat: {exc}", file=sys.stderr)
        return 2
    for week, state in status.items():
        print(f"{week}: {'sudah mutakhir, dilewati' if state == 'up to date' else done}")
    return 0
