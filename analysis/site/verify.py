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
import os
from pathlib import Path

from denyut.cli import EXIT_OK, EXIT_PARTIAL, Stage, stage_main
from denyut.config import Config, load_config
from denyut.formats.manifest import (
    CHAIN_DIR,
    MANIFEST,
    PUBLIC_CHAIN_DIR,
    SITE_MANIFEST,
    ManifestError,
    SiteManifest,
    WeekManifest,
    chain_dir,
    chain_walk,
    head_free_bytes,
    manifest_path,
    read,
    read_head,
    resolve_role,
    week_outputs,
)
from denyut.formats.report_files import REPORT, site_name
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
    if (public / MANIFEST).is_file() and sha256_file(public / MANIFEST) != sha256_file(path):
        problems.append(f"{week}: manifes di situs berbeda dari manifes laporan")
    if public.is_dir() and recorded is not None:
        for name, digest in recorded.outputs.items():
            copy = public / site_name(name)
            if name != REPORT and copy.is_file() and sha256_file(copy) != digest:
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


def _site_file_problems(public: Path, manifest: SiteManifest, head: str, chain: list[str]) -> list[str]:
    problems = []
    for rel, digest in manifest.files.items():
        path = public / rel
        if not path.is_file() or path.is_symlink():
            problems.append(f"situs: {rel} hilang")
            continue
        data = path.read_bytes()
        if hashlib.sha256(head_free_bytes(data, head) if rel in manifest.head_in else data).hexdigest() != digest:
            what = "data semua pekan " if rel.startswith("data/semua/") else ""
            problems.append(f"situs: {what}{rel} berubah sejak diterbitkan")
    # the site's own copy of the chain: this publication and each before it, as the site's copies link them
    published = chain_walk(public / PUBLIC_CHAIN_DIR, head) if manifest.kind == "publish" else []
    expected_chain = {f"{PUBLIC_CHAIN_DIR}/{h}.json" for h in published}
    for folder, dirs, files in os.walk(public):  # links are not followed: a link in the site is itself a change
        for name in sorted(dirs + files):
            path = Path(folder) / name
            rel = path.relative_to(public).as_posix()
            if path.is_symlink():
                problems.append(f"situs: {rel} adalah tautan simbolik, bukan berkas situs")
            elif path.is_file() and rel not in manifest.files and rel != SITE_MANIFEST and rel not in expected_chain:
                problems.append(f"situs: {rel} ditambahkan, tidak tercatat di manifes situs")
        dirs[:] = [d for d in dirs if not (Path(folder) / d).is_symlink()]
    problems += [f"situs: {PUBLIC_CHAIN_DIR}/{h}.json hilang atau berubah (manifes terbitan yang tercatat di rantai)"
                 for h in chain if h not in published]
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


def _chain(config: Config, manifest: SiteManifest, head: str, anchor: str | None) -> tuple[list[str], list[str], list[str]]:
    """(problems, notes, the chain of published manifests walked back from the live one)."""
    problems, notes = [], []
    recorded = read_head(config.reports_dir)
    if manifest.kind == "preview":
        return ["situs: public/ berisi pratinjau (`make site`, pekan draf ikut), bukan situs terbitan: pratinjau dibangun "
                f"di {config.preview_dir.name}/, jadi ini bukan buatan Denyut; jalankan `make publish`"], notes, []
    if recorded != head:
        if manifest.previous == recorded and recorded is not None:
            notes.append("HEAD rantai belum diperbarui sesudah pertukaran situs terakhir (akan dibetulkan `make publish`)")
        else:
            problems.append(f"situs: manifes situs ({head[:16]}…) bukan kepala rantai yang tercatat "
                            f"({(recorded or 'tidak ada')[:16]}…): situs diganti di luar `make publish`")
    chain = chain_walk(chain_dir(config.reports_dir), head)
    last = chain_dir(config.reports_dir) / f"{(chain or [head])[-1]}.json"
    broken = not chain or (last.is_file() and read(last, SiteManifest).previous is not None)
    if broken:
        missing = head if not chain else read(last, SiteManifest).previous
        problems.append(f"rantai situs putus: manifes {missing[:16]}… tidak ada atau berubah di "
                        f"{config.reports_dir.name}/{CHAIN_DIR}/")
    if anchor:
        problems += _anchored(config, chain, anchor.lower(), notes)
    return problems, notes, chain


def _anchored(config: Config, chain: list[str], anchor: str, notes: list[str]) -> list[str]:
    """The anchor must be on the chain; what was published since it is listed, for whoever holds the anchor to judge."""
    if anchor not in chain:
        return [f"jangkar {anchor[:16]}… tidak ada dalam rantai situs: rantai ditulis ulang sejak jangkar itu disimpan, "
                "atau jangkar itu dari situs lain"]
    since = chain[:chain.index(anchor)]
    then = read(chain_dir(config.reports_dir) / f"{anchor}.json", SiteManifest).weeks
    now = read(chain_dir(config.reports_dir) / f"{chain[0]}.json", SiteManifest).weeks
    changed = sorted(w for w in then if w in now and now[w] != then[w])
    gone, added = sorted(set(then) - set(now)), sorted(set(now) - set(then))
    notes.append(f"sejak jangkar: {len(since)} terbitan baru; pekan diubah: {', '.join(changed) or '-'}; "
                 f"ditarik: {', '.join(gone) or '-'}; ditambahkan: {', '.join(added) or '-'} "
                 "(setiap terbitan sesudah jangkar tercatat di rantai; simpan juga kepala terbarunya)")
    return []


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
    problems, notes, chain = _chain(config, manifest, head, anchor)
    return _site_file_problems(public, manifest, head, chain) + _site_weeks(config, public, manifest) + problems, notes


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
