"""Benchmark of the share estimator on the demo's ground truth → bench/results/estimate.json.

Each demo week is a population: the embedded model labels every Indonesian post (the pipeline's
own code), the truth file plays the reviewers. For audit sizes 50/100/200/400, repeated random
audits give, per method, the mean absolute error of the three shares (percentage points), how
often the 95% interval holds the true share, and the mean half-width: (a) the model's raw counts
with the Wilson interval the page prints today, (b) the audited sample alone, (c) the estimator.
The demo's texts are written by the same people as the lexicon, so the model reads them better
than real posts: the gap between (a) and (c) is smaller here than on real election posts.
"""

from __future__ import annotations

import argparse
import platform
import time
from collections import defaultdict

import numpy as np
from scipy.stats import binomtest

from analysis.estimate import CLASSES, estimate
from analysis.sentiment import classify, load_model
from demo.generate import generate
from denyut.io import atomic_write_json
from denyut.paths import ROOT
from denyut.timestamps import now_utc

SIZES = (50, 100, 200, 400)


def _weeks(seed: int) -> dict[str, dict]:
    items = [item for item in generate(seed=seed) if item.lang == "id"]
    model = load_model("embedded")
    labels, proba = classify(model, [item.text for item in items])
    weeks: dict[str, dict] = defaultdict(lambda: {"truth": [], "labels": [], "proba": []})
    for item, label, p in zip(items, labels, proba):
        weeks[item.week]["truth"].append(item.sentiment)
        weeks[item.week]["labels"].append(label)
        weeks[item.week]["proba"].append(p)
    return {week: {k: np.array(v) for k, v in data.items()} for week, data in sorted(weeks.items())}


def _raw(labels: np.ndarray) -> dict[str, tuple[float, float, float]]:
    out = {}
    for name in CLASSES:
        k = int((labels == name).sum())
        ci = binomtest(k, len(labels)).proportion_ci(method="wilson")
        out[name] = (k / len(labels), ci.low, ci.high)
    return out


def run(draws: int, seed: int) -> dict:
    weeks = _weeks(seed)
    rng = np.random.default_rng(seed)
    results = {}
    started = time.perf_counter()
    for size in SIZES:
        tally = {m: {"abs_errors": [], "covered": [], "half_widths": []} for m in ("raw_model", "audit_alone", "estimator")}
        for data in weeks.values():
            n_posts = len(data["truth"])
            if size >= n_posts:
                continue
            true = {name: float((data["truth"] == name).mean()) for name in CLASSES}
            raw = _raw(data["labels"])
            for _ in range(draws):
                audit = rng.choice(n_posts, size=size, replace=False)
                verdicts = data["truth"][audit]
                methods = {"raw_model": raw,
                           "audit_alone": estimate(data["proba"], data["labels"], audit, verdicts, weight=0.0),
                           "estimator": estimate(data["proba"], data["labels"], audit, verdicts)}
                for method, result in methods.items():
                    for name in CLASSES:
                        value, low, high = result[name] if method == "raw_model" else (
                            result.shares[name].value, result.shares[name].ci_low, result.shares[name].ci_high)
                        tally[method]["abs_errors"].append(abs(value - true[name]) * 100)
                        tally[method]["covered"].append(low <= true[name] <= high)
                        tally[method]["half_widths"].append((high - low) / 2 * 100)
        results[str(size)] = {method: {"mean_abs_error_points": round(float(np.mean(t["abs_errors"])), 2),
                                       "coverage_95": round(float(np.mean(t["covered"])), 3),
                                       "mean_half_width_points": round(float(np.mean(t["half_widths"])), 2)}
                              for method, t in tally.items()}
    accuracy = float(np.mean(np.concatenate([d["labels"] == d["truth"] for d in weeks.values()])))
    return {"measured_at": now_utc(), "machine": {"python": platform.python_version(), "processor": platform.processor()},
            "data": f"demo weeks (seed {seed}): {len(weeks)} populations of "
                    f"{min(len(d['truth']) for d in weeks.values())}-{max(len(d['truth']) for d in weeks.values())} posts",
            "model_accuracy_on_demo": round(accuracy, 3), "draws_per_week_and_size": draws,
            "seconds": round(time.perf_counter() - started, 1), "audit_sizes": results}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.estimate", description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=200)
    parser.add_argument("--seed", type=int, default=20241127)
    args = parser.parse_args(argv)
    result = run(args.draws, args.seed)
    atomic_write_json(ROOT / "bench" / "results" / "estimate.json", result)
    for size, methods in result["audit_sizes"].items():
        print(size, "  ".join(f"{m}: MAE {v['mean_abs_error_points']} cov {v['coverage_95']} ±{v['mean_half_width_points']}"
                              for m, v in methods.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
