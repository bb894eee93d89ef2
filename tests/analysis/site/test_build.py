import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analysis import analyze, report
from analysis import site as site_stage
from collectors.__main__ import run as collect
from denyut.config import load_config
from denyut.errors import StageError
from denyut.formats.summary import SummaryError
from tests.conftest import write_config

pytestmark = [pytest.mark.slow]


@pytest.fixture
def reported(tmp_path, key_env):
    return make_reported(tmp_path)


def make_reported(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "x.jsonl").write_text("".join(
        json.dumps({"id": str(i), "created_at": f"2024-11-{18 + 7 * (i % 2)}T02:00:00Z", "author": f"u{i}",
                    "text": "Surat suara telat datang, kecewa berat"}) + "\n" for i in range(6)) + "{rusak\n")
    path = write_config(tmp_path, "project: {site_url: 'https://denyut.contoh.id/'}\n"
                                  "sources:\n  - {name: x, type: jsonl, path: in/x.jsonl, platform: x}\n")
    collect(str(path))
    analyze.run(str(path))
    report.run(str(path))
    return path, load_config(path)


def test_the_site_only_assembles_what_the_report_wrote(reported):
    path, config = reported
    shutil.rmtree(config.reports_dir / "_site")
    with pytest.raises(StageError, match="_site tidak ada: jalankan `make report`"):
        site_stage.run(str(path))


def test_pages_written_by_an_older_report_stop_the_site_with_the_fix(reported):
    path, config = reported
    (config.reports_dir / "_site" / "all" / "tentang.md").unlink()  # the about page's part came later
    with pytest.raises(StageError, match="tidak lengkap: jalankan `make report`"):
        site_stage.run(str(path))


def test_demo_and_real_reports_are_never_published_together(reported):
    path, config = reported
    summary_path = config.reports_dir / "2024-W48" / "summary.json"
    summary = json.loads(summary_path.read_text())
    summary_path.write_text(json.dumps(summary | {"demo": True}))
    with pytest.raises(StageError, match="mencampur laporan demo"):
        site_stage.run(str(path))


def test_a_summary_of_an_older_schema_stops_the_site_with_the_fix(reported):
    path, config = reported
    summary_path = config.reports_dir / "2024-W47" / "summary.json"
    summary_path.write_text(json.dumps(json.loads(summary_path.read_text()) | {"schema_version": 1}))
    with pytest.raises(SummaryError, match="jalankan `make report`"):
        site_stage.run(str(path))


def test_without_reports_the_site_says_which_stage_to_run(tmp_path):
    path = write_config(tmp_path, "sources: []\n")
    with pytest.raises(StageError, match="jalankan `make report` dulu"):
        site_stage.run(str(path))


def _mkdocs_processes(stage_dir) -> list[int]:
    found = []
    for proc in Path("/proc").iterdir():
        try:
            cmdline = (proc / "cmdline").read_bytes()
        except OSError:
            continue
        if b"mkdocs" in cmdline and str(stage_dir).encode() in cmdline:
            found.append(int(proc.name))
    return found


def _files(folder) -> dict:
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs Linux /proc to find the mkdocs process")
def test_a_build_killed_midway_leaves_the_previous_site_no_orphan_and_builds_again(reported, key_env):
    path, config = reported
    site_stage.run(str(path))
    before = _files(config.preview_dir)
    page = config.reports_dir / "2024-W48" / "report.md"
    page.write_text(page.read_text() + "\nKalimat tambahan sesudah pembangunan pertama.\n")
    build = subprocess.Popen([sys.executable, "-m", "analysis.site", "--config", str(path)])
    deadline = time.monotonic() + 60
    while not (children := _mkdocs_processes(config.data_dir / "site")) and time.monotonic() < deadline:
        assert build.poll() is None, "the build ended before it could be killed"
        time.sleep(0.01)
    assert children, "mkdocs never started"
    os.kill(build.pid, signal.SIGKILL)
    build.wait()
    # killed with its parent by the kernel, not later by a broken pipe when it next writes a log line
    deadline = time.monotonic() + 10  # the kernel's SIGKILL is at once; a loaded machine may take a moment to reap
    while _mkdocs_processes(config.data_dir / "site") and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _mkdocs_processes(config.data_dir / "site") == [], "an orphaned mkdocs process is still running"
    assert _files(config.preview_dir) == before, "the site changed"
    assert site_stage.run(str(path))[0] == "built"
    assert "Kalimat tambahan" in (config.preview_dir / "laporan" / "2024-w48" / "index.html").read_text()


def _approve(config, week, team="Tim Peninjau Kota"):
    from datetime import date

    from denyut.formats.review import WeekStatus, read_status, write_status
    write_status(config.review_dir, read_status(config.review_dir) | {week: WeekStatus(status="approved", by=team, at=date(2024, 12, 2))})


def test_publish_builds_the_approved_weeks_only_and_each_says_who_reviewed_it(reported):
    path, config = reported
    with pytest.raises(StageError, match="belum ada pekan yang disetujui"):
        site_stage.run(str(path), publish=True)
    _approve(config, "2024-W47")
    report.run(str(path))
    assert site_stage.run(str(path), publish=True)[0] == "built"
    assert (config.public_dir / "laporan" / "2024-w47" / "index.html").is_file()
    assert not (config.public_dir / "laporan" / "2024-w48").exists()
    text = (config.public_dir / "laporan" / "2024-w47" / "index.html").read_text()
    assert "oleh Tim Peninjau Kota; disetujui 2 Desember 2024" in text
    assert "2024-w48" not in (config.public_dir / "index.html").read_text()  # the home page shows the latest published week


