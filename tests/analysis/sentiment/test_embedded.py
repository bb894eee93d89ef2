import csv
import json
import subprocess
import sys

import numpy as np
import pytest

from analysis.sentiment import classify, load_model
from analysis.sentiment.__main__ import main as sentiment_cli
from analysis.sentiment.embedded import CLASSES, MIX_GRID, EmbeddedSentiment, NotFittedError
from analysis.sentiment.gru import GruSettings
from denyut.errors import ConfigError
from denyut.paths import EMBEDDED_MODEL_DIR
from tests.conftest import requires_torch

POSITIVE = ["pelayanan petugas bagus sekali", "mantap kerja keras petugas", "senang dan puas dengan hasilnya",
            "keren banget acaranya", "terima kasih sudah membantu, hebat"]
NEGATIVE = ["kecewa berat pelayanan buruk", "parah banget telat terus", "jelek dan mengecewakan sekali",
            "marah sama petugas yang curang", "tidak becus kerjanya, payah"]
NEUTRAL = ["rapat dimulai pukul sembilan pagi", "jadwal pendaftaran dibuka besok", "lokasi di jalan merdeka nomor lima",
           "informasi tersedia di situs resmi", "pengumuman hasil pada hari senin"]


def _tiny_model(recurrent=1):
    texts = (POSITIVE + NEGATIVE + NEUTRAL) * 6
    labels = (["positive"] * 5 + ["negative"] * 5 + ["neutral"] * 5) * 6
    return EmbeddedSentiment(word_bits=12, char_bits=12, calibration_share=0.2, recurrent=recurrent,
                             gru_settings=GruSettings(embedding=8, hidden=8, max_epochs=3)).fit(texts, labels)


@requires_torch
def test_fit_learns_and_probabilities_follow_classes():
    model = _tiny_model()
    assert list(model.classes_) == list(CLASSES)
    proba = model.predict_proba(["petugas hebat dan bagus", "kecewa, parah dan buruk", "jadwal rapat hari senin"])
    assert np.allclose(proba.sum(axis=1), 1.0)
    assert list(model.predict(["petugas hebat dan bagus", "kecewa, parah dan buruk", "jadwal rapat hari senin"])) == \
        ["positive", "negative", "neutral"]
    assert model.temperature_ > 0
    assert model.mix_ in MIX_GRID and set(model.training_["mix_log_loss"]) == {str(w) for w in MIX_GRID}
    assert model.training_["mix_log_loss"][str(model.mix_)] == min(model.training_["mix_log_loss"].values())


def test_without_grus_the_model_is_the_linear_view_alone():
    model = _tiny_model(recurrent=0)
    assert model.mix_ == 0.0 and model.grus_ == []
    proba = model.predict_proba(["petugas hebat dan bagus"])
    assert proba[0].argmax() == CLASSES.index("positive")

def test_the_linear_model_needs_no_torch_and_retrains_to_the_same_bytes(tmp_path):
    _tiny_model(recurrent=0).save(tmp_path / "a")
    _tiny_model(recurrent=0).save(tmp_path / "b")
    assert (tmp_path / "a" / "model.safetensors").read_bytes() == (tmp_path / "b" / "model.safetensors").read_bytes()
    loaded = EmbeddedSentiment.load(tmp_path / "a")
    assert list(loaded.predict(["kecewa, parah dan buruk"])) == ["negative"] and not list(tmp_path.glob("a/gru-*"))


def test_unfitted_model_raises_a_clear_error():
    with pytest.raises(NotFittedError, match="belum dilatih"):
        EmbeddedSentiment().predict_proba(["halo"])


def test_unknown_label_is_rejected():
    with pytest.raises(ValueError, match="label tidak dikenal"):
        EmbeddedSentiment().fit(["a", "b"], ["positive", "happy"])


