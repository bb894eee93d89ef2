"""The transformers backend, offline, through the very loading path users run: tiny random BERTs
with a real WordPiece tokenizer, saved to a temp folder like a Hugging Face checkpoint."""

import csv

import numpy as np
import pytest

torch = pytest.importorskip("torch", reason="the transformers backend needs PyTorch (extra 'transformers')",
                            exc_type=ImportError)
pytest.importorskip("transformers", reason="the transformers backend needs transformers (extra 'transformers')",
                    exc_type=ImportError)

from analysis.sentiment import classify, load_model, model_name  # noqa: E402
from analysis.sentiment.__main__ import main as sentiment_cli  # noqa: E402
from analysis.sentiment.randombert import TINY, build  # noqa: E402
from analysis.sentiment.transformer import TransformerSentiment  # noqa: E402
from denyut.errors import ConfigError  # noqa: E402

TEXTS = ["surat suara telat datang di tps", "petugas kpps kerja keras dan teliti sampai malam",
         "kecewa berat dengan logistik pemilu tahun ini", "mantap pelayanannya bagus sekali",
         "ayo ke tps jangan golput", "server sirekap katanya diatur dari luar negeri"] * 10
# Wide random weights, so different inputs give clearly different outputs.
SIZE = TINY | {"initializer_range": 0.6}


@pytest.fixture(scope="module")
def checkpoint(tmp_path_factory):
    return build(tmp_path_factory.mktemp("bert"), TEXTS, SIZE, id2label={0: "Negatif", 1: "Netral", 2: "Positif"})


@pytest.fixture(autouse=True)
def offline(monkeypatch, tmp_path):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("DENYUT_CACHE", str(tmp_path / "cache"))


def _reference(checkpoint, texts):
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(checkpoint)
    model = AutoModelForSequenceClassification.from_pretrained(checkpoint).eval()
    out = []
    with torch.inference_mode():
        for text in texts:  # one at a time: no padding, no sorting
            logits = model(**tokenizer([text], truncation=True, max_length=128, return_tensors="pt")).logits
            out.append(torch.softmax(logits, -1)[0].numpy())
    return np.array(out)


def test_labels_come_from_id2label_and_columns_follow_the_contract(checkpoint):
    model = load_model(str(checkpoint), runtime="torch")
    assert list(model.classes_) == ["negative", "neutral", "positive"]
    labels, proba = classify(model, TEXTS[:6])
    reference = _reference(checkpoint, TEXTS[:6])  # checkpoint order is already negative, neutral, positive
    assert np.allclose(proba, reference, atol=1e-5)
    assert labels == [["negative", "neutral", "positive"][i] for i in reference.argmax(1)]
    assert model_name(model, str(checkpoint)).startswith("transformers:")


def test_another_label_order_is_reordered(tmp_path):
    reordered = build(tmp_path / "b", TEXTS, SIZE, id2label={0: "positive", 1: "negative", 2: "neutral"})
    model = load_model(str(reordered), runtime="torch")
    _, proba = classify(model, TEXTS[:3])
    raw = _reference(reordered, TEXTS[:3])
    assert np.allclose(proba, raw[:, [1, 2, 0]], atol=1e-5)


