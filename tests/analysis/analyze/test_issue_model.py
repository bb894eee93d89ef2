"""The analyze stage tags issues with the learned tagger of `analysis.issues_model` (the same code as the
`python -m analysis.issues` contract), keeps the tagger's own tags beside a reviewer's, records its doubt for the
learning part of the sheet, and never lets a model tag a week whose audit it learned from."""

from __future__ import annotations

import csv
import json

import numpy as np
import pyarrow.parquet as pq
import pytest

from analysis import analyze
from analysis.issues import train as train_cli
from analysis.issues.core import THRESHOLD, IssueTagger, tags
from analysis.sentiment import crossfit
from collectors.__main__ import run as collect
from denyut.config import load_config
from denyut.errors import DenyutError
from denyut.normalize import without_emoji
from denyut.taxonomy import load_taxonomy
from tests.analysis.issues import synthetic
from tests.conftest import KEY

WEEK = "2024-W47"


def _project(root, issues_model: str | None):
    """One week of synthetic posts in the tests' taxonomy; `issues_model` in the config when given."""
    (root / "in").mkdir(exist_ok=True)
    rows = synthetic.posts(80, seed=7, unseen=True)
    (root / "in" / "x.jsonl").write_text("".join(
        json.dumps({"id": str(i), "created_at": f"2024-11-{18 + i % 5}T0{i % 9}:00:00Z", "author": f"u{i}", "text": text})
        + "\n" for i, (text, _) in enumerate(rows)), encoding="utf-8")
    config = synthetic.write_config(root)
    model_line = f", issues_model: {issues_model}" if issues_model else ""
    config.write_text(f"analysis: {{issues_file: config/issues.yaml{model_line}}}\n"
                      "sources:\n  - {name: x, type: jsonl, path: in/x.jsonl, platform: x}\n", encoding="utf-8")
    return config


def _train(root, weeks_of_audit: list[str], single: bool) -> None:
    reviewed = root / "reviewed.csv"
    with open(reviewed, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "issues", "week", "part"])
        for i, (text, issues) in enumerate(synthetic.posts(400, seed=1)):
            writer.writerow([text, ";".join(issues) or "-", weeks_of_audit[i % len(weeks_of_audit)], "audit"])
    args = ["--reviewed", str(reviewed), "--out", str(root / "model"), "--config", str(root / "config" / "denyut.yaml")]
    assert train_cli.main(args + (["--single"] if single else [])) == 0


@pytest.fixture(scope="module")
def learned(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DENYUT_PSEUDONYM_KEY", KEY)
        yield _learned(tmp_path_factory.mktemp("learned"))


def _learned(root):
    _project(root, None)
    _train(root, ["2024-W10", "2024-W11"], single=True)  # an earlier election's audit: never this week's
    config = _project(root, "model")
    collect(str(config))
    analyze.run(str(config))
    return root, load_config(config)


@pytest.fixture(autouse=True)
def _key(key_env):
    return key_env


def test_the_week_is_tagged_by_the_learned_model_exactly_as_the_file_contract_tags_it(learned):
    root, config = learned
    rows = pq.read_table(config.processed_dir / f"{WEEK}.parquet").to_pylist()
    tagger = IssueTagger.load(root / "model", load_taxonomy(root / "config" / "issues.yaml"))
    assert tagger.trained_, "the model learned no issue: the test would prove nothing"
    texts = [r["text"] for r in rows if r["lang"] == "id"]
    proba = tagger.predict_proba(texts)
    by_text = {r["text"]: r for r in rows}
    for text, p in zip(texts, proba):
        assert by_text[text]["model_issues"] == tags(p, tagger.issue_ids_, THRESHOLD)
        assert by_text[text]["issues"] == by_text[text]["model_issues"]  # nobody reviewed
        assert by_text[text]["issue_doubt"] == pytest.approx(1 - np.abs(2 * p - 1).min(), abs=1e-6)
    zero_shot = [tuple(tagger.taxonomy.tag(t)) for t in texts]  # the learned tags differ from the patterns somewhere
    assert any(tuple(by_text[t]["model_issues"]) != z for t, z in zip(texts, zero_shot))
    meta = json.loads((config.processed_dir / f"{WEEK}.json").read_text())
    assert meta["issues_model"] == f"model@{tagger.version_}"


def test_without_a_model_the_patterns_tag_and_nothing_is_in_doubt(tmp_path):
    config = _project(tmp_path, None)
    collect(str(config))
    analyze.run(str(config))
    rows = pq.read_table(load_config(config).processed_dir / f"{WEEK}.parquet").to_pylist()
    taxonomy = load_taxonomy(tmp_path / "config" / "issues.yaml")
    assert any(r["model_issues"] for r in rows)
    for r in (r for r in rows if r["lang"] == "id"):
        assert r["issue_doubt"] == 0.0
        assert r["model_issues"] == taxonomy.tag(without_emoji(r["text_norm"]))


def test_a_model_that_learned_the_week_s_audit_is_refused_for_it(tmp_path):
    _project(tmp_path, None)
    _train(tmp_path, [WEEK], single=True)
    config = _project(tmp_path, "model")
    collect(str(config))
    assert analyze.main(["--config", str(config)]) == 2
    with pytest.raises(DenyutError, match=WEEK):
        analyze.run(str(config))


def test_a_cross_fitted_folder_tags_each_week_with_a_model_that_never_saw_its_audit(tmp_path):
    _project(tmp_path, None)
    _train(tmp_path, [WEEK, "2024-W48"], single=False)
    config = _project(tmp_path, "model")
    collect(str(config))
    analyze.run(str(config))
    meta = json.loads((load_config(config).processed_dir / f"{WEEK}.json").read_text())
    chosen = meta["issues_model"].split("@")[0]
    assert chosen in crossfit.FOLDS
    assert WEEK not in crossfit.audit_weeks(tmp_path / "model" / chosen)


def test_a_missing_model_folder_is_named(tmp_path, capsys):
    config = _project(tmp_path, "nowhere")
    collect(str(config))
    assert analyze.main(["--config", str(config)]) == 2
    assert "analysis.issues_model" in capsys.readouterr().err
