"""Debunked claims from Mafindo's TurnBackHoax database (the "Yudistira" API, a key on request):
POST <url> with key, limit and offset returns a list of news objects, newest first (documented at
mafindo.github.io/docs/v2: id, status "2" for a hoax, classification, title, content, fact,
references, tanggal, conclusion, claim_review[]). Only hoaxes with a link to their clarification
are kept; they are merged by id into data/claims/mafindo.jsonl, which is rewritten atomically. A claim's
one-line correction is the first sentence of Mafindo's own conclusion, else of its fact; neither: none."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import requests
from pydantic import ValidationError

from denyut.config import Config, MafindoSettings
from denyut.errors import DenyutError
from denyut.formats.claims import Claim, catalogue_path, first_sentence, read_catalogue, write_catalogue

VERDICT_PREFIX = re.compile(r"^\s*\[[^\]]{2,30}\]\s*")  # "[SALAH]", "[HOAKS]", "[DISINFORMASI]"
URL = re.compile(r"https?://\S+")
EXAMPLE_CHARS = 280


class ClaimSourceError(DenyutError):
    """The claims API could not be read."""


@dataclass
class ClaimStats:
    fetched: int = 0
    new: int = 0
    updated: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    path: Path | None = None


def claim_of(item: dict) -> Claim | str:
    """A Mafindo news object → Claim, or the reason it is not one."""
    if not isinstance(item, dict) or not str(item.get("id", "")).strip():
        return "tanpa id"
    if str(item.get("status")) != "2":
        return "bukan hoaks (status bukan 2)"
    title = VERDICT_PREFIX.sub("", str(item.get("title") or "")).strip()
    links = URL.findall(str(item.get("references") or ""))
    links += [r.get("claim_url", "") for r in item.get("claim_review") or [] if isinstance(r, dict)]
    links = [u.rstrip(").,;") for u in links if u.startswith(("http://", "https://"))]
    if not links:
        return "tanpa tautan klarifikasi"
    content = " ".join(str(item.get("content") or "").split())
    examples = [t for t in (title, content[:EXAMPLE_CHARS]) if len(t) >= 10]
    try:
        return Claim(id=f"mafindo-{str(item['id']).strip()}", description=title[:300], clarification=links[0],
                     correction=first_sentence(item.get("conclusion")) or first_sentence(item.get("fact")),
                     examples=examples, source="mafindo", published=str(item.get("tanggal") or "") or None,
                     verdict=str(item.get("classification") or "") or None)
    except ValidationError as exc:
        return f"{exc.errors()[0]['loc'][0]}: {exc.errors()[0]['msg']}"


def fetch(session: requests.Session, settings: MafindoSettings, key: str, known: set[str]) -> tuple[list[Claim], ClaimStats]:
    """Newest first, page by page, until a page brings nothing new or max_pages is reached."""
    claims, stats = [], ClaimStats()
    for page in range(settings.max_pages):
        try:
            response = session.post(settings.url, data={"key": key, "limit": settings.page_size,
                                                        "offset": page * settings.page_size},
                                    headers={"Accept": "application/json"})
        except requests.RequestException as exc:
            raise ClaimSourceError(f"{settings.url}: {exc.__class__.__name__}: {exc}") from exc
        if response.status_code in (401, 403):
            raise ClaimSourceError(f"{settings.url}: kunci API ditolak (HTTP {response.status_code}); periksa {settings.key_env}")
        if response.status_code != 200:
            raise ClaimSourceError(f"{settings.url}: HTTP {response.status_code}")
        try:
            items = response.json()
        except ValueError:
            raise ClaimSourceError(f"{settings.url}: jawaban bukan JSON (halaman {page + 1})") from None
        if not isinstance(items, list):
            raise ClaimSourceError(f"{settings.url}: jawaban harus daftar berita, bukan {type(items).__name__}")
        stats.fetched += len(items)
        fresh = 0
        for item in items:
            claim = claim_of(item)
            if isinstance(claim, str):
                stats.skipped[claim] = stats.skipped.get(claim, 0) + 1
                continue
            fresh += claim.id not in known
            claims.append(claim)
        if len(items) < settings.page_size or not fresh:
            break
    return claims, stats


def collect_claims(config: Config, session: requests.Session) -> ClaimStats | None:
    """None when no Mafindo source is configured. A missing key is an error naming the variable; a
    failed page leaves the catalogue as it was."""
    settings = config.hoaxes.mafindo
    if settings is None:
        return None
    key = os.environ.get(settings.key_env, "").strip()
    if not key:
        raise ClaimSourceError(f"kunci API Mafindo tidak ada: set variabel lingkungan {settings.key_env} "
                               "(minta kunci ke Mafindo), atau hapus `hoaxes.mafindo` dari konfigurasi")
    path = catalogue_path(config.claims_dir, "mafindo")
    existing = {c.id: c for c in read_catalogue(path)}
    claims, stats = fetch(session, settings, key, set(existing))
    for claim in claims:
        if claim.id not in existing:
            stats.new += 1
        elif existing[claim.id] != claim:
            stats.updated += 1
        existing[claim.id] = claim
    write_catalogue(path, list(existing.values()))
    stats.path = path
    return stats