def test_label_only_checkpoint_needs_an_explicit_mapping(tmp_path):
    anonymous = build(tmp_path / "c", TEXTS, SIZE, id2label={0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2"})
    with pytest.raises(ConfigError, match="sentiment_labels"):
        load_model(str(anonymous), runtime="torch")
    model = load_model(str(anonymous), labels={0: "positive", 1: "neutral", 2: "negative"}, runtime="torch")
    assert list(model.classes_) == ["positive", "neutral", "negative"]


def test_batches_are_length_sorted_but_results_keep_the_input_order(checkpoint):
    model = TransformerSentiment(str(checkpoint), runtime="torch", batch_size=4).load()
    assert np.allclose(model.predict_proba(TEXTS[:12]), _reference(checkpoint, TEXTS[:12]), atol=1e-5)


def test_long_posts_are_truncated_to_128_tokens(checkpoint):
    model = TransformerSentiment(str(checkpoint), runtime="torch").load()
    long_text = " ".join(TEXTS) * 20
    cut = model.tokenizer_.decode(model.tokenizer_(long_text, truncation=True, max_length=128)["input_ids"][1:-1])
    assert np.allclose(model.predict_proba([long_text]), model.predict_proba([cut]), atol=1e-4)


def test_onnx_export_matches_torch_on_padded_batches(checkpoint, tmp_path):
    import onnxruntime as ort

    from analysis.sentiment.transformer import export_onnx_fp32

    session = ort.InferenceSession(str(export_onnx_fp32(checkpoint, tmp_path / "m.onnx")), providers=["CPUExecutionProvider"])
    model = TransformerSentiment(str(checkpoint), runtime="torch").load()
    batch = ["pendek", TEXTS[1], " ".join(TEXTS[:6])]  # three lengths: padding inside the batch
    encoded = model.tokenizer_(batch, padding=True, truncation=True, max_length=128, return_tensors="np")
    feeds = {i.name: encoded[i.name].astype(np.int64) for i in session.get_inputs()}
    logits = session.run(["logits"], feeds)[0]
    with torch.inference_mode():
        expected = model.torch_model_(**model.tokenizer_(batch, padding=True, return_tensors="pt")).logits.numpy()
    assert np.allclose(logits, expected, atol=1e-4)


def test_onnx_int8_export_is_cached_and_agrees_with_torch(checkpoint, monkeypatch):
    torch_model = TransformerSentiment(str(checkpoint), runtime="torch").load()
    onnx_model = TransformerSentiment(str(checkpoint), runtime="onnx-int8", batch_size=8).load()
    texts = TEXTS[:24] + ["pendek", " ".join(TEXTS[:8])]
    expected, got = torch_model.predict_proba(texts), onnx_model.predict_proba(texts)
    # int8 weights move probabilities a little; clear verdicts stay the same
    top2 = np.sort(expected, axis=1)[:, -2:]
    clear = (top2[:, 1] - top2[:, 0]) > 0.2
    assert clear.sum() >= 5
    assert (expected.argmax(1) == got.argmax(1))[clear].all()
    assert np.abs(expected - got).max() < 0.2
    # a second load reuses the cached int8 model instead of exporting again
    import analysis.sentiment.transformer as backend

    monkeypatch.setattr(backend, "export_onnx_int8", lambda *a: pytest.fail("exported twice"))
    # same batches: dynamic int8 scales activations per batch, so batch makeup nudges the numbers
    again = TransformerSentiment(str(checkpoint), runtime="onnx-int8", batch_size=8).load()
    assert np.allclose(again.predict_proba(texts), got, atol=1e-6)


def test_hub_id_without_network_says_what_to_download():
    with pytest.raises(ConfigError, match="huggingface-cli download w11wo/indonesian-roberta-base-sentiment-classifier"):
        load_model("w11wo/indonesian-roberta-base-sentiment-classifier")


def test_sentiment_cli_runs_a_transformers_folder(checkpoint, tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("text\n" + "\n".join(TEXTS[:5]) + "\n")
    out = tmp_path / "out.csv"
    assert sentiment_cli(["--in", str(src), "--out", str(out), "--model", str(checkpoint), "--runtime", "torch"]) == 0
    rows = list(csv.DictReader(open(out)))
    assert len(rows) == 5 and {r["sentiment"] for r in rows} <= {"positive", "neutral", "negative"}


def test_analyze_stage_records_the_transformers_model_per_post(checkpoint, tmp_path, monkeypatch):
    import json

    import pyarrow.parquet as pq

    from analysis import analyze
    from collectors.__main__ import run as collect
    from denyut.config import load_config
    from tests.conftest import KEY, write_config

    monkeypatch.setenv("DENYUT_PSEUDONYM_KEY", KEY)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "x.jsonl").write_text("\n".join(json.dumps(
        {"id": str(i), "created_at": "2024-11-20T03:00:00Z", "text": text, "author": f"u{i}"}) for i, text in enumerate(TEXTS[:6])))
    config_path = write_config(tmp_path, f"""\
        sources: [{{name: x, type: jsonl, path: in/x.jsonl, platform: x}}]
        analysis: {{sentiment_model: "{checkpoint}", sentiment_runtime: torch}}
        """)
    collect(str(config_path))
    analyze.run(str(config_path))
    rows = pq.read_table(load_config(config_path).processed_dir / "2024-W47.parquet").to_pylist()
    model = load_model(str(checkpoint), runtime="torch")
    assert {r["sentiment_model"] for r in rows} == {f"transformers:{checkpoint.name}@{model.version_}"}
    assert all(r["sentiment"] in ("positive", "neutral", "negative") for r in rows if r["lang"] == "id")
