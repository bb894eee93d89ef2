"""reports/<week>/manifest.json: what a week was built from and what it published, each by SHA-256,
plus the SHA-256 of the week before's manifest. The weeks form a chain: changing one byte of a
past week, or of its manifest, breaks either that week's hashes or the next week's link, and
`make verify` (analysis.site.verify) names which."""

from __future__ import annotations

import json
from pathlib import Path

from denyut.config import Config
from denyut.io import atomic_write_text, sha256_file

MANIFEST = "manifest.json"
FORMAT = "denyut-manifest/1"


def manifest_path(week_dir: Path) -> Path:
    return Path(week_dir) / MANIFEST


def outputs(week_dir: Path) -> list[Path]:
    """Every published file of the week, the manifest excluded, in a fixed order."""
    return sorted(p for p in Path(week_dir).rglob("*") if p.is_file() and p.name != MANIFEST and not p.name.startswith("."))


def _relative(path: Path, base: Path) -> str:
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()


def build(week: str, week_dir: Path, config: Config, config_path: Path | None, inputs: list[Path],
          models: list[str], previous_dir: Path | None) -> dict:
    base = config.base_dir
    files = [p for p in inputs if p is not None]
    if config_path is not None:
        files.append(Path(config_path))
    recorded = {_relative(p, base): sha256_file(p) if p.is_file() else None for p in files}
    previous = None
    if previous_dir is not None and manifest_path(previous_dir).is_file():
        previous = {"week": previous_dir.name, "sha256": sha256_file(manifest_path(previous_dir))}
    return {"format": FORMAT, "week": week, "inputs": dict(sorted(recorded.items())), "models": models,
            "outputs": {p.relative_to(week_dir).as_posix(): sha256_file(p) for p in outputs(week_dir)},
            "previous": previous}


def write(week_dir: Path, manifest: dict) -> str:
    """Writes the manifest; returns its SHA-256 (what the next week links to and the site shows)."""
    path = manifest_path(week_dir)
    atomic_write_text(path, json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    return sha256_file(path)
