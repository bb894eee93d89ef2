"""Regional pages: every province and regency with enough posts gets the national page's sections over its own
posts, its shares estimated directly where the audit holds enough of them, else from the whole audit's error rates
(with that assumption's extra uncertainty), and no share where the interval says nothing; a regional deployment
(`regions.focus`) counts, samples and titles only its region."""

from __future__ import annotations

import csv
import json

import pytest

from analysis import analyze, report
from collectors.__main__ import run as collect
from denyut.config import load_config
from denyut.formats.review import COLUMNS, sheet_path
from denyut.formats.summary import read_summary
from tests.conftest import write_config

WEEK = "2024-W47"
TEXTS = {  # (how many, text): Jawa Tengah (Semarang), Kabupaten Brebes in it, and posts with no place
    "jateng": (160, "Antrean di TPS Semarang panjang banget, petugas lambat, kecewa #Jateng"),
    "brebes": (70, "Warga Kabupaten Brebes senang, TPS rapi dan petugasnya ramah sekali"),
    "none": (240, "Debat kandidat semalam seru, semoga pilkada damai"),
}


def _project(tmp_path, extra: str = ""):
    (tmp_path / "in").mkdir(exist_ok=True)
    rows = [(f"{key}{i}", text + f" ({i})") for key, (n, text) in TEXTS.items() for i in range(n)]
    (tmp_path / "in" / "x.jsonl").write_text("".join(
        json.dumps({"id": rid, "created_at": f"2024-11-{18 + i % 5}T0{i % 9}:00:00Z", "author": f"u{rid}", "text": text})
        + "\n" for i, (rid, text) in enumerate(rows)))
    path = write_config(tmp_path, f"""\
report: {{min_posts_for_share: 30}}
review: {{audit_size: 120, learning_size: 0, min_reviewed: 30}}
regions: {{min_posts: 150, min_posts_regency: 60{extra}}}
sources:
  - {{name: x, type: jsonl, path: in/x.jsonl, platform: x}}
""")
    collect(str(path))
    analyze.run(str(path))
    return path, load_config(path)


def _review(config, truth) -> None:
    """The reviewers give every audit row its true tone (truth: the sheet's row → label)."""
    path = sheet_path(config.review_dir, WEEK)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["bagian"] == "audit":
            row["nada_peninjau"] = truth(row)
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, quoting=csv.QUOTE_ALL)
        writer.writeheader()
        writer.writerows(rows)


def _truth(row: dict) -> str:
    """Semarang's posts are negative, Brebes' positive; elsewhere the model is right (so the model errs in Brebes
    as it errs overall, label by label: the assumption the estimate from the whole audit rests on)."""
    post_id = row["id"].split("/")[1]
    return "negatif" if post_id.startswith("jateng") else "positif" if post_id.startswith("brebes") else row["nada_model"]


@pytest.fixture(scope="module")
def national(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        from tests.conftest import KEY

        patch.setenv("DENYUT_PSEUDONYM_KEY", KEY)
        path, config = _project(tmp_path_factory.mktemp("regions"))
        _review(config, _truth)
        analyze.run(str(path))
        report.run(str(path))
        yield path, config


def test_a_province_and_a_regency_with_enough_posts_get_pages_and_the_rest_do_not(national):
    _, config = national
    week_dir = config.reports_dir / WEEK
    assert sorted(p.name for p in (week_dir / "wilayah").iterdir()) == ["33", "33-29"]
    summary = read_summary(week_dir / "summary.json")
    rows = {r.code: r for r in summary.regions}
    assert rows["33"].page and rows["33"].posts == 230  # Semarang's 160 and Brebes' 70 are in Jawa Tengah
    province = read_summary(week_dir / "wilayah" / "33" / "summary.json")
    assert province.region.name == "Jawa Tengah" and province.posts_analysed == 230
    assert {r.code for r in province.regions} >= {"33.29"}
    regency = read_summary(week_dir / "wilayah" / "33-29" / "summary.json")
    assert regency.region.level == "regency" and regency.region.province == "Jawa Tengah" and regency.posts_analysed == 70
    page = (week_dir / "wilayah" / "33-29" / "report.md").read_text(encoding="utf-8")
    assert "# Kabupaten Brebes: pekan" in page and "../posts/2024-w47.md" in page


def test_a_region_s_shares_hold_its_truth_whether_estimated_directly_or_from_the_whole_audit(national):
    _, config = national
    for code, truth in (("33", {"negative": 160 / 230, "positive": 70 / 230}), ("33-29", {"positive": 1.0})):
        s = read_summary(config.reports_dir / WEEK / "wilayah" / code / "summary.json")
        assert s.review.estimator in ("direct", "synthetic")
        for name, value in truth.items():
            share = s.sentiment.get(name)
            assert share.ci_low <= value <= share.ci_high, (code, name, share)
    page = (config.reports_dir / WEEK / "report.md").read_text(encoding="utf-8")
    assert "[Jawa Tengah](../wilayah/2024-w47-33.md)" in page


def test_a_region_whose_interval_is_too_wide_gets_words_not_a_share(tmp_path, key_env):
    path, config = _project(tmp_path, ", max_interval: 0.05")
    _review(config, _truth)
    analyze.run(str(path))
    report.run(str(path))
    s = read_summary(config.reports_dir / WEEK / "wilayah" / "33-29" / "summary.json")
    assert s.sentiment.negative.share is None and s.sentiment.negative.basis == "wide"
    page = (config.reports_dir / WEEK / "wilayah" / "33-29" / "report.md").read_text(encoding="utf-8")
    assert "belum bisa disebutkan" in page


def test_a_regional_deployment_counts_samples_and_titles_only_its_region(tmp_path, key_env):
    path, config = _project(tmp_path, ", focus: ['33']")
    sheet = list(csv.DictReader(sheet_path(config.review_dir, WEEK).read_text(encoding="utf-8-sig").splitlines()))
    assert sheet and all(row["id"].split("/")[1].startswith(("jateng", "brebes")) for row in sheet)
    _review(config, _truth)
    analyze.run(str(path))
    report.run(str(path))
    s = read_summary(config.reports_dir / WEEK / "summary.json")
    assert s.posts_analysed == 230 and s.region.name == "Jawa Tengah"
    assert s.review.estimator is None and s.sentiment.negative.basis == "estimate"  # its own audit: the full review
    assert [r.code for r in s.regions] == ["33.29"] and s.regions[0].page
    assert sorted(p.name for p in (config.reports_dir / WEEK / "wilayah").iterdir()) == ["33-29"]
