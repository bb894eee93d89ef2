"""reports/<week>/manifest.json (format: denyut.formats.manifest.WeekManifest): what a week was built
from and what it published, each by SHA-256, plus the SHA-256 of the week before's manifest. The weeks
form a chain: changing one byte of a past week, of its manifest, or of the raw posts it was built from,
breaks either that week's hashes or the next week's link, and `make verify` (analysis.site.verify) names which.

Inputs are recorded by role, never by a path of this machine (the manifest is published): data files
relative to the data folder, the config and the hand-kept files as `config`, `config:issues`, `config:hoaxes`."""

from __future__ import annotations

from pathlib import Path

from denyut.config import Config
from denyut.formats import processed
from denyut.formats.manifest import Link, RawPrefix, WeekManifest, input_roles, manifest_path, week_outputs
from denyut.io import sha256_file, sha256_range


def raw_prefixes(config: Config, week: str) -> dict[str, RawPrefix]:
    """The raw-store files the week's analysis read, each as the prefix it read (later appends are allowed)."""
    prefixes = {}
    for name, size in sorted(processed.read_raw_bytes(config.processed_dir, week).items()):
        path = config.raw_dir / name
        if path.is_file() and path.stat().st_size >= size:
            prefixes[name] = RawPrefix(bytes=size, sha256=sha256_range(path, 0, size))
    return prefixes


def build(week: str, week_dir: Path, config: Config, config_path: Path, models: list[str],
          previous_dir: Path | None) -> WeekManifest:
    previous = None
    if previous_dir is not None and manifest_path(previous_dir).is_file():
        previous = Link(week=previous_dir.name, sha256=sha256_file(manifest_path(previous_dir)))
    roles = input_roles(config, config_path, week, previous_dir.name if previous_dir else None)
    return WeekManifest(week=week, inputs={role: sha256_file(p) if p.is_file() else None for role, p in sorted(roles.items())},
                        raw=raw_prefixes(config, week), models=models,
                        outputs={p.relative_to(week_dir).as_posix(): sha256_file(p) for p in week_outputs(week_dir)},
                        previous=previous)
