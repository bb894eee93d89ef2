import json
from html import unescape
from types import SimpleNamespace

from bs4 import BeautifulSoup

from analysis.report import charts, svg
from analysis.site import feed


def _issue(name, counts=(3, 3, 3)):
    shares = dict(zip(("negative", "neutral", "positive"), (SimpleNamespace(count=c) for c in counts)))
    return SimpleNamespace(name_id=name, sentiment=SimpleNamespace(get=lambda s: shares[s]))


HOSTILE = '<a href="https://evil.example/">klik</a> <b>tebal</b> & <span style="font-size:60px">besar</span> *x* [y](z)'


def _figure(chart) -> dict:
    html = charts.to_html(chart, "grafik-uji")
    button = BeautifulSoup(html, "lxml").find("button")
    return json.loads(button["data-plotly"])


def test_an_issue_name_is_a_label_as_written_not_plotly_markup():
    labels = charts.issues_sentiment([_issue(HOSTILE)]).figure.data[0].y
    assert labels[0].startswith("&lt;a href") and "<" not in labels[0] and "&amp;" in labels[0]


def test_an_issue_name_is_drawn_as_text_never_as_markup_or_markdown():
    html = str(charts.to_html(charts.issues_sentiment([_issue(HOSTILE)]), "grafik-isu-uji"))
    soup = BeautifulSoup(html, "lxml")
    assert not soup.find_all(["a", "b"]) and not soup.select("[style], [href], [onclick]")
    label = soup.select_one(".denyut-bars__label span")
    assert label.get_text() == HOSTILE and not label.find_all(True)  # shown exactly as written, as text
    assert "*" not in html and "[" not in html  # Markdown's characters as references too: no emphasis, no link
    assert "\n\n" not in html  # no blank line: Markdown keeps the whole chart one raw HTML block


def test_the_interactive_figure_is_written_without_plotly_s_default_template():
    figure = _figure(charts.issues_sentiment([_issue("Logistik pemilu")]))
    assert figure["layout"]["template"] == {}
    assert len(json.dumps(figure)) < 3000  # the default template alone is about 8 KB


def test_the_issue_chart_names_each_issue_above_its_bar_with_upright_ticks():
    names = ["Penghitungan dan rekapitulasi (Sirekap)", "Daftar pemilih"]
    chart = charts.issues_sentiment([_issue(n) for n in names])
    soup = BeautifulSoup(str(chart.html), "lxml")
    rows = soup.select(".denyut-bars__row")
    assert [r.select_one(".denyut-bars__label span").get_text() for r in rows] == names
    assert all(r.select_one(".denyut-bars__label").find_next_sibling("svg") for r in rows)  # the bar under its name
    layout = chart.figure.layout
    assert layout.yaxis.showticklabels is False and [a.text for a in layout.annotations] == names
    assert layout.xaxis.tickangle == 0


def test_issue_bars_are_stacked_by_tone_and_scaled_to_the_largest_issue():
    chart = charts.issues_sentiment([_issue("A", (10, 5, 5)), _issue("B", (2, 2, 6))])
    rows = BeautifulSoup(str(chart.html), "lxml").select(".denyut-bars__bar")
    widths = [[float(r["width"].rstrip("%")) for r in row.find_all("rect")] for row in rows]
    assert widths == [[50.0, 25.0, 25.0], [10.0, 10.0, 30.0]]
    starts = [float(r["x"].rstrip("%")) for r in rows[1].find_all("rect")]
    assert starts == [0.0, 10.0, 20.0]
    assert [v.get_text() for v in BeautifulSoup(str(chart.html), "lxml").select(".denyut-bars__value")] == [
        "20 unggahan",
        "10 unggahan",
    ]


def _lines(values, week_count=None):
    weeks = [f"{d} Okt" for d in range(1, (week_count or len(values)) + 1)]
    return BeautifulSoup(str(svg.lines(weeks, [svg.Line("Negatif", "#c0392b", values)])), "lxml")


def test_a_line_chart_labels_the_first_middle_and_last_week_unrotated_and_inside_the_chart():
    soup = _lines([30.0, 35.0, 32.0, 40.0, 38.0, 41.0, 37.0, 36.0, 39.0, 42.0])
    labels = [t for t in soup.select(".denyut-lines__plot text")]
    assert [t.get_text() for t in labels] == ["1 Okt", "5 Okt", "10 Okt"]
    assert [t["text-anchor"] for t in labels] == ["start", "middle", "end"]  # the ends never leave the chart
    assert not soup.select("[transform]")  # nothing rotated


def test_a_week_without_a_value_breaks_the_line_instead_of_joining_across_it():
    soup = _lines([30.0, None, 32.0, 40.0])
    segments = soup.select(".denyut-lines__plot line[stroke='#c0392b']")
    assert len(segments) == 1  # only the third to the fourth week
    assert len(soup.select("circle")) == 3


def test_the_percent_axis_ends_just_above_the_highest_value():
    assert svg.nice_top(37.2) == (40.0, 10.0)
    assert svg.nice_top(4.0) == (5.0, 5.0)
    assert svg.nice_top(81.0) == (100.0, 25.0)
    soup = _lines([20.0, 37.2])
    assert [t.get_text() for t in soup.select(".denyut-lines__axis text")] == ["0%", "10%", "20%", "30%", "40%"]


def test_the_drawn_chart_s_tooltips_escape_the_name_too():
    html = str(charts.issues_sentiment([_issue(HOSTILE)]).html)
    titles = BeautifulSoup(html, "lxml").find_all("title")
    assert titles and all(t.get_text().startswith(HOSTILE) and not t.find_all(True) for t in titles)
    assert unescape(html).count("<a href") == len(titles) + 1  # the name as text: in the label and each tooltip


def test_the_feed_reads_the_description_between_lines_of_dashes_only(tmp_path):
    page = tmp_path / "report.md"
    page.write_text('---\ndate: 2024-11-24\ndescription: "Dari a---b dan X &amp; Y"\n---\n\n# Judul\n\n---\n', encoding="utf-8")
    assert feed._description(page) == "Dari a---b dan X & Y"
