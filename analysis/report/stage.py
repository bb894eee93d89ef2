"""Report: data/processed/<week>.parquet → reports/<week>/ (report.md, summary.json, data/), and the
pages the site shows about all weeks (reports/_site/: the latest week at a glance, the model, the open data).

Weeks are reported in order so each can be compared with the week before; a week whose
fingerprint (its processed file and the week before, the trend, coverage, code, templates,
settings, each registered signal's module, template and settings) did not change is skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from analysis.estimate.small_area import Audit
from analysis.regions.focus import named
from analysis.report import charts, manifest, sections, site_pages
from analysis.report.cards import write_cards
from analysis.report.opendata import write_open_data
from analysis.report.pdf import write_pdf
from analysis.report.regions import region_ref, write_regions
from analysis.report.share import write_share
from analysis.report.shares import week_keys, week_shares
from analysis.report.weekly import aggregate, compare, examples
from denyut import __version__
from denyut.cli import week_stage
from denyut.config import Config, load_config
from denyut.errors import StageError
from denyut.fingerprint import fingerprint
from denyut.formats import processed, quarantine, report_files, runlog
from denyut.formats.claims import Claim, all_claims
from denyut.formats.manifest import manifest_path
from denyut.formats.manifest import write as write_manifest
from denyut.formats.processed import WeekView
from denyut.formats.review import (
    NO_ISSUE,
    OTHER_ISSUE,
    AuditProgress,
    Verdict,
    audit_progress,
    population_path,
    read_status,
    sheet_paths,
    week_strata,
    week_verdicts,
)
from denyut.formats.site_pages import pages_dir
from denyut.formats.summary import (
    IssueCheck,
    IssueSummary,
    RegionRef,
    Review,
    SentimentShares,
    WeeklySummary,
    read_current,
    write_summary,
)
from denyut.io import atomic_write_text, private_data, publish_tree, sha256_file
from denyut.paths import DEFAULT_CONFIG
from denyut.progress import bar
from denyut.signals import WeekInput, signals
from denyut.taxonomy import Taxonomy, load_taxonomy
from denyut.weeks import previous_week, week_start

# the report's own settings sections; each signal adds its own (denyut.signals), and the trend, the approvals, the
# claims and the coverage are added where they are read
SETTINGS = ("project", "report", "review", "public_accounts", "sources")  # sources: the coverage section names them


def _input_hash(config: Config, processed_file: Path, before: Path | None, taxonomy_version: str,
                history: list[WeeklySummary], coverage: dict, sheets: list[Path]) -> str:
    settings = {name: _dump(getattr(config, name)) for name in SETTINGS}
    for signal in signals():
        settings[f"signal:{signal.name}"] = {"settings": _dump(signal.settings_of(config)),
                                             "inputs": signal.inputs(config) if signal.inputs else None}
    settings |= {"languages": config.analysis.languages, "taxonomy": taxonomy_version, "coverage": coverage,
                 "history": [h.input_hash for h in history],  # the trend chart shows them
                 "status": {w: s.model_dump(mode="json") for w, s in read_status(config.review_dir).items()
                            if w == processed_file.stem}}
    return fingerprint("analysis.report.stage", [processed_file, *sheets] + ([before] if before else []), settings,
                       [s.module for s in signals()])


def _dump(value):
    if isinstance(value, list):
        return [_dump(v) for v in value]
    return value.model_dump(mode="json") if value is not None else None


def _review_files(config: Config, week: str) -> list[Path]:
    """The week's sheets and their lists of posts: what the estimate of the week reads (regular files only)."""
    sheets = sheet_paths(config.review_dir, week)
    lists = [population_path(config.review_dir, week, n) for n, _ in sheets]
    return [p for _, p in sheets] + [p for p in lists if p.is_file() and not p.is_symlink()]


