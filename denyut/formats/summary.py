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

SCHEMA_VERSION = 4  # 1: unversioned, Indonesian verdict words as data; 2: shares were the model's counts; 3: no signals
Sentiment = Literal["negative", "neutral", "positive"]
SENTIMENTS: tuple[Sentiment, ...] = ("negative", "neutral", "positive")


class SummaryError(DenyutError):
    """A summary.json that is missing, unreadable or of another schema version."""


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Share(Model):
    """count/total: posts with this label (a reviewer's where there is one). share and its interval: the
    estimate from the model on every post plus the audit verdicts (basis 'estimate'), or, with too few
    verdicts, the model's unverified count with no interval (basis 'model')."""

    count: int
    total: int
    share: float | None
    ci_low: float | None
    ci_high: float | None
    se: float | None = None
    basis: Literal["estimate", "model", "count"] = "count"

    @property
    def verified(self) -> bool:
        return self.basis == "estimate"


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
    """One week-over-week comparison of two estimates. `direction` is a code, the narrative has the words:
    up/down (real: the difference is significant after Benjamini-Hochberg), stable (its 95% interval lies
    within the configured margin: no meaningful change), uncertain (the data cannot tell)."""

    scope: str  # 'all' or an issue id
    name: str
    sentiment: Sentiment
    previous: float
    current: float
    difference: float
    diff_low: float | None
    diff_high: float | None
    p_value: float | None
    q_value: float | None
    direction: Literal["up", "down", "stable", "uncertain"]

    @property
    def real(self) -> bool:
        return self.direction in ("up", "down")


class Example(Model):
    platform: str
    post_id: str
    author_name: str
    created_at: str
    text: str
    sentiment: Sentiment
    issue: str | None
    confidence: float


class Coordination(Model):
    """One pattern of coordinated posting (analysis.coordination), as the page shows it: counts, never
    accounts. `kinds` are the traces it left (text, link, hashtags); `level` strong | moderate | weak,
    `reasons` its codes; `example` the earliest post's text, scrubbed; `timeline` posts per twelfth of the span."""
    kinds: list[Literal["text", "link", "hashtags"]]
    level: Literal["strong", "moderate", "weak"]
    reasons: list[str]
    accounts: int
    posts: int
    start: str
    end: str
    span_s: int
    chance: float
    synchronised_share: float
    repeat_share: float
    shared: list[str]
    example: str
    platforms: list[str]
    timeline: list[int]
    benign: list[str]


class HoaxEcho(Model):
    """Posts of the week that echo one debunked claim (analysis.hoaxes), with the claim's correction."""
    id: str
    description: str
    clarification: str
    source: Literal["team", "mafindo"]
    verdict: str | None = None
    posts: int
    accounts: int
    platforms: list[str]
    corrections: int = 0  # posts that repeated the claim to say it is false (not counted in posts)
    previous_posts: int | None = None  # the week before, when it was reported


class Anomaly(Model):
    """An issue (or all posts, scope 'all') whose volume or sentiment share is unusual against the weeks before
    (analysis.anomalies): the usual level is the median of those weeks, the usual range their middle half."""
    scope: str
    kind: Literal["volume", "sentiment"]
    sentiment: Sentiment | None = None
    direction: Literal["up", "down"]
    value: float  # volume: posts; sentiment: the share
    share: float | None = None  # volume: the issue's share of the week's posts (usual_* are shares too)
    ci_low: float | None = None
    ci_high: float | None = None
    usual: float
    usual_low: float
    usual_high: float
    weeks: int


class Watch(Model):
    """A line the election body asked for every week (vote buying): this week's count against the usual range."""
    issue: str
    posts: int
    share: float | None = None  # of the week's posts; usual_* are shares of the weeks before
    usual_low: float | None = None
    usual_high: float | None = None
    weeks: int = 0
    unusual: Literal["up", "down"] | None = None


class ThemeSummary(Model):
    """A theme of posts no taxonomy issue matched (analysis.themes): its heaviest terms with their
    weights (what recognises it next week), its size, and the week it was first seen."""
    id: str
    since: str
    terms: dict[str, float]
    posts: int


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


class Accuracy(Model):
    value: float
    ci_low: float
    ci_high: float


class Review(Model):
    """How the week's numbers were checked by people."""

    method: str  # the estimator's name, or 'model-only' when too few audit verdicts
    audit_rows: int  # audit rows in the week's sheet
    audit_reviewed: int  # of them given a verdict (the estimator uses these)
    verdicts: int  # all verdicts of the week, learning part included
    weight: float | None
    accuracy: Accuracy | None  # the model against the audit verdicts
    earlier_accuracy: Accuracy | None = None  # for a week without review: the latest reviewed week's
    earlier_week: str | None = None
    status: Literal["draft", "approved"] = "draft"  # from data/review/status.yaml: only approved weeks are published
    approved_by: str | None = None
    approved_at: str | None = None


class ModelScores(Model):
    smsa_valid_macro_f1: float
    nusax_test_macro_f1: float


class WeeklySummary(Model):
    schema_version: Literal[4] = SCHEMA_VERSION
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
    coordination: list[Coordination] = []
    hoaxes: list[HoaxEcho] = []
    anomalies: list[Anomaly] = []
    watch: list[Watch] = []
    themes: list[ThemeSummary] = []
    coverage: Coverage
    model_metrics: ModelScores | None = None
    review: Review
    margin: float
    input_hash: str

    def issue(self, issue_id: str) -> IssueSummary:
        return next(i for i in self.issues if i.id == issue_id)

    def top_issues(self, n: int) -> list[IssueSummary]:
        return [i for i in self.issues[:n] if i.posts > 0]

    @property
    def has_shares(self) -> bool:
        return self.sentiment.negative.share is not None

    @property
    def verified(self) -> bool:
        return self.sentiment.negative.verified


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
