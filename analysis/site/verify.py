"""Verify: every published byte against the manifests; names whatever changed, appeared or went missing.

python -m analysis.site.verify [--config FILE] [--anchor SHA256]   (make verify [ANCHOR=…])

The weeks, in order: every file a week's manifest.json recorded must still have its SHA-256 (and no file
may have been added); every input it was built from must be the same bytes, and every raw-store file it
read must still begin with the bytes it read (the store only appends); its manifest must link to the week
before's by that manifest's SHA-256; the copies under public/data/<week>/ must be the same bytes.

The site: every file under public/ must be in public/manifest-situs.json with its SHA-256, and every file
there must still exist; the week manifests it includes must be the reports' own; a published site's
manifest must be the chain's head (reports/_rantai/HEAD), and each earlier published manifest must be in
the chain by its hash. With --anchor (a head someone kept outside, from an official post or a web
archive), the chain must lead back to it: a chain rewritten since then does not.

Exit 0 when all holds, 1 with one line per problem otherwise."""

from __future__ import annotations

import hashlib
from pathlib import Path

from denyut.cli import EXIT_OK, EXIT_PARTIAL, Stage, stage_main
from denyut.config import Config, load_config
from denyut.formats.manifest import (
    PUBLIC_CHAIN_DIR,
    SITE_MANIFEST,
    ManifestError,
    SiteManifest,
    WeekManifest,
    chain_dir,
    head_free_bytes,
    manifest_path,
    read,
    read_head,
    resolve_role,
    week_outputs,
)
from denyut.io import sha256_file, sha256_range
from denyut.paths import DEFAULT_CONFIG


def _week(config: Config, config_path: Path, week_dir: Path, previous: Path | None) -> tuple[WeekManifest | None, list[str]]:
    week, problems = week_dir.name, []
    path = manifest_path(week_dir)
    if not path.is_file():
        return None, [f"{week}: tidak ada manifest.json"]
    try:
        recorded = read(path, WeekManifest)
    except ManifestError as exc:
        return None, [f"{week}: manifest.json {exc}"]
    if recorded.week != week:
        problems.append(f"{week}: manifest.json bukan manifest pekan ini")
    for name, digest in recorded.outputs.items():
        file = week_dir / name
        if not file.is_file():
            problems.append(f"{week}: {name} hilang")
        elif sha256_file(file) != digest:
            problems.append(f"{week}: {name} berubah sejak diterbitkan")
    problems += [f"{week}: {p.relative_to(week_dir).as_posix()} tidak tercatat di manifest" for p in week_outputs(week_dir)
                 if p.relative_to(week_dir).as_posix() not in recorded.outputs]
    for role, digest in recorded.inputs.items():
        file = resolve_role(config, config_path, role)
        now = sha256_file(file) if file.is_file() else None
        if now != digest:
            state = "berubah" if now and digest else "hilang" if digest else "muncul"
            problems.append(f"{week}: masukan {role} {state} sejak pekan ini dibuat")
    problems += _raw(config, week, recorded)
    problems += _link(week, recorded, previous)
    return recorded, problems


def _raw(config: Config, week: str, recorded: WeekManifest) -> list[str]:
    problems = []
    for name, prefix in recorded.raw.items():
        file = config.raw_dir / name
        if not file.is_file():
            problems.append(f"{week}: data mentah {name} hilang")
        elif file.stat().st_size < prefix.bytes:
            problems.append(f"{week}: data mentah {name} dipotong sejak pekan ini dilaporkan")
        elif sha256_range(file, 0, prefix.bytes) != prefix.sha256:
            problems.append(f"{week}: data mentah {name} berubah sejak pekan ini dilaporkan")
    return problems


