import csv
import hashlib
import json
from collections import Counter

import pytest

from demo import corpus
from demo.generate import SHIFT, WEEKS, write
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
