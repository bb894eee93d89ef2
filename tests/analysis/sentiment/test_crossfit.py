"""Learning from the audit must not break the intervals: a simulation of the review loop (a biased model, weekly
audits and learning rows, a model that learns from the verdicts, every week estimated again) run through the real
cross-fitting plan, model choice and estimator."""

import json

import numpy as np
import pytest

from analysis.estimate import CLASSES, estimate
from analysis.sentiment import crossfit
from denyut.errors import DenyutError

WEEKS = ["2024-W44", "2024-W45", "2024-W46", "2024-W47"]
POSTS, AUDIT, LEARNING = 1500, 200, 100
MIX = [[0.45, 0.30, 0.25], [0.40, 0.30, 0.30], [0.30, 0.35, 0.35], [0.25, 0.35, 0.40]]  # the true shares move


def _world(rng):
    """Per week: true labels, a biased model's probabilities (it calls too much negative), the audit (a simple random
    sample) and the learning rows (other posts the model doubts most)."""
    weeks = {}
    for week, mix in zip(WEEKS, MIX):
        truth = rng.choice(3, size=POSTS, p=mix)
        logits = rng.normal(0, 1.0, (POSTS, 3))
        logits[np.arange(POSTS), truth] += 1.3
        logits[:, 0] += 0.7  # the bias: negative over-called
        proba = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
        audit = rng.choice(POSTS, size=AUDIT, replace=False)
        rest = np.setdiff1d(np.arange(POSTS), audit)
        learning = rest[np.argsort(proba[rest].max(axis=1))[:LEARNING]]
        weeks[week] = {"truth": truth, "proba": proba, "audit": audit, "learning": learning}
    return weeks


def _learn(proba: np.ndarray, keys: list[str], taught: dict[str, int]) -> np.ndarray:
    """What a model trained on the verdicts does: it reproduces the labels of the posts it learned (a model that
    learned 200 posts of a week agrees with them almost always) and moves the rest a little toward the truth."""
    out = proba.copy()
    for i, key in enumerate(keys):
        if key in taught:
            out[i] = 0.01
            out[i, taught[key]] = 0.98
    return out


def _rows(weeks) -> list[tuple[str, str, str, str]]:
    rows = []
    for week, w in weeks.items():
        rows += [(f"{week}/{i}", CLASSES[w["truth"][i]], week, "audit") for i in w["audit"]]
        rows += [(f"{week}/{i}", CLASSES[w["truth"][i]], week, "belajar") for i in w["learning"]]
    return rows


def _covered(weeks, model_rows_for_week) -> list[bool]:
    hits = []
    for week, w in weeks.items():
        taught = {text: CLASSES.index(label) for text, label, _, _ in model_rows_for_week(week)}
        proba = _learn(w["proba"], [f"{week}/{i}" for i in range(POSTS)], taught)
        labels = [CLASSES[k] for k in proba.argmax(axis=1)]
        result = estimate(proba, labels, w["audit"], [CLASSES[k] for k in w["truth"][w["audit"]]])
        for k, name in enumerate(CLASSES):
            share = result.shares[name]
            hits.append(share.ci_low <= float(np.mean(w["truth"] == k)) <= share.ci_high)
    return hits


def _coverage(policy: str, draws: int = 60) -> float:
    rng, hits = np.random.default_rng(20241203), []
    for _ in range(draws):
        weeks = _world(rng)
        rows = _rows(weeks)
        if policy == "one model of every verdict":  # what the loop did before cross-fitting
            hits += _covered(weeks, lambda week, rows=rows: rows)
        else:
            plan = crossfit.plan(rows)
            index = {name: crossfit.audit_weeks_of(plan[name]) for name in (crossfit.ALL, *crossfit.FOLDS)}
            hits += _covered(weeks, lambda week, plan=plan, index=index: plan[crossfit.choose(index, week)])
    return float(np.mean(hits))


def test_cross_fitted_models_keep_the_intervals_of_the_weeks_they_learned_from():
    assert _coverage("cross-fitted") >= 0.92


def test_one_model_of_every_verdict_breaks_them_as_the_report_found():
    # the failure the cross-fitting prevents, reproduced: the learned model agrees with its own audit
    assert _coverage("one model of every verdict") < 0.80


def test_each_fold_model_labels_the_weeks_whose_audit_it_never_saw():
    rows = [(f"{w}/{i}", "negative", w, part) for w in WEEKS for i, part in enumerate(["audit", "belajar"])]
    plan = crossfit.plan(rows)
    index = {name: crossfit.audit_weeks_of(plan[name]) for name in (crossfit.ALL, *crossfit.FOLDS)}
    assert index[crossfit.ALL] == WEEKS
    assert sorted(index["lipat-1"] + index["lipat-2"]) == WEEKS and not set(index["lipat-1"]) & set(index["lipat-2"])
    for week in WEEKS:
        chosen = crossfit.choose(index, week)
        assert week not in index[chosen]
        # every learning row is in every model: they are never an audit
        assert {r for r in rows if r[3] == "belajar"} <= set(plan[chosen])
    assert crossfit.choose(index, "2024-W48") == crossfit.ALL  # a week reviewed later: the model of every verdict


def test_a_model_that_learned_a_week_s_audit_is_refused_for_that_week(tmp_path):
    (tmp_path / "metrics.json").write_text(json.dumps({"audit_weeks": ["2024-W47"]}))
    crossfit.check(tmp_path, "2024-W48")
    with pytest.raises(DenyutError, match="2024-W47.*make train-sentiment"):
        crossfit.check(tmp_path, "2024-W47")


@pytest.mark.slow
def test_make_train_sentiment_cross_fits_and_analyze_labels_each_week_with_a_model_that_never_saw_its_audit(
        tmp_path, key_env, monkeypatch):
    import analysis.sentiment.train as train
    from analysis import analyze
    from collectors.__main__ import run as collect
    from demo import generate, review
    from denyut.config import load_config
    from denyut.formats.processed import meta_path
    from denyut.paths import ROOT
    from tests.conftest import write_config

    generate.main(["--out", str(tmp_path / "in"), "--scale", "0.1"])
    text = (ROOT / "config" / "demo.yaml").read_text(encoding="utf-8")
    for old, new in (("build/demo/input/", "in/"), ("build/demo/data", "data"), ("build/demo/reports", "reports"),
                     ("build/demo/public", "public")):
        text = text.replace(old, new)
    path = write_config(tmp_path, text)
    (tmp_path / "config" / "demo-hoaxes.yaml").write_text((ROOT / "config" / "demo-hoaxes.yaml").read_text("utf-8"), "utf-8")
    collect(str(path))
    analyze.run(str(path))
    review.review(str(path), tmp_path / "in" / "truth.csv")
    analyze.run(str(path))  # the verdicts reach data/review/verdicts.csv
    monkeypatch.setattr(train, "local_labelled_data", lambda data: None)  # the shipped model, moved by the verdicts
    assert train.main(["--learn", "--config", str(path)]) == 0
    folder = load_config(path).data_dir / "models" / "verdicts"
    index = crossfit.read_index(folder)
    assert set(index) == {crossfit.ALL, *crossfit.FOLDS}
    path.write_text(text.replace("sentiment_model: embedded", f"sentiment_model: {json.dumps(str(folder))}"), "utf-8")
    assert set(analyze.run(str(path)).values()) == {"analyzed"}
    config = load_config(path)
    for week in index[crossfit.ALL]:
        used = json.loads(meta_path(config.processed_dir, week).read_text())["sentiment_model"]
        name = used.split(":")[1].split("@")[0]
        assert name in crossfit.FOLDS and week not in index[name], (week, used)
