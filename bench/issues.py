"""Benchmark of the issue tagger and of the issue shares' intervals → bench/results/issues.json.

1. Zero-shot: the taxonomy's patterns (`IssueTagger.zero_shot`, the rule `Taxonomy.tag` applies to the text the
   analyze stage reads) on tests/fixtures/issues_labelled.csv, precision and recall per issue and micro-averaged
   (true and false positives summed over the issues), on all rows and on its last 100 rows: written after the
   patterns were frozen (tests/denyut/test_taxonomy_quality.py), though the patterns have learned from them since.
   The set and the patterns were written by the same hand: these figures are a ceiling for real posts.
2. Trained: `IssueTagger(taxonomy).fit` scored by k-fold cross-validation (each fold read by a tagger trained on
   the others, folds seeded), tags at the pipeline's threshold (0.5, as `tags` compares), and the recall it reaches
   at the zero-shot's micro precision (threshold moved over the pooled out-of-fold probabilities). The pattern
   columns it learns from were still written alongside the set. A learning curve: the same folds, each training
   part cut to 100, 200 and 400 random rows.
3. The issue-share intervals in simulation: weeks of synthetic posts, a few issues at known prevalence, a tagger
   with set precision and recall (errors independent of the text), a simple random audit whose verdicts are the
   truth, and `estimate_binary` called as analysis.report.shares does (the tagger's 0/1 on every post, the audit's
   indices and verdicts, each post's sheet as stratum). Per prevalence: mean absolute error (points), how often the
   95% interval holds the week's true share, the interval's mean full width; against the raw tag count (the share
   the page printed before, no interval) and the audit alone (the estimator with weight 0). Two designs: one
   sheet, and two sheets as when posts arrive late (the later sheet's audit scaled to its posts, as
   analysis.analyze.sample.draw does, and the late posts about the issue twice as often).
"""

from __future__ import annotations

import argparse
import csv
import math
import platform
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from sklearn.model_selection import KFold

from analysis.analyze.sample import MIN_LATER_AUDIT
from analysis.estimate.core import estimate_binary
from analysis.issues.core import THRESHOLD, IssueTagger, label_matrix
from denyut.io import atomic_write_json
from denyut.paths import CONFIG_DIR, ROOT
from denyut.taxonomy import Taxonomy, load_taxonomy
from denyut.timestamps import now_utc

LABELLED = ROOT / "tests" / "fixtures" / "issues_labelled.csv"
OUT = ROOT / "bench" / "results" / "issues.json"
FROZEN = 100  # the labelled set's last rows: written after the patterns were frozen
FOLDS = 5
CURVE = (100, 200, 400)
PREVALENCES = (0.02, 0.05, 0.10, 0.30)
TAGGERS = {"P0.85/R0.60": (0.85, 0.60), "P0.50/R0.40": (0.50, 0.40)}
POSTS = 10_000
AUDIT = 200
LATE = 1_500  # posts of the week that came after its first sheet was drawn
LATE_RATIO = 2.0  # the late posts are about the issue this many times as often as the early ones
METHODS = ("estimator", "audit_alone", "raw_count")


