from analysis.anomalies import sentiment_anomaly, volume_anomaly

Z, MIN_WEEKS, MIN_POSTS = 3.5, 4, 20


def test_a_spike_in_an_issues_share_of_the_conversation_is_flagged():
    history = [(80, 600), (84, 610), (78, 590), (82, 605), (85, 620)]
    flag = volume_anomaly(history, (170, 640), Z, MIN_WEEKS, MIN_POSTS)
    assert flag.direction == "up" and flag.value == 170 and abs(flag.baseline.median - 82 / 605) < 0.002


def test_a_conversation_that_grows_every_week_is_not_a_spike():
    history = [(50, 400), (60, 480), (70, 560), (80, 640), (90, 720)]  # the same 12.5% every week
    assert volume_anomaly(history, (100, 800), Z, MIN_WEEKS, MIN_POSTS) is None


def test_a_quiet_issue_going_from_3_to_9_posts_is_not_an_alarm():
    history = [(3, 600), (3, 610), (2, 590), (3, 605)]
    assert volume_anomaly(history, (9, 600), Z, MIN_WEEKS, MIN_POSTS) is None
    # the binomial floor: with the MAD alone (almost 0 here) 7 posts would be dozens of spreads away
    assert volume_anomaly(history, (7, 600), Z, MIN_WEEKS, min_posts=1) is None
    # four times the usual is beyond chance, but under min_posts it is still too small to tell readers
    assert volume_anomaly(history, (12, 600), Z, MIN_WEEKS, min_posts=1).direction == "up"
    assert volume_anomaly(history, (12, 600), Z, MIN_WEEKS, MIN_POSTS) is None


def test_too_few_weeks_before_say_nothing():
    assert volume_anomaly([(80, 600)] * 3, (300, 600), Z, MIN_WEEKS, MIN_POSTS) is None
    assert sentiment_anomaly([(0.4, 0.35, 0.45)] * 3, 0.9, 0.85, 0.95, 0.05, MIN_WEEKS) is None


def test_a_sentiment_share_is_flagged_only_when_its_whole_interval_is_outside_the_usual_band():
    history = [(0.40, 0.33, 0.47), (0.42, 0.35, 0.49), (0.38, 0.30, 0.46), (0.41, 0.34, 0.48), (0.39, 0.31, 0.47)]
    flag = sentiment_anomaly(history, 0.70, 0.62, 0.78, 0.05, MIN_WEEKS)
    assert flag.direction == "up" and abs(flag.band[1] - 0.47) < 1e-9  # the weeks before's median ci_high
    assert sentiment_anomaly(history, 0.60, 0.45, 0.75, 0.05, MIN_WEEKS) is None  # overlaps the usual interval
    assert sentiment_anomaly(history, 0.70, None, None, 0.05, MIN_WEEKS) is None  # unverified: never flagged
    assert sentiment_anomaly(history, 0.15, 0.10, 0.20, 0.05, MIN_WEEKS).direction == "down"
    # very narrow intervals before still need the margin: 4 points off is not unusual
    narrow = [(0.40, 0.399, 0.401)] * 6
    assert sentiment_anomaly(narrow, 0.46, 0.445, 0.475, 0.05, MIN_WEEKS) is None
    assert sentiment_anomaly(narrow, 0.48, 0.455, 0.505, 0.05, MIN_WEEKS).direction == "up"


def test_the_threshold_for_a_week_of_many_tests_is_bonferronis():
    from analysis.anomalies import family_z

    assert family_z(3.5, 1) == 3.5
    # 5% over 20 tests: each at 0.25% two-sided, z = 3.023 (normal table)
    assert abs(family_z(1.959964, 20) - 3.0233) < 1e-3
    assert family_z(3.5, 30) > family_z(3.5, 10) > 3.5


def test_a_tone_interval_that_clears_the_band_only_at_one_tests_level_is_not_flagged_in_a_week_of_many():
    history = [(0.40, 0.34, 0.46)] * 5
    # clears the usual band (0.34-0.46) by 0.02 at 95%; widened for 60 tests (z 3.34 / 1.96) it no longer does
    assert sentiment_anomaly(history, 0.56, 0.48, 0.64, 0.05, MIN_WEEKS).direction == "up"
    assert sentiment_anomaly(history, 0.56, 0.48, 0.64, 0.05, MIN_WEEKS, widen=3.34 / 1.96) is None
    assert sentiment_anomaly(history, 0.70, 0.62, 0.78, 0.05, MIN_WEEKS, widen=3.34 / 1.96).direction == "up"