def week_review(config: Config, view: WeekView, week: str, taxonomy: Taxonomy) -> tuple[list[Verdict], AuditProgress, dict]:
    """The week's verdicts (every sheet), how far its audit got, and each sheet's posts (the audit's strata)."""
    verdicts = week_verdicts(config.review_dir, week, {i.id for i in taxonomy.issues})
    return verdicts, audit_progress(config.review_dir, week), week_strata(config.review_dir, week, week_keys(view))


def _earlier_accuracy(history: list[WeeklySummary]) -> tuple[dict | None, str | None]:
    for summary in reversed(history):
        if summary.review.accuracy is not None:
            return summary.review.accuracy.model_dump(), summary.week
    return None, None


def steps() -> tuple[str, ...]:
    """What the report of one week does, in order: the progress bar counts these, so a single large week has an ETA."""
    return ("angka", "perkiraan", "contoh", *(s.step for s in signals()), "halaman")


def _review(config: Config, week: str, estimated: dict, history: list[WeeklySummary]) -> Review:
    review = estimated["review"]
    status = read_status(config.review_dir).get(week)
    if status is not None:
        review |= {"status": status.status, "approved_by": status.by, "approved_at": status.at.isoformat() if status.at else None}
    if review["accuracy"] is None:
        review["earlier_accuracy"], review["earlier_week"] = _earlier_accuracy(history)
    return Review.model_validate(review)


def build_summary(week: str, config: Config, taxonomy: Taxonomy, previous: WeeklySummary | None, coverage: dict,
                  digest: str, history: list[WeeklySummary] | None = None, claims: list[Claim] | None = None,
                  step: Callable[[str], None] = lambda name: None, region: RegionRef | None = None,
                  national: Audit | None = None) -> WeeklySummary:
    """step(name) is called as each of steps() but the last ("halaman", the pages: write_week) begins. `region`: the
    summary of one region's posts (`national`: the whole audit's error rates, for its synthetic estimate)."""
    history = history or []
    regional = region is not None and region.code not in config.regions.focus  # a page of its own, not the site's
    with processed.week_view(config, week, (region.code,) if regional else ()) as view:
        step("angka")
        numbers = aggregate(view, config, taxonomy)
        step("perkiraan")
        verdicts, rows, strata = week_review(config, view, week, taxonomy)
        estimated = week_shares(view, config, taxonomy, verdicts, rows, strata, national, regional)
        sentiment = SentimentShares.model_validate(estimated["sentiment"])
        checks = {code: IssueCheck.model_validate(c) for code, c in estimated["issue_estimates"].items()}
        issues = sorted((IssueSummary.model_validate(i | {"sentiment": estimated["issues"][i["id"]], "check": checks[i["id"]]})
                         for i in numbers.pop("issues")), key=lambda i: (-(i.best_share.share or 0), -i.posts, i.id))
        step("contoh")
        shown = examples(view, config, [i.id for i in issues[: config.report.top_issues] if i.posts > 0])
        summary = WeeklySummary(
            week=week, region=region, week_start=week_start(week).isoformat(), week_end=(week_start(week) + timedelta(days=6)).isoformat(),
            demo=config.project.demo, min_posts_for_share=config.report.min_posts_for_share, alpha=config.report.alpha,
            analysed_languages=config.analysis.languages,
            issues_version=taxonomy.version, denyut_version=__version__, **numbers, sentiment=sentiment, issues=issues,
            changes=compare(sentiment, issues, previous, config), previous_week=previous.week if previous else None,
            examples=shown, coverage=coverage, no_issue=checks[NO_ISSUE], other_issue=checks[OTHER_ISSUE], review=_review(config, week, estimated, history), margin=config.report.margin,
            model_metrics=site_pages.model_scores(numbers["sentiment_models"]), input_hash=digest)
        results = {}
        for signal in signals():
            step(signal.step)
            results[signal.name] = signal.compute(WeekInput(view, config, summary, history, claims or []))
    return summary.model_copy(update={"signals": results})


def _coverage(config: Config, week: str) -> dict:
    """Quarantine total, and per source the collection runs that finished during the week (WIB)."""
    return {"quarantined_total": quarantine.count(config.quarantine_dir), "runs": runlog.week_totals(config.data_dir, week)}


