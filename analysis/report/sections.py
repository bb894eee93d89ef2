"""The weekly page, one function per section: each picks what its template needs from the summary
(and draws its chart); the words are in templates/sections/<section>.md.j2. The findings come first (the
headline, then what changed and what it means); the registered signals' sections (denyut.signals) come between
the issues and the trend, each from the template in its package."""

from __future__ import annotations

from datetime import timedelta

from analysis.regions.tilemap import TileData, region_maps
from analysis.report import charts
from analysis.report.narrative import render, render_file, source_label
from analysis.report.share import whatsapp_text
from denyut.config import Config
from denyut.formats.report_files import CHARTS_DIR
from denyut.formats.summary import WeeklySummary
from denyut.signals import Signal, signals
from denyut.weeks import week_start


def front(s: WeeklySummary, history: list[WeeklySummary], config: Config) -> str:
    start = week_start(s.week)
    return render("sections/front.md.j2", s=s, start=start, end=start + timedelta(days=6), project=config.project.name)


def intro(s: WeeklySummary, history: list[WeeklySummary], config: Config) -> str:
    top = s.top_issues(config.report.top_issues)
    return render("sections/intro.md.j2", s=s, top=top, ties=ties(top[:3]),
                  other_languages=[(code, n) for code, n in s.languages.items() if code not in config.analysis.languages])


def ties(top: list) -> list[tuple]:
    """Neighbours in the order of the most discussed whose estimated shares cannot be told apart (their ranges
    overlap); an issue without an estimate is never said to be ahead."""
    out = []
    for a, b in zip(top, top[1:]):
        x, y = a.check.estimate, b.check.estimate
        if x and y and x.ci_low is not None and y.ci_high is not None and x.ci_low <= y.ci_high:
            out.append((a, b))
    return out


def sentiment(s: WeeklySummary, history: list[WeeklySummary], config: Config) -> str:
    figure = _figure(charts.sentiment_split(s), f"grafik-sentimen-{s.week.lower()}", s, config) if s.has_shares else None
    return render("sections/sentiment.md.j2", s=s, figure=figure)


def issues(s: WeeklySummary, history: list[WeeklySummary], config: Config) -> str:
    top = s.top_issues(config.report.top_issues)
    figure = _figure(charts.issues_sentiment(top), f"grafik-isu-{s.week.lower()}", s, config) if top else None
    return render("sections/issues.md.j2", s=s, top=top, figure=figure, min_reviewed=config.review.min_reviewed_for_issue,
                  unverified=any(not i.sentiment.negative.verified and i.sentiment.negative.share is not None for i in top),
                  negative_change={c.scope: c for c in s.changes if c.sentiment == "negative"},
                  other_versions=sorted({h.issues_version for h in history[:-1]} - {s.issues_version}))


def changes(s: WeeklySummary, history: list[WeeklySummary], config: Config) -> str:
    """The findings, first on the page: the three strongest real changes and what they mean; folded below them the
    other real ones, and the uncertain ones whose estimated swing is at least the margin; the rest are counted."""
    real = sorted((c for c in s.changes if c.real), key=lambda c: c.q_value)
    uncertain = [c for c in s.changes if c.direction == "uncertain" and abs(c.difference) >= s.margin]
    return render("sections/changes.md.j2", s=s, strongest=real[:3], more=real[3:], uncertain=uncertain,
                  quiet=len(s.changes) - len(real) - len(uncertain))


def share(s: WeeklySummary, history: list[WeeklySummary], config: Config) -> str:
    return render("sections/share.md.j2", text=whatsapp_text(s, config), id=f"teks-wa-{s.week.lower()}", week=s.week.lower())


def trend(s: WeeklySummary, history: list[WeeklySummary], config: Config) -> str:
    figure = _figure(charts.trend(history), f"grafik-tren-{s.week.lower()}", s, config) if len(history) >= 2 else None
    return render("sections/trend.md.j2", s=s, history=history, figure=figure)


def examples(s: WeeklySummary, history: list[WeeklySummary], config: Config) -> str:
    return render("sections/examples.md.j2", s=s)


def coverage(s: WeeklySummary, history: list[WeeklySummary], config: Config) -> str:
    """Sources by what they are (their platform and query), not by their ids in the config."""
    return render("sections/coverage.md.j2", s=s, labels={source.name: source_label(source) for source in config.sources})


def english(s: WeeklySummary, history: list[WeeklySummary], config: Config) -> str:
    return render("sections/english.md.j2", s=s)


