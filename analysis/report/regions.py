"""The regional pages of a week: reports/<week>/wilayah/<code>/ (report.md, summary.json) for every province and
regency or city with enough posts, and the rows of the provinces (on a province's page, of its regencies) that the
national page maps.

A region's summary is the national one's, built over the region's posts alone (denyut.formats.processed.WeekView's
`regions`): the same sections, estimates and signals. Its tone shares are estimated directly where the week's audit
holds enough of its posts, else from the model's labels there corrected by the whole audit's error rates
(analysis.estimate.small_area); a share whose interval is too wide is not given (analysis.report.shares)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from analysis.estimate.small_area import Audit
from analysis.regions import area, gazetteer
from analysis.report import charts, sections
from analysis.report.shares import audit_confusion
from denyut.config import Config
from denyut.formats import processed, report_files
from denyut.formats.report_files import REGIONS_DIR
from denyut.formats.review import week_verdicts
from denyut.formats.summary import RegionRef, RegionRow, WeeklySummary, read_current, write_summary
from denyut.io import atomic_write_text
from denyut.weeks import previous_week


def region_dir(week_dir: Path, code: str) -> Path:
    """A region's folder in the week's: wilayah/33-14 (the dot of a regency's code would read as a file suffix)."""
    return Path(week_dir) / REGIONS_DIR / code.replace(".", "-")


def region_counts(view: processed.WeekView) -> dict[str, int]:
    """Analysed posts per province and per regency code (a post named in two places counts in both)."""
    if "province_codes" not in view.columns:  # a week analysed before places were found
        return {}
    rows = view.query("SELECT code, COUNT(*) FROM (SELECT UNNEST(province_codes) AS code FROM posts UNION ALL "
                      "SELECT UNNEST(regency_codes) AS code FROM posts) GROUP BY code ORDER BY code")
    return {code: int(n) for code, n in rows}


def region_ref(code: str) -> RegionRef:
    found = area(gazetteer(), code)
    if found.is_province:
        return RegionRef(code=found.code, name=found.name, level="province")
    return RegionRef(code=found.code, name=found.name, level="regency",
                     province=area(gazetteer(), found.province_code).name)


def _history(config: Config, week: str, code: str, weeks: int) -> list[WeeklySummary]:
    """The region's summaries of the weeks before (the trend, the changes, the anomalies), oldest first."""
    found, current = [], week
    for _ in range(weeks - 1):
        current = previous_week(current)
        summary = read_current(region_dir(config.reports_dir / current, code) / report_files.SUMMARY)
        if summary is None:
            break
        found.append(summary)
    return found[::-1]


def _row(code: str, posts: int, summary: WeeklySummary | None) -> RegionRow:
    ref = region_ref(code)
    if summary is None:
        return RegionRow(code=code, name=ref.name, level=ref.level, posts=posts)
    return RegionRow(code=code, name=ref.name, level=ref.level, posts=posts, page=True,
                     negative=summary.sentiment.negative, positive=summary.sentiment.positive,
                     estimator=summary.review.estimator)


def _pages(counts: dict[str, int], config: Config, inside: tuple[str, ...]) -> list[str]:
    """The regions with enough posts for a page: regencies first (a province's page lists them), then provinces;
    in a regional deployment only those inside its focus."""
    settings = config.regions

    def wanted(code: str) -> bool:
        return not inside or any(code == c or code.startswith(f"{c}.") for c in inside)

    regencies = [c for c, n in counts.items() if "." in c and n >= settings.min_posts_regency and wanted(c)]
    provinces = [c for c, n in counts.items() if "." not in c and n >= settings.min_posts and wanted(c)
                 and c not in inside]
    return regencies + provinces


def write_regions(week: str, out_dir: Path, config: Config,
                  build: Callable[..., WeeklySummary]) -> tuple[list[RegionRow], list[str]]:
    """Every regional page of the week (the old ones removed first: a region that fell below the minimum has none);
    returns the rows the week's page maps and the codes of every page. `build(region=, national=, previous=,
    history=)` builds a summary."""
    shutil.rmtree(Path(out_dir) / REGIONS_DIR, ignore_errors=True)
    inside = tuple(config.regions.focus)
    with processed.week_view(config, week) as view:
        counts = region_counts(view)
        national = audit_confusion(view, week_verdicts(config.review_dir, week)) if counts else None
    built: dict[str, WeeklySummary] = {}
    for code in _pages(counts, config, inside):
        built[code] = _write_region(week, out_dir, config, code, counts, built, build, national)
    shown = [c for c in counts if ("." in c) == bool(inside) and c not in inside]
    if inside:  # a regional deployment maps its own regencies
        shown = [c for c in shown if any(c.startswith(f"{f}.") for f in inside)]
    return [_row(code, counts[code], built.get(code)) for code in shown], sorted(built)


def _write_region(week: str, out_dir: Path, config: Config, code: str, counts: dict[str, int],
                  built: dict[str, WeeklySummary], build: Callable[..., WeeklySummary],
                  national: Audit | None) -> WeeklySummary:
    history = _history(config, week, code, config.report.trend_weeks)
    previous = history[-1] if history and history[-1].week == previous_week(week) else None
    ref = region_ref(code)
    if ref.level == "regency":
        ref = ref.model_copy(update={"province_page": ref.code[:2] in _pages(counts, config, tuple(config.regions.focus))})
    summary = build(region=ref, national=national, previous=previous, history=history)
    if "." not in code:  # a province's page maps its regencies
        rows = [_row(c, counts[c], built.get(c)) for c in counts if c.startswith(f"{code}.")]
        summary = summary.model_copy(update={"regions": rows})
    folder = region_dir(out_dir, code)
    folder.mkdir(parents=True, exist_ok=True)
    with charts.collecting() as drawn:
        atomic_write_text(folder / report_files.REPORT, sections.region_page(summary, history + [summary], config))
    charts.write_files(folder / sections.CHARTS_DIR, drawn)
    write_summary(folder / report_files.SUMMARY, summary)
    return summary
