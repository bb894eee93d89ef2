"""The anomaly signal: the issues (or all posts) whose volume or sentiment is unusual against the `anomalies.weeks`
reported weeks before, and the watch lines the election body asked for every week (vote buying)."""

from __future__ import annotations

from pathlib import Path
from statistics import NormalDist
from typing import Literal

from pydantic import BaseModel, ConfigDict

from analysis.anomalies.core import Flag, baseline, family_z, sentiment_anomaly, volume_anomaly
from denyut.fingerprint import resource
from denyut.fmt import DIRECTION_ID, SENTIMENT_ID
from denyut.formats.processed import Sentiment
from denyut.markup import pdf_text
from denyut.signals import Signal, WeekInput


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Anomaly(Model):
    """An issue (or all posts, scope 'all') whose volume or sentiment share is unusual against the weeks before:
    the usual level is the median of those weeks, the usual range their middle half."""

    scope: str
    kind: Literal["volume", "sentiment"]
    sentiment: Sentiment | None = None
    direction: Literal["up", "down"]
    value: float  # volume: posts; sentiment: the share
    share: float | None = None  # volume: the issue's share of the week's posts (usual_* are shares too)
    ci_low: float | None = None
    ci_high: float | None = None
    usual: float
    usual_low: float
    usual_high: float
    weeks: int


class Watch(Model):
    """A line asked for every week: this week's count of an issue against its usual range."""

    issue: str
    posts: int
    share: float | None = None  # of the week's posts; usual_* are shares of the weeks before
    usual_low: float | None = None
    usual_high: float | None = None
    weeks: int = 0
    unusual: Literal["up", "down"] | None = None


class Unusual(Model):
    anomalies: list[Anomaly] = []
    watch: list[Watch] = []


def _found(kind: str, scope: str, flag: Flag | None, sentiment: str | None = None) -> Anomaly | None:
    if flag is None:
        return None
    base = flag.baseline
    return Anomaly(scope=scope, kind=kind, sentiment=sentiment, direction=flag.direction, value=flag.value,
                   share=flag.share, ci_low=flag.ci_low, ci_high=flag.ci_high,
                   usual=base.median, usual_low=base.low, usual_high=base.high, weeks=base.weeks)


def _estimated(shares) -> list[tuple[float, float, float]]:
    return [(x.share, x.ci_low, x.ci_high) for x in shares if x.share is not None and x.ci_low is not None]


INTERVAL_Z = NormalDist().inv_cdf(0.975)  # the published intervals are 95%


def _sentiment(before, s, settings, margin: float) -> list[Anomaly | None]:
    found = []
    widen = family_z(INTERVAL_Z, 2 * (len(s.issues) + 1)) / INTERVAL_Z
    for name in ("negative", "positive"):
        now = s.sentiment.get(name)
        found.append(_found("sentiment", "all", sentiment_anomaly(
            _estimated(w.sentiment.get(name) for w in before), now.share, now.ci_low, now.ci_high, margin,
            settings.min_weeks, widen), name))
        for issue in s.issues:
            past = _estimated(i.sentiment.get(name) for w in before for i in w.issues if i.id == issue.id)
            now = issue.sentiment.get(name)
            found.append(_found("sentiment", issue.id, sentiment_anomaly(past, now.share, now.ci_low, now.ci_high, margin,
                                                                         settings.min_weeks, widen), name))
    return found


def compute(input: WeekInput) -> Unusual:
    settings, s = input.config.anomalies, input.summary
    before = input.history[-settings.weeks:]
    counts = {w.week: {i.id: i.posts for i in w.issues} for w in before}
    totals = {w.week: w.posts_analysed for w in before}
    z = family_z(settings.z, len(s.issues))
    found = [_found("volume", issue.id, volume_anomaly([(counts[w.week].get(issue.id, 0), totals[w.week]) for w in before],
                                                       (issue.posts, s.posts_analysed), z, settings.min_weeks,
                                                       settings.min_posts))
             for issue in s.issues]
    found = [a for a in found + _sentiment(before, s, settings, input.config.report.margin) if a is not None]
    watch = []
    by_id = {i.id: i for i in s.issues}
    for issue_id in (i for i in settings.watch if i in by_id):
        history_counts = [counts[w.week].get(issue_id, 0) for w in before]
        line = {"issue": issue_id, "posts": by_id[issue_id].posts, "weeks": len(history_counts),
                "share": by_id[issue_id].posts / s.posts_analysed if s.posts_analysed else None}
        usual = [c / t for c, t in zip(history_counts, (totals[w.week] for w in before)) if t]
        if usual:
            base = baseline(usual)
            line |= {"usual_low": base.low, "usual_high": base.high}
        flag = next((a for a in found if a.scope == issue_id and a.kind == "volume"), None)
        watch.append(Watch(**line, unusual=flag.direction if flag else None))
    order = {"volume": 0, "sentiment": 1}
    return Unusual(anomalies=sorted(found, key=lambda a: (a.scope != "all", order[a.kind], a.scope, a.sentiment or "")),
                   watch=watch)


def _context(result: Unusual, s, history, config) -> dict:
    return {"anomalies": result.anomalies, "watch": result.watch, "names": {i.id: i.name_id for i in s.issues},
            "min_weeks": config.anomalies.min_weeks, "enough": len(history) - 1 >= config.anomalies.min_weeks}


def _lines(result: Unusual, s, config) -> list[str]:
    names = {i.id: i.name_id for i in s.issues}
    lines = []
    for a in result.anomalies:
        name = "semua unggahan" if a.scope == "all" else names.get(a.scope, a.scope)
        what = "volume unggahan" if a.kind == "volume" else f"nada {SENTIMENT_ID[a.sentiment]}"
        lines.append(f"Tidak biasa: {what} tentang <b>{pdf_text(name)}</b> {DIRECTION_ID[a.direction]} jauh dari biasanya.")
    return lines


SIGNAL = Signal(name="anomalies", step="anomali", order=10, result=Unusual, compute=compute,
                template=resource(Path(__file__).with_name("section.md.j2")), settings="anomalies", context=_context,
                lines=_lines)
