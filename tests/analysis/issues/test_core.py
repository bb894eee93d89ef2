"""The issue tagger that learns (issue 27, part 3), on the synthetic labelled set of tests/analysis/issues/synthetic.py."""

from __future__ import annotations

import numpy as np
import pytest

from analysis.issues.core import IssueTagger, label_matrix, plain_text
from denyut.taxonomy import load_taxonomy
from tests.analysis.issues import synthetic


@pytest.fixture(scope="module")
def taxonomy(tmp_path_factory):
    return load_taxonomy(synthetic.write_taxonomy(tmp_path_factory.mktemp("taxonomy")))


@pytest.fixture(scope="module")
def trained(taxonomy):
    rows = synthetic.posts(800, seed=1, noise=0.05)  # reviewers get one post in twenty wrong
    return IssueTagger(taxonomy).fit([text for text, _ in rows], [issues for _, issues in rows])


def _precision_recall(tagged: np.ndarray, truth: np.ndarray) -> tuple[float, float]:
    hits = (tagged & truth).sum()
    return hits / max(tagged.sum(), 1), hits / max(truth.sum(), 1)


def _recall_at_precision(p: np.ndarray, truth: np.ndarray, floor: float) -> float:
    """The best recall of any threshold whose precision is at least `floor`."""
    best = 0.0
    for threshold in np.unique(p):
        precision, recall = _precision_recall(p >= threshold, truth)
        if precision >= floor:
            best = max(best, recall)
    return best


def test_training_raises_recall_at_the_same_precision_for_an_issue_whose_patterns_miss_paraphrases(taxonomy, trained):
    # posts the model never saw, and paraphrases in phrasings it never saw either
    test = synthetic.posts(500, seed=2, unseen=True)
    texts = [text for text, _ in test]
    truth = label_matrix([issues for _, issues in test], trained.issue_ids_).astype(bool)
    k = trained.issue_ids_.index("politik-uang")
    zero = IssueTagger.zero_shot(taxonomy).predict_proba(texts)[:, k] >= 0.5
    zero_precision, zero_recall = _precision_recall(zero, truth[:, k])
    learned = trained.predict_proba(texts)[:, k]
    assert zero_recall < 0.6  # the patterns miss the paraphrases
    assert _recall_at_precision(learned, truth[:, k], zero_precision) >= zero_recall + 0.15
    precision, recall = _precision_recall(learned >= 0.5, truth[:, k])
    assert precision >= zero_precision and recall >= zero_recall + 0.15  # at the CLI's threshold too


def test_look_alike_posts_that_trip_the_patterns_are_no_longer_tagged_after_training(taxonomy, trained):
    look_alikes = ["amplop lamaran kerja udah gw kirim ke desa sebelah wkwk", "tinta printer abis pas mau cetak tugas 😤"]
    assert IssueTagger.zero_shot(taxonomy).predict(look_alikes) == [["politik-uang"], ["logistik"]]
    assert trained.predict(look_alikes) == [[], []]


def test_without_a_model_an_issue_is_certain_when_its_patterns_match_and_absent_otherwise(taxonomy):
    texts = ["Awas SERANGAN FAJAR di kampung gw 😡", "macet parah", "hoax lagi soal kotak suara #Pemilu2024"]
    proba = IssueTagger.zero_shot(taxonomy).predict_proba(texts)
    expected = label_matrix([taxonomy.tag(plain_text(t)) for t in texts], [i.id for i in taxonomy.issues])
    assert np.array_equal(proba, expected.astype(float))
    assert expected.sum() == 3


def test_an_issue_with_too_few_positives_keeps_the_zero_shot_rule_and_says_so(trained):
    assert "inklusi" not in trained.trained_ and trained.report_["inklusi"]["trained"] is False
    assert "3 positif" in trained.report_["inklusi"]["reason"]
    proba = trained.predict_proba(["tps di rt 05 ga ramah difabel", "kursi roda susah masuk tps rt 05"])
    assert proba[:, trained.issue_ids_.index("inklusi")].tolist() == [1.0, 0.0]


