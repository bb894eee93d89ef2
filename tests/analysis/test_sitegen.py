import json

from analysis import sitegen


def _metrics(tmp_path, **extra):
    result = {"n": 1260, "macro_f1": 0.8675, "accuracy": 0.9041, "ece": 0.0113}
    metrics = {"version": "abc123def456", "train_rows": 11466, "sources": ["smsa", "nusax-id"], "recurrent": 0,
               "smsa_valid": result, "nusax_test_without_smsa": result | {"n": 290}} | extra
    (tmp_path / "metrics.json").write_text(json.dumps(metrics))


def test_methodology_names_the_model_and_its_scores(tmp_path, monkeypatch):
    monkeypatch.setattr(sitegen, "EMBEDDED_MODEL_DIR", tmp_path)
    _metrics(tmp_path, emot_valid_tweets={"n": 440, "polarity_accuracy": 0.7614, "accuracy": 0.72, "neutral_share": 0.064})
    page = sitegen.model_table([("2024-W06", tmp_path, {"sentiment_models": ["embedded@abc123def456"]})])
    assert "`embedded@abc123def456`" in page and "11.466 teks" in page
    assert "| SmSA valid (ulasan dan komentar) | 1.260 | 0,868 | 90,4% | 0,011 |" in page
    assert "Pada 440 cuitan Twitter" in page and "benar untuk 76,1% cuitan" in page


def test_methodology_without_a_tweet_score_says_nothing_about_tweets(tmp_path, monkeypatch):
    monkeypatch.setattr(sitegen, "EMBEDDED_MODEL_DIR", tmp_path)
    _metrics(tmp_path)
    page = sitegen.model_table([("2024-W06", tmp_path, {"sentiment_models": ["embedded@abc123def456"]})])
    assert "cuitan" not in page and "| NusaX-id test (tanpa teks SmSA) | 290 |" in page