def _link(week: str, recorded: WeekManifest, previous: Path | None) -> list[str]:
    link = recorded.previous
    if previous is not None:
        actual = sha256_file(manifest_path(previous)) if manifest_path(previous).is_file() else None
        if actual is None:
            return []  # the week before has no manifest: named on its own line
        if link is None or link.week != previous.name or link.sha256 != actual:
            return [f"{week}: rantai putus: tautan ke manifest {previous.name} tidak cocok "
                    "(manifest pekan itu diubah, atau pekan ini dibuat dari rantai lain)"]
    elif link is not None:
        return [f"{week}: rantai putus: menunjuk ke {link.week}, yang tidak ada"]
    return []


def _site_copies(config: Config, week: str, recorded: WeekManifest | None) -> list[str]:
    public, problems = config.public_dir / "data" / week.lower(), []
    path = manifest_path(config.reports_dir / week)
    if (public / "manifest.json").is_file() and sha256_file(public / "manifest.json") != sha256_file(path):
        problems.append(f"{week}: manifes di situs berbeda dari manifes laporan")
    if public.is_dir() and recorded is not None:
        for name, digest in recorded.outputs.items():
            copy = public / name.removeprefix("data/").removeprefix("share/")
            if name != "report.md" and copy.is_file() and sha256_file(copy) != digest:
                problems.append(f"{week}: salinan di situs {copy.relative_to(config.public_dir)} berbeda dari yang tercatat")
    return problems


def check_weeks(config: Config, config_path: Path) -> tuple[list[str], list[str]]:
    weeks = sorted(p for p in config.reports_dir.glob("*-W*") if p.is_dir())
    problems, previous = [], None
    for week_dir in weeks:
        recorded, found = _week(config, config_path, week_dir, previous)
        problems += found
        if manifest_path(week_dir).is_file():
            problems += _site_copies(config, week_dir.name, recorded)
        previous = week_dir
    return [w.name for w in weeks], problems


def _site_file_problems(public: Path, manifest: SiteManifest, head: str) -> list[str]:
    problems = []
    for rel, digest in manifest.files.items():
        path = public / rel
        if not path.is_file():
            problems.append(f"situs: {rel} hilang")
            continue
        data = path.read_bytes()
        if hashlib.sha256(head_free_bytes(data, head) if rel in manifest.head_in else data).hexdigest() != digest:
            what = "data semua pekan " if rel.startswith("data/semua/") else ""
            problems.append(f"situs: {what}{rel} berubah sejak diterbitkan")
    for path in sorted(public.rglob("*")):
        rel = path.relative_to(public).as_posix()
        if not path.is_file() or rel in manifest.files or rel == SITE_MANIFEST:
            continue
        if rel.startswith(PUBLIC_CHAIN_DIR + "/") and path.name == f"{sha256_file(path)}.json":
            continue  # an earlier manifest of the chain, named by its own hash
        problems.append(f"situs: {rel} ditambahkan, tidak tercatat di manifes situs")
    return problems


def _site_weeks(config: Config, public: Path, manifest: SiteManifest) -> list[str]:
    problems = []
    for week, digest in manifest.weeks.items():
        path = manifest_path(config.reports_dir / week)
        if not (public / "laporan" / week.lower() / "index.html").is_file():
            problems.append(f"situs: pekan {week} hilang dari situs")
        if not path.is_file():
            problems.append(f"situs: manifes pekan {week} yang diterbitkan tidak ada lagi di {config.reports_dir.name}/")
        elif sha256_file(path) != digest:
            problems.append(f"situs: manifes pekan {week} berbeda dari yang diterbitkan")
    return problems


