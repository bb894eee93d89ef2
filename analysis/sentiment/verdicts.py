"""Training from reviewers' verdicts: the open labelled data plus the posts of the election being
watched, with their weight and the regularisation chosen by cross-validation on the verdicts
themselves (never on a public benchmark), and the probabilities recalibrated on held-out verdicts.

python -m analysis.sentiment.train --reviewed R.csv --out DIR   (R.csv: text,label[,week,…])
"""

from __future__ import annotations

import time
from collections import Counter
from datetime import date
from pathlib import Path

import numpy as np
from joblib import Parallel, delayed
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold
from threadpoolctl import threadpool_limits

from analysis.sentiment import crossfit
from analysis.sentiment.data import load_sets, without
from analysis.sentiment.embedded import CLASSES, EmbeddedSentiment, features_text
from analysis.sentiment.evaluation import evaluate
from denyut.errors import InputError
from denyut.io import atomic_write_json, atomic_write_text, read_csv_rows
from denyut.paths import EMBEDDED_MODEL_DIR

WEIGHTS = (1.0, 5.0, 25.0)  # how much one verdict counts against one review sentence
CS = (3.0, 10.0)
MIN_FOR_CV = 30
LABELS = {"positive": "positive", "neutral": "neutral", "negative": "negative",
          "positif": "positive", "netral": "neutral", "negatif": "negative"}


def read_reviewed(path: Path, weeks: list[str] | None = None) -> list[tuple[str, str, str]]:
    """(text, label, week) per row (of the given weeks only, when given); a bad label, an empty text or a broken
    row names its line and column."""
    return [(text, label, week) for text, label, week, _ in read_reviewed_parts(path, weeks)]


def read_reviewed_parts(path: Path, weeks: list[str] | None = None) -> list[tuple[str, str, str, str]]:
    """read_reviewed with each row's part of the sheet (audit, belajar; '' when the file does not say)."""
    rows = []
    for line, row in read_csv_rows(path, ["text", "label"]):
        label = row["label"].strip().lower()
        if label not in LABELS:
            raise InputError(path, line, "label", f"label tidak dikenal: {row['label']!r} (positive, neutral atau negative)")
        if not row["text"].strip():
            raise InputError(path, line, "text", "teks kosong")
        if weeks is None or (row.get("week") or "-") in weeks:
            rows.append((row["text"], LABELS[label], row.get("week") or "-", (row.get("part") or "").strip()))
    if not rows:
        which = f" untuk pekan {', '.join(weeks)}" if weeks else ""
        raise InputError(path, None, None, f"tidak ada vonis{which}")
    missing = sorted(set(weeks or []) - {week for _, _, week, _ in rows})
    if missing:
        raise InputError(path, None, "week", f"tidak ada vonis untuk pekan {', '.join(missing)}")
    return rows


def _fold_score(matrix, y, weights, base_n, train_idx, test_idx, weight, C) -> float:
    rows = np.concatenate([np.arange(base_n), base_n + train_idx])
    w = np.concatenate([weights[:base_n], np.full(len(train_idx), weight)])
    with threadpool_limits(1):
        model = LogisticRegression(C=C, max_iter=1000, tol=1e-3).fit(matrix[rows], y[rows], sample_weight=w)
    predicted = model.predict(matrix[base_n + test_idx])
    return float(f1_score(y[base_n + test_idx], predicted, average="macro", labels=range(len(CLASSES))))


def choose(base: list[tuple[str, str]], verdicts: list[tuple[str, str]], seed: int = 0) -> dict:
    """The verdicts' weight and C by stratified k-fold cross-validation on the verdicts: each fold's verdicts
    are scored by a model trained on the open data and the other folds. Also the open data alone (weight 0)."""
    texts = [t for t, _ in base] + [t for t, _ in verdicts]
    y = np.array([CLASSES.index(label) for _, label in base + verdicts])
    labels_v = y[len(base):]
    folds = min(5, max(2, int(np.bincount(labels_v, minlength=3)[np.bincount(labels_v, minlength=3) > 0].min())))
    if len(verdicts) < MIN_FOR_CV or folds < 2:
        return {"weight": WEIGHTS[1], "C": 10.0, "folds": 0, "cv": [], "cv_macro_f1": None, "base_cv_macro_f1": None}
    matrix = EmbeddedSentiment().fit_features([features_text(t) for t in texts])
    weights = np.ones(len(y))
    splits = list(StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed).split(np.zeros(len(labels_v)), labels_v))
    grid = [(0.0, 10.0)] + [(w, c) for w in WEIGHTS for c in CS]
    jobs = [(w, c, tr, te) for w, c in grid for tr, te in splits]
    scores = Parallel(n_jobs=2)(delayed(_fold_score)(matrix, y, weights, len(base), tr if w else tr[:0], te, w or 1.0, c)
                                for w, c, tr, te in jobs)
    table = []
    for k, (w, c) in enumerate(grid):
        fold_scores = scores[k * folds:(k + 1) * folds]
        table.append({"weight": w, "C": c, "macro_f1": round(float(np.mean(fold_scores)), 4)})
    best = max(table[1:], key=lambda r: (r["macro_f1"], -r["weight"], -r["C"]))
    return {"weight": best["weight"], "C": best["C"], "folds": folds, "cv": table, "cv_macro_f1": best["macro_f1"],
            "base_cv_macro_f1": table[0]["macro_f1"]}


