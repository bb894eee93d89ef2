import math

import pytest

from analysis.report.stats import adjust, share


def wilson(k, n, z=1.959963984540054):
    # Textbook Wilson score interval, written out independently of the code under test.
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


@pytest.mark.parametrize("k, n", [(0, 30), (7, 40), (245, 692), (30, 30)])
def test_share_carries_the_wilson_interval(k, n):
    result = share(k, n, min_total=30)
    low, high = wilson(k, n)
    assert result.share == pytest.approx(k / n)
    assert (result.ci_low, result.ci_high) == (pytest.approx(low, abs=1e-9), pytest.approx(high, abs=1e-9))


def test_share_is_withheld_below_the_minimum():
    result = share(5, 29, min_total=30)
    assert result.share is None and result.ci_low is None and result.count == 5


def test_benjamini_hochberg_adjustment():
    q = adjust([0.01, 0.04, 0.03, 0.20])
    # sorted p: .01 .03 .04 .20 → q = min over ranks of p*m/rank: .04, .0533, .0533, .20
    assert q == [pytest.approx(0.04), pytest.approx(0.16 / 3), pytest.approx(0.16 / 3), pytest.approx(0.20)]
    assert adjust([]) == []
