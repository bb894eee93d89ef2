"""summary.json: every number of one weekly report, typed and versioned.

Written by the report stage (reports/<week>/summary.json, also published as open data), read
back by the report stage (the week before, the trend) and by nothing else: the site copies it.
The signals' results (denyut.signals) sit under `signals`, each typed by the signal that wrote it.
A file of another schema version is not read as if it were this one: the report stage
rewrites it, and any other reader gets a SummaryError that says to run `make report`.
Shares are fractions in [0, 1]; `None` where fewer posts than `min_posts_for_share` were seen.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from denyut.errors import DenyutError
from denyut.formats.processed import SENTIMENTS, Sentiment
from denyut.io import atomic_write_text

SCHEMA_VERSION = 6  # 1: unversioned, Indonesian verdict words as data; 2: shares were the model's counts; 3: no signals;
# 4: each signal a field of its own; 6: regions (region, the Share bases synthetic and wide, Review.estimator)


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
    # synthetic: a region's, from the model's labels there and the whole audit's error rates (small_area);
    # wide: a region's estimate whose interval was too wide to say anything (no share is given)
    basis: Literal["estimate", "model", "count", "synthetic", "wide"] = "count"

    @property
    def verified(self) -> bool:
        return self.basis in ("estimate", "synthetic")


class SentimentShares(Model):
    """The three tones, and where reviewers said some audited posts cannot be judged or are not about the election,
    the estimated share of such posts (`excluded`): the four add up to one."""

    negative: Share
    neutral: Share
    positive: Share
    excluded: Share | None = None

    def get(self, sentiment: Sentiment) -> Share:
        return getattr(self, sentiment)

    def items(self) -> list[tuple[Sentiment, Share]]:
        return [(s, getattr(self, s)) for s in SENTIMENTS]


class IssueCheck(Model):
    """What the reviewers' issue verdicts on the audit say of one issue: the share of posts about it, estimated from
    the tagger on every post plus the audit (None with too few audited posts), and the tagger's precision and
    recall on the audit (None where it tagged, or reviewers named, none)."""

    estimate: Share | None = None
    audit_positives: int = 0  # audited posts reviewers say are about it
    audit_tagged: int = 0  # audited posts the tagger put in it
    precision: float | None = None
    recall: float | None = None


class IssueSummary(Model):
    id: str
    name_id: str
    name_en: str
    posts: int  # posts the tagger (or a reviewer) put in it
    share_of_posts: Share  # those posts' share: a count, not an estimate
    sentiment: SentimentShares
    check: IssueCheck = IssueCheck()

    @property
    def best_share(self) -> Share:
        """The estimate where the audit allows one, else the tag count's share."""
        return self.check.estimate or self.share_of_posts


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
    audit_reviewed: int  # of them given a verdict (the estimator uses these), "cannot be judged" included
    audit_excluded: int = 0  # of them, said not to be judgeable or not about the election
    audit_skipped: int = 0  # left blank before a sheet's last verdict: the intervals cover every answer they could have
    audit_not_reached: int = 0  # left blank after it (the reviewers stopped there; the rows before are still random)
    verdicts: int  # all verdicts of the week, learning part included
    weight: float | None
    accuracy: Accuracy | None  # the model against the audit verdicts
    earlier_accuracy: Accuracy | None = None  # for a week without review: the latest reviewed week's
    earlier_week: str | None = None
    status: Literal["draft", "approved"] = "draft"  # from data/review/status.yaml: only approved weeks are published
    approved_by: str | None = None
    approved_at: str | None = None
    # a region's page: direct (its own audited posts sufficed), synthetic (the whole audit's error rates), model
    estimator: Literal["direct", "synthetic", "model"] | None = None


class RegionRef(Model):
    """The region a summary is about (None: the whole country, or a deployment's focus): its Kemendagri code, name
    and level, and its province's name for a regency."""

    code: str
    name: str
    level: Literal["province", "regency"]
    province: str = ""
    province_page: bool = False  # a regency's province has a page of its own that week


class RegionRow(Model):
    """One province or regency in a week: its posts (analysed ones placed there), and for a region with a page its
    tone shares as its page gives them (an estimate with its interval, or no share: too few posts, too wide)."""

    code: str
    name: str
    level: Literal["province", "regency"]
    posts: int
    page: bool = False
    negative: Share | None = None
    positive: Share | None = None
    estimator: Literal["direct", "synthetic", "model"] | None = None


class ModelScores(Model):
    smsa_valid_macro_f1: float
    nusax_test_macro_f1: float


class WeeklySummary(Model):
    schema_version: Literal[6] = SCHEMA_VERSION
    region: RegionRef | None = None
    regions: list[RegionRow] = []  # the provinces (on a province's page: its regencies) and what their pages say
    region_pages: list[str] = []  # every region with a page that week (regencies included), in code order
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
    analysed_languages: list[str] = ["id"]  # analysis.languages: what posts_analysed counts
    duplicates_exact: int
    duplicates_near: int
    languages: dict[str, int]
    platforms: dict[str, int]
    sources: dict[str, int]
    sentiment: SentimentShares
    issues: list[IssueSummary]
    posts_without_issue: int
    no_issue: IssueCheck = IssueCheck()  # posts about no issue of the taxonomy, estimated like an issue
    other_issue: IssueCheck = IssueCheck()  # election talk the taxonomy has no issue for ("lainnya" in the sheet)
    sentiment_models: list[str]
    changes: list[Change]
    previous_week: str | None
    examples: list[Example]
    signals: dict[str, Any] = {}  # each registered signal's typed result (denyut.signals), by its name
    coverage: Coverage
    model_metrics: ModelScores | None = None
    review: Review
    margin: float
    input_hash: str

    @field_validator("signals", mode="after")
    @classmethod
    def _typed_signals(cls, value: dict[str, Any]) -> dict[str, Any]:
        """Each registered signal's result as its type; every registered signal present (its empty result when the
        week was reported before it ran)."""
        from denyut.signals import signals

        return {s.name: s.adapter.validate_python(value[s.name]) if s.name in value else s.empty() for s in signals()}

    def issue(self, issue_id: str) -> IssueSummary:
        return next(i for i in self.issues if i.id == issue_id)

    def top_issues(self, n: int) -> list[IssueSummary]:
        """The n most discussed: ordered by their estimated share (the tag count's where there is no estimate)."""
        return [i for i in self.issues[:n] if i.posts > 0 or (i.check.estimate and i.check.estimate.share)]

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