def train(data_dir: Path | None, reviewed: Path, out_dir: Path, weeks: list[str] | None = None) -> dict:
    """A new model in out_dir (never the shipped one), with its metrics and card: from the open data and the
    verdicts when the open data is on this machine (data_dir), else the shipped model moved by the verdicts
    (analysis.sentiment.update), with nothing downloaded. Its metrics list the weeks whose audit it learned from."""
    return train_rows(data_dir, read_reviewed_parts(reviewed, weeks), out_dir, reviewed)


def train_crossfit(data_dir: Path | None, reviewed: Path, out_dir: Path, weeks: list[str] | None = None) -> dict:
    """`make train-sentiment`: the three cross-fitted models of analysis.sentiment.crossfit in out_dir."""
    rows = read_reviewed_parts(reviewed, weeks)
    built = {}
    for name, part in crossfit.plan(rows).items():
        built[name] = train_rows(data_dir, part, Path(out_dir) / name, reviewed)
    crossfit.write_index(out_dir, {name: m["audit_weeks"] for name, m in built.items()})
    return built


def train_rows(data_dir: Path | None, parts: list[tuple[str, str, str, str]], out_dir: Path, reviewed: Path) -> dict:
    rows = [(text, label, week) for text, label, week, _ in parts]
    started = time.perf_counter()
    if data_dir is None:
        model, metrics = _update_shipped(rows, out_dir)
    else:
        model, metrics = _train_with_open_data(data_dir, rows, out_dir)
    metrics |= {"version": model.version_, "trained": date.today().isoformat(), "verdicts": len(rows),
                "weeks": sorted({week for _, _, week in rows}), "audit_weeks": crossfit.audit_weeks_of(parts),
                "verdicts_per_week": dict(sorted(Counter(week for _, _, week in rows).items())),
                "verdict_labels": dict(Counter(label for _, label, _ in rows)), "temperature": model.temperature_,
                "train_seconds": round(time.perf_counter() - started, 1)}
    atomic_write_json(out_dir / "metrics.json", metrics)
    atomic_write_text(out_dir / "MODEL_CARD.md", card(metrics, reviewed))
    return metrics


def _update_shipped(rows: list[tuple[str, str, str]], out_dir: Path) -> tuple[EmbeddedSentiment, dict]:
    from analysis.sentiment.update import update

    prior = EmbeddedSentiment.load(EMBEDDED_MODEL_DIR)
    fresh, info = update(prior, [t for t, _, _ in rows], [label for _, label, _ in rows])
    fresh.save(out_dir)
    return EmbeddedSentiment.load(out_dir), {"model": "embedded+verdicts (prior)", "prior": prior.version_, **info,
                                             "train_rows": len(rows), "open_rows": 0}


def _train_with_open_data(data_dir: Path, rows: list[tuple[str, str, str]], out_dir: Path) -> tuple[EmbeddedSentiment, dict]:
    sets = load_sets(data_dir)
    held_out = sets["smsa_valid"] + sets["nusax_test"]
    base = without(sets["smsa_train"] + sets["nusax_train"] + sets["nusax_valid"], held_out)
    verdicts = [(t, label) for t, label, _ in rows]
    chosen = choose(base, verdicts)
    texts = [t for t, _ in base + verdicts]
    labels = [label for _, label in base + verdicts]
    weights = [1.0] * len(base) + [chosen["weight"]] * len(verdicts)
    fresh = EmbeddedSentiment(C=chosen["C"], tol=1e-4).fit(texts, labels, weights,
                                                           calibration_rows=list(range(len(base), len(texts))))
    fresh.save(out_dir)
    model = EmbeddedSentiment.load(out_dir)
    return model, {"model": "embedded+verdicts", "train_rows": len(texts), "open_rows": len(base), "chosen": chosen,
                   "calibration": fresh.calibration_, "smsa_valid": evaluate(model, sets["smsa_valid"]),
                   "nusax_test_without_smsa": evaluate(model, without(sets["nusax_test"], sets["smsa_train"]))}