def test_publishing_without_a_public_address_is_refused_naming_the_setting(reported, capsys):
    path, config = reported
    _approve(config, "2024-W47")
    path.write_text(path.read_text().replace("project: {site_url: 'https://denyut.contoh.id/'}\n", ""))
    assert site_stage.main(["--config", str(path), "--publish"]) == 2
    assert "`make publish` butuh `project.site_url`" in capsys.readouterr().err


def test_asking_to_publish_a_draft_is_refused_naming_the_week(reported, capsys):
    path, config = reported
    _approve(config, "2024-W47")
    report.run(str(path))
    assert site_stage.main(["--config", str(path), "--publish", "--weeks", "2024-W47,2024-W48"]) == 2
    assert "pekan berikut masih draf dan tidak diterbitkan: 2024-W48" in capsys.readouterr().err
    # the preview (make site) still shows every week, the draft marked as such
    site_stage.run(str(path))
    assert "Draf" in (config.preview_dir / "laporan" / "2024-w48" / "index.html").read_text()


def test_an_approval_without_a_team_is_an_error_naming_the_line(reported, capsys):
    path, config = reported
    config.review_dir.mkdir(parents=True, exist_ok=True)
    (config.review_dir / "status.yaml").write_text("# status\n2024-W47:\n  status: approved\n")
    assert report.main(["--config", str(path)]) == 2
    assert "status.yaml, baris 2: kolom '2024-W47.by' pekan yang approved harus menyebut tim peninjaunya" in capsys.readouterr().err


def _published_everywhere(config, week: str) -> dict[str, bool]:
    """Where a week shows on the built site: its page, the home page, the archive, the feed, the sitemap,
    the search index and the open-data page and files."""
    public, slug = config.public_dir, week.lower()
    archive = "".join(p.read_text() for p in (public / "laporan" / "archive").rglob("index.html"))
    return {"page": (public / "laporan" / slug / "index.html").is_file(),
            "home": slug in (public / "index.html").read_text(), "archive": slug in archive,
            "feed": slug in (public / "feed.xml").read_text(), "sitemap": slug in (public / "sitemap.xml").read_text(),
            "search": f"laporan/{slug}/" in (public / "search" / "search_index.json").read_text(),
            "data page": slug in (public / "data" / "index.html").read_text(),
            "data files": (public / "data" / slug).exists() or week in (public / "data" / "semua" / "sentiment.csv").read_text()}


def test_a_week_set_back_to_draft_leaves_every_page_on_the_next_publish(reported):
    from datetime import date

    from denyut.formats.review import WeekStatus, read_status, write_status
    path, config = reported
    _approve(config, "2024-W47")
    _approve(config, "2024-W48")
    report.run(str(path))  # what `make publish` runs first
    site_stage.run(str(path), publish=True)
    assert all(_published_everywhere(config, "2024-W48").values())
    write_status(config.review_dir, read_status(config.review_dir) | {"2024-W48": WeekStatus(status="draft")})
    with pytest.raises(StageError, match="jalankan `make publish`"):  # the pages of the report are stale: refused
        site_stage.run(str(path), publish=True)
    report.run(str(path))
    assert site_stage.run(str(path), publish=True)[0] == "built"
    assert not any(_published_everywhere(config, "2024-W48").values()), _published_everywhere(config, "2024-W48")
    assert all(_published_everywhere(config, "2024-W47").values())
    # and approved again, on another day: `make publish` (report, then site) needs nothing else
    write_status(config.review_dir, read_status(config.review_dir) | {
        "2024-W48": WeekStatus(status="approved", by="Tim Kedua", at=date(2024, 12, 9))})
    report.run(str(path))
    site_stage.run(str(path), publish=True)
    assert "oleh Tim Kedua; disetujui 9 Desember 2024" in (config.public_dir / "laporan" / "2024-w48" / "index.html").read_text()


def test_an_approval_newer_than_the_report_is_not_published_from_the_old_page(reported, capsys):
    path, config = reported
    _approve(config, "2024-W47")  # approved after the report was written: its page still says draft
    assert site_stage.main(["--config", str(path), "--publish"]) == 2
    assert "persetujuan pekan 2024-W47 berubah sesudah laporannya ditulis" in capsys.readouterr().err


def test_the_makefile_publishes_after_running_the_report():
    makefile = (Path(__file__).parents[3] / "Makefile").read_text()
    recipe = makefile.split("\npublish:", 1)[1].split("\n\n", 1)[0]
    lines = [line.strip() for line in recipe.splitlines()[1:]]
    assert lines[0].startswith("$(PY) -m analysis.report") and lines[1].startswith("$(PY) -m analysis.site") and "--publish" in lines[1]


def test_a_preview_never_replaces_the_published_site(reported):
    path, config = reported
    _approve(config, "2024-W47")
    report.run(str(path))
    site_stage.run(str(path), publish=True)
    published = _files(config.public_dir)
    site_stage.run(str(path))  # `make site`: every week, the draft 2024-W48 included
    assert (config.preview_dir / "laporan" / "2024-w48" / "index.html").is_file()
    assert _files(config.public_dir) == published and not (config.public_dir / "laporan" / "2024-w48").exists()
