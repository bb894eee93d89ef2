from analysis.stats import share
from analysis.weekly import compare
from denyut.config import Config


def _summary(week, negative, total, issue_negative=None, issue_total=None):
    def sentiment(neg, n):
        return {"negative": share(neg, n, 30).as_dict(), "neutral": share(0, n, 30).as_dict(),
                "positive": share(n - neg, n, 30).as_dict()}
    issues = []
    if issue_total is not None:
        issues.append({"id": "logistik", "name_id": "Logistik pemilu", "posts": issue_total,
                       "sentiment": sentiment(issue_negative, issue_total)})
    return {"week": week, "sentiment": sentiment(negative, total), "issues": issues}


def test_a_large_difference_is_called_a_change():
    before = _summary("2024-W45", 300, 1000, 20, 100)
    now = _summary("2024-W46", 310, 1000, 55, 100)
    tests = {(t["scope"], t["sentiment"]): t for t in compare(now, before, Config())}
    assert tests[("logistik", "negative")]["verdict"] == "naik"
    assert tests[("all", "negative")]["verdict"] == "relatif stabil"
    assert tests[("logistik", "positive")]["verdict"] == "turun"


def test_a_small_difference_stays_stable_and_small_weeks_are_not_compared():
    before = _summary("2024-W45", 30, 100, 10, 29)
    now = _summary("2024-W46", 38, 100, 20, 29)
    tests = compare(now, before, Config())
    assert {t["scope"] for t in tests} == {"all"}
    assert all(t["verdict"] == "relatif stabil" for t in tests)
    assert compare(now, None, Config()) == []


def test_copies_alone_cannot_make_a_change_real():
    before = _summary("2024-W45", 30, 100, 10, 50)
    now = _summary("2024-W46", 30, 100, 40, 50)
    # the jump on the issue comes from 30 copies of one negative post: 21 unique posts, same mix as before
    for sentiment, unique in (("negative", 11), ("neutral", 0), ("positive", 10)):
        now["issues"][0]["sentiment"][sentiment] |= {"unique_count": unique, "unique_total": 21}
        before["issues"][0]["sentiment"][sentiment] |= {"unique_count": {"negative": 10, "positive": 40}.get(sentiment, 0),
                                                        "unique_total": 50}
    tests = {(t["scope"], t["sentiment"]): t for t in compare(now, before, Config())}
    assert ("logistik", "negative") not in tests  # fewer than 30 unique posts: not compared at all
    for sentiment in ("negative", "positive"):
        now["issues"][0]["sentiment"][sentiment]["unique_total"] = 42
    now["issues"][0]["sentiment"]["negative"]["unique_count"] = 9
    now["issues"][0]["sentiment"]["positive"]["unique_count"] = 33
    tests = {(t["scope"], t["sentiment"]): t for t in compare(now, before, Config())}
    assert tests[("logistik", "negative")]["verdict"] == "relatif stabil"
    assert tests[("logistik", "negative")]["current"] == 0.8  # the page still shows the share of all posts