@requires_torch
def test_save_and_load_give_the_same_probabilities(tmp_path):
    model = _tiny_model()
    texts = ["petugas hebat", "parah banget", "rapat besok"]
    model.save(tmp_path)
    loaded = EmbeddedSentiment.load(tmp_path)
    assert np.allclose(model.predict_proba(texts), loaded.predict_proba(texts), atol=1e-6)
    assert len(loaded.version_) == 12
    (tmp_path / "gru-0.safetensors").unlink()
    with pytest.raises(FileNotFoundError, match="gru-0.safetensors"):
        EmbeddedSentiment.load(tmp_path)


@requires_torch
def test_saving_fewer_grus_removes_the_stale_files(tmp_path):
    _tiny_model(recurrent=2).save(tmp_path)
    _tiny_model(recurrent=1).save(tmp_path)
    assert sorted(p.name for p in tmp_path.glob("*.safetensors")) == ["gru-0.safetensors", "model.safetensors"]
    assert EmbeddedSentiment.load(tmp_path).predict_proba(["rapat besok"]).shape == (1, 3)


@requires_torch
def test_artifact_is_safetensors_not_pickle(tmp_path):
    _tiny_model().save(tmp_path)
    for name, tensors in [("model", {"coef", "intercept", "idf"}),
                          ("gru-0", {"embedding", "w_out", "b_out"} | {f"{k}_{d}" for k in ("w_ih", "w_hh", "b_ih", "b_hh")
                                                                      for d in "fb"})]:
        raw = (tmp_path / f"{name}.safetensors").read_bytes()
        header_len = int.from_bytes(raw[:8], "little")
        header = json.loads(raw[8:8 + header_len])
        assert set(header) == {"__metadata__"} | tensors
        assert b"\x80\x04\x95" not in raw[:16]  # no pickle protocol marker


def test_unknown_model_spec_says_what_to_use(tmp_path):
    with pytest.raises(ConfigError, match="embedded"):
        load_model(str(tmp_path / "tidak-ada"))


def test_classify_reorders_backend_columns_to_the_contract():
    class Backwards:
        classes_ = np.array(["positive", "neutral", "negative"])

        def predict_proba(self, texts):
            return np.array([[0.7, 0.2, 0.1]] * len(texts))

    labels, proba = classify(Backwards(), ["x"])
    assert labels == ["positive"] and proba.tolist() == [[0.1, 0.2, 0.7]]


