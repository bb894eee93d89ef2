"""What the site shows about all weeks, written by the report so that the site step only assembles:
reports/_site/sekilas.md (the latest week at a glance and what changed, for the home page), model.md (the
sentiment model and its scores, for the methodology page), data.md (the open-data table), tentang.md (who
publishes, their contact and how to cite, from the config, for the about page) and the issues' pages (issue_pages)."""

from __future__ import annotations

import shutil
from pathlib import Path

from analysis.regions.picker import region_picker
from analysis.report import charts
from analysis.report.issue_pages import write_issue_pages
from analysis.report.narrative import render
from analysis.report.opendata import tables, write_all_weeks
from analysis.report.share import week_url
from denyut.config import Config
from denyut.fingerprint import resource
from denyut.formats.model_metrics import ModelMetrics, read_metrics
from denyut.formats.site_pages import write_site_weeks
from denyut.formats.summary import ModelScores, WeeklySummary
from denyut.io import atomic_write_text
from denyut.markup import safe_link
from denyut.paths import EMBEDDED_MODEL_DIR

MODEL_DIR = EMBEDDED_MODEL_DIR
# the model page's charts' files: written in data/grafik/ of the set, published (like data/) as data/semua/grafik/;
# the link is relative to metodologi.md, which includes model.md
MODEL_CHARTS = "data/semua/grafik/"
resource(MODEL_DIR / "metrics.json")


def embedded_metrics() -> ModelMetrics | None:
    return read_metrics(MODEL_DIR)


def model_scores(models: list[str]) -> ModelScores | None:
    """The shipped model's held-out scores, when every label of the week came from it."""
    metrics = embedded_metrics()
    if metrics is None or not all(m.startswith("embedded@") for m in models):
        return None
    return ModelScores(smsa_valid_macro_f1=metrics.smsa_valid.macro_f1,
                       nusax_test_macro_f1=metrics.nusax_test_without_smsa.macro_f1)


def glance(latest: WeeklySummary) -> str:
    """The latest week at a glance, and its regions' pages (a picker that needs no script)."""
    pages = latest.region_pages
    return render("site/glance.md.j2", s=latest, picker=region_picker(latest.week, pages) if pages else None)


def about(latest: WeeklySummary, config: Config) -> str:
    """The publisher, a contact that is a link only when it is an e-mail address or an http(s) address (the config
    checks it), and how to cite the latest week."""
    contact = config.project.contact
    link = ("mailto:" + contact) if contact and "@" in contact and "://" not in contact else safe_link(contact)
    return render("site/about.md.j2", s=latest, project=config.project, contact=contact, link=link,
                  url=week_url(config, latest.week))


def model_table(weeks: list[WeeklySummary], metrics: ModelMetrics | None) -> str:
    used = sorted({m for s in weeks for m in s.sentiment_models})
    reviewed = [w for w in weeks if w.review.accuracy is not None]
    figure = charts.figure(charts.accuracy(weeks), "grafik-ketepatan", MODEL_CHARTS) if len(reviewed) >= 2 else None
    tagger = tagger_scores(weeks)
    tagger_figure = (charts.figure(charts.tagger(tagger["weeks"]), "grafik-penanda-isu", MODEL_CHARTS)
                     if len(tagger["weeks"]) >= 2 else None)
    return render("site/model.md.j2", used=used, m=metrics, reviewed=reviewed, figure=figure, tagger=tagger,
                  tagger_figure=tagger_figure)


def tagger_scores(weeks: list[WeeklySummary]) -> dict:
    """The issue tagger on the audits: per issue over every week (hits, tagged, named by reviewers), and per week
    over every issue (micro precision and recall)."""
    per_issue: dict[str, list] = {}
    per_week = []
    for w in weeks:
        hits = tagged = named = 0
        for i in w.issues:
            c = i.check
            hit = round((c.precision or 0) * c.audit_tagged)
            row = per_issue.setdefault(i.id, [i.name_id, 0, 0, 0])
            row[1], row[2], row[3] = row[1] + hit, row[2] + c.audit_tagged, row[3] + c.audit_positives
            hits, tagged, named = hits + hit, tagged + c.audit_tagged, named + c.audit_positives
        if tagged or named:
            per_week.append((w.week, hits / tagged if tagged else None, hits / named if named else None))
    issues = [{"name": name, "tagged": t, "named": n, "precision": h / t if t else None, "recall": h / n if n else None}
              for name, h, t, n in per_issue.values() if t or n]
    return {"issues": sorted(issues, key=lambda r: -r["named"]), "weeks": per_week,
            "no_issue": [w.no_issue.estimate for w in weeks if w.no_issue.estimate][-1:]}


def open_data_table(weeks: list[WeeklySummary], manifests: dict[str, str]) -> str:
    return render("site/data.md.j2", weeks=list(reversed(weeks)), manifests=manifests, tables=tables())


def write(folder: Path, weeks: list[WeeklySummary], config: Config, manifests: dict[str, str] | None = None) -> None:
    """The pages for a site of these weeks (all of them for `make site`, the approved ones for `make publish`);
    `manifests`: week → SHA-256 of its manifest.json, shown on the open-data page."""
    if not weeks:
        shutil.rmtree(folder, ignore_errors=True)
        return
    write_site_weeks(folder, [s.week for s in weeks])
    with charts.collecting() as drawn:
        model = model_table(weeks, embedded_metrics())
    pages = {"sekilas.md": glance(weeks[-1]), "model.md": model,
             "data.md": open_data_table(weeks, manifests or {}), "tentang.md": about(weeks[-1], config)}
    write_all_weeks(folder / "data", weeks)
    charts.write_files(folder / "data" / "grafik", drawn)
    write_issue_pages(folder, weeks)
    for name, text in pages.items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:  # unchanged pages keep their time stamp
            atomic_write_text(path, text)
