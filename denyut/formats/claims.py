"""Debunked claims: the team's own (config/hoaxes.yaml) and those collected from Mafindo's
TurnBackHoax database (data/claims/mafindo.jsonl). The report counts the posts that echo each one,
and prints the claim only after its one-line correction (the fact-checkers' truth sandwich), then its
clarification link."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, ValidationError

from denyut.config import load_yaml
from denyut.errors import ConfigError, InputError
from denyut.io import atomic_write_text, read_jsonl


class Claim(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: Annotated[str, Field(pattern=r"^[a-z0-9-]{1,80}$")]
    description: Annotated[str, Field(min_length=5, max_length=300, pattern=r"\S.{3,}\S")]  # plain words: what the claim says
    clarification: HttpUrl  # the official correction or the fact-check
    # the truth in one line, printed before the claim; None: the page says to read the link (never made up)
    correction: Annotated[str, Field(min_length=5, max_length=300, pattern=r"\S.{3,}\S")] | None = None
    examples: Annotated[list[Annotated[str, Field(min_length=10)]], Field(min_length=1)]  # phrasings the claim circulates in
    source: Literal["team", "mafindo"] = "team"
    published: str | None = None  # when it was debunked (YYYY-MM-DD)
    verdict: str | None = None  # the fact-checker's classification, e.g. "Fabricated Content"


TAGS = re.compile(r"<[^>]{0,200}>")
SENTENCE_END = re.compile(r"(?<=[.!?])\s")
CORRECTION_CHARS = 200


def first_sentence(text: object) -> str | None:
    """The first sentence of a fact-check's text (tags dropped, spaces collapsed), at most CORRECTION_CHARS cut at a
    word; None when there is none: a correction is taken from what the fact-checker wrote, never made up."""
    plain = " ".join(TAGS.sub(" ", str(text or "")).split())
    sentence = SENTENCE_END.split(plain, maxsplit=1)[0].strip()
    if len(sentence) > CORRECTION_CHARS:
        sentence = sentence[:CORRECTION_CHARS - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return sentence if len(sentence) >= 5 else None


class TeamClaims(BaseModel):
    model_config = ConfigDict(extra="forbid")
    claims: list[Claim] = []


def read_team_claims(path: Path) -> list[Claim]:
    if not Path(path).is_file():
        return []
    claims = load_yaml(path, TeamClaims, "Daftar klaim").claims
    ids = [c.id for c in claims]
    if len(set(ids)) != len(ids):
        raise ConfigError(f"{path}: id klaim harus unik; berulang: {sorted({i for i in ids if ids.count(i) > 1})}")
    return claims


def catalogue_path(claims_dir: Path, source: str) -> Path:
    return Path(claims_dir) / f"{source}.jsonl"


def read_catalogue(path: Path) -> list[Claim]:
    """A collected catalogue; a line that is not a Claim names its line and field."""
    if not Path(path).is_file():
        return []
    claims = []
    for line, obj, error in read_jsonl(path):
        if error:
            raise InputError(path, line, None, error)
        try:
            claims.append(Claim.model_validate(obj))
        except ValidationError as exc:
            first = exc.errors()[0]
            raise InputError(path, line, ".".join(map(str, first["loc"])), first["msg"]) from None
    return claims


def write_catalogue(path: Path, claims: list[Claim]) -> None:
    atomic_write_text(path, "".join(json.dumps(c.model_dump(mode="json"), ensure_ascii=False, sort_keys=True) + "\n"
                                    for c in sorted(claims, key=lambda c: c.id)))


def all_claims(hoaxes_file: Path, claims_dir: Path) -> list[Claim]:
    """The team's claims first; a collected claim with the same id as a team claim is the team's."""
    team = read_team_claims(hoaxes_file)
    ids = {c.id for c in team}
    collected = [c for c in read_catalogue(catalogue_path(claims_dir, "mafindo")) if c.id not in ids]
    return team + collected
