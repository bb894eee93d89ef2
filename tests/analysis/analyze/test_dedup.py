from analysis.analyze.dedup import WeekDeduplicator

BASE = "paslon dua terbukti bersih dan merakyat jangan percaya fitnah lawan pilih yang pasti pasti saja"


def test_exact_and_near_copies_point_to_the_first_post():
    dedup = WeekDeduplicator(threshold=0.8)
    assert dedup.check("x:1", BASE) == (False, False, "x:1")
    assert dedup.check("x:2", BASE) == (True, True, "x:1")
    exact, near, group = dedup.check("x:3", BASE + " mantap")
    assert (exact, near, group) == (False, True, "x:1")


def test_different_posts_are_not_flagged():
    dedup = WeekDeduplicator(threshold=0.8)
    dedup.check("x:1", BASE)
    assert dedup.check("x:2", "surat suara di tps dua belas datang terlambat sampai siang hari ini") == (False, False, "x:2")
