"""The two manifests that make the published numbers tamper-evident, typed once for their writers and `make verify`.

reports/<week>/manifest.json (written by the report stage): what a week was built from (its inputs by
role, and the raw-store files as the byte prefix it read), what it published (every file by SHA-256),
and the SHA-256 of the week before's manifest, so the weeks form a chain.

public/manifest-situs.json (written by the site stage): every file of the built site by SHA-256, the
week manifests it includes, and the SHA-256 of the previous published site manifest. Its own SHA-256
is the chain's head: publish prints it and the open-data page shows it, to be kept somewhere the team
does not control. The page that shows the head cannot hold its own hash, so the site's files are
hashed with a placeholder where the head will be written (`head_in` lists those files), and verify
puts the placeholder back before hashing them. Every published site manifest is kept by its hash in
reports/_rantai/ (and published under rantai/), with HEAD naming the latest.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from denyut.config import Config
from denyut.formats import processed, review
from denyut.io import atomic_write_text, sha256_file

MANIFEST = "manifest.json"
FORMAT = "denyut-manifest/2"
SITE_MANIFEST = "manifest-situs.json"
SITE_FORMAT = "denyut-site-manifest/1"
CHAIN_DIR = "_rantai"  # under the reports folder: every published site manifest, by its SHA-256
PUBLIC_CHAIN_DIR = "rantai"  # the same files on the site
HEAD = "HEAD"
# written where the head hash will stand, the same length as the hash: the files are hashed with it
HEAD_PLACEHOLDER = "denyut-kepala-rantai-" + "0" * 43


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Link(Model):
    week: str
    sha256: str


class RawPrefix(Model):
    """A raw-store file as the report read it: its first `bytes` bytes had this SHA-256 (the store only appends)."""
    bytes: int
    sha256: str


class WeekManifest(Model):
    format: Literal["denyut-manifest/2"] = FORMAT
    week: str
    inputs: dict[str, str | None]  # role (e.g. "processed/2024-W47.parquet", "config:issues") → SHA-256, None if absent
    raw: dict[str, RawPrefix] = {}  # raw-store file, relative to data/raw → the prefix the week's analysis read
    models: list[str]
    outputs: dict[str, str]  # every published file of the week, relative to its folder → SHA-256
    previous: Link | None


class SiteManifest(Model):
    format: Literal["denyut-site-manifest/1"] = SITE_FORMAT
    kind: Literal["publish", "preview"]
    built_at: str
    weeks: dict[str, str]  # week → SHA-256 of its manifest.json
    files: dict[str, str]  # every file of the site (but this manifest and the chain) → SHA-256
    head_in: list[str]  # files that carry the head hash; hashed with HEAD_PLACEHOLDER in its place
    previous: str | None  # SHA-256 of the site manifest published before this one


class ManifestError(ValueError):
    pass


def manifest_path(week_dir: Path) -> Path:
    return Path(week_dir) / MANIFEST


def week_outputs(week_dir: Path) -> list[Path]:
    """Every published file of the week, the manifest excluded, in a fixed order."""
    return sorted(p for p in Path(week_dir).rglob("*") if p.is_file() and p.name != MANIFEST and not p.name.startswith("."))


def dumps(manifest: Model) -> str:
    return json.dumps(manifest.model_dump(mode="json"), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def write(path: Path, manifest: Model) -> str:
    """Writes a manifest; returns its SHA-256 (what the next one links to, what the site shows)."""
    atomic_write_text(path, dumps(manifest))
    return sha256_file(path)


def read(path: Path, model: type[WeekManifest] | type[SiteManifest]):
    """A manifest of this format, or ManifestError saying why not."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ManifestError(f"tidak terbaca ({exc.__class__.__name__})") from None
    if isinstance(data, dict) and data.get("format") not in (FORMAT, SITE_FORMAT):
        raise ManifestError(f"format {data.get('format')!r} tidak dikenal (laporan lama: jalankan `make report publish`)")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise ManifestError(f"isi tidak sah: {'.'.join(map(str, first['loc']))}: {first['msg']}") from None


def input_roles(config: Config, config_path: Path, week: str, previous_week: str | None) -> dict[str, Path]:
    """role → file, for the inputs of a week (verify resolves the same roles through the config)."""
    sheets = [p for _, p in review.sheet_paths(config.review_dir, week)]
    # each sheet's list of posts decides the strata of the estimate as much as the sheet does
    lists = [review.population_path(config.review_dir, week, n) for n, _ in review.sheet_paths(config.review_dir, week)]
    roles = {f"processed/{week}.parquet": processed.week_path(config.processed_dir, week),
             f"review/{week}/sample.csv": config.review_dir / week / "sample.csv",
             **{f"review/{week}/{p.name}": p for p in sheets + [q for q in lists if q.is_file()]},
             "claims/mafindo.jsonl": config.claims_dir / "mafindo.jsonl",
             "config": Path(config_path), "config:issues": config.issues_path, "config:hoaxes": config.hoaxes_path}
    if previous_week:
        roles[f"processed/{previous_week}.parquet"] = processed.week_path(config.processed_dir, previous_week)
    return roles


def resolve_role(config: Config, config_path: Path, role: str) -> Path:
    if role == "config":
        return Path(config_path)
    if role == "config:issues":
        return config.issues_path
    if role == "config:hoaxes":
        return config.hoaxes_path
    return config.data_dir / role


def chain_dir(reports_dir: Path) -> Path:
    return Path(reports_dir) / CHAIN_DIR


def read_head(reports_dir: Path) -> str | None:
    path = chain_dir(reports_dir) / HEAD
    return path.read_text(encoding="utf-8").strip() if path.is_file() else None


def chain_walk(chain: Path, head: str | None) -> list[str]:
    """The hashes of the published site manifests from `head` back to the first, as far as the chain holds: each
    must be in the folder `chain` (reports/_rantai/, or the site's rantai/) under its own hash, with that content."""
    seen, chain = [], Path(chain)
    while head and head not in seen and (chain / f"{head}.json").is_file() and sha256_file(chain / f"{head}.json") == head:
        seen.append(head)
        try:
            head = read(chain / f"{head}.json", SiteManifest).previous
        except ManifestError:
            break
    return seen


def head_free_bytes(data: bytes, head: str) -> bytes:
    """A file that carries the head hash, as it was hashed: the placeholder back where the head stands."""
    return data.replace(head.encode(), HEAD_PLACEHOLDER.encode())
