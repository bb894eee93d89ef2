"""Sentiment benchmark → bench/results/sentiment.json.

Quality of the embedded model on held-out labelled data, its throughput, and on the
IndoBERT-base architecture (random weights: speed only) naive PyTorch fp32 batch-1 versus
the optimised CPU path (ONNX Runtime int8, length-sorted batches), measured in the same run.
"""

from __future__ import annotations

import argparse
import copy
import csv
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from analysis.sentiment import load_model
from analysis.sentiment.evaluation import evaluate, evaluate_polarity
from analysis.sentiment.sources import DownloadError, labelled_data
from demo.generate import generate
from denyut.io import atomic_write_json
from denyut.normalize import normalize
from denyut.paths import ROOT, SHARED_DATA
from denyut.timestamps import now_utc

OUT = ROOT / "bench" / "results" / "sentiment.json"


def posts_per_second(predict, texts: list[str], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        normalize.cache_clear()  # every run sees the texts for the first time
        started = time.perf_counter()
        predict(texts)
        best = min(best, time.perf_counter() - started)
    return len(texts) / best


def quality(data_dir: Path) -> dict:
    from analysis.sentiment.data import load_sets, read_emot, without

    if not (data_dir / "sentiment").is_dir():
        return {"skipped": f"labelled data not found at {data_dir}"}
    sets = load_sets(data_dir)
    model = load_model("embedded")
    nusax = without(sets["nusax_test"], sets["smsa_train"])
    result = {"model": f"embedded@{model.version_}", "smsa_valid": evaluate(model, sets["smsa_valid"]),
              "nusax_test_without_smsa": evaluate(model, nusax)}
    emot = data_dir / "emotion" / "emot" / "valid.csv"
    if emot.is_file():  # out of domain: tweets, labelled negative or positive only
        result["emot_valid_tweets"] = evaluate_polarity(model, read_emot(emot))
    if model.mix_:  # ablation: the n-gram view alone (GRU weight 0; argmax unaffected by the temperature)
        linear = copy.copy(model)
        linear.mix_ = 0.0
        result["ngram_view_only"] = {"smsa_valid_macro_f1": evaluate(linear, sets["smsa_valid"])["macro_f1"],
                                     "nusax_test_without_smsa_macro_f1": evaluate(linear, nusax)["macro_f1"]}
    return result


def demo_quality() -> dict:
    """Against the demo generator's intended labels: election-style slang, sarcasm and emoji, but
    written by the same people as the lexicon, so a check of direction, not an accuracy claim."""
    from sklearn.metrics import f1_score

    items = [item for item in generate(seed=1) if item.lang == "id"]
    predicted = load_model("embedded").predict([item.text for item in items])
    return {"n": len(items), "macro_f1": round(float(f1_score([item.sentiment for item in items], predicted, average="macro")), 4)}


def embedded_speed(election: list[str], reviews: list[str]) -> dict:
    from unittest import mock

    model = load_model("embedded")
    fast = posts_per_second(model.predict_proba, election)
    # baseline, same run: the hasher run over every post's n-grams instead of once per distinct word
    with mock.patch("analysis.sentiment.embedded._per_word", lambda hasher, prepared: hasher.transform(prepared).tocsr()):
        baseline = posts_per_second(model.predict_proba, election)
    return {"election_posts_per_s": round(fast),
            "election_posts_per_s_hashing_each_post": round(baseline),
            "speedup_hashing_each_word_once": round(fast / baseline, 2),
            "review_texts_per_s": round(posts_per_second(model.predict_proba, reviews)) if reviews else None,
            "election_mean_chars": round(float(np.mean([len(t) for t in election])), 1),
            "review_mean_chars": round(float(np.mean([len(t) for t in reviews])), 1) if reviews else None}


def indobert_speed(texts: list[str], n_naive: int, n_fast: int) -> dict:
    import torch

    from analysis.sentiment.randombert import INDOBERT_BASE, build
    from analysis.sentiment.transformer import TransformerSentiment

    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("DENYUT_CACHE", str(Path(tmp) / "cache"))
        folder = build(Path(tmp) / "indobert-base-random", texts, INDOBERT_BASE)
        naive = TransformerSentiment(str(folder), runtime="torch", batch_size=1).load()
        sample = texts[:n_naive]
        naive.predict_proba(sample[:5])  # warm-up
        baseline = posts_per_second(naive.predict_proba, sample, repeat=1)
        batched = TransformerSentiment(str(folder), runtime="torch", batch_size=32).load()
        batched_rate = posts_per_second(batched.predict_proba, texts[:n_fast], repeat=1)
        started = time.perf_counter()
        fast = TransformerSentiment(str(folder), runtime="onnx-int8", batch_size=32).load()
        export_s = time.perf_counter() - started
        fast.predict_proba(texts[:32])
        fast_rate = posts_per_second(fast.predict_proba, texts[:n_fast], repeat=2)
        vocab = sum(1 for _ in open(folder / "vocab.txt", encoding="utf-8"))
        result = {"architecture": INDOBERT_BASE | {"vocab_size": vocab}, "max_length": 128, "torch_threads": torch.get_num_threads(),
                  "naive_fp32_batch1_posts_per_s": round(baseline, 1),
                  "torch_fp32_batch32_sorted_posts_per_s": round(batched_rate, 1),
                  "onnx_int8_batch32_sorted_posts_per_s": round(fast_rate, 1),
                  "speedup_onnx_int8_vs_naive": round(fast_rate / baseline, 2),
                  "onnx_export_and_quantize_s": round(export_s, 1)}
        if torch.cuda.is_available():
            gpu = TransformerSentiment(str(folder), runtime="cuda-fp16", batch_size=128).load()
            gpu.predict_proba(texts[:128])
            result["gpu"] = {"device": torch.cuda.get_device_name(0),
                             "cuda_fp16_batch128_posts_per_s": round(posts_per_second(gpu.predict_proba, texts, repeat=3), 1)}
        return result


def contract_speed(n: int = 50_000, seed: int = 11) -> dict:
    """The file contract end to end (start-up, reading, writing), on n tweet-length posts: one worker
    (how it ran before) against the default (both cores), alternating, in the same run."""
    rng = random.Random(seed)
    items = [item.text for item in generate(seed=seed, scale=4) if item.lang == "id"]
    texts = [(a + " " + b)[:rng.randint(140, 200)] for a, b in (rng.sample(items, 2) for _ in range(n))]
    with tempfile.TemporaryDirectory() as folder:
        src = Path(folder) / "posts.csv"
        with open(src, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["id", "text"])
            writer.writerows([i, t] for i, t in enumerate(texts))
        times: dict[str, list[float]] = {"1": [], "default": []}
        for _ in range(3):
            for workers in ("1", "default"):
                command = [sys.executable, "-m", "analysis.sentiment", "--in", str(src), "--out", str(Path(folder) / f"out-{workers}.csv")]
                started = time.perf_counter()
                subprocess.run(command + ([] if workers == "default" else ["--workers", workers]), check=True, capture_output=True)
                times[workers].append(time.perf_counter() - started)
        same = (Path(folder) / "out-1.csv").read_bytes() == (Path(folder) / "out-default.csv").read_bytes()
    one, both = statistics.median(times["1"]), statistics.median(times["default"])
    return {"posts": n, "mean_chars": round(statistics.mean(len(t) for t in texts), 1), "cpus": os.cpu_count(),
            "one_worker_s": round(one, 2), "default_s": round(both, 2), "one_worker_posts_per_s": round(n / one),
            "default_posts_per_s": round(n / both), "speedup": round(one / both, 2), "same_bytes": same}


def nusax_local_zero_shot(data_dir: Path) -> dict:
    """The shipped model on each NusaX local-language test set (never trained on): how much of election
    talk in Javanese, Sundanese, Madurese and the others it can read today."""
    from analysis.sentiment.data import read_nusax

    model = load_model("embedded")
    folder = data_dir / "sentiment" / "nusax-local"
    return {lang.name: {k: v for k, v in evaluate(model, read_nusax(lang / "test.csv")).items() if k in ("n", "macro_f1", "accuracy")}
            for lang in sorted(folder.iterdir()) if (lang / "test.csv").is_file()} if folder.is_dir() else {}


def learning_curve(data_dir: Path, sizes=(0, 100, 200, 400, 800), seed: int = 42) -> dict:
    """Score on the demo's other posts against the number of verdicts, picked at random or by the review
    sheet's own teaching picks (uncertain and unlike each other), in the same run. The classifier is the
    embedded model's (same features, logistic regression, verdicts weighted 5); the demo's templates are
    easier than real posts, so the gap between the curves matters more than their height."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score

    from analysis.analyze.sample import teaching_picks
    from analysis.sentiment.data import load_sets, without
    from analysis.sentiment.embedded import CLASSES, EmbeddedSentiment, features_text

    sets = load_sets(data_dir)
    base = without(sets["smsa_train"] + sets["nusax_train"] + sets["nusax_valid"], sets["smsa_valid"] + sets["nusax_test"])
    items = [item for item in generate(seed=seed) if item.lang == "id"]
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(items))
    pool, test = order[: int(0.7 * len(items))], order[int(0.7 * len(items)):]
    texts = [t for t, _ in base] + [item.text for item in items]
    y = np.array([CLASSES.index(label) for _, label in base] + [CLASSES.index(item.sentiment) for item in items])
    prepared = [features_text(t) for t in texts]
    matrix = EmbeddedSentiment().fit_features(prepared)
    offset = len(base)

    def fit(chosen: list[int]):
        rows = np.concatenate([np.arange(offset), offset + np.array(chosen, dtype=int)])
        weights = np.concatenate([np.ones(offset), np.full(len(chosen), 5.0)])
        return LogisticRegression(C=10.0, max_iter=1000, tol=1e-3).fit(matrix[rows], y[rows], sample_weight=weights)

    def score(classifier) -> float:
        return round(float(f1_score(y[offset + test], classifier.predict(matrix[offset + test]), average="macro")), 4)

    curves = {}
    for strategy in ("random", "teaching_picks"):
        chosen: list[int] = []
        classifier = fit(chosen)
        curve = [{"verdicts": 0, "macro_f1": score(classifier)}]
        for size in sizes[1:]:
            left = [int(i) for i in pool if int(i) not in set(chosen)]
            if strategy == "random":
                new = [left[j] for j in rng.choice(len(left), size=size - len(chosen), replace=False)]
            else:
                proba = classifier.predict_proba(matrix[offset + np.array(left)])
                picks = teaching_picks(proba, [prepared[offset + i] for i in left], [str(i) for i in left], size - len(chosen))
                new = [left[j] for j in picks]
            chosen += new
            classifier = fit(chosen)
            curve.append({"verdicts": len(chosen), "macro_f1": score(classifier)})
        curves[strategy] = curve
    return {"pool": len(pool), "test": len(test), "curves": curves}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.sentiment", description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="labelled data (default: ../shared/data, else a fetched copy)")
    parser.add_argument("--naive", type=int, default=200, help="posts for the slow fp32 batch-1 baseline")
    parser.add_argument("--fast", type=int, default=2000, help="posts for the batched paths")
    parser.add_argument("--skip-indobert", action="store_true")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    try:
        args.data = labelled_data(args.data)
    except DownloadError as exc:  # offline without ../shared: speed is still worth measuring
        print(f"quality skipped: {exc}")
        args.data = SHARED_DATA
    election = [item.text for item in generate(seed=99) if item.lang == "id"]
    reviews = []
    if (args.data / "sentiment" / "smsa" / "valid.tsv").is_file():
        from analysis.sentiment.data import read_smsa

        reviews = [t for t, _ in read_smsa(args.data / "sentiment" / "smsa" / "valid.tsv")] * 4
    result = {"measured_at": now_utc(), "machine": {
        "cpus": os.cpu_count(), "python": platform.python_version(), "processor": platform.machine()},
        "quality": quality(args.data) | {"demo_synthetic_election": demo_quality()}, "embedded_speed": embedded_speed(election, reviews),
        "contract_speed_50k": contract_speed()}
    if (args.data / "sentiment" / "smsa" / "train.tsv").is_file():
        result["learning_curve_demo"] = learning_curve(args.data)
        result["nusax_local_zero_shot"] = nusax_local_zero_shot(args.data)
    if not args.skip_indobert:
        result["indobert_base_speed"] = indobert_speed(election, args.naive, args.fast)
    atomic_write_json(args.out, result)
    print(f"→ {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
