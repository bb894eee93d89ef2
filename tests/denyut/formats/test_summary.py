import json

import pytest

from analysis import analyze, report
from collectors.__main__ import run as collect
from denyut.config import load_config
from denyut.formats.summary import SCHEMA_VERSION, SummaryError, read_current, read_summary
from tests.conftest import small_week


@pytest.fixture
def reported(tmp_path, key_env):
    path = small_week(tmp_path)
    collect(str(path))
    analyze.run(str(path))
    report.run(str(path))
    return load_config(path)


def test_a_written_summary_reads_back_typed_and_versioned(reported):
    summary = read_summary(reported.reports_dir / "2024-W47" / "summary.json")
    assert summary.schema_version == SCHEMA_VERSION and summary.posts_total == 40 and summary.posts_analysed > 20
    shares = [x.share for _, x in summary.sentiment.items()]
    assert abs(sum(shares) - 1) < 1e-9
    # nobody reviewed this week: the model's counts, marked unverified, with no interval to pretend with
    assert all(x.basis == "model" and x.ci_low is None and x.share == x.count / x.total for _, x in summary.sentiment.items())
    assert summary.review.method == "model-only" and summary.review.accuracy is None


def test_a_summary_of_another_version_is_refused_with_the_fix_and_rewritten_by_the_report(reported):
    path = reported.reports_dir / "2024-W47" / "summary.json"
    old = json.loads(path.read_text())
    old.pop("schema_version")
    old["changes"] = [{"verdict": "naik"}]
    path.write_text(json.dumps(old))
    with pytest.raises(SummaryError, match="make report"):
        read_summary(path)
    assert read_current(path) is None
    assert report.run(str(reported.base_dir / "config" / "denyut.yaml")) == {"2024-W47": "reported"}
    assert read_summary(path).schema_version == SCHEMA_VERSION


def test_the_site_pages_are_written_by_the_report_not_the_site(reported):
    pages = reported.reports_dir / "_site" / "all"
    assert sorted(p.name for p in pages.iterdir()) == ["data", "data.md", "isu", "isu.md", "model.md", "sekilas.md",
                                                          "tentang.md", "weeks.json"]
    assert not (reported.reports_dir / "_site" / "published").exists()  # no week approved: nothing to publish
    analysed = read_summary(reported.reports_dir / "2024-W47" / "summary.json").posts_analysed
    assert f"mencatat **{analysed}** unggahan" in (pages / "sekilas.md").read_text()
    assert not list(reported.reports_dir.glob("*/charts"))  # nobody read the chart JSON: no longer written