def test_cli_writes_every_row_back_with_the_four_columns(tmp_path):
    src = tmp_path / "in.csv"
    with open(src, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text"])
        writer.writerows([[1, "mantap bgt pelayanannya 👍"], [2, "kecewa berat, surat suara telat"], [3, ""]])
    out = tmp_path / "sub" / "out.csv"
    assert sentiment_cli(["--in", str(src), "--out", str(out)]) == 0
    rows = list(csv.DictReader(open(out, encoding="utf-8")))
    assert [r["id"] for r in rows] == ["1", "2", "3"]
    assert list(rows[0]) == ["id", "text", "sentiment", "p_positive", "p_neutral", "p_negative"]
    for row in rows:
        assert row["sentiment"] in CLASSES
        assert sum(float(row[f"p_{c}"]) for c in CLASSES) == pytest.approx(1.0, abs=2e-4)
    assert rows[0]["sentiment"] == "positive" and rows[1]["sentiment"] == "negative"


def test_cli_names_the_file_and_missing_column(tmp_path, capsys):
    src = tmp_path / "in.csv"
    src.write_text("id,isi\n1,halo\n")
    assert sentiment_cli(["--in", str(src), "--out", str(tmp_path / "o.csv")]) == 2
    err = capsys.readouterr().err
    assert "in.csv" in err and "'text'" in err
    assert not (tmp_path / "o.csv").exists()


@pytest.mark.parametrize("body,where", [
    (b"id,text\n1,bagus sekali\n2,kecewa, antre lama\n", "in.csv, baris 3: baris punya 3 kolom, header punya 2"),
    (b"id,text\n1,bagus\n2,\xff kecewa\n", "in.csv, baris 3: bukan UTF-8: byte 0xff pada byte ke-18"),
    (b'id,text\n1,"bagus\n', "in.csv, baris 2: CSV tidak valid"),
])
def test_cli_names_the_line_of_a_malformed_row_and_writes_nothing(tmp_path, capsys, body, where):
    src = tmp_path / "in.csv"
    src.write_bytes(body)
    assert sentiment_cli(["--in", str(src), "--out", str(tmp_path / "o.csv")]) == 2
    err = capsys.readouterr().err
    assert where in err and "Traceback" not in err
    assert not (tmp_path / "o.csv").exists() and not list(tmp_path.glob(".o.csv.*"))


def test_shipped_model_has_card_metrics_and_fits_the_size_budget():
    files = list(EMBEDDED_MODEL_DIR.glob("*.safetensors"))
    model = load_model("embedded")
    assert {p.name for p in files} == {"model.safetensors"} | {f"gru-{i}.safetensors" for i in range(len(model.grus_))}
    assert sum(p.stat().st_size for p in files) <= 20 * 1024 * 1024
    assert all(p.stat().st_size <= 5 * 1024 * 1024 for p in files)  # each file stays small for git
    metrics = json.loads((EMBEDDED_MODEL_DIR / "metrics.json").read_text())
    assert metrics["version"] == load_model("embedded").version_
    card = (EMBEDDED_MODEL_DIR / "MODEL_CARD.md").read_text()
    assert metrics["version"] in card and "MIT" in card and "CC BY-SA" in card


def test_shipped_model_scores_on_held_out_labelled_data(shared_data):
    from analysis.sentiment.data import read_smsa
    from analysis.sentiment.evaluation import evaluate

    result = evaluate(load_model("embedded"), read_smsa(shared_data / "sentiment" / "smsa" / "valid.tsv"))
    metrics = json.loads((EMBEDDED_MODEL_DIR / "metrics.json").read_text())
    assert result["macro_f1"] == pytest.approx(metrics["smsa_valid"]["macro_f1"], abs=1e-4)
    assert result["macro_f1"] >= 0.8


@requires_torch
def test_training_is_reproducible_byte_for_byte(tmp_path):
    _tiny_model().save(tmp_path / "a")
    _tiny_model().save(tmp_path / "b")
    for name in ("model.safetensors", "gru-0.safetensors"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_per_word_char_counts_equal_the_hashers_own():
    """The fast path must give the hasher's exact counts, or the shipped weights would read other features."""
    from analysis.sentiment.embedded import _per_word

    rng = np.random.default_rng(0)
    alphabet = list("abcdeiklmnoprstu_#@!?.,") + [" ", "  ", "\t", "\n", "\u00a0", "\u3000", "😀", "🙃", "é"]
    texts = ["", "   ", "a", "kata kata kata", "tidak_bagus  banget\t!!"]
    texts += ["".join(rng.choice(alphabet, size=rng.integers(0, 60))) for _ in range(300)]
    hasher = EmbeddedSentiment(char_bits=10)._hashers()[1]
    expected, fast = hasher.transform(texts).tocsr(), _per_word(hasher, texts)
    assert fast.shape == expected.shape and fast.dtype == expected.dtype
    assert (fast != expected).nnz == 0 and expected.nnz > 1000
    # the same layout too: training sums in this order, and the shipped bytes depend on it
    assert np.array_equal(fast.indptr, expected.indptr) and np.array_equal(fast.indices, expected.indices)


def test_the_shipped_model_classifies_without_importing_torch():
    code = ("import sys; from analysis.sentiment import load_model, classify; m = load_model('embedded'); "
            "labels, _ = classify(m, ['mantap, petugasnya ramah', 'kecewa berat, antre lama']); "
            "assert 'torch' not in sys.modules, 'torch imported'; print(labels)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['positive', 'negative']"
