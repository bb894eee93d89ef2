"""The weeks before set the usual level: their median, and their spread as 1.4826 × the median
absolute deviation (the MAD: one odd week does not move it, as it would a mean and a standard
deviation). An issue's volume is its share of the week's posts (the whole conversation grows in a
campaign); it is unusual when it is at least `z` spreads from the median, the spread never taken below
the binomial noise of the usual share, so a quiet issue that goes from 3 posts to 9 is not an alarm.
A sentiment share is unusual only when its whole 95% interval (the estimate from the review loop)
lies outside the usual band (the weeks before's median interval, at least their median ± margin):
an unverified count or a wide interval is never flagged.

Every week tests every issue (about thirty, twice for tone): at one issue's level, one of them would look
unusual by chance most weeks. So the thresholds hold for the whole week (Bonferroni): `family_z` raises the
volume's z and widens each tone interval (by its own half-widths) to the level that keeps the chance of
any false alarm in the week where one test alone would have kept it."""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from statistics import NormalDist

MAD_SCALE = 1.4826  # makes the MAD estimate a standard deviation under normality


@dataclass(frozen=True)
class Baseline:
    median: float
    spread: float
    low: float  # the usual range shown to readers: the middle of the weeks before
    high: float
    weeks: int


@dataclass(frozen=True)
class Flag:
    """An unusual value: its direction against the usual level, the value (posts, or a share) and what it was
    judged against."""

    direction: str  # up | down
    value: float
    baseline: Baseline
    share: float | None = None  # volume: the share of the week's posts
    score: float | None = None  # volume: robust z
    ci_low: float | None = None  # sentiment: the share's interval
    ci_high: float | None = None
    band: tuple[float, float] | None = None  # sentiment: the usual band


def family_z(z: float, tests: int) -> float:
    """The two-sided threshold that keeps, over `tests` tests, the false-alarm chance that `z` keeps over one
    (Bonferroni: each test at 1/tests of the single test's level)."""
    if tests <= 1:
        return z
    alpha = 2 * (1 - NormalDist().cdf(z))
    return NormalDist().inv_cdf(1 - alpha / (2 * tests))


def baseline(values: list[float], floor: float = 0.0) -> Baseline:
    median = statistics.median(values)
    mad = statistics.median(abs(v - median) for v in values)
    ordered = sorted(values)
    return Baseline(median=median, spread=max(MAD_SCALE * mad, floor), low=ordered[len(ordered) // 4],
                    high=ordered[(3 * len(ordered)) // 4], weeks=len(values))


def volume_anomaly(history: list[tuple[int, int]], current: tuple[int, int], z: float, min_weeks: int,
                   min_posts: int) -> Flag | None:
    """(posts, all posts) of the weeks before and of this one → a Flag (direction, value, share, baseline) when the
    issue's share of the conversation is unusual, else None. Shares, not counts: a conversation that
    grows every week does not make every issue look like a spike."""
    if len(history) < min_weeks or current[1] == 0 or current[0] < min_posts and all(c < min_posts for c, _ in history):
        return None
    shares = [c / t for c, t in history if t]
    if not shares:  # no week before analysed a single post: nothing is usual yet
        return None
    share = current[0] / current[1]
    usual = max(statistics.median(shares), 1.0 / current[1])
    noise = math.sqrt(usual * (1 - usual) / current[1])  # binomial, at the usual share: the floor of the spread
    base = baseline(shares, floor=noise)
    score = (share - base.median) / base.spread
    if abs(score) < z:
        return None
    return Flag("up" if score > 0 else "down", current[0], base, share=share, score=round(score, 2))


def sentiment_anomaly(history: list[tuple[float, float, float]], share: float | None, ci_low: float | None,
                      ci_high: float | None, margin: float, min_weeks: int, widen: float = 1.0) -> Flag | None:
    """(share, ci_low, ci_high) of the weeks before, with intervals, and this week's → a Flag (direction, value,
    ci_low, ci_high, baseline, band) when this week's whole interval is outside the usual band, else None.

    An issue's share rests on a few dozen reviewed posts, so the weeks before scatter by their own
    sampling error; their median interval is the usual band (widened to the median ± margin), and
    this week is unusual only when its whole interval clears it: the interval widened `widen` times on each
    side (family_z over the interval's own z, when the week tests many shares)."""
    if share is None or ci_low is None or ci_high is None or len(history) < min_weeks:
        return None
    base = baseline([h[0] for h in history], floor=0.0)
    low = min(statistics.median(h[1] for h in history), base.median - margin)
    high = max(statistics.median(h[2] for h in history), base.median + margin)
    if share - (share - ci_low) * widen > high:
        direction = "up"
    elif share + (ci_high - share) * widen < low:
        direction = "down"
    else:
        return None
    return Flag(direction, share, base, ci_low=ci_low, ci_high=ci_high, band=(max(low, 0.0), min(high, 1.0)))
