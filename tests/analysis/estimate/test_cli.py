"""The file contract, chained to the sentiment contract as an outside check would run it."""

import csv
import json

import pytest

from analysis.estimate.__main__ import main as estimate_cli
from analysis.sentiment.__main__ import main as sentiment_cli

TEXTS = ["kecewa berat, antre lama sekali", "mantap, petugas KPPS ramah", "rapat pleno dimulai pukul sembilan",
         "parah, surat suara telat lagi", "salut sama petugas yang teliti", "jadwal debat diumumkan besok"] * 10


@pytest.fixture
def predictions(tmp_path):
    src = tmp_path / "posts.csv"
    with open(src, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text", "platform"])
        writer.writerows([f"p{i}", text, "x"] for i, text in enumerate(TEXTS))
    out = tmp_path / "P.csv"
    assert sentiment_cli(["--in", str(src), "--out", str(out)]) == 0
    return out


def _reviewed(tmp_path, rows, header="id,label"):
    path = tmp_path / "R.csv"
    path.write_text(header + "\n" + "".join(f"{a},{b}\n" for a, b in rows))
    return path


def test_predictions_and_a_reviewed_sample_give_the_contracts_json(tmp_path, predictions):
    truth = {f"p{i}": ("negative", "positive", "neutral")[i % 3] for i in range(len(TEXTS))}
    reviewed = _reviewed(tmp_path, [(f"p{i}", truth[f"p{i}"]) for i in range(0, len(TEXTS), 3)] +
                         [(f"p{i}", truth[f"p{i}"].upper()) for i in range(1, len(TEXTS), 6)])
    out = tmp_path / "E.json"
    assert estimate_cli(["--predictions", str(predictions), "--reviewed", str(reviewed), "--out", str(out)]) == 0
    result = json.loads(out.read_text())
    assert {"method", "n_posts", "n_reviewed", "accuracy", "shares"} <= set(result)
    assert result["n_posts"] == 60 and result["n_reviewed"] == 30
    assert set(result["accuracy"]) == {"value", "ci_low", "ci_high"}
    assert set(result["shares"]) == {"positive", "neutral", "negative"}
    for share in result["shares"].values():
        assert set(share) == {"share", "ci_low", "ci_high"}
        assert 0 <= share["ci_low"] <= share["share"] <= share["ci_high"] <= 1
    assert sum(s["share"] for s in result["shares"].values()) == pytest.approx(1.0)


@pytest.mark.parametrize("rows,where", [
    ([("p1", "negative"), ("p2", "senang")], "R.csv, baris 3: kolom 'label' label tidak dikenal: 'senang'"),
    ([("p1", "negative"), ("p999", "neutral")], "R.csv, baris 3: kolom 'id' id 'p999' tidak ada di berkas prediksi"),
    ([("p1", "negative"), ("p2", "neutral"), ("p1", "negative")], "R.csv, baris 4: kolom 'id' id 'p1' berulang"),
])
def test_a_bad_verdict_is_an_error_naming_the_file_line_and_column(tmp_path, predictions, capsys, rows, where):
    reviewed = _reviewed(tmp_path, rows)
    out = tmp_path / "E.json"
    assert estimate_cli(["--predictions", str(predictions), "--reviewed", str(reviewed), "--out", str(out)]) == 2
    assert where in capsys.readouterr().err and not out.exists()


def test_predictions_without_an_id_column_name_what_is_missing(tmp_path, capsys):
    predictions = tmp_path / "P.csv"
    predictions.write_text("text,sentiment,p_positive,p_neutral,p_negative\nhalo,neutral,0.1,0.8,0.1\n")
    reviewed = _reviewed(tmp_path, [("1", "neutral")])
    assert estimate_cli(["--predictions", str(predictions), "--reviewed", str(reviewed), "--out", str(tmp_path / "E.json")]) == 2
    assert "P.csv, baris 1: kolom 'id' kolom wajib tidak ada: id" in capsys.readouterr().err
