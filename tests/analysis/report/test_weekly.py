from analysis.report.stats import share
from analysis.report.weekly import compare
from denyut.config import Config
from denyut.formats.summary import IssueSummary, SentimentShares


def _sentiment(neg, n, unique=None):
    """Shares of n posts, neg of them negative, the rest positive; `unique` = (negative, positive, total) unique posts."""
    u_neg, u_pos, u_total = unique or (neg, n - neg, n)
    counts = {"negative": (neg, u_neg), "neutral": (0, 0), "positive": (n - neg, u_pos)}
    return SentimentShares.model_validate({s: share(c, n, 30).as_dict() | {"unique_count": u, "unique_total": u_total}
                                           for s, (c, u) in counts.items()})


def _issue(neg, n, unique=None):
    return IssueSummary(id="logistik", name_id="Logistik pemilu", name_en="Election logistics", posts=n,
                        share_of_posts=share(n, 1000, 30).as_dict(), sentiment=_sentiment(neg, n, unique))


class Week:
    """The two fields of a summary that compare() reads of the week before."""

    def __init__(self, sentiment, issues):
        self.sentiment, self.issues = sentiment, issues


def _changes(now: Week, before: Week | None):
    return {(c.scope, c.sentiment): c for c in compare(now.sentiment, now.issues, before, Config())}


def test_a_large_difference_is_called_a_change_with_a_direction_code():
    before = Week(_sentiment(300, 1000), [_issue(20, 100)])
    now = Week(_sentiment(310, 1000), [_issue(55, 100)])
    changes = _changes(now, before)
    assert changes[("logistik", "negative")].direction == "up"
    assert changes[("all", "negative")].direction == "stable"
    assert changes[("logistik", "positive")].direction == "down"
    assert changes[("logistik", "negative")].real and not changes[("all", "negative")].real


def test_a_small_difference_stays_stable_and_small_weeks_are_not_compared():
    before = Week(_sentiment(30, 100), [_issue(10, 29)])
    now = Week(_sentiment(38, 100), [_issue(20, 29)])
    changes = _changes(now, before)
    assert {scope for scope, _ in changes} == {"all"}
    assert all(c.direction == "stable" for c in changes.values())
    assert compare(now.sentiment, now.issues, None, Config()) == []


def test_copies_alone_cannot_make_a_change_real():
    before = Week(_sentiment(30, 100), [_issue(10, 50)])
    # the jump on the issue comes from copies of one negative post: 21 unique posts, same mix as before
    now = Week(_sentiment(30, 100), [_issue(40, 50, unique=(11, 10, 21))])
    assert ("logistik", "negative") not in _changes(now, before)  # fewer than 30 unique posts: not compared at all
    now = Week(_sentiment(30, 100), [_issue(40, 50, unique=(9, 33, 42))])
    change = _changes(now, before)[("logistik", "negative")]
    assert change.direction == "stable"
    assert change.current == 0.8  # the page still shows the share of all posts
