from types import SimpleNamespace

from analysis.report import charts
from analysis.site import feed


def _issue(name):
    share = SimpleNamespace(count=3)
    return SimpleNamespace(name_id=name, sentiment=SimpleNamespace(get=lambda s: share))


def test_an_issue_name_is_a_label_as_written_not_plotly_markup():
    name = '<a href="https://evil.example/">klik</a> <b>tebal</b> & <span style="font-size:60px">besar</span>'
    figure = charts.issues_sentiment([_issue(name)])
    labels = figure.data[0].y
    assert labels[0].startswith("&lt;a href") and "<" not in labels[0] and "&amp;" in labels[0]


def test_the_feed_reads_the_description_between_lines_of_dashes_only(tmp_path):
    page = tmp_path / "report.md"
    page.write_text('---\ndate: 2024-11-24\ndescription: "Dari a---b dan X &amp; Y"\n---\n\n# Judul\n\n---\n', encoding="utf-8")
    assert feed._description(page) == "Dari a---b dan X & Y"
