"""summary.json: every number of one weekly report, typed and versioned.

Written by the report stage (reports/<week>/summary.json, also published as open data), read
back by the report stage (the week before, the trend) and by nothing else: the site copies it.
A file of another schema version is not read as if it were this one: the report stage
rewrites it, and any other reader gets a SummaryError that says to run `make report`.
Shares are fractions in [0, 1]; `None` where fewer posts than `min_posts_for_share` were seen.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from denyut.errors import DenyutError
from denyut.io import atomic_write_text

SCHEMA_VERSION = 2  # 1: unversioned summaries with Indonesian verdict words ("naik") as data
Sentiment = Literal["negative", "neutral", "positive"]
SENTIMENTS: tuple[Sentiment, ...] = ("negative", "neutral", "positive")


class SummaryError(DenyutError):
    """A summary.json that is missing, unreadable or of another schema version."""


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Share(Model):
    count: int
    total: int
    share: float | None
    ci_low: float | None
    ci_high: float | None
    # one post per near-duplicate group: what week-over-week changes are tested on
    unique_count: int | None = None
    unique_total: int | None = None
    mean_probability: float | None = None


class SentimentShares(Model):
    negative: Share
    neutral: Share
    positive: Share

    def get(self, sentiment: Sentiment) -> Share:
        return getattr(self, sentiment)

    def items(self) -> list[tuple[Sentiment, Share]]:
        return [(s, getattr(self, s)) for s in SENTIMENTS]


class IssueSummary(Model):
    id: str
    name_id: str
    name_en: str
    posts: int
    share_of_posts: Share
    sentiment: SentimentShares


class Change(Model):
    """One week-over-week comparison. `direction` is a code; the narrative turns it into words."""

    scope: str  # 'all' or an issue id
    name: str
    sentiment: Sentiment
    previous: float
    current: float
    previous_count: int
    previous_total: int
    current_count: int
    current_total: int
    tested_unique: tuple[int, int, int, int]  # unique posts: k and n before, k and n now
    p_value: float
    q_value: float
    direction: Literal["up", "down", "stable"]

    @property
    def real(self) -> bool:
        return self.direction != "stable"


class Example(Model):
    platform: str
    post_id: str
    author_name: str
    created_at: str
    text: str
    sentiment: Sentiment
    issue: str | None
    confidence: float


class SourceCoverage(Model):
    runs: int
    fetched: int
    new: int
    duplicates: int
    quarantined: int
    errors: int


class Coverage(Model):
    quarantined_total: int
    runs: dict[str, SourceCoverage]


class ModelScores(Model):
    smsa_valid_macro_f1: float
    nusax_test_macro_f1: float


class WeeklySummary(Model):
    schema_version: Literal[2] = SCHEMA_VERSION
    week: str
    week_start: str
    week_end: str
    demo: bool
    min_posts_for_share: int
    alpha: float
    issues_version: str
    denyut_version: str
    posts_total: int
    posts_analysed: int
    posts_other_language: int
    duplicates_exact: int
    duplicates_near: int
    languages: dict[str, int]
    platforms: dict[str, int]
    sources: dict[str, int]
    sentiment: SentimentShares
    issues: list[IssueSummary]
    posts_without_issue: int
    sentiment_models: list[str]
    changes: list[Change]
    previous_week: str | None
    examples: list[Example]
    coverage: Coverage
    model_metrics: ModelScores | None = None
    input_hash: str

    def issue(self, issue_id: str) -> IssueSummary:
        return next(i for i in self.issues if i.id == issue_id)

    def top_issues(self, n: int) -> list[IssueSummary]:
        return [i for i in self.issues[:n] if i.posts > 0]

    @property
    def has_shares(self) -> bool:
        return self.sentiment.negative.share is not None


def write_summary(path: Path, summary: WeeklySummary) -> None:
    atomic_write_text(path, summary.model_dump_json(indent=2) + "\n")


def read_summary(path: Path) -> WeeklySummary:
    try:
        return WeeklySummary.model_validate_json(Path(path).read_bytes())
    except FileNotFoundError:
        raise SummaryError(f"{path}: tidak ada; jalankan `make report`") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise SummaryError(f"{path}: bukan summary.json versi {SCHEMA_VERSION} ('{where}': {first['msg']}); "
                           "jalankan `make report` untuk menulisnya ulang") from None


def read_current(path: Path) -> WeeklySummary | None:
    """The summary if it is readable and of this schema version; None if it must be written anew."""
    try:
        return read_summary(path)
    except SummaryError:
        return None