def write_week(out_dir: Path, summary: WeeklySummary, history: list[WeeklySummary], config: Config) -> None:
    with charts.collecting() as drawn:
        atomic_write_text(out_dir / report_files.REPORT, sections.page(summary, history, config))
    charts.write_files(out_dir / sections.CHARTS_DIR, drawn)
    write_share(out_dir, summary, config)
    write_cards(out_dir, summary, config)
    write_pdf(out_dir, summary, config)
    write_open_data(out_dir, summary)
    write_summary(out_dir / report_files.SUMMARY, summary)


def run(config_path: str | None = None, force: bool = False) -> dict[str, str]:
    """Returns {week: 'reported' | 'up to date'}."""
    config = named(load_config(config_path))
    with private_data(config.data_dir):
        return _run(config, config_path, force)


def _run(config: Config, config_path: str | None, force: bool) -> dict[str, str]:
    # Load inputs
    taxonomy = load_taxonomy(config.issues_path)
    claims = all_claims(config.hoaxes_path, config.claims_dir)
    weeks = processed.weeks(config.processed_dir)
    if not weeks:
        raise StageError("report", None, f"tidak ada data olahan di {config.processed_dir}: jalankan `make analyze` dulu")
    status: dict[str, str] = {}
    history: list[WeeklySummary] = []
    order = steps()
    progress = bar(len(weeks) * len(order), "laporan", unit="langkah")
    for week in weeks:
        done = 0

        def step(name: str, week: str = week) -> None:
            nonlocal done
            progress.update(1 if done else 0)
            done += 1
            progress.set_postfix_str(f"{week} {name}")
        path = processed.week_path(config.processed_dir, week)
        previous = history[-1] if history and history[-1].week == previous_week(week) else None
        before = processed.week_path(config.processed_dir, previous.week) if previous else None
        out_dir = config.reports_dir / week
        coverage = _coverage(config, week)
        digest = _input_hash(config, path, before, taxonomy.version, history[-config.report.trend_weeks + 1:], coverage,
                             _review_files(config, week))
        summary = None if force else read_current(out_dir / report_files.SUMMARY)
        if summary is not None and summary.input_hash == digest and manifest_path(out_dir).is_file():
            status[week] = "up to date"
        else:
            # Process data, then save outputs
            focus = region_ref(config.regions.focus[0]) if len(config.regions.focus) == 1 else None
            summary = build_summary(week, config, taxonomy, previous, coverage, digest, history, claims, step, focus)

            def regional(region, national, previous, history, week=week, coverage=coverage, digest=digest):
                return build_summary(week, config, taxonomy, previous, coverage, digest, history, claims,
                                     region=region, national=national)
            rows, pages = write_regions(week, out_dir, config, regional)
            summary = summary.model_copy(update={"regions": rows, "region_pages": pages})
            step(order[-1])
            write_week(out_dir, summary, (history + [summary])[-config.report.trend_weeks:], config)
            write_manifest(manifest_path(out_dir), manifest.build(
                week, out_dir, config, Path(config_path) if config_path else DEFAULT_CONFIG, summary.sentiment_models,
                config.reports_dir / history[-1].week if history else None))
            status[week] = "reported"
        history.append(summary)
        progress.update(len(order) - max(done - 1, 0))
    progress.close()
    hashes = {s.week: sha256_file(manifest_path(config.reports_dir / s.week)) for s in history}
    site_pages.write(pages_dir(config.reports_dir, False), history, config, hashes)
    approved = [s for s in history if s.review.status == "approved"]
    site_pages.write(pages_dir(config.reports_dir, True), approved, config, hashes)
    publish_tree(config.reports_dir)  # published: readable by a web server whatever the umask (cards, PDF, folders)
    return status


STAGE = week_stage("report", "python -m analysis.report", __doc__, run, done="laporan ditulis",
                   force_help="tulis ulang semua laporan")
