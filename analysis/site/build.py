"""Site: reports/ + site/ → public/ (mkdocs-material, built with --strict).

Only assembles: stages a copy of site/ under data/site/, adds each weekly report as a dated blog
post, the pages the report wrote about all weeks (reports/_site/ → _generated/), each week's open
data and the interactive charts' plotly.js (served by the site itself under a content-hashed name, loaded by a
page only when a reader asks: analysis.site.plotly_bundle), then builds it with the project's mkdocs.yml. The
project's site/ is never written to. Skips the build when its fingerprint did not change. The latest
week it builds (DENYUT_LATEST, mkdocs' extra.latest) gives the home page its preview card and the 404
page its link.

`make publish` reads data/review/status.yaml itself: only the weeks approved there at this moment are
published, a week set back to draft disappears from every page, the feed, the sitemap and the search
index, and a week named in --weeks that is not approved is refused.

Published atomically: mkdocs builds into a new folder under .public.builds/, the build is sealed with
its site manifest (analysis.site.seal), and `public` is switched to it with one rename
(analysis.site.swap); a killed build leaves the previous site as it was (and no mkdocs process
behind), and the next run builds again.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from analysis.regions.focus import named
from analysis.site import feed, plotly_bundle, seal, swap, tables
from denyut.cli import Stage
from denyut.config import Config, load_config
from denyut.errors import StageError
from denyut.fingerprint import fingerprint
from denyut.fmt import week_range
from denyut.formats.manifest import MANIFEST, SITE_MANIFEST, read_head
from denyut.formats.report_files import CHARTS_DIR, DATA_DIR, REGIONS_DIR, REPORT, SHARE_DIR, SHARE_FILES, SUMMARY, site_name
from denyut.formats.review import read_status, status_path
from denyut.formats.site_pages import ISSUES_DIR, PAGES, SITE_PAGES, pages_dir, read_site_weeks
from denyut.formats.summary import WeeklySummary, read_summary
from denyut.io import atomic_write_json, atomic_write_text, private_data, private_dir, sha256_file
from denyut.parallel import die_with_parent
from denyut.paths import MKDOCS_YML, PACKAGE_ROOT, SITE_DIR, project_file
from denyut.timestamps import now_utc

ENV_KEYS = ("DENYUT_DEMO", "DENYUT_SITE_URL", "DENYUT_LATEST")
STAMP = ".denyut-build.json"


def load_reports(config: Config, publish: bool = False, weeks: list[str] | None = None) -> list[tuple[str, Path, WeeklySummary]]:
    """Every reported week (a preview: `make site`), or for `make publish` those approved in status.yaml now."""
    reports = [(folder.name, folder, read_summary(folder / SUMMARY))
               for folder in sorted(p for p in config.reports_dir.glob("*-W*") if (p / REPORT).is_file())]
    if not reports:
        raise StageError("site", None, f"tidak ada laporan di {config.reports_dir}: jalankan `make report` dulu")
    if weeks:  # the weeks someone means to publish: each must have a report, and for publishing be approved
        unknown = sorted(set(weeks) - {w for w, _, _ in reports})
        if unknown:
            raise StageError("site", None, f"pekan tanpa laporan: {', '.join(unknown)}")
    if publish:
        reports = _approved_now(config, reports, weeks or [])
    if len({summary.demo for _, _, summary in reports}) > 1:
        raise StageError("site", None, f"{config.reports_dir} mencampur laporan demo dan laporan data sungguhan; "
                                       "pisahkan folder laporannya (paths.reports) sebelum menerbitkan")
    pages = pages_dir(config.reports_dir, publish)
    if not pages_dir(config.reports_dir, False).is_dir():
        raise StageError("site", None, f"{config.reports_dir / SITE_PAGES} tidak ada: jalankan `make report` dulu")
    if any(not (pages / name).is_file() for name in PAGES):  # written by a report stage older than these pages
        raise StageError("site", None, f"halaman ringkasan di {pages} tidak lengkap: jalankan `make report` dulu")
    if read_site_weeks(pages) != [w for w, _, _ in reports]:  # the home and data pages are of other weeks
        raise StageError("site", None, f"halaman ringkasan di {pages} dibuat untuk pekan lain (persetujuan berubah sesudah "
                                       "`make report`): jalankan `make publish`, yang menjalankan report lebih dulu")
    return reports


def _approved_now(config: Config, reports: list[tuple[str, Path, WeeklySummary]],
                  asked: list[str]) -> list[tuple[str, Path, WeeklySummary]]:
    """The weeks approved in status.yaml at this moment; a page written before the approval changed is refused."""
    status = read_status(config.review_dir)
    approved = {week for week, s in status.items() if s.status == "approved"}
    drafts = [w for w in asked if w not in approved]
    if drafts:
        raise StageError("site", None, f"pekan berikut masih draf dan tidak diterbitkan: {', '.join(drafts)}; "
                                       f"setujui dulu di {status_path(config.review_dir).name} (data/review/)")
    chosen = [r for r in reports if r[0] in approved]
    if not chosen:
        raise StageError("site", None, "belum ada pekan yang disetujui di data/review/status.yaml")
    stale = [w for w, _, s in chosen if (s.review.status, s.review.approved_by, s.review.approved_at) !=
             ("approved", status[w].by, status[w].at.isoformat() if status[w].at else None)]
    if stale:
        raise StageError("site", None, f"persetujuan pekan {', '.join(stale)} berubah sesudah laporannya ditulis: "
                                       "jalankan `make publish` (menjalankan report lebih dulu) atau `make report`")
    return chosen


def _inputs(config: Config, reports: list[tuple[str, Path, WeeklySummary]], pages: Path) -> list[Path]:
    files = [MKDOCS_YML, plotly_bundle.SOURCE, Path(tables.__file__), SITE_DIR, pages]  # tables: run by mkdocs
    return files + [path for _, folder, _ in reports
                     for path in (folder / REPORT, folder / SUMMARY, folder / MANIFEST, folder / DATA_DIR, folder / SHARE_DIR,
                                  folder / CHARTS_DIR,
                                  folder / REGIONS_DIR)]


def stage_site(config: Config, reports: list[tuple[str, Path, WeeklySummary]], pages: Path) -> Path:
    """A fresh staging copy (a removed week disappears, site/ stays hand-written); returns its mkdocs.yml."""
    stage = config.data_dir / "site"
    shutil.rmtree(stage, ignore_errors=True)
    shutil.copytree(SITE_DIR, stage / "site")
    posts = stage / "site" / "laporan" / "posts"
    posts.mkdir(parents=True, exist_ok=True)
    for week, folder, _ in reports:
        shutil.copyfile(folder / REPORT, posts / f"{week.lower()}.md")
        for page in sorted((folder / REGIONS_DIR).glob(f"*/{REPORT}")):  # laporan/wilayah/<week>-<code>/
            target = stage / "site" / "laporan" / REGIONS_DIR / f"{week.lower()}-{page.parent.name}.md"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(page, target)
        target = stage / "site" / "data" / week.lower()
        shutil.copytree(folder / DATA_DIR, target)
        for charts in sorted([folder / CHARTS_DIR, *(folder / REGIONS_DIR).glob(f"*/{CHARTS_DIR}")]):  # each chart's SVG, CSV
            if charts.is_dir():
                shutil.copytree(charts, target / charts.relative_to(folder))
        shutil.copyfile(folder / SUMMARY, target / SUMMARY)
        for name in (MANIFEST, *SHARE_FILES):
            if (folder / name).is_file():
                shutil.copyfile(folder / name, target / site_name(name))
    shutil.copytree(pages, stage / "site" / "_generated")
    if (pages / ISSUES_DIR).is_dir():  # a page per issue over the weeks, beside the hand-written isu/index.md
        shutil.copytree(pages / ISSUES_DIR, stage / "site" / ISSUES_DIR, dirs_exist_ok=True)
    if (pages / "data").is_dir():  # the all-weeks tables, published (unlike the rest of _generated/)
        shutil.copytree(pages / "data", stage / "site" / "data" / "semua")
    bundle = plotly_bundle.publish(stage / "site")
    # Relative paths in the inherited mkdocs.yml (docs_dir, custom_dir, snippets) now resolve inside the stage;
    # the pages name the bundle (main.html) from extra.plotly_js, merged into the inherited extra; a regional
    # deployment's site carries its name (analysis.regions.focus.named), the country's keeps mkdocs.yml's.
    name = f"site_name: {json.dumps(config.project.name)}\n" if config.regions.focus else ""
    atomic_write_text(stage / "mkdocs.yml",
                      f"INHERIT: {json.dumps(str(MKDOCS_YML))}\n{name}extra:\n  plotly_js: {json.dumps(bundle)}\n")
    return stage / "mkdocs.yml"


def run(config_path: str | None = None, force: bool = False, publish: bool = False,
        weeks: list[str] | None = None) -> tuple[str, Path]:
    """A preview of every reported week, or with publish=True the approved weeks only (make publish)."""
    # Load inputs
    config = named(load_config(config_path))
    project_file(MKDOCS_YML, "mkdocs.yml")
    project_file(SITE_DIR, "Folder sumber situs (site/)")
    if publish and not config.project.site_url:
        raise StageError("site", None, "`make publish` butuh `project.site_url` di konfigurasi (alamat publik situs, misalnya "
                                       "https://denyut.contoh.id/): tautan kanonik, peta situs, umpan RSS, teks WhatsApp dan "
                                       "pratinjau tautan memakainya")
    reports = load_reports(config, publish, weeks)
    pages = pages_dir(config.reports_dir, publish)
    env = dict(os.environ)
    env["DENYUT_DEMO"] = "true" if reports[0][2].demo else "false"
    env["DENYUT_LATEST"] = reports[-1][0].lower()  # the home page's preview card, the 404 page's link
    env["NO_MKDOCS_2_WARNING"] = "1"
    # mkdocs loads analysis.site.tables (mkdocs.yml): the same code as this stage, whatever the venv points at
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(PACKAGE_ROOT), env.get("PYTHONPATH")) if p)
    if config.project.site_url:
        env["DENYUT_SITE_URL"] = config.project.site_url
    out_dir = config.public_dir if publish else config.preview_dir  # a preview never replaces the published site
    with _one_build_at_a_time(config):
        return _run_locked(config, config_path, reports, pages, env, out_dir, force, publish)


@contextmanager
def _one_build_at_a_time(config: Config) -> Iterator[None]:
    """Two builds at once would share the staging folder and delete each other's half-made build: the second waits
    for nothing, it stops and says so."""
    lock = private_dir(config.data_dir) / ".site.lock"
    with open(lock, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StageError("site", None, "situs sedang dibangun oleh proses lain untuk konfigurasi ini: tunggu sampai "
                                           "selesai, lalu jalankan lagi") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _run_locked(config: Config, config_path: str | None, reports: list, pages: Path, env: dict, out_dir: Path,
                force: bool, publish: bool) -> tuple[str, Path]:
    swap.recover(out_dir)
    seal.roll_forward(config.reports_dir, out_dir / SITE_MANIFEST)
    stamp = out_dir / STAMP
    digest = fingerprint("analysis.site.build", _inputs(config, reports, pages),
                         {k: env.get(k) for k in ENV_KEYS} | {"weeks": [w for w, _, _ in reports], "publish": publish})
    live_is_head = not publish or ((out_dir / SITE_MANIFEST).is_file()
                                   and sha256_file(out_dir / SITE_MANIFEST) == read_head(config.reports_dir))
    if not force and live_is_head and stamp.exists() and json.loads(stamp.read_text()).get("input_hash") == digest:
        remember(config.base_dir, out_dir, config_path, reports[0][2].demo)
        return "up to date", out_dir
    # Process data: built beside the published site, which stays as it is until the new one is complete
    approvals = read_status(config.review_dir) if publish else None
    building = swap.new_build(out_dir)
    try:
        with private_data(config.data_dir):  # the staging copy lives under data/
            _build(config, reports, pages, env, building)
        atomic_write_json(building / STAMP, {"input_hash": digest, "weeks": [w for w, _, _ in reports]})
        if publish and read_status(config.review_dir) != approvals:  # a week approved or withdrawn while it was built
            raise StageError("site", None, "status.yaml berubah selama situs dibangun: jalankan `make publish` lagi")
        head = seal.seal(building, config.reports_dir, [w for w, _, _ in reports], publish)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    # Save outputs: switch to the complete, sealed build in one rename
    swap.switch(out_dir, building)
    if publish:
        seal.record_head(config.reports_dir, head)
    remember(config.base_dir, out_dir, config_path, reports[0][2].demo)
    return "built", out_dir


def _build(config: Config, reports: list[tuple[str, Path, WeeklySummary]], pages: Path, env: dict, building: Path) -> None:
    mkdocs_yml = stage_site(config, reports, pages)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(mkdocs_yml),
                             "-d", str(building.resolve())], cwd=mkdocs_yml.parent, env=env, capture_output=True, text=True,
                            preexec_fn=die_with_parent)
    if result.returncode != 0:
        raise StageError("site", None, "mkdocs build --strict gagal:\n" + (result.stderr or result.stdout)[-4000:])
    feed.write(building, reports, config.project.url(), config.project.name,
               lambda s: f"{config.project.name} pemilu pekan {week_range(s.week)}")


def marker(project_dir: Path) -> Path:
    return Path(project_dir) / "build" / "last-site.json"


def remember(project_dir: Path, public_dir: Path, config_path: str | None, demo: bool) -> None:
    """Called by the site stage after each run: which site `make serve` shows (the project's build/ folder)."""
    atomic_write_json(marker(project_dir), {"public_dir": str(Path(public_dir).absolute()), "config": config_path or "config/denyut.yaml",
                                  "demo": demo, "built_at": now_utc()})


def _command(args) -> int:
    weeks = [w.strip() for w in args.weeks.split(",") if w.strip()] if args.weeks else None
    state, out_dir = run(args.config, args.force, args.publish, weeks)
    print(f"situs {'dibangun' if state == 'built' else 'sudah mutakhir'}: {out_dir / 'index.html'}")
    config = load_config(args.config)
    head = read_head(config.reports_dir) if args.publish else None
    if head:
        print(f"kepala rantai situs: {head}\n  simpan sidik jari ini di tempat yang tidak dikuasai tim (unggahan resmi, arsip "
              "web): `make verify ANCHOR=<sidik jari>` kelak membuktikan situs hari itu kelanjutan terbitan ini, dan menyebut "
              "setiap terbitan sesudahnya")
    return 0


STAGE = Stage("site", "python -m analysis.site", __doc__, _command,
              options=[("--force", {"action": "store_true", "help": "bangun ulang walau tidak ada yang berubah"}),
                       ("--publish", {"action": "store_true", "help": "hanya pekan yang disetujui (data/review/status.yaml)"}),
                       ("--weeks", {"help": "dengan --publish: pekan yang harus ikut terbit, dipisah koma (ditolak bila masih draf)"})])
