"""Training from reviewers' verdicts through the contract, on a small cut of the open data (fast)."""

import csv
import hashlib

import pytest

from analysis.sentiment.__main__ import main as sentiment_cli
from analysis.sentiment.train import main as train_cli
from demo.generate import generate
from denyut.paths import EMBEDDED_MODEL_DIR

FILES = ["sentiment/smsa/train.tsv", "sentiment/smsa/valid.tsv", "sentiment/nusax-id/train.csv",
         "sentiment/nusax-id/valid.csv", "sentiment/nusax-id/test.csv"]


@pytest.fixture
def small_data(shared_data, tmp_path):
    """The first rows of each open file, in the same layout (a test-only cut, never committed)."""
    for name in FILES:
        lines = (shared_data / name).read_text(encoding="utf-8").splitlines(keepends=True)
        target = tmp_path / "data" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("".join(lines[:600]), encoding="utf-8")
    return tmp_path / "data"


@pytest.fixture
def verdicts(tmp_path):
    items = [i for i in generate(seed=3, scale=0.12) if i.lang == "id"]
    path = tmp_path / "verdicts.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "label", "week"])
        writer.writerows([i.text, i.sentiment, i.week] for i in items)
    return path, items


@pytest.mark.slow
def test_verdicts_train_a_new_model_chosen_on_the_verdicts_and_the_shipped_one_stays(small_data, verdicts, tmp_path):
    path, items = verdicts
    shipped = hashlib.sha256((EMBEDDED_MODEL_DIR / "model.safetensors").read_bytes()).hexdigest()
    out = tmp_path / "model"
    assert train_cli(["--data", str(small_data), "--reviewed", str(path), "--out", str(out)]) == 0
    metrics = __import__("json").loads((out / "metrics.json").read_text())
    chosen = metrics["chosen"]
    assert chosen["weight"] in (1.0, 5.0, 25.0) and chosen["C"] in (3.0, 10.0) and chosen["folds"] >= 2
    assert chosen["cv_macro_f1"] > chosen["base_cv_macro_f1"]  # the election's own posts teach what reviews cannot
    assert metrics["calibration"]["n"] >= 30 and 0 <= metrics["calibration"]["ece"] <= 1
    assert sum(metrics["verdicts_per_week"].values()) == len(items)
    card = (out / "MODEL_CARD.md").read_text()
    assert f"| {items[0].week} | " in card and "validasi silang" in card.lower()
    assert hashlib.sha256((EMBEDDED_MODEL_DIR / "model.safetensors").read_bytes()).hexdigest() == shipped
    # the normal loading path serves it
    src = tmp_path / "in.csv"
    src.write_text("id,text\n1,kecewa berat antre lama sekali\n", encoding="utf-8")
    assert sentiment_cli(["--in", str(src), "--out", str(tmp_path / "o.csv"), "--model", str(out)]) == 0
    assert (tmp_path / "o.csv").read_text().splitlines()[1].split(",")[2] in ("negative", "neutral", "positive")


def test_the_shipped_model_is_never_the_target_and_a_bad_verdict_names_its_line(tmp_path, capsys):
    path = tmp_path / "R.csv"
    path.write_text("text,label\nbagus sekali,positive\njelek,buruk\n")
    assert train_cli(["--reviewed", str(path)]) == 2
    assert "model bawaan" in capsys.readouterr().err
    assert train_cli(["--reviewed", str(path), "--out", str(tmp_path / "m")]) == 2
    assert "R.csv, baris 3: kolom 'label' label tidak dikenal: 'buruk'" in capsys.readouterr().err


@pytest.mark.slow
def test_without_the_open_data_the_shipped_model_learns_from_the_verdicts_of_the_chosen_weeks_with_no_download(
        verdicts, tmp_path, monkeypatch):
    import json

    import analysis.sentiment.sources as sources
    import analysis.sentiment.train as train

    path, items = verdicts
    monkeypatch.setattr(train, "local_labelled_data", lambda data: None)  # a machine without ../shared or a cache
    monkeypatch.setattr(sources, "fetch", lambda *a, **k: pytest.fail("nothing may be downloaded"))
    weeks = sorted({i.week for i in items})[:3]
    shipped = hashlib.sha256((EMBEDDED_MODEL_DIR / "model.safetensors").read_bytes()).hexdigest()
    out = tmp_path / "model"
    assert train_cli(["--reviewed", str(path), "--out", str(out), "--weeks", ",".join(weeks)]) == 0
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["open_rows"] == 0 and metrics["weeks"] == weeks
    assert metrics["verdicts"] == sum(1 for i in items if i.week in weeks)
    chosen = metrics["chosen"]
    assert chosen["cv_macro_f1"] >= chosen["prior_cv_macro_f1"]  # the verdicts move it, and not backwards
    assert hashlib.sha256((EMBEDDED_MODEL_DIR / "model.safetensors").read_bytes()).hexdigest() == shipped
    assert "tidak diunduh" in (out / "MODEL_CARD.md").read_text()
    held = [i for i in items if i.week not in weeks][:400]  # posts of other weeks: the new model reads them better
    from analysis.sentiment import load_model
    from analysis.sentiment.evaluation import evaluate
    old, new = (evaluate(load_model(m), [(i.text, i.sentiment) for i in held]) for m in ("embedded", str(out)))
    assert new["macro_f1"] > old["macro_f1"]
    assert train_cli(["--reviewed", str(path), "--out", str(tmp_path / "m2"), "--weeks", "2031-W01"]) == 2
