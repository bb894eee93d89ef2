"""No moment without a site: the build is killed at every step that touches the disk, in turn, and after each
kill `public` must be a complete, verifiable site, the old one or the new one; the next run then publishes the
new one. Killing unwinds like SIGKILL: from the fault point on, every later disk operation fails too, so no
clean-up of the dying run happens (as a real kill would allow none)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from analysis import report
from analysis import site as site_stage
from analysis.site import build, seal, swap
from analysis.site.verify import check_site
from denyut import io
from denyut.config import load_config
from tests.analysis.site.test_build import _approve, make_reported

pytestmark = [pytest.mark.slow]


class Killed(BaseException):
    pass


def _inject(monkeypatch, kill_at: int) -> list[str]:
    """Patch every disk-changing call of the site stage; the kill_at-th one (and all after it) kills the run."""
    calls: list[str] = []
    state = {"dead": False, "inside": False}

    def wrap(owner, name):
        real = getattr(owner, name)

        def fault(*args, **kwargs):
            if state["inside"]:  # a step made of steps (rmtree's unlinks, an atomic write's rename) is one step
                return real(*args, **kwargs)
            if state["dead"]:
                raise Killed("already dead")
            calls.append(f"{getattr(owner, '__name__', owner)}.{name}")
            if len(calls) == kill_at:
                state["dead"] = True
                raise Killed(calls[-1])
            state["inside"] = True
            try:
                return real(*args, **kwargs)
            finally:
                state["inside"] = False
        monkeypatch.setattr(owner, name, fault)

    # the copies into the staging folder (data/site) and into the new build are left out: the published site is
    # none of them, and a kill there is the same as a kill at the next step
    for owner, name in [(os, "replace"), (os, "symlink"), (os, "rename"), (os, "unlink"), (shutil, "rmtree"),
                        (subprocess, "run"), (io, "atomic_write_bytes"), (swap, "_exchange"), (seal, "record_head"),
                        (seal, "publish_tree"), (Path, "write_bytes")]:
        wrap(owner, name)
    return calls


def _site(public) -> dict[str, bytes]:
    return {p.relative_to(public).as_posix(): p.read_bytes() for p in public.rglob("*") if p.is_file()
            if p.name not in {"manifest-situs.json", ".denyut-build.json", "sitemap.xml", "sitemap.xml.gz"}
            and not p.relative_to(public).as_posix().startswith(("rantai/", "data/index.html", "search/"))}


def _prepare(tmp_path, monkeypatch, real_folder: bool):
    """A project with a published site (a link, or a real folder as older versions made) and a changed week."""
    monkeypatch.setenv("DENYUT_PSEUDONYM_KEY", "test-key-0123456789abcdef")
    path, config = make_reported(tmp_path)
    _approve(config, "2024-W47")
    report.run(str(path))
    site_stage.run(str(path), publish=True)
    if real_folder:  # a site built by an older Denyut: `public` is a real folder, not a link
        live = swap.live_build(config.public_dir)
        config.public_dir.unlink()
        shutil.copytree(live, config.public_dir)
        shutil.rmtree(swap.builds_dir(config.public_dir))
    page = config.reports_dir / "2024-W47" / "report.md"
    page.write_text(page.read_text() + "\nKalimat baru untuk terbitan kedua.\n")
    return tmp_path


@pytest.mark.parametrize("real_folder", [False, True], ids=["link", "folder-from-before"])
def test_a_kill_at_any_step_of_a_publication_leaves_the_old_or_the_new_site(tmp_path, monkeypatch, real_folder):
    (tmp_path / "prepared").mkdir()
    prepared = _prepare(tmp_path / "prepared", monkeypatch, real_folder)
    kill_at, seen = 1, []
    while True:
        base = tmp_path / f"k{kill_at}"
        shutil.copytree(prepared, base, symlinks=True)
        path = base / "config" / "denyut.yaml"
        config = load_config(path)
        old = _site(config.public_dir)
        with monkeypatch.context() as mp:
            calls = _inject(mp, kill_at)
            try:
                site_stage.run(str(path), publish=True)
                finished = True
            except Killed:
                finished = False
        public = config.public_dir
        assert public.is_dir(), (kill_at, calls[-1])
        now = _site(public)
        new_text = "Kalimat baru untuk terbitan kedua." in (public / "laporan" / "2024-w47" / "index.html").read_text()
        assert now == old or new_text, (kill_at, calls[-1])
        problems, _ = check_site(config)
        assert problems == [], (kill_at, calls[-1], problems)
        # the next run mends whatever the kill left and publishes the new site, verifiably
        site_stage.run(str(path), publish=True)
        assert "Kalimat baru" in (public / "laporan" / "2024-w47" / "index.html").read_text()
        assert check_site(config)[0] == []
        assert [p.name for p in swap.builds_dir(public).iterdir()] == [swap.live_build(public).name]
        seen.append(calls[-1] if calls else "-")
        shutil.rmtree(base)
        if finished:
            break
        kill_at += 1
    assert {"subprocess.run", "os.symlink", "os.replace", "analysis.site.seal.record_head"} <= set(seen), seen
    print(f"{kill_at - 1} kill points ({'folder' if real_folder else 'link'}): {sorted(set(seen))}")


def test_published_files_are_readable_by_a_web_server_and_data_files_by_their_owner_only(tmp_path, monkeypatch):
    monkeypatch.setenv("DENYUT_PSEUDONYM_KEY", "test-key-0123456789abcdef")
    os.umask(0o077)  # a strict umask must not make the site unreadable, nor a loose one the data readable
    try:
        path, config = make_reported(tmp_path)
        _approve(config, "2024-W47")
        report.run(str(path))
        site_stage.run(str(path), publish=True)
    finally:
        os.umask(0o022)
    for item in [swap.builds_dir(config.public_dir)] + list(config.public_dir.resolve().rglob("*")):
        assert item.stat().st_mode & 0o777 == (0o755 if item.is_dir() else 0o644), item
    for item in config.reports_dir.rglob("*"):
        assert item.stat().st_mode & 0o044 == 0o044, item  # reports are published: readable by all
    private = [config.data_dir] + list(config.data_dir.rglob("*"))
    assert {p.relative_to(config.data_dir).parts[0] for p in private[1:]} >= {"raw", "quarantine", "review", "state",
                                                                              "processed"}
    for item in private:
        assert item.stat().st_mode & 0o777 == (0o700 if item.is_dir() else 0o600), item


def test_the_recovery_puts_back_a_folder_moved_aside_by_a_system_without_an_atomic_exchange(tmp_path):
    public = tmp_path / "public"
    (tmp_path / ".public.previous").mkdir()
    (tmp_path / ".public.previous" / "index.html").write_text("situs lama")
    (tmp_path / ".public.builds" / "setengah").mkdir(parents=True)
    swap.recover(public)
    assert (public / "index.html").read_text() == "situs lama"
    assert not (tmp_path / ".public.previous").exists() and not any((tmp_path / ".public.builds").iterdir())
    assert build.STAMP


def test_a_second_build_while_one_runs_stops_and_says_so(tmp_path, monkeypatch):
    import fcntl

    from denyut.errors import StageError

    monkeypatch.setenv("DENYUT_PSEUDONYM_KEY", "test-key-0123456789abcdef")
    path, config = make_reported(tmp_path)
    with open(config.data_dir / ".site.lock", "a+") as held:  # another build holds it
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(StageError, match="sedang dibangun oleh proses lain"):
            site_stage.run(str(path))
    assert site_stage.run(str(path))[0] == "built"


def test_the_head_placeholder_in_outside_text_is_left_as_it_is(tmp_path, monkeypatch):
    from denyut.formats.manifest import HEAD_PLACEHOLDER

    monkeypatch.setenv("DENYUT_PSEUDONYM_KEY", "test-key-0123456789abcdef")
    path, config = make_reported(tmp_path)
    issues = tmp_path / "config" / "issues.yaml"
    issues.write_text(issues.read_text().replace("name_id: Logistik pemilu", f"name_id: Logistik {HEAD_PLACEHOLDER}", 1))
    from analysis import analyze
    analyze.run(str(path))
    _approve(config, "2024-W47")
    report.run(str(path))
    site_stage.run(str(path), publish=True)
    assert HEAD_PLACEHOLDER in (config.public_dir / "data" / "2024-w47" / "issues.csv").read_text()
    assert check_site(config)[0] == []
