"""The script of the interactive charts: plotly.js's basic dist (bar and scatter traces: all the report draws),
vendored in vendor/ and pinned here by its npm package, version and SHA-256. Its version is the plotly.js that the
pinned plotly package writes figures for (a test checks); `make vendor-plotly` fetches it again with npm after an
upgrade. The site publishes it under a name that holds its content hash (a new version is a new URL, so a
browser's cache never serves a stale one), and no page loads it until a reader asks for an interactive chart."""

from __future__ import annotations

import hashlib
from pathlib import Path

from denyut.errors import StageError

NPM_PACKAGE = "plotly.js-basic-dist-min"
VERSION = "4.1.1"
SHA256 = "99784e3abfb07b142a15e521a439e6d9addceadb3f79553fd24c72774f0649ba"
SOURCE = Path(__file__).with_name("vendor") / "plotly-basic.min.js"
ASSET_DIR = "assets/javascripts"


def published_name(source: Path = SOURCE) -> str:
    """The bundle's file name on the site, from its content: plotly-basic.<first 12 hex of its SHA-256>.min.js."""
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    if source == SOURCE and digest != SHA256:
        raise StageError(
            "site",
            None,
            f"{SOURCE} bukan {NPM_PACKAGE}@{VERSION} yang dipatok (SHA-256 {digest}): ambil lagi dengan `make vendor-plotly`",
        )
    return f"plotly-basic.{digest[:12]}.min.js"


def publish(site_dir: Path) -> str:
    """Copies the bundle into a staged site's assets; returns its path there, as the pages name it."""
    name = published_name()
    target = site_dir / ASSET_DIR / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(SOURCE.read_bytes())
    return f"{ASSET_DIR}/{name}"
