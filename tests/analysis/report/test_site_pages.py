from types import SimpleNamespace

import pytest

from analysis.report import site_pages
from denyut.formats.model_metrics import ModelMetrics


def _metrics(**extra) -> ModelMetrics:
    result = {"n": 1260, "macro_f1": 0.8675, "accuracy": 0.9041, "ece": 0.0113}
    return ModelMetrics.model_validate({"version": "abc123def456", "train_rows": 11466, "sources": ["smsa", "nusax-id"],
                                        "recurrent": 0, "smsa_valid": result,
                                        "nusax_test_without_smsa": result | {"n": 290}} | extra)


def _week(week, accuracy=None, models=("embedded@abc123def456",)):
    review = SimpleNamespace(accuracy=SimpleNamespace(value=accuracy, ci_low=accuracy - 0.05, ci_high=accuracy + 0.05)
                             if accuracy is not None else None, audit_reviewed=200)
    return SimpleNamespace(week=week, sentiment_models=list(models), review=review, issues=[],
                           no_issue=SimpleNamespace(estimate=None))


WEEKS = [_week("2024-W06")]


def test_methodology_names_the_model_and_its_scores_in_indonesian_numbers():
    metrics = _metrics(emot_valid_tweets={"n": 440, "polarity_accuracy": 0.7614, "accuracy": 0.72, "neutral_share": 0.064})
    page = site_pages.model_table(WEEKS, metrics)
    assert "<code>embedded@abc123def456</code>" in page and "11.466 teks" in page
    assert "| SmSA valid (ulasan dan komentar) | 1.260 | 0,868 | 90,4% | 0,011 |" in page
    assert "Pada 440 cuitan Twitter" in page and "benar untuk 76,1% cuitan" in page


def test_methodology_without_a_tweet_score_says_nothing_about_tweets():
    page = site_pages.model_table(WEEKS, _metrics())
    assert "cuitan" not in page and "| NusaX-id test (tanpa teks SmSA) | 290 |" in page


def test_methodology_without_metrics_names_only_the_models_used():
    page = site_pages.model_table([_week("2024-W06", models=["transformers:indo@0123abcd4567"])], None)
    assert page.startswith("Angka nada di laporan yang terbit dihitung dengan model: <code>transformers:indo@0123abcd4567</code>.\n\n### ")
    assert "belum pernah diukur" in page and "Model bawaan" not in page


def test_methodology_charts_the_models_accuracy_on_the_weekly_audits():
    page = site_pages.model_table([_week("2024-W46", 0.712), _week("2024-W47", 0.755), _week("2024-W48")], None)
    assert "| 11–17 November 2024 | 200 | 71,2% | 66,2–76,2% |" in page
    assert "| 18–24 November 2024 | 200 | 75,5% | 70,5–80,5% |" in page and "25 November" not in page
    assert 'id="grafik-ketepatan"' in page


def test_the_shipped_metrics_file_reads_into_its_schema():
    metrics = site_pages.embedded_metrics()
    assert metrics is not None and 0.5 < metrics.smsa_valid.macro_f1 <= 1 and metrics.train_rows > 1000


def _issue(issue_id, name, tagged, named, hits):
    from denyut.formats.summary import IssueCheck

    return SimpleNamespace(id=issue_id, name_id=name, check=IssueCheck(audit_tagged=tagged, audit_positives=named,
                                                                        precision=hits / tagged if tagged else None,
                                                                        recall=hits / named if named else None))


def test_methodology_measures_the_issue_tagger_on_every_audit_per_issue_and_per_week():
    from analysis.report.site_pages import tagger_scores

    weeks = [_week("2024-W06", 0.7), _week("2024-W07", 0.7)]
    weeks[0].issues = [_issue("logistik", "Logistik pemilu", 10, 8, 6), _issue("keamanan", "Keamanan", 4, 0, 0)]
    weeks[1].issues = [_issue("logistik", "Logistik pemilu", 5, 10, 5)]
    scores = tagger_scores(weeks)
    # pooled over the weeks: 11 right of 15 tagged, of 18 named by reviewers
    logistik = next(r for r in scores["issues"] if r["name"] == "Logistik pemilu")
    assert (logistik["tagged"], logistik["named"]) == (15, 18)
    assert logistik["precision"] == pytest.approx(11 / 15) and logistik["recall"] == pytest.approx(11 / 18)
    assert scores["weeks"][0] == ("2024-W06", pytest.approx(6 / 14), pytest.approx(6 / 8))
    page = site_pages.model_table(weeks, None)
    assert "Ketepatan penanda isu" in page and "73,3%" in page and "grafik-penanda-isu" in page


def _config(tmp_path, project: str):
    from denyut.config import load_config
    from tests.conftest import write_config

    return load_config(write_config(tmp_path, f"project: {project}\n"))


def test_the_about_page_names_the_publisher_links_the_contact_and_shows_how_to_cite_the_latest_week(tmp_path):
    from tests.analysis.report.weeks import summary

    config = _config(tmp_path, "{name: Denyut, site_url: 'https://denyut.example/', publisher: 'Lembaga <Uji> & Rekan', "
                               "contact: 'redaksi@denyut.example'}")
    page = site_pages.about(summary(), config)
    assert "diterbitkan oleh **Lembaga &#60;Uji&#62; &#38; Rekan**" in page  # outside text escaped
    assert '<a href="mailto:redaksi@denyut.example">redaksi@denyut.example</a>' in page
    assert "*Denyut pemilu pekan 18–24 November 2024*. https://denyut.example/laporan/2024-w47/" in page
    assert "make " not in page


def test_the_about_page_without_a_publisher_or_contact_says_so_and_links_nothing(tmp_path):
    from tests.analysis.report.weeks import summary

    page = site_pages.about(summary(), _config(tmp_path, "{name: Denyut}"))
    assert "belum mencantumkan namanya" in page and "<a href" not in page


def test_a_contact_that_is_not_an_address_is_refused_by_the_config(tmp_path):
    from denyut.errors import ConfigError

    with pytest.raises(ConfigError, match="kontak harus alamat e-mail atau tautan"):
        _config(tmp_path, "{contact: 'javascript:alert(1)'}")


def test_the_home_page_says_what_changed_this_week_and_links_the_english_summary():
    from tests.analysis.report.weeks import change, summary

    page = site_pages.glance(summary([change("negative", 0.30, 0.45, "up", scope="logistik", name="Logistik pemilu")]))
    assert ("**Yang berubah pekan ini:** Sejak pekan lalu: porsi negatif tentang Logistik pemilu naik 15 poin menjadi "
            "45,0%, lebih dari yang bisa dijelaskan oleh kebetulan.") in page
    assert "(laporan/posts/2024-w47.md#english-summary){ hreflang=\"en\" }\n{: lang=\"en\" }" in page