# -- scoring ---------------------------------------------------------------------------------------------------------
def read_labelled(path: Path = LABELLED) -> tuple[list[str], list[set[str]]]:
    """The texts and their issue ids (`;`-separated, empty: no issue)."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [row["text"] for row in rows], [{i for i in row["issues"].split(";") if i} for row in rows]


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def precision_recall(tagged: np.ndarray, truth: np.ndarray, ids: Sequence[str]) -> dict:
    """Per issue (a column of the boolean posts × issues matrices) and micro-averaged: positives, tagged, P, R, F1."""
    tagged, truth = np.asarray(tagged, dtype=bool), np.asarray(truth, dtype=bool)
    hits, said, actual = (tagged & truth).sum(axis=0), tagged.sum(axis=0), truth.sum(axis=0)

    def row(h: int, s: int, a: int) -> dict:
        return {"positives": int(a), "tagged": int(s), "precision": _ratio(h, s), "recall": _ratio(h, a),
                "f1": _ratio(2 * h, s + a)}

    return {"issues": {issue: row(hits[k], said[k], actual[k]) for k, issue in enumerate(ids)},
            "micro": row(hits.sum(), said.sum(), actual.sum())}


def recall_at_precision(proba: np.ndarray, truth: np.ndarray, floor: float) -> float | None:
    """The best recall over all posts × issues of any one threshold whose precision is at least `floor` (None: none
    reaches it). Thresholds are the distinct probabilities, so tied posts are tagged together."""
    p, y = np.asarray(proba, dtype=float).ravel(), np.asarray(truth, dtype=bool).ravel()
    order = np.argsort(-p, kind="stable")
    p, y = p[order], y[order]
    last = np.r_[p[1:] != p[:-1], True]  # the last post of each run of equal probabilities
    hits, tagged = np.cumsum(y)[last], np.arange(1, len(p) + 1)[last]
    ok = (hits / tagged >= floor) & (p[last] > 0)
    return round(float(hits[ok].max() / y.sum()), 4) if ok.any() and y.sum() else None


def _tagged(proba: np.ndarray) -> np.ndarray:
    return np.round(proba, 4) >= THRESHOLD  # as analysis.issues.core.tags compares


# -- the tagger on the labelled set ----------------------------------------------------------------------------------
def zero_shot(texts: list[str], truth: np.ndarray, taxonomy: Taxonomy) -> dict:
    ids = [issue.id for issue in taxonomy.issues]
    tagged = _tagged(IssueTagger.zero_shot(taxonomy).predict_proba(texts))
    return {"all": precision_recall(tagged, truth, ids), f"last_{FROZEN}": precision_recall(tagged[-FROZEN:], truth[-FROZEN:], ids)}


def _fit_predict(texts: list[str], labels: list[set[str]], train: np.ndarray, test: np.ndarray,
                 taxonomy: Taxonomy) -> tuple[np.ndarray, tuple[str, ...]]:
    tagger = IssueTagger(taxonomy).fit([texts[i] for i in train], [labels[i] for i in train])
    return tagger.predict_proba([texts[i] for i in test]), tagger.trained_


def cross_validated(texts: list[str], labels: list[set[str]], taxonomy: Taxonomy, seed: int, floor: float) -> dict:
    """Out-of-fold probabilities of the trained tagger on every row, and of the ones trained on CURVE rows."""
    ids = [issue.id for issue in taxonomy.issues]
    truth = label_matrix(labels, ids).astype(bool)
    rng = np.random.default_rng(seed)
    full = np.zeros(truth.shape)
    curve = {size: np.zeros(truth.shape) for size in CURVE}
    learned = {issue: 0 for issue in ids}
    learned_curve = {size: [] for size in CURVE}
    for train, test in KFold(n_splits=FOLDS, shuffle=True, random_state=seed).split(texts):
        full[test], trained = _fit_predict(texts, labels, train, test, taxonomy)
        for issue in trained:
            learned[issue] += 1
        for size in CURVE:
            part = np.sort(rng.choice(train, size=min(size, len(train)), replace=False))
            curve[size][test], trained = _fit_predict(texts, labels, part, test, taxonomy)
            learned_curve[size].append(len(trained))
    tagged, patterns = _tagged(full), _tagged(IssueTagger.zero_shot(taxonomy).predict_proba(texts))
    result = {"folds": FOLDS, "seed": seed, "threshold": THRESHOLD, "all": precision_recall(tagged, truth, ids),
              "tags_unlike_zero_shot": int((tagged != patterns).sum()),  # post × issue decisions it changed
              f"last_{FROZEN}": precision_recall(tagged[-FROZEN:], truth[-FROZEN:], ids),
              "folds_learned": learned, "recall_at_zero_shot_precision": recall_at_precision(full, truth, floor)}
    result["learning_curve"] = {str(size): precision_recall(_tagged(p), truth, ids)["micro"] | {
        "recall_at_zero_shot_precision": recall_at_precision(p, truth, floor),
        "tags_unlike_zero_shot": int((_tagged(p) != patterns).sum()),
        "issues_learned_mean": round(float(np.mean(learned_curve[size])), 1)} for size, p in curve.items()}
    return result


# -- the intervals in simulation -------------------------------------------------------------------------------------
def tagger_rates(prevalence: float, precision: float, recall: float) -> tuple[float, float]:
    """(P(tagged | about it), P(tagged | not about it)) of a tagger with this precision and recall at this prevalence."""
    false_rate = prevalence * recall * (1 - precision) / (precision * (1 - prevalence))
    if not 0 <= false_rate <= 1:
        raise ValueError(f"no tagger has precision {precision} and recall {recall} at prevalence {prevalence}")
    return recall, false_rate


def designs(posts: int = POSTS, audit: int = AUDIT, late: int = LATE) -> dict[str, dict]:
    """Sheets (posts, audit rows, relative prevalence): one, or a first and a later one as analyze.sample draws."""
    later = max(math.ceil(audit * late / posts), MIN_LATER_AUDIT)
    return {"one sheet": {"sizes": (posts,), "audits": (audit,), "ratios": (1.0,)},
            "two sheets": {"sizes": (posts - late, late), "audits": (audit, later), "ratios": (1.0, LATE_RATIO)}}


def audit_alone(truth: np.ndarray, reviewed: np.ndarray, strata: np.ndarray, z: float = 1.959964) -> tuple[float, float, float]:
    """The stratified audit mean with its normal interval: the estimator with weight 0."""
    value = var = 0.0
    for h in np.unique(strata):
        size, inside = int((strata == h).sum()), reviewed[strata[reviewed] == h]
        y = truth[inside]
        value += size / len(strata) * y.mean()
        var += (size / len(strata)) ** 2 * (1 - len(y) / size) * np.var(y, ddof=1) / len(y)
    se = math.sqrt(var)
    return value, max(0.0, value - z * se), min(1.0, value + z * se)


def _week(rng: np.random.Generator, design: dict) -> tuple[np.ndarray, np.ndarray, dict, np.ndarray]:
    """One week: the truth (issues × posts), the tags per tagger, the audit's indices, each post's sheet."""
    sizes, ratios = np.array(design["sizes"]), np.array(design["ratios"])
    strata = np.repeat(np.arange(1, len(sizes) + 1), sizes)
    scale = ratios[strata - 1] / (sizes * ratios).sum() * sizes.sum()  # each post's prevalence over the week's mean
    truth = rng.random((len(PREVALENCES), len(strata))) < np.outer(PREVALENCES, scale)
    tags = {}
    for name, (precision, recall) in TAGGERS.items():
        rates = np.array([tagger_rates(p, precision, recall) for p in PREVALENCES])
        draw = rng.random(truth.shape)
        tags[name] = np.where(truth, draw < rates[:, :1], draw < rates[:, 1:]).astype(float)
    starts = np.r_[0, np.cumsum(sizes)[:-1]]
    reviewed = np.concatenate([start + rng.choice(size, size=n, replace=False)
                               for start, size, n in zip(starts, sizes, design["audits"])])
    return truth, tags, reviewed, strata


def simulate(draws: int, seed: int) -> dict:
    rng = np.random.default_rng(seed)
    out = {}
    for name, design in designs().items():
        tally = {(t, p, m): [] for t in TAGGERS for p in PREVALENCES for m in METHODS}
        for _ in range(draws):
            truth, tags, reviewed, strata = _week(rng, design)
            for t, tagged in tags.items():
                for k, p in enumerate(PREVALENCES):
                    true = truth[k].mean()
                    e = estimate_binary(tagged[k], reviewed, truth[k][reviewed].astype(float), strata)
                    alone = audit_alone(truth[k].astype(float), reviewed, strata)
                    raw = tagged[k].mean()
                    for method, (value, low, high) in (("estimator", (e.value, e.ci_low, e.ci_high)),
                                                       ("audit_alone", alone), ("raw_count", (raw, None, None))):
                        tally[(t, p, method)].append((value - true, low, high, true))
        out[name] = design | {"results": _summary(tally)}
    return out


def _summary(tally: dict) -> dict:
    out: dict = {}
    for (tagger, prevalence, method), rows in tally.items():
        errors = np.array([r[0] for r in rows]) * 100
        cell = {"mean_abs_error_points": round(float(np.abs(errors).mean()), 2),
                "mean_error_points": round(float(errors.mean()), 2)}
        if method != "raw_count":
            low, high, true = (np.array([r[i] for r in rows]) for i in (1, 2, 3))
            cell |= {"coverage_95": round(float(((low <= true) & (true <= high)).mean()), 3),
                     "below_truth": round(float((high < true).mean()), 3),  # misses on the low side
                     "mean_width_points": round(float((high - low).mean() * 100), 2)}
        out.setdefault(tagger, {}).setdefault(f"{prevalence:.0%}", {})[method] = cell
    return out


# -- the run ---------------------------------------------------------------------------------------------------------
def run(draws: int, seed: int) -> dict:
    started, cpu = time.perf_counter(), time.process_time()
    taxonomy = load_taxonomy(CONFIG_DIR / "issues.yaml")
    texts, labels = read_labelled()
    truth = label_matrix(labels, [issue.id for issue in taxonomy.issues]).astype(bool)
    zero = zero_shot(texts, truth, taxonomy)
    floor = zero["all"]["micro"]["precision"]
    trained = cross_validated(texts, labels, taxonomy, seed, floor)
    labelled_seconds = round(time.perf_counter() - started, 1)
    simulation = simulate(draws, seed)
    return {"measured_at": now_utc(), "machine": {"python": platform.python_version(), "processor": platform.processor()},
            "labelled": {"file": str(LABELLED.relative_to(ROOT)), "rows": len(texts), "no_issue": sum(not s for s in labels),
                         f"last_{FROZEN}": "written after the patterns were frozen; the patterns learned from them since",
                         "taxonomy_version": taxonomy.version},
            "zero_shot": zero, "trained_cross_validated": trained,
            "simulation": {"posts": POSTS, "audit": AUDIT, "draws": draws, "seed": seed,
                           "taggers": {name: {"precision": p, "recall": r} for name, (p, r) in TAGGERS.items()},
                           "late_prevalence_ratio": LATE_RATIO, "designs": simulation},
            "seconds": {"labelled_set": labelled_seconds, "total": round(time.perf_counter() - started, 1),
                        "cpu": round(time.process_time() - cpu, 1)}}


def _pr(cell: dict) -> str:
    def f(x):
        return "  -  " if x is None else f"{x:.2f}"

    return f"{f(cell['precision'])} {f(cell['recall'])}"


def table(result: dict) -> list[str]:
    zero, trained = result["zero_shot"], result["trained_cross_validated"]
    last = f"last_{FROZEN}"
    lines = [f"{'issue':26} {'n':>3}  zero-shot P R  trained(cv) P R  folds learned",
             *(f"{issue:26} {cell['positives']:3}  {_pr(cell):>11}  {_pr(trained['all']['issues'][issue]):>15}  "
               f"{trained['folds_learned'][issue]}/{FOLDS}" for issue, cell in zero["all"]["issues"].items())]
    for part in ("all", last):
        lines.append(f"{'micro, ' + part:26} {zero[part]['micro']['positives']:3}  {_pr(zero[part]['micro']):>11}  "
                     f"{_pr(trained[part]['micro']):>15}")
    lines.append(f"trained, recall at the zero-shot's precision {zero['all']['micro']['precision']}: "
                 f"{trained['recall_at_zero_shot_precision']}; post × issue tags unlike the zero-shot's: "
                 f"{trained['tags_unlike_zero_shot']}")
    for size, cell in trained["learning_curve"].items():
        lines.append(f"learning curve {size:>3} rows: P R {_pr(cell)} at 0.5, recall at zero-shot P "
                     f"{cell['recall_at_zero_shot_precision']}, issues learned {cell['issues_learned_mean']}, "
                     f"tags unlike zero-shot {cell['tags_unlike_zero_shot']}")
    lines.append("simulation (points): estimator MAE cov width | audit alone MAE cov width | raw count MAE bias")
    for name, design in result["simulation"]["designs"].items():
        for tagger, by_prevalence in design["results"].items():
            for prevalence, m in by_prevalence.items():
                e, a, r = m["estimator"], m["audit_alone"], m["raw_count"]
                lines.append(f"{name:10} {tagger:11} {prevalence:>4}  {e['mean_abs_error_points']:5.2f} {e['coverage_95']:.3f} "
                             f"{e['mean_width_points']:5.2f} | {a['mean_abs_error_points']:5.2f} {a['coverage_95']:.3f} "
                             f"{a['mean_width_points']:5.2f} | {r['mean_abs_error_points']:5.2f} {r['mean_error_points']:+6.2f}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.issues", description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=1000, help="simulated weeks per design")
    parser.add_argument("--seed", type=int, default=20241127)
    args = parser.parse_args(argv)
    result = run(args.draws, args.seed)
    atomic_write_json(OUT, result)
    print("\n".join(table(result)))
    print(f"→ {OUT.relative_to(ROOT)} ({result['seconds']['total']} s, {result['seconds']['cpu']} s CPU)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
