"""The one command-line runner of every stage: collect, analyze, report, site, sentiment, train (and serve).

Every stage takes `--config` (the pipeline's YAML; where a stage does not need it, it is
optional), prints errors the same way and exits with the same codes:

- 0: done;
- 1: done, but a part failed (a source that could not be collected; the others ran);
- 2: nothing done: a bad config, a missing or malformed input (the message names the file, line and field);
- 130: interrupted (Ctrl-C); outputs are written atomically, so nothing half-written is left.

`python -m denyut STAGE [options]` runs any of them; each stage's own `python -m` entry is the same code.
"""

from __future__ import annotations

import argparse
import errno
import importlib
import sys
from collections.abc import Callable
from dataclasses import dataclass, field

from denyut.errors import DenyutError

EXIT_OK, EXIT_PARTIAL, EXIT_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130
STAGES = {  # name → module that defines STAGE
    "collect": "collectors.__main__",
    "analyze": "analysis.analyze",
    "report": "analysis.report",
    "site": "analysis.site",
    "sentiment": "analysis.sentiment.__main__",
    "train": "analysis.sentiment.train",
    "estimate": "analysis.estimate.__main__",
    "coordination": "analysis.coordination.__main__",
    "issues": "analysis.issues.__main__",
    "train-issues": "analysis.issues.train",
    "regions": "analysis.regions.__main__",
    "serve": "analysis.site.serve",
    "verify": "analysis.site.verify",
}


@dataclass(frozen=True)
class Stage:
    name: str
    prog: str
    doc: str
    command: Callable[[argparse.Namespace], int]
    options: list[tuple[str | tuple[str, ...], dict]] = field(default_factory=list)


def parser(stage: Stage) -> argparse.ArgumentParser:
    result = argparse.ArgumentParser(prog=stage.prog, description=stage.doc.strip().splitlines()[0])
    result.add_argument("--config", help="berkas konfigurasi (bawaan: config/denyut.yaml)")
    for flags, options in stage.options:
        result.add_argument(*((flags,) if isinstance(flags, str) else flags), **options)
    return result


def stage_main(stage: Stage, argv: list[str] | None = None) -> int:
    args = parser(stage).parse_args(argv)
    try:
        return stage.command(args)
    except DenyutError as exc:
        print(f"galat: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except OSError as exc:  # a full disk, a folder without permission, a file gone: one line, never a traceback
        print(f"galat: {os_error(exc)}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print(f"{stage.name}: dihentikan", file=sys.stderr)
        return EXIT_INTERRUPTED


def os_error(exc: OSError) -> str:
    where = exc.filename or "berkas"
    if exc.errno == errno.ENOSPC:
        return (f"disk penuh saat menulis {where}: berkas yang setengah ditulis sudah dibuang dan yang sudah tersimpan "
                "tetap utuh; kosongkan ruang disk lalu jalankan lagi")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"tidak ada izin untuk {where}: periksa pemilik dan hak akses foldernya"
    return f"{where}: {exc.strerror or exc}"


def week_stage(name: str, prog: str, doc: str, run: Callable[[str | None, bool], dict[str, str]], done: str,
               force_help: str) -> Stage:
    """A stage that builds one output per ISO week and skips the weeks whose fingerprint did not change."""

    def command(args: argparse.Namespace) -> int:
        for week, state in run(args.config, args.force).items():
            print(f"{week}: {'sudah mutakhir, dilewati' if state == 'up to date' else done}")
        return EXIT_OK

    return Stage(name, prog, doc, command, [("--force", {"action": "store_true", "help": force_help})])


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in STAGES:
        print(f"pakai: python -m denyut {{{','.join(STAGES)}}} [--config BERKAS] [opsi tahap]", file=sys.stderr)
        return EXIT_INPUT
    stage = importlib.import_module(STAGES[argv[0]]).STAGE
    return stage_main(stage, argv[1:])
