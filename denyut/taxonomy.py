"""Issue tagging from the editable taxonomy in config/issues.yaml."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from denyut.config import load_yaml
from denyut.errors import ConfigError

# administration: the election body's own topics (logistics, voter lists, counting, turnout, disputes, security of
# voting, ...); campaign: candidates and campaign content; policy: the policy topics debated. An election body can
# show only its own.
IssueKind = Literal["administration", "campaign", "policy"]
KINDS: tuple[str, ...] = get_args(IssueKind)


class IssueSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    # shown in headings, tables, the WhatsApp text (700 characters in all) and the cards: short names
    name_id: str = Field(min_length=1, max_length=80)
    name_en: str = Field(min_length=1, max_length=80)
    description: str = Field(max_length=500)
    # a taxonomy written before kinds existed held only the election body's own topics
    kind: IssueKind = "administration"
    patterns: list[str] = Field(min_length=1)


class TaxonomySpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: int
    issues: list[IssueSpec] = Field(min_length=1)


@dataclass(frozen=True)
class Taxonomy:
    version: str  # "<version>-<first 8 of sha256 of the parsed issues>": a pattern edit changes it, a comment does not
    issues: tuple[IssueSpec, ...]
    compiled: tuple[tuple[str, re.Pattern], ...]

    def tag(self, normalized: str) -> list[str]:
        return [issue_id for issue_id, pattern in self.compiled if pattern.search(normalized)]

    def name(self, issue_id: str, lang: str = "id") -> str:
        issue = self.issue(issue_id)
        return issue.name_id if lang == "id" else issue.name_en

    def issue(self, issue_id: str) -> IssueSpec:
        for issue in self.issues:
            if issue.id == issue_id:
                return issue
        raise KeyError(issue_id)

    def kind(self, issue_id: str) -> str:
        return self.issue(issue_id).kind

    def of_kind(self, *kinds: str) -> tuple[str, ...]:
        """The ids of the issues of these kinds, in the file's order (an unknown kind is a ValueError)."""
        unknown = set(kinds) - set(KINDS)
        if unknown:
            raise ValueError(f"jenis isu tidak dikenal: {sorted(unknown)}; pilih dari {list(KINDS)}")
        return tuple(issue.id for issue in self.issues if issue.kind in kinds)


def load_taxonomy(path: Path) -> Taxonomy:
    spec = load_yaml(Path(path), TaxonomySpec, "Taksonomi isu")
    ids = [issue.id for issue in spec.issues]
    if len(set(ids)) != len(ids):
        raise ConfigError(f"{path}: id isu harus unik")
    compiled = []
    for issue in spec.issues:
        try:
            joined = "|".join(f"(?:{p})" for p in issue.patterns)
            compiled.append((issue.id, re.compile(joined, re.IGNORECASE)))
        except re.error as exc:
            bad = next(p for p in issue.patterns if _invalid(p))
            raise ConfigError(f"{path}: isu '{issue.id}': pola tidak valid {bad!r}: {exc}") from None
    # Of the parsed taxonomy, not the file's bytes: a comment or a re-indent is no new version.
    digest = hashlib.sha256(json.dumps(spec.model_dump(), sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:8]
    return Taxonomy(f"{spec.version}-{digest}", tuple(spec.issues), tuple(compiled))


def _invalid(pattern: str) -> bool:
    try:
        re.compile(pattern)
        return False
    except re.error:
        return True
