"""The site manifest of a complete build (denyut.formats.manifest.SiteManifest): every file by SHA-256, the
week manifests the site includes, and the previous published site manifest's hash. Its own SHA-256, the
chain's head, is written into the pages that show it (the open-data page and the search index, where a
placeholder of the same length stood while the files were hashed). A published manifest is kept by its
hash in reports/_rantai/ and all of them are published under rantai/, so that anyone holding a head
can walk back from today's site to it."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from denyut.formats.manifest import (
    HEAD,
    HEAD_PLACEHOLDER,
    PUBLIC_CHAIN_DIR,
    SITE_MANIFEST,
    ManifestError,
    SiteManifest,
    chain_dir,
    chain_walk,
    dumps,
    manifest_path,
    read,
    read_head,
)
from denyut.io import atomic_write_text, publish_tree, sha256_file
from denyut.timestamps import now_utc

HEAD_PAGES = ("data/index.html", "search/search_index.json")  # where the open-data page shows the head: nowhere else


def site_files(build: Path) -> dict[str, bytes]:
    """Every file the manifest covers: all but the manifest itself and the chain of earlier manifests."""
    files = {}
    for path in sorted(build.rglob("*")):
        rel = path.relative_to(build).as_posix()
        if path.is_file() and rel != SITE_MANIFEST and not rel.startswith(PUBLIC_CHAIN_DIR + "/"):
            files[rel] = path.read_bytes()
    return files


def seal(build: Path, reports_dir: Path, weeks: list[str], publish: bool) -> str:
    """Writes the build's manifest-situs.json (and, when publishing, its copy in the chain); returns the head."""
    publish_tree(build)
    files = site_files(build)
    manifest = SiteManifest(
        kind="publish" if publish else "preview", built_at=now_utc(),
        weeks={week: sha256_file(manifest_path(Path(reports_dir) / week)) for week in weeks},
        files={rel: hashlib.sha256(data).hexdigest() for rel, data in files.items()},
        head_in=[rel for rel in HEAD_PAGES if HEAD_PLACEHOLDER.encode() in files.get(rel, b"")],
        previous=read_head(reports_dir) if publish else None)
    text = dumps(manifest)
    head = hashlib.sha256(text.encode()).hexdigest()
    atomic_write_text(build / SITE_MANIFEST, text)
    if publish:
        chain = chain_dir(reports_dir)
        atomic_write_text(chain / f"{head}.json", text)
        public_chain = build / PUBLIC_CHAIN_DIR
        public_chain.mkdir(exist_ok=True)
        for earlier in chain_walk(chain, head):  # this publication and each before it, nothing else
            shutil.copyfile(chain / f"{earlier}.json", public_chain / f"{earlier}.json")
    for rel in manifest.head_in:
        path = build / rel
        path.write_bytes(path.read_bytes().replace(HEAD_PLACEHOLDER.encode(), head.encode()))
    publish_tree(build)
    return head


def record_head(reports_dir: Path, head: str) -> None:
    """After the switch: the chain's newest head (what the next publication links to)."""
    atomic_write_text(chain_dir(reports_dir) / HEAD, head + "\n")


def roll_forward(reports_dir: Path, live_manifest: Path) -> None:
    """After a kill between the switch and record_head: the live site's manifest, already in the chain, becomes HEAD."""
    if not live_manifest.is_file():
        return
    head, recorded = sha256_file(live_manifest), read_head(reports_dir)
    try:
        live = read(live_manifest, SiteManifest)
    except ManifestError:
        return
    if head != recorded and live.kind == "publish" and live.previous == recorded and (chain_dir(reports_dir) / f"{head}.json").is_file():
        record_head(reports_dir, head)
