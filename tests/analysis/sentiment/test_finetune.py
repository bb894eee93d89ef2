"""IndoBERT-style fine-tuning, offline, on a tiny random BERT with a real WordPiece tokenizer."""

import csv
import json

import pytest

pytest.importorskip("torch", reason="fine-tuning needs PyTorch (extra 'transformers')", exc_type=ImportError)
pytest.importorskip("transformers", reason="fine-tuning needs transformers (extra 'transformers')", exc_type=ImportError)

from analysis.sentiment.__main__ import main as sentiment_cli  # noqa: E402
from analysis.sentiment.randombert import build  # noqa: E402
from analysis.sentiment.train import main as train_cli  # noqa: E402
from demo.generate import generate  # noqa: E402

ITEMS = [i for i in generate(seed=4, scale=0.1) if i.lang == "id"][:240]


@pytest.fixture
def offline(monkeypatch, tmp_path):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("DENYUT_CACHE", str(tmp_path / "cache"))


@pytest.mark.slow
def test_fine_tuning_lowers_the_loss_and_the_checkpoint_labels_a_file(tmp_path, shared_data, offline):
    base = build(tmp_path / "tiny", [i.text for i in ITEMS])  # labels in another order than ours, on purpose
    reviewed = tmp_path / "R.csv"
    with open(reviewed, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "label"])
        writer.writerows([i.text, i.sentiment] for i in ITEMS)
    out = tmp_path / "tuned"
    assert train_cli(["--backend", "transformers", "--base", str(base), "--reviewed", str(reviewed), "--limit", "160",
                      "--epochs", "4", "--out", str(out)]) == 0
    training = json.loads((out / "training.json").read_text())
    assert training["rows"] == 160 + len(ITEMS) and training["device"] in ("cpu", "cuda")
    assert training["epoch_losses"][-1] < training["epoch_losses"][0]
    config = json.loads((out / "config.json").read_text())
    assert config["id2label"] == {"0": "negative", "1": "neutral", "2": "positive"}
    src = tmp_path / "in.csv"
    src.write_text("id,text\n1,kecewa berat antre lama sekali\n2,mantap petugas ramah\n", encoding="utf-8")
    for runtime in ("torch", "onnx-int8"):
        result = tmp_path / f"out-{runtime}.csv"
        assert sentiment_cli(["--in", str(src), "--out", str(result), "--model", str(out), "--runtime", runtime]) == 0
        rows = list(csv.DictReader(open(result, encoding="utf-8")))
        assert [r["sentiment"] in ("negative", "neutral", "positive") for r in rows] == [True, True]


def test_fine_tuning_names_what_it_needs(capsys):
    assert train_cli(["--backend", "transformers", "--out", "x"]) == 2
    assert "--base MODEL" in capsys.readouterr().err
