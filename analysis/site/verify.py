"""Verify: recompute every week's hashes and the chain of manifests; name any week whose bytes changed.

python -m analysis.site.verify [--config FILE]   (make verify)

For each week in reports/, in order: every published file must still have the SHA-256 its
manifest.json recorded (and no file may have been added); every input it was built from must
still be the same bytes; its manifest must link to the week before's manifest by that manifest's
SHA-256; and the copies the site publishes (public/data/<week>/) must be the same bytes. Exit 0 when
all holds, 1 with one line per problem otherwise."""

from __future__ import annotations

import json
from pathlib import Path

from analysis.report.manifest import FORMAT, manifest_path, outputs
from denyut.cli import EXIT_OK, EXIT_PARTIAL, Stage, stage_main
from denyut.config import Config, load_config
from denyut.io import sha256_file


def check(config: Config) -> tuple[list[str], list[str]]:
    """(weeks checked, problems)."""
    weeks = sorted(p for p in config.reports_dir.glob("*-W*") if p.is_dir())
    problems, previous = [], None
    for week_dir in weeks:
        week = week_dir.name
        path = manifest_path(week_dir)
        if not path.is_file():
            problems.append(f"{week}: tidak ada manifest.json")
            previous = None
            continue
        try:
            recorded = json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            problems.append(f"{week}: manifest.json rusak ({exc})")
            previous = None
            continue
        if recorded.get("format") != FORMAT or recorded.get("week") != week:
            problems.append(f"{week}: manifest.json bukan manifest pekan ini")
        for name, digest in recorded.get("outputs", {}).items():
            file = week_dir / name
            if not file.is_file():
                problems.append(f"{week}: {name} hilang")
            elif sha256_file(file) != digest:
                problems.append(f"{week}: {name} berubah sejak diterbitkan")
        extra = sorted(p.relative_to(week_dir).as_posix() for p in outputs(week_dir))
        for name in extra:
            if name not in recorded.get("outputs", {}):
                problems.append(f"{week}: {name} tidak tercatat di manifest")
        for name, digest in recorded.get("inputs", {}).items():
            file = Path(name) if Path(name).is_absolute() else config.base_dir / name
            now = sha256_file(file) if file.is_file() else None
            if now != digest:
                problems.append(f"{week}: masukan {name} {'berubah' if now and digest else 'hilang' if digest else 'muncul'}"
                                " sejak pekan ini dibuat")
        link = recorded.get("previous")
        if previous is None and link is not None and weeks.index(week_dir) > 0:
            pass  # the week before has no readable manifest: reported on its own line
        elif previous is not None:
            actual = sha256_file(manifest_path(previous))
            if link is None or link.get("week") != previous.name or link.get("sha256") != actual:
                problems.append(f"{week}: rantai putus: tautan ke manifest {previous.name} tidak cocok "
                                "(manifest pekan itu diubah, atau pekan ini dibuat dari rantai lain)")
        elif link is not None:
            problems.append(f"{week}: rantai putus: menunjuk ke {link.get('week')}, yang tidak ada")
        public = config.public_dir / "data" / week.lower()
        if (public / "manifest.json").is_file() and sha256_file(public / "manifest.json") != sha256_file(path):
            problems.append(f"{week}: manifes di situs berbeda dari manifes laporan")
        if public.is_dir():
            for name, digest in recorded.get("outputs", {}).items():
                copy = public / name.removeprefix("data/").removeprefix("share/")
                if name != "report.md" and copy.is_file() and sha256_file(copy) != digest:
                    problems.append(f"{week}: salinan di situs {copy.relative_to(config.public_dir)} berbeda dari yang tercatat")
        previous = week_dir
    return [w.name for w in weeks], problems


def _command(args) -> int:
    config = load_config(args.config)
    weeks, problems = check(config)
    for line in problems:
        print(line)
    if problems:
        print(f"{len(problems)} masalah di {len({p.split(':')[0] for p in problems})} dari {len(weeks)} pekan")
        return EXIT_PARTIAL
    print(f"{len(weeks)} pekan diperiksa: setiap berkas sama dengan manifesnya, rantai manifes utuh")
    return EXIT_OK


STAGE = Stage("verify", "python -m analysis.site.verify", __doc__, _command)


def main(argv: list[str] | None = None) -> int:
    return stage_main(STAGE, argv)


if __name__ == "__main__":
    raise SystemExit(main())
