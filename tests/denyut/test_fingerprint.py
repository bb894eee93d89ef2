import json
import shutil

import pytest

import analysis.sentiment.lexicon as lexicon
from analysis import analyze, report
from collectors.__main__ import run as collect
from denyut import fingerprint
from denyut.cli import STAGES
from denyut.config import load_config
from denyut.paths import PACKAGE_ROOT
from tests.conftest import write_config

STAGE_MODULES = {"collect": "collectors", "analyze": "analysis.analyze", "report": "analysis.report", "site": "analysis.site"}
POSTS = [("1", "2024-11-18T02:00:00Z", "Surat suara telat datang di TPS 5, ngeri sekali"),
         ("2", "2024-11-19T05:00:00Z", "Salut sama petugas KPPS, kerja keras dan teliti sampai malam"),
         ("3", "2024-11-26T01:00:00Z", "Debat paslon semalam ngeri, saling serang soal bansos")]


def _relative(paths):
    return {str(p.relative_to(PACKAGE_ROOT)) for p in paths}


def test_the_analyze_fingerprint_covers_the_sentiment_code_and_the_word_lists():
    covered = _relative(fingerprint.code_files("analysis.analyze.stage"))
    assert {"analysis/sentiment/embedded.py", "analysis/sentiment/lexicon.py", "denyut/normalize.py",
            "analysis/analyze/language.py", "analysis/analyze/dedup.py", "denyut/taxonomy.py"} <= covered
    assert {"analysis/sentiment/lexicon.tsv", "denyut/resources/slang.tsv"} <= covered


def test_the_report_fingerprint_covers_its_templates_and_the_model_metrics():
    covered = _relative(fingerprint.code_files("analysis.report.stage"))
    templates = _relative((PACKAGE_ROOT / "analysis" / "report" / "templates").rglob("*.j2"))
    assert templates and templates <= covered
    assert "analysis/models/embedded/metrics.json" in covered and "analysis/report/narrative.py" in covered


def _stage_package(module: str) -> str | None:
    return next((p for p in STAGE_MODULES.values() if module == p or module.startswith(p + ".")), None)


@pytest.mark.parametrize("stage", sorted(STAGES))
def test_no_entry_point_imports_another_stages_modules(stage):
    """Every command of `python -m denyut`: a stage's code and the core, or a tool's (sentiment, estimate,
    coordination) with the core and no stage at all."""
    entry = STAGES[stage]
    own = _stage_package(entry)
    imported = [name for name, _ in fingerprint.modules(entry)]
    assert [name for name in imported if _stage_package(name) not in (None, own)] == []


def test_no_signal_imports_a_stage():
    from denyut.signals import signals

    assert signals(), "the registry found no signal"
    for signal in signals():
        assert [n for n, _ in fingerprint.modules(signal.module) if _stage_package(n)] == [], signal.module


def test_the_report_fingerprint_covers_every_registered_signal_and_its_template():
    from denyut.signals import signals

    covered = _relative(fingerprint.code_files("analysis.report.stage", [s.module for s in signals()]))
    for signal in signals():
        assert signal.module.replace(".", "/") + ".py" in covered
        assert str(signal.template.relative_to(PACKAGE_ROOT)) in covered


def test_a_declared_resource_changes_the_fingerprint_and_its_bytes_alone_count(tmp_path, monkeypatch):
    words = tmp_path / "words.tsv"
    words.write_text("a\t1\n")
    monkeypatch.setitem(fingerprint._RESOURCES, "analysis.report.narrative",
                        fingerprint._RESOURCES["analysis.report.narrative"] + [words])
    before = fingerprint.fingerprint("analysis.report.stage", [], {"x": 1})
    assert fingerprint.fingerprint("analysis.report.stage", [], {"x": 1}) == before
    words.write_text("a\t1\nb\t-1\n")
    assert fingerprint.fingerprint("analysis.report.stage", [], {"x": 1}) != before
    assert fingerprint.fingerprint("analysis.report.stage", [], {"x": 2}) != fingerprint.fingerprint(
        "analysis.report.stage", [], {"x": 1})


@pytest.fixture
def project(tmp_path, key_env):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "x.jsonl").write_text("".join(
        json.dumps({"id": i, "created_at": t, "text": text, "author": f"user{i}"}) + "\n" for i, t, text in POSTS))
    return write_config(tmp_path, "# the team's config\nsources:\n  - {name: x, type: jsonl, path: in/x.jsonl, platform: x}\n")


@pytest.fixture
def own_lexicon(tmp_path, monkeypatch):
    """A copy of the shipped lexicon that a test may edit, read by the model and the fingerprint alike."""
    copy = tmp_path / "lexicon.tsv"
    shutil.copyfile(lexicon.LEXICON, copy)
    monkeypatch.setattr(lexicon, "LEXICON", copy)
    monkeypatch.setitem(fingerprint._RESOURCES, "analysis.sentiment.lexicon", [copy, lexicon.SLANG])
    lexicon.lexicon.cache_clear()
    yield copy
    lexicon.lexicon.cache_clear()


def test_appending_to_the_lexicon_reanalyses_every_week_under_a_new_model_version(project, own_lexicon):
    collect(str(project))
    config = load_config(project)
    assert analyze.run(str(project)) == {"2024-W47": "analyzed", "2024-W48": "analyzed"}
    assert set(analyze.run(str(project)).values()) == {"up to date"}
    model_before = json.loads((config.processed_dir / "2024-W47.json").read_text())["sentiment_model"]
    with open(own_lexicon, "a", encoding="utf-8") as handle:
        handle.write("ngeri\t-1\n")
    lexicon.lexicon.cache_clear()
    assert analyze.run(str(project)) == {"2024-W47": "analyzed", "2024-W48": "analyzed"}
    model_after = json.loads((config.processed_dir / "2024-W47.json").read_text())["sentiment_model"]
    assert model_before.startswith("embedded@") and model_after.startswith("embedded@") and model_after != model_before


def test_a_comment_in_the_yaml_files_reruns_nothing_but_a_pattern_edit_does(project):
    collect(str(project))
    analyze.run(str(project))
    report.run(str(project))
    project.write_text(project.read_text() + "# a note for the team\n")
    issues = project.parent / "issues.yaml"
    issues.write_text("# reviewed by the team\n" + issues.read_text())
    assert set(analyze.run(str(project)).values()) == {"up to date"}
    assert set(report.run(str(project)).values()) == {"up to date"}
    issues.write_text(issues.read_text().replace("surat suara", "surat  suara", 1))
    assert set(analyze.run(str(project)).values()) == {"analyzed"}


def test_a_report_setting_rewrites_every_week_and_a_new_raw_post_only_its_own_week_onwards(project):
    collect(str(project))
    analyze.run(str(project))
    report.run(str(project))
    with open(project.parent.parent / "in" / "x.jsonl", "a") as handle:
        handle.write(json.dumps({"id": "4", "created_at": "2024-11-27T01:00:00Z", "text": "golput aja lah", "author": "u4"}) + "\n")
    collect(str(project))
    assert analyze.run(str(project)) == {"2024-W47": "up to date", "2024-W48": "analyzed"}
    assert report.run(str(project)) == {"2024-W47": "up to date", "2024-W48": "reported"}
    project.write_text(project.read_text() + "report: {examples: 2}\n")
    assert report.run(str(project)) == {"2024-W47": "reported", "2024-W48": "reported"}
