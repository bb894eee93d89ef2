"""A page per issue of the taxonomy over the weeks of a site (isu/<issue id>.md): its estimated share of the posts
and the negative share among its posts, each a line chart with its 95% interval and a table, the weeks where it
could not be estimated said in words; and isu.md, the list of issues for the site's isu/index.md. Each chart's SVG
and CSV are written beside its page (isu/<issue id>/), for its download links."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from analysis.report import charts
from analysis.report.narrative import render
from denyut.formats.site_pages import ISSUES_DIR
from denyut.formats.summary import IssueSummary, WeeklySummary
from denyut.io import atomic_write_text


@dataclass
class IssueWeeks:
    """One issue over the site's weeks: its summary each week (None where the week's taxonomy lacked it)."""

    id: str
    name: str
    weeks: list[str]
    items: list[IssueSummary | None] = field(default_factory=list)

    @property
    def shares(self) -> list:
        return [i.check.estimate if i and i.check.estimate and i.check.estimate.share is not None else None
                for i in self.items]

    @property
    def negatives(self) -> list:
        return [i.sentiment.negative if i and i.sentiment.negative.share is not None else None for i in self.items]


def issues_over_weeks(weeks: list[WeeklySummary]) -> list[IssueWeeks]:
    """Every issue of any of the weeks, named as the latest week names it, in the latest week's order."""
    found: dict[str, IssueWeeks] = {}
    for w in reversed(weeks):
        for i in w.issues:
            found.setdefault(i.id, IssueWeeks(i.id, i.name_id, [s.week for s in weeks]))
    for issue in found.values():
        issue.items = [next((i for i in w.issues if i.id == issue.id), None) for w in weeks]
    return list(found.values())


def issue_page(issue: IssueWeeks) -> str:
    share = charts.figure(charts.issue_over_weeks(issue.name, issue.weeks, issue.shares, "porsi"),
                          f"grafik-porsi-{issue.id}", f"{issue.id}/")
    negative = charts.figure(charts.issue_over_weeks(issue.name, issue.weeks, issue.negatives, "negatif"),
                             f"grafik-negatif-{issue.id}", f"{issue.id}/")
    rows = list(zip(issue.weeks, issue.items, issue.shares, issue.negatives))
    return render("site/issue.md.j2", issue=issue, rows=rows, share_figure=share, negative_figure=negative,
                  no_share=[w for w, _, s, _ in rows if s is None], no_negative=[w for w, _, _, n in rows if n is None],
                  unverified=any(n is not None and not n.verified for n in issue.negatives))


def write_issue_pages(folder: Path, weeks: list[WeeklySummary]) -> None:
    """isu.md (the list) and isu/<id>.md with isu/<id>/ (its charts' files); an issue no longer there is removed."""
    issues = issues_over_weeks(weeks)
    pages = Path(folder) / ISSUES_DIR
    wanted = {i.id for i in issues}
    if pages.is_dir():
        for old in pages.iterdir():
            if old.name.removesuffix(".md") not in wanted:
                shutil.rmtree(old) if old.is_dir() else old.unlink()
    texts = {Path(folder) / "isu.md": render("site/issues.md.j2", issues=issues)}
    for issue in issues:
        with charts.collecting() as drawn:
            texts[pages / f"{issue.id}.md"] = issue_page(issue)
        charts.write_files(pages / issue.id, drawn)
    for path, text in texts.items():
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            atomic_write_text(path, text)