def signal_section(signal: Signal, s: WeeklySummary, history: list[WeeklySummary], config: Config) -> str:
    """A registered signal's section: its template, given its result, the summary, the trend's weeks and its settings."""
    result = s.signals[signal.name]
    extra = signal.context(result, s, history, config) if signal.context else {}
    return render_file(signal.template, result=result, s=s, history=history, settings=signal.settings_of(config), **extra)


ESTIMATOR_ID = {"direct": "langsung", "synthetic": "dari audit nasional", "model": "hitungan model"}


def region_link(week: str, code: str, here: str = "post") -> str:
    """The Markdown link to a region's page of the week: from the week's post (laporan/posts/<week>.md), or from
    another region page (laporan/wilayah/<week>-<code>.md: as deep as a post, so the sections' links hold)."""
    name = f"{week.lower()}-{code.replace('.', '-')}.md"
    return f"../wilayah/{name}" if here == "post" else name


def regions(s: WeeklySummary, history: list[WeeklySummary], config: Config) -> str:
    """The provinces (on a province's page: its regencies) with their posts and, where they have a page, the
    negative share it gives; the tile map of the provinces on the national page."""
    here = "post" if s.region is None or s.region.code in config.regions.focus else "region"
    links = {r.code: region_link(s.week, r.code, here) for r in s.regions if r.page}
    tilemap = None
    if s.regions and all(r.level == "province" for r in s.regions):  # the country's provinces: their map
        tilemap = region_maps({r.code: _tile(r, s.week) for r in s.regions}, uid=f"peta-{s.week.lower()}", table=False)
    return render("sections/regions.md.j2", s=s, rows=s.regions, links=links, ESTIMATOR_ID=ESTIMATOR_ID, tilemap=tilemap,
                  minimum=config.regions.min_posts_regency if s.region else config.regions.min_posts)


def _tile(row, week: str) -> TileData:
    """A province on the map: its posts, and the negative share its page gives (none: no page, or too wide)."""
    n = row.negative
    # plain HTML in the SVG, never rewritten by MkDocs: relative to the week's page URL, laporan/<week>/
    link = f"../wilayah/{week.lower()}-{row.code.replace('.', '-')}/" if row.page else None
    if n is None or n.share is None:
        return TileData(row.posts, None, link)
    return TileData(row.posts, n.share, link, n.ci_low, n.ci_high)


def region_front(s: WeeklySummary, history: list[WeeklySummary], config: Config) -> str:
    start = week_start(s.week)
    r = s.region
    province = r.code.split(".")[0]
    return render("sections/region_front.md.j2", s=s, r=r, start=start, end=start + timedelta(days=6),
                  national=f"../posts/{s.week.lower()}.md", transport_sd=config.regions.transport_sd,
                  max_interval=config.regions.max_interval,
                  province_page=region_link(s.week, province, "region") if r.province_page else None)


BEFORE_SIGNALS = (front, changes, intro, sentiment, issues, regions)
AFTER_SIGNALS = (trend, examples, coverage, share, english)
REGION_BEFORE_SIGNALS = (region_front, changes, intro, sentiment, issues, regions)
REGION_AFTER_SIGNALS = (trend, examples)


def region_page(s: WeeklySummary, history: list[WeeklySummary], config: Config) -> str:
    """A region's page of the week: the national page's sections over its posts, without the share kit."""
    return "".join([*(section(s, history, config) for section in REGION_BEFORE_SIGNALS),
                    *(signal_section(signal, s, history, config) for signal in signals()),
                    *(section(s, history, config) for section in REGION_AFTER_SIGNALS)])


def page(s: WeeklySummary, history: list[WeeklySummary], config: Config) -> str:
    """The report page (Markdown with inline chart HTML); `history` ends with this week."""
    return "".join([*(section(s, history, config) for section in BEFORE_SIGNALS),
                    *(signal_section(signal, s, history, config) for signal in signals()),
                    *(section(s, history, config) for section in AFTER_SIGNALS)])


def chart_base(s: WeeklySummary, config: Config) -> str:
    """Where the page's chart files are, relative to its Markdown file (a post and a region page are as deep)."""
    if s.region is not None and s.region.code not in config.regions.focus:
        return f"../../data/{s.week.lower()}/wilayah/{s.region.code.replace('.', '-')}/{CHARTS_DIR}/"
    return f"../../data/{s.week.lower()}/{CHARTS_DIR}/"


def _figure(chart: charts.Chart, div_id: str, s: WeeklySummary, config: Config) -> charts.Figure:
    return charts.figure(chart, div_id, chart_base(s, config))
