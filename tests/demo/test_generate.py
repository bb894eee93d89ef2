import csv
import hashlib
import json
from collections import Counter

import pytest

from analysis.regions import place
from demo import corpus
from demo.generate import SHIFT, WEEKS, write
from denyut.normalize import normalize
from denyut.paths import CONFIG_DIR
from denyut.privacy import scrub
from denyut.taxonomy import load_taxonomy


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    counts = write(out)
    truth = list(csv.DictReader(open(out / "truth.csv", encoding="utf-8")))
    return out, counts, truth


def _digests(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_same_seed_same_bytes_other_seed_other_bytes(demo, tmp_path):
    out, _, _ = demo
    write(tmp_path / "again")
    write(tmp_path / "other", seed=7)
    assert _digests(tmp_path / "again") == _digests(out)
    assert _digests(tmp_path / "other")["x.jsonl"] != _digests(out)["x.jsonl"]


def test_volume_weeks_platforms_and_issues(demo):
    _, counts, truth = demo
    assert counts["posts"] >= 5000 and counts["weeks"] >= 8
    assert len({r["week"] for r in truth}) == len(WEEKS) >= 8
    assert {r["platform"] for r in truth} == {"x", "telegram", "youtube"}
    taxonomy = {i.id for i in load_taxonomy(CONFIG_DIR / "issues.yaml").issues}
    assert {r["issue"] for r in truth if r["issue"]} == taxonomy
    assert {r["lang"] for r in truth} == {"id", "en", "jv-su"}


def test_public_accounts_post_every_week(demo):
    _, _, truth = demo
    public_weeks = {r["week"] for r in truth if r["kind"] == "public"}
    assert public_weeks == set(WEEKS)


def test_planted_sentiment_shift(demo):
    _, _, truth = demo
    def negative_share(week):
        rows = [r for r in truth if r["issue"] == SHIFT["issue"] and r["week"] == week and r["kind"] == "organic"]
        return sum(r["sentiment"] == "negative" for r in rows) / len(rows)
    shift_week = WEEKS.index(SHIFT["week"])
    assert negative_share(SHIFT["week"]) - negative_share(WEEKS[shift_week - 1]) > 0.3


def test_copy_paste_campaign_by_about_thirty_accounts(demo):
    out, _, truth = demo
    campaign = {r["post_id"] for r in truth if r["kind"] == "campaign"}
    authors = Counter()
    for line in open(out / "x.jsonl", encoding="utf-8"):
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue
        if record["id"] in campaign:
            authors[record["author"]] += 1
    assert 25 <= len(authors) <= 35
    assert {r["week"] for r in truth if r["kind"] == "campaign"} == {corpus.CAMPAIGN["week"]}


def test_two_hoaxes_echo(demo):
    _, _, truth = demo
    per_hoax = Counter(r["hoax"] for r in truth if r["hoax"])
    assert set(per_hoax) == set(corpus.HOAXES) and len(per_hoax) == 2
    assert all(n >= 20 for n in per_hoax.values())


def test_personal_data_is_planted_and_would_be_scrubbed(demo):
    out, _, _ = demo
    text = (out / "x.jsonl").read_text() + (out / "telegram.jsonl").read_text() + (out / "youtube.csv").read_text()
    planted = [s for s in corpus.PII_SNIPPETS if s in text]
    assert len(planted) >= 5
    for snippet in planted:
        assert scrub(snippet) != snippet


def test_exports_contain_records_for_the_quarantine(demo):
    out, _, _ = demo
    lines = (out / "x.jsonl").read_text().splitlines()
    bad = 0
    for line in lines:
        try:
            json.loads(line)
        except json.JSONDecodeError:
            bad += 1
    assert bad >= 1
    assert "snscrape.modules.telegram.Channel" in (out / "telegram.jsonl").read_text()


def _exported(out) -> dict[tuple[str, str], tuple[str, str]]:
    """(platform, post id) → (text, location) of every post, read from the three exports as the collectors read them."""
    posts = {}
    for line in open(out / "x.jsonl", encoding="utf-8"):
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue
        posts[("x", record["id"])] = (record["text"], record.get("location") or "")
    for line in open(out / "telegram.jsonl", encoding="utf-8"):
        record = json.loads(line)
        if record["_type"].endswith("TelegramPost"):
            posts[("telegram", record["url"].removeprefix("https://t.me/"))] = (record["content"], "")
    for row in csv.DictReader(open(out / "youtube.csv", encoding="utf-8")):
        posts[("youtube", row["comment_id"])] = (row["text"], "")
    return posts


def test_two_provinces_are_talked_about_every_week_with_the_planted_counts_and_enough_for_a_page_at_the_end(demo):
    _, _, truth = demo
    stream = Counter((r["week"], r["province_code"]) for r in truth if r["province_code"] and r["kind"] == "organic")
    planted = {(week, code): n for code, spec in corpus.REGIONS.items() for week, n in spec["weekly"].items()}
    assert stream == planted and set(corpus.REGIONS) == {"33", "18"}
    assert all(stream[(week, code)] >= 150 for week in WEEKS[-4:] for code in corpus.REGIONS)
    assert all(r["lang"] == "id" and r["issue"] for r in truth if r["province_code"])
    assert all(r["regency_code"].startswith(r["province_code"] + ".") for r in truth if r["regency_code"])


def test_one_regency_has_its_own_mostly_negative_story_in_the_last_week(demo):
    _, _, truth = demo
    event = [r for r in truth if r["kind"] == "local-event"]
    plan = corpus.LOCAL_EVENT
    assert len(event) == plan["count"] >= 60 and plan["week"] == WEEKS[-1]
    assert {(r["week"], r["province_code"], r["regency_code"], r["issue"]) for r in event} == {
        (WEEKS[-1], "33", "33.29", "rekapitulasi")}
    assert sum(r["sentiment"] == "negative" for r in event) / len(event) >= 0.7
    others = [r for r in truth if r["regency_code"] == "33.29" and r["kind"] != "local-event"]
    assert others == []  # the stream leaves Brebes to its own story


def test_the_place_finder_puts_the_planted_posts_in_their_province_and_no_other_post_there(demo):
    out, _, truth = demo
    posts = _exported(out)
    planted = [r for r in truth if r["province_code"]]
    found = {(r["platform"], r["post_id"]): place(*posts[(r["platform"], r["post_id"])]) for r in truth}
    provinces = [r["province_code"] in {a.code for a in found[(r["platform"], r["post_id"])].provinces} for r in planted]
    assert sum(provinces) >= 0.95 * len(planted)
    regencies = [{a.code for a in found[(r["platform"], r["post_id"])].regencies} == ({r["regency_code"]} - {""})
                 for r in planted]
    assert sum(regencies) >= 0.9 * len(planted)
    event = [r for r in planted if r["kind"] == "local-event"]
    assert all("33.29" in {a.code for a in found[(r["platform"], r["post_id"])].regencies} for r in event)
    strays = [r for r in truth if not r["province_code"]
              and {a.code for a in found[(r["platform"], r["post_id"])].provinces} & set(corpus.REGIONS)]
    assert strays == []
    by_location = [r for r in planted if posts[(r["platform"], r["post_id"])][1]
                   and not place(posts[(r["platform"], r["post_id"])][0]).provinces]
    assert len(by_location) >= 100  # some are placed by the profile's location alone
    texts = " ".join(posts[(r["platform"], r["post_id"])][0] for r in planted).lower()
    assert all(name in texts for name in ("jateng", "#pilkadalampung", "bandar lampung", "semarang", "warga sragen", "brebes"))
    taxonomy = load_taxonomy(CONFIG_DIR / "issues.yaml")  # the story is about the recount, and nothing else
    assert {tuple(taxonomy.tag(normalize(posts[(r["platform"], r["post_id"])][0]))) for r in event} == {("rekapitulasi",)}
