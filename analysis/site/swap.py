"""The published folder switched from one complete build to the next in one step, so that a reader or a
web server finds either the old site or the new one at every instant, never none.

`public` is a symbolic link to a complete build under `.public.builds/`. A new build is made beside it,
then a new link pointing to it replaces `public` with one rename (atomic on POSIX). A `public` that is
still a real folder (made by an older Denyut) is exchanged with the link in one step (Linux renameat2
with RENAME_EXCHANGE); where that call is missing, the old folder is moved aside first and recover()
puts it back after a kill. Web servers follow the link (nginx, Apache and Caddy do by default); the
link is relative, so the project folder can move."""

from __future__ import annotations

import ctypes
import os
import shutil
from pathlib import Path

from denyut.timestamps import now_utc

AT_FDCWD, RENAME_EXCHANGE = -100, 2


def builds_dir(out_dir: Path) -> Path:
    return out_dir.with_name(f".{out_dir.name}.builds")


def _link(out_dir: Path) -> Path:
    return out_dir.with_name(f".{out_dir.name}.link")


def _previous(out_dir: Path) -> Path:
    return out_dir.with_name(f".{out_dir.name}.previous")


def new_build(out_dir: Path) -> Path:
    """A fresh, empty folder for the next build, named by the time it began."""
    stamp = now_utc().replace(":", "").replace("-", "")
    folder = builds_dir(out_dir) / f"{stamp}-{os.getpid()}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    os.chmod(folder.parent, 0o755)  # a web server running as another user walks through it, whatever the umask
    return folder


def live_build(out_dir: Path) -> Path | None:
    """The build `public` points to now (None when it is a real folder or missing)."""
    if not out_dir.is_symlink():
        return None
    return (out_dir.parent / os.readlink(out_dir)).resolve()


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux); False where the system has no such call."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    if renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    return False


def switch(out_dir: Path, build: Path) -> None:
    """Point `out_dir` at the complete `build` in one rename; then remove the builds no one points to."""
    link = _link(out_dir)
    link.unlink(missing_ok=True)
    os.symlink(os.path.relpath(build, out_dir.parent), link)
    if out_dir.is_symlink() or not out_dir.exists():
        os.replace(link, out_dir)
    elif _exchange(link, out_dir):  # a real folder from before: the link takes its place, the folder takes the link's
        shutil.rmtree(link)
    else:  # no exchange on this system: a moment without a site, mended by recover() after a kill
        previous = _previous(out_dir)
        shutil.rmtree(previous, ignore_errors=True)
        os.replace(out_dir, previous)
        os.replace(link, out_dir)
        shutil.rmtree(previous)
    _remove_unused(out_dir)


def _remove_unused(out_dir: Path) -> None:
    live = live_build(out_dir)
    for folder in builds_dir(out_dir).glob("*"):
        if folder.resolve() != live:
            shutil.rmtree(folder, ignore_errors=True)


def recover(out_dir: Path) -> None:
    """After a kill: a site moved aside but not replaced is put back; half-made builds and links are removed."""
    previous = _previous(out_dir)
    if previous.exists():
        if out_dir.exists():
            shutil.rmtree(previous)
        else:
            os.replace(previous, out_dir)
    link = _link(out_dir)
    if link.is_dir() and not link.is_symlink():  # killed right after the exchange: the old folder, no longer live
        shutil.rmtree(link)
    link.unlink(missing_ok=True)
    shutil.rmtree(out_dir.with_name(f".{out_dir.name}.building"), ignore_errors=True)  # the layout before builds/
    if out_dir.exists() or out_dir.is_symlink():
        _remove_unused(out_dir)