def card(m: dict, reviewed: Path) -> str:
    c, cal = m["chosen"], m["calibration"]
    weeks = "\n".join(f"| {week} | {n} |" for week, n in m["verdicts_per_week"].items())
    prior = m["open_rows"] == 0
    if prior:
        cv = "\n".join(f"| {r['C']:g} | {r['macro_f1']:.3f} |" for r in c["cv"]) or "| – | – |"
        score = (f"{c['cv_macro_f1']:.3f} (model bawaan tanpa pembaruan: {c['prior_cv_macro_f1']:.3f})"
                 if c["cv_macro_f1"] is not None else f"tidak diukur: kurang dari {MIN_FOR_CV} vonis atau terlalu sedikit per nada")
        data = (f"model bawaan `{m['prior']}` sebagai titik awal, digeser oleh {m['verdicts']} vonis peninjau dari "
                f"`{reviewed}` (penalti L2 ke arah bobot bawaan, C = {c['C']:g}); data berlabel terbuka tidak dipakai "
                "dan tidak diunduh")
        table = "| C | macro-F1 |\n|---:|---:|\n" + cv
        open_scores = "Data uji terbuka tidak ada di mesin ini, jadi skor pembandingnya tidak dihitung."
    else:
        cv = "\n".join(f"| {r['weight']:g} | {r['C']:g} | {r['macro_f1']:.3f} |" for r in c["cv"]) or "| – | – | – |"
        score = (f"{c['cv_macro_f1']:.3f} (data terbuka saja: {c['base_cv_macro_f1']:.3f})" if c["cv_macro_f1"] is not None
                 else f"tidak diukur: kurang dari {MIN_FOR_CV} vonis atau terlalu sedikit per nada")
        data = (f"{m['open_rows']} teks berlabel terbuka (SmSA, NusaX-id) ditambah {m['verdicts']} vonis peninjau dari "
                f"`{reviewed}`, tiap vonis berbobot {c['weight']:g}, regularisasi C = {c['C']:g}")
        table = "| bobot vonis | C | macro-F1 |\n|---:|---:|---:|\n" + cv
        open_scores = (f"Pada data uji terbuka (hanya sebagai pembanding, tidak untuk memilih): SmSA valid macro-F1 "
                       f"{m['smsa_valid']['macro_f1']:.3f}, NusaX-id test {m['nusax_test_without_smsa']['macro_f1']:.3f}.")
    calibration = (f"pada {cal['n']} vonis yang disisihkan: T = {m['temperature']}, ECE {cal['ece_before']:.3f} → {cal['ece']:.3f}"
                   if cal.get("ece") is not None else "tidak disetel ulang (terlalu sedikit vonis)")
    return f"""# Model sentimen Denyut yang belajar dari vonis peninjau

- **Versi**: `{m['version']}`; dilatih {m['trained']} dalam {m['train_seconds']} detik.
- **Data latih**: {data}.
- **Pekan vonis**: {', '.join(m['weeks'])}.
- **Audit yang dipelajari**: {', '.join(m.get('audit_weeks') or []) or 'tidak ada'}. Model ini tidak dipakai untuk
  melabeli pekan-pekan itu: perkiraan porsi sebuah pekan memeriksa model dengan audit pekan itu, dan model yang
  sudah mempelajari audit itu akan tampak sempurna (`make train-sentiment` melatih tiga model yang saling silang).
- **Dipilih dengan validasi silang** ({c['folds']} lipatan, bertingkat per nada) pada vonis itu sendiri, tidak pada
  data uji publik. Macro-F1 lintas-lipatan pada unggahan pemilu yang ditinjau: {score}.
- **Kalibrasi** {calibration}.
- **Pakai**: `python -m analysis.sentiment --model {'{'}folder ini{'}'}` atau `analysis.sentiment_model` di konfigurasi.
  Model bawaan tidak ditimpa.

## Vonis per pekan

| pekan | vonis |
|---|---:|
{weeks}

## Validasi silang

{table}

{open_scores}
"""
