from analysis.report.weekly import compare
from denyut.config import Config
from denyut.formats.summary import IssueSummary, SentimentShares

Z = 1.959963984540054


def _sentiment(negative: float, se: float | None, total: int = 700):
    def share(value):
        if se is None:
            return {"count": round(value * total), "total": total, "share": value, "ci_low": None, "ci_high": None,
                    "basis": "model"}
        return {"count": round(value * total), "total": total, "share": value, "ci_low": value - Z * se,
                "ci_high": value + Z * se, "se": se, "basis": "estimate"}
    return SentimentShares.model_validate({"negative": share(negative), "neutral": share(0.2), "positive": share(0.8 - negative)})


def _issue(negative, se):
    return IssueSummary(id="logistik", name_id="Logistik pemilu", name_en="Election logistics", posts=100,
                        share_of_posts={"count": 100, "total": 700, "share": 0.14, "ci_low": 0.12, "ci_high": 0.17},
                        sentiment=_sentiment(negative, se, 100))


class Week:
    def __init__(self, sentiment, issues):
        self.sentiment, self.issues = sentiment, issues


def _changes(now, before, **report):
    config = Config(report=report) if report else Config()
    return {(c.scope, c.sentiment): c for c in compare(now.sentiment, now.issues, before, config)}


def test_a_difference_beyond_its_interval_is_a_real_rise_or_fall():
    before = Week(_sentiment(0.30, 0.01), [_issue(0.20, 0.02)])
    now = Week(_sentiment(0.31, 0.01), [_issue(0.45, 0.02)])
    changes = _changes(now, before)
    assert changes[("logistik", "negative")].direction == "up" and changes[("logistik", "negative")].real
    assert changes[("logistik", "positive")].direction == "down"
    # overall: +1 point, interval of the difference ±2.8 points, inside the ±5 margin
    assert changes[("all", "negative")].direction == "stable"
    assert changes[("all", "negative")].diff_low == changes[("all", "negative")].difference - Z * (2 * 0.01**2) ** 0.5


def test_a_swing_on_few_reviews_is_uncertain_not_stable():
    # 46.9% → 62.2% with wide intervals: the old test printed "relatif stabil"
    before, now = Week(_sentiment(0.469, 0.07), []), Week(_sentiment(0.622, 0.07), [])
    change = _changes(now, before)[("all", "negative")]
    assert change.direction == "uncertain" and not change.real


def test_the_margin_of_no_meaningful_change_comes_from_the_config():
    before, now = Week(_sentiment(0.30, 0.01), []), Week(_sentiment(0.31, 0.01), [])
    assert _changes(now, before)[("all", "negative")].direction == "stable"
    assert _changes(now, before, margin=0.02)[("all", "negative")].direction == "uncertain"


def test_unverified_shares_can_only_be_uncertain_and_a_first_week_has_nothing_to_compare():
    before, now = Week(_sentiment(0.20, None), []), Week(_sentiment(0.60, None), [])
    change = _changes(now, before)[("all", "negative")]
    assert change.direction == "uncertain" and change.diff_low is None and change.p_value is None
    assert compare(now.sentiment, now.issues, None, Config()) == []


def test_the_card_names_an_issue_with_its_estimated_share_and_never_a_raw_tag_count():
    from types import SimpleNamespace

    from analysis.report.cards import _issue_share

    estimated = SimpleNamespace(check=SimpleNamespace(estimate=SimpleNamespace(share=0.123, ci_low=0.09, ci_high=0.151)))
    assert _issue_share(estimated) == " (sekitar 12,3%, 9,0–15,1%)"
    assert _issue_share(SimpleNamespace(check=SimpleNamespace(estimate=None))) == ""


def test_a_week_tagged_with_another_taxonomy_version_than_the_weeks_before_says_so():
    from types import SimpleNamespace

    from analysis.report import sections
    from denyut.config import Config

    s = SimpleNamespace(top_issues=lambda n: [], issues_version="2", changes=[], week="2024-W48")
    before = [SimpleNamespace(issues_version="1"), SimpleNamespace(issues_version="2")]
    page = sections.issues(s, [*before, s], Config())
    assert "versi 2; pekan sebelumnya di grafik tren memakai versi 1" in page
    assert "memakai versi" not in sections.issues(s, [before[1], s], Config())
