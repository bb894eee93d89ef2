from types import SimpleNamespace

from analysis.report import site_pages
from denyut.formats.model_metrics import ModelMetrics


def _metrics(**extra) -> ModelMetrics:
    result = {"n": 1260, "macro_f1": 0.8675, "accuracy": 0.9041, "ece": 0.0113}
    return ModelMetrics.model_validate({"version": "abc123def456", "train_rows": 11466, "sources": ["smsa", "nusax-id"],
                                        "recurrent": 0, "smsa_valid": result,
                                        "nusax_test_without_smsa": result | {"n": 290}} | extra)


WEEKS = [SimpleNamespace(sentiment_models=["embedded@abc123def456"])]


def test_methodology_names_the_model_and_its_scores_in_indonesian_numbers():
    metrics = _metrics(emot_valid_tweets={"n": 440, "polarity_accuracy": 0.7614, "accuracy": 0.72, "neutral_share": 0.064})
    page = site_pages.model_table(WEEKS, metrics)
    assert "`embedded@abc123def456`" in page and "11.466 teks" in page
    assert "| SmSA valid (ulasan dan komentar) | 1.260 | 0,868 | 90,4% | 0,011 |" in page
    assert "Pada 440 cuitan Twitter" in page and "benar untuk 76,1% cuitan" in page


def test_methodology_without_a_tweet_score_says_nothing_about_tweets():
    page = site_pages.model_table(WEEKS, _metrics())
    assert "cuitan" not in page and "| NusaX-id test (tanpa teks SmSA) | 290 |" in page


def test_methodology_without_metrics_names_only_the_models_used():
    page = site_pages.model_table([SimpleNamespace(sentiment_models=["transformers:indo@0123abcd4567"])], None)
    assert page == "Angka nada di laporan yang terbit dihitung dengan model: `transformers:indo@0123abcd4567`.\n\n"


def test_the_shipped_metrics_file_reads_into_its_schema():
    metrics = site_pages.embedded_metrics()
    assert metrics is not None and 0.5 < metrics.smsa_valid.macro_f1 <= 1 and metrics.train_rows > 1000
