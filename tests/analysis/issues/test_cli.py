"""The contracts outside checks use: `python -m analysis.issues` and `python -m analysis.issues.train`."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from analysis.issues import __main__ as label_cli
from analysis.issues import train as train_cli
from analysis.issues.core import IssueTagger
from analysis.sentiment import crossfit
from denyut import cli
from denyut.paths import ROOT
from denyut.taxonomy import load_taxonomy
from tests.analysis.issues import synthetic

WEEKS = ["2024-W10", "2024-W11", "2024-W12", "2024-W13"]
IDS = ["politik-uang", "logistik", "hoaks", "inklusi"]


def _write(path: Path, header: list[str], rows: list[list]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _read(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _reviewed(path: Path, n: int = 400) -> Path:
    """Verdicts over four weeks; W13's only from the learning part (its audit not reviewed)."""
    rows = []
    for i, (text, issues) in enumerate(synthetic.posts(n, seed=1)):
        week = WEEKS[i % 4]
        part = "belajar" if week == "2024-W13" or i % 5 == 0 else "audit"
        rows.append([text, ";".join(issues) or "-", week, part])
    return _write(path, ["text", "issues", "week", "part"], rows)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A project with the synthetic taxonomy, reviewed verdicts, and the cross-fitted models trained from them."""
    root = tmp_path_factory.mktemp("project")
    config = synthetic.write_config(root)
    reviewed = _reviewed(root / "reviewed.csv")
    assert train_cli.main(["--reviewed", str(reviewed), "--out", str(root / "model"), "--config", str(config)]) == 0
    return root, config


def test_train_then_label_round_trips_through_the_command_line_contracts(tmp_path, project):
    root, config = project
    posts = synthetic.posts(30, seed=7)
    _write(tmp_path / "x.csv", ["id", "text", "note"], [[f"p{i}", text, "keep me"] for i, (text, _) in enumerate(posts)])
    run = subprocess.run([sys.executable, "-m", "analysis.issues", "--in", str(tmp_path / "x.csv"), "--out",
                          str(tmp_path / "y.csv"), "--model", str(root / "model"), "--config", str(config)],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    rows = _read(tmp_path / "y.csv")
    assert list(rows[0]) == ["id", "text", "note", "issues"] + [f"p_{i}" for i in IDS]
    assert [r["id"] for r in rows] == [f"p{i}" for i in range(30)] and {r["note"] for r in rows} == {"keep me"}
    for row in rows:
        assert (row["issues"].split(";") if row["issues"] else []) == [i for i in IDS if float(row[f"p_{i}"]) >= 0.5]
    agree = sum(set(filter(None, r["issues"].split(";"))) == set(issues) for r, (_, issues) in zip(rows, posts))
    assert agree >= 27  # the trained model reads these posts as the reviewers would


def test_without_a_model_the_command_tags_what_the_patterns_match(tmp_path, project):
    _, config = project
    texts = ["awas serangan fajar di rt 05 😡", "dikasih duit 50rb asal nyoblos paslon 02", "tinta printer abis"]
    _write(tmp_path / "x.csv", ["text"], [[t] for t in texts])
    assert label_cli.main(["--in", str(tmp_path / "x.csv"), "--out", str(tmp_path / "y.csv"), "--config", str(config)]) == 0
    rows = _read(tmp_path / "y.csv")
    assert [r["issues"] for r in rows] == ["politik-uang", "", "logistik"]
    assert [r["p_politik-uang"] for r in rows] == ["1.0000", "0.0000", "0.0000"]


def test_audit_weeks_are_recorded_for_each_cross_fitted_model_as_for_sentiment(project):
    root, _ = project
    rows = train_cli.read_reviewed(root / "reviewed.csv", load_taxonomy(root / "config" / "issues.yaml"))
    plan = crossfit.plan(rows)
    index = crossfit.read_index(root / "model")
    assert list(index) == ["semua", "lipat-1", "lipat-2"]
    for name, part in plan.items():
        metrics = json.loads((root / "model" / name / "metrics.json").read_text(encoding="utf-8"))
        assert metrics["audit_weeks"] == crossfit.audit_weeks_of(part) == index[name]
        assert metrics["verdicts"] == len(part)
        assert "2024-W13" not in metrics["audit_weeks"]  # reviewed only in the learning part
    assert index["semua"] == WEEKS[:3] and not set(index["lipat-1"]) & set(index["lipat-2"])
    assert "inklusi" in json.loads((root / "model" / "semua" / "metrics.json").read_text())["zero_shot_issues"]
    assert "aturan pola" in (root / "model" / "semua" / "MODEL_CARD.md").read_text(encoding="utf-8")


def test_each_row_is_labelled_by_a_model_that_never_learned_from_its_week_s_audit(tmp_path, project):
    root, config = project
    texts = [text for text, _ in synthetic.posts(8, seed=8)]
    weeks = ["2024-W10", "2024-W11", "2024-W13", "-"] * 2
    _write(tmp_path / "x.csv", ["text", "week"], list(zip(texts, weeks)))
    assert label_cli.main(["--in", str(tmp_path / "x.csv"), "--out", str(tmp_path / "y.csv"), "--model",
                           str(root / "model"), "--config", str(config)]) == 0
    rows = _read(tmp_path / "y.csv")
    taxonomy = load_taxonomy(root / "config" / "issues.yaml")
    index = crossfit.read_index(root / "model")
    for row, text, week in zip(rows, texts, weeks):
        name = crossfit.choose(index, week)
        assert week not in index[name]
        expected = IssueTagger.load(root / "model" / name, taxonomy).predict_proba([text])[0]
        assert [float(row[f"p_{i}"]) for i in IDS] == pytest.approx(np.round(expected, 4).tolist(), abs=1e-9)


def test_a_single_model_is_refused_for_a_week_whose_audit_it_learned(tmp_path, project, capsys):
    root, config = project
    assert train_cli.main(["--reviewed", str(root / "reviewed.csv"), "--out", str(tmp_path / "one"), "--config",
                           str(config), "--single"]) == 0
    _write(tmp_path / "x.csv", ["text", "week"], [["surat suara kurang", "2024-W11"]])
    code = label_cli.main(["--in", str(tmp_path / "x.csv"), "--out", str(tmp_path / "y.csv"), "--model",
                           str(tmp_path / "one"), "--config", str(config)])
    assert code == cli.EXIT_INPUT and "belajar dari vonis audit pekan 2024-W11" in capsys.readouterr().err
    assert not (tmp_path / "y.csv").exists()


TRAIN_ERRORS = [
    ([["dapet amplop", "politik-uang"], ["kertas suara telat", "logistik;isu-baru"]], "baris 3: kolom 'issues'", "isu-baru"),
    ([["dapet amplop", "politik-uang", "2024-W10", "audit"], ["x", "-", "minggu 2", "audit"]], "baris 3: kolom 'week'",
     "minggu 2"),
    ([["dapet amplop", "politik-uang", "2024-W10", "tinjau"]], "baris 2: kolom 'part'", "tinjau"),
    ([["dapet amplop", "-"], ["  ", "hoaks"]], "baris 3: kolom 'text'", "teks kosong"),
]


@pytest.mark.parametrize("rows, where, what", TRAIN_ERRORS)
def test_a_bad_reviewed_file_is_named_with_its_line_and_column(tmp_path, project, capsys, rows, where, what):
    _, config = project
    header = ["text", "issues", "week", "part"][:len(rows[0])]
    path = _write(tmp_path / "r.csv", header, rows)
    code = train_cli.main(["--reviewed", str(path), "--out", str(tmp_path / "m"), "--config", str(config)])
    err = capsys.readouterr().err
    assert code == cli.EXIT_INPUT and err.startswith("galat: ") and f"{path}, {where}" in err and what in err
    assert not (tmp_path / "m").exists()  # nothing trained


LABEL_ERRORS = [
    ("id,teks\n1,surat suara kurang\n", "baris 1: kolom 'text'"),
    ("id,text\n1,surat suara kurang\n2,kotak suara rusak,extra\n", "baris 3:"),
    ('id,text\n1,"surat suara kurang\n', "baris 2:"),
]


@pytest.mark.parametrize("content, where", LABEL_ERRORS)
def test_a_bad_input_file_is_named_with_its_line_and_column(tmp_path, project, capsys, content, where):
    _, config = project
    (tmp_path / "x.csv").write_text(content, encoding="utf-8")
    code = label_cli.main(["--in", str(tmp_path / "x.csv"), "--out", str(tmp_path / "y.csv"), "--config", str(config)])
    err = capsys.readouterr().err
    assert code == cli.EXIT_INPUT and f"galat: {tmp_path / 'x.csv'}, {where}" in err
    assert not (tmp_path / "y.csv").exists()


def test_the_denyut_runner_knows_both_issue_stages():
    assert cli.STAGES["issues"] == "analysis.issues.__main__" and cli.STAGES["train-issues"] == "analysis.issues.train"