def test_an_issue_the_patterns_read_better_than_the_model_keeps_the_zero_shot_rule(taxonomy):
    # six verdicts on hoaks, exactly where its patterns match: the rule is perfect, a model of six examples is not
    rows = synthetic.posts(300, seed=9)
    matched = [t for t, _ in rows if "hoaks" in taxonomy.tag(plain_text(t))]
    texts = matched[:6] + [t for t, _ in rows if t not in matched]
    labels = [("hoaks",)] * 6 + [()] * (len(texts) - 6)
    model = IssueTagger(taxonomy).fit(texts, labels)
    report = model.report_["hoaks"]
    assert report["positives"] == 6 and report["zero_shot"]["f1"] == 1.0
    assert "hoaks" not in model.trained_ and report["trained"] is False and "di bawah F1 pola" in report["reason"]
    assert model.predict(matched[6:8]) == [["hoaks"], ["hoaks"]]


def test_probabilities_are_calibrated_on_held_out_verdicts(trained):
    test = synthetic.posts(1000, seed=3, noise=0.05)
    proba = trained.predict_proba([text for text, _ in test])
    truth = label_matrix([issues for _, issues in test], trained.issue_ids_)
    for issue in trained.trained_:
        k = trained.issue_ids_.index(issue)
        assert trained.report_[issue]["calibration"]["method"] == "platt"
        assert abs(proba[:, k].mean() - truth[:, k].mean()) < 0.03  # the expected count is the count
        confident = proba[:, k] >= 0.9
        assert truth[confident, k].mean() >= 0.85


def test_platt_scaling_lowers_the_log_loss_on_fresh_posts(taxonomy):
    rows = synthetic.posts(600, seed=5)
    model = IssueTagger(taxonomy).fit([text for text, _ in rows], [issues for _, issues in rows])
    test = synthetic.posts(600, seed=6)
    learned = [model.issue_ids_.index(issue) for issue in model.trained_]
    texts, truth = [text for text, _ in test], label_matrix([issues for _, issues in test], model.issue_ids_)[:, learned]
    calibrated = model.predict_proba(texts)[:, learned]
    model.platt_ = np.tile(np.array([1.0, 0.0], dtype=np.float32), (len(model.trained_), 1))
    raw = model.predict_proba(texts)[:, learned]

    def log_loss(p: np.ndarray) -> float:
        p = np.clip(p, 1e-9, 1 - 1e-9)
        return float(-np.mean(truth * np.log(p) + (1 - truth) * np.log(1 - p)))

    assert log_loss(calibrated) < 0.8 * log_loss(raw)


def test_save_and_load_give_the_same_probabilities(tmp_path, taxonomy, trained):
    texts = [text for text, _ in synthetic.posts(200, seed=4)]
    before = trained.predict_proba(texts)
    path = trained.save(tmp_path / "model")
    assert path.read_bytes()[8:9] == b"{"  # safetensors: a length, then a JSON header; no pickle
    loaded = IssueTagger.load(tmp_path / "model", taxonomy)
    assert np.array_equal(loaded.predict_proba(texts), before)
    assert loaded.version_ == trained.version_ and len(loaded.version_) == 12


def test_training_twice_on_the_same_verdicts_gives_the_same_bytes(tmp_path, taxonomy):
    rows = synthetic.posts(300, seed=10)
    for name in ("a", "b"):
        IssueTagger(taxonomy).fit([t for t, _ in rows], [issues for _, issues in rows]).save(tmp_path / name)
    assert (tmp_path / "a" / "model.safetensors").read_bytes() == (tmp_path / "b" / "model.safetensors").read_bytes()


def test_a_model_keeps_its_patterns_when_the_taxonomy_is_edited_and_reads_new_issues_by_theirs(tmp_path, trained):
    edited = synthetic.TAXONOMY.replace(r"'\bamplop\b'", r"'\bamplop (merah|putih)\b'") + (
        "  - id: keamanan\n    name_id: Keamanan\n    name_en: Security\n    description: Kerusuhan di TPS.\n"
        "    patterns:\n      - '\\bricuh\\b'\n")
    (tmp_path / "edited.yaml").write_text(edited, encoding="utf-8")
    trained.save(tmp_path / "model")
    loaded = IssueTagger.load(tmp_path / "model", load_taxonomy(tmp_path / "edited.yaml"))
    texts = ["dapet amplop isi 50rb dari timses, disuruh pilih paslon 02", "tps di gang kami ricuh"]
    proba = loaded.predict_proba(texts)
    assert loaded.issue_ids_[-1] == "keamanan" and proba[:, -1].tolist() == [0.0, 1.0]
    assert np.array_equal(proba[:, :-1], trained.predict_proba(texts))  # the learned issues read as trained


def test_labels_outside_the_taxonomy_are_refused(taxonomy):
    with pytest.raises(ValueError, match="isu-baru"):
        IssueTagger(taxonomy).fit(["a", "b"], [["isu-baru"], []])