def _chain(config: Config, manifest: SiteManifest, head: str, anchor: str | None) -> tuple[list[str], list[str]]:
    """(problems, notes) of the chain of published site manifests, walked back from the live one."""
    problems, notes = [], []
    recorded = read_head(config.reports_dir)
    if manifest.kind == "preview":
        notes.append("public/ berisi pratinjau (`make site`), bukan situs terbitan (`make publish`)")
        if anchor:
            problems.append("jangkar tidak bisa diperiksa pada pratinjau: jalankan `make publish` dulu")
        return problems, notes
    if recorded != head:
        if manifest.previous == recorded and recorded is not None:
            notes.append("HEAD rantai belum diperbarui sesudah pertukaran situs terakhir (akan dibetulkan `make publish`)")
        else:
            problems.append(f"situs: manifes situs ({head[:16]}…) bukan kepala rantai yang tercatat "
                            f"({(recorded or 'tidak ada')[:16]}…): situs diganti di luar `make publish`")
    seen, current = [], head
    while current is not None and current not in seen:
        seen.append(current)
        stored = chain_dir(config.reports_dir) / f"{current}.json"
        if not stored.is_file() or sha256_file(stored) != current:
            problems.append(f"rantai situs putus: manifes {current[:16]}… tidak ada atau berubah di "
                            f"{config.reports_dir.name}/{stored.parent.name}/")
            break
        try:
            current = read(stored, SiteManifest).previous
        except ManifestError as exc:
            problems.append(f"rantai situs putus: manifes {current[:16]}… {exc}")
            break
    if anchor and anchor.lower() not in seen:
        problems.append(f"jangkar {anchor[:16]}… tidak ada dalam rantai situs: rantai ditulis ulang sejak jangkar itu "
                        "disimpan, atau jangkar itu dari situs lain")
    return problems, notes


def check_site(config: Config, anchor: str | None = None) -> tuple[list[str], list[str]]:
    """(problems, notes) of the built site in public/."""
    public, recorded = config.public_dir, read_head(config.reports_dir)
    if not public.is_dir():
        return ([f"situs tidak ada: {public.name}/ hilang (terbitan terakhir {recorded[:16]}…)"] if recorded else []), []
    path = public / SITE_MANIFEST
    if not path.is_file():
        return [f"situs: {SITE_MANIFEST} hilang, isi {public.name}/ tidak bisa diperiksa"], []
    try:
        manifest = read(path, SiteManifest)
    except ManifestError as exc:
        return [f"situs: {SITE_MANIFEST} {exc}"], []
    head = sha256_file(path)
    problems, notes = _chain(config, manifest, head, anchor)
    return _site_file_problems(public, manifest, head) + _site_weeks(config, public, manifest) + problems, notes


def check(config: Config, config_path: Path | None = None, anchor: str | None = None) -> tuple[list[str], list[str]]:
    """(weeks checked, problems): the weeks' chain and inputs, then every file of the site."""
    weeks, problems = check_weeks(config, Path(config_path or DEFAULT_CONFIG))
    site_problems, _ = check_site(config, anchor)
    return weeks, problems + site_problems


def _command(args) -> int:
    config = load_config(args.config)
    config_path = Path(args.config or DEFAULT_CONFIG)
    weeks, problems = check_weeks(config, config_path)
    site_problems, notes = check_site(config, args.anchor)
    problems += site_problems
    for line in problems:
        print(line)
    for line in notes:
        print(f"catatan: {line}")
    if problems:
        print(f"{len(problems)} masalah ({len(weeks)} pekan dan situs diperiksa)")
        return EXIT_PARTIAL
    head = sha256_file(config.public_dir / SITE_MANIFEST) if (config.public_dir / SITE_MANIFEST).is_file() else None
    print(f"{len(weeks)} pekan diperiksa: setiap berkas sama dengan manifesnya, rantai manifes utuh"
          + (f"; setiap berkas situs tercatat, kepala rantai {head}" if head else ""))
    return EXIT_OK


STAGE = Stage("verify", "python -m analysis.site.verify", __doc__, _command,
              options=[("--anchor", {"help": "sidik jari kepala rantai yang disimpan di luar (unggahan resmi, arsip web): "
                                               "rantai situs harus mengarah ke sana"})])


def main(argv: list[str] | None = None) -> int:
    return stage_main(STAGE, argv)


if __name__ == "__main__":
    raise SystemExit(main())
