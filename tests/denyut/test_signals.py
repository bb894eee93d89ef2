"""A new signal is one package and its template: registered in a temporary package, the report computes it,
keeps its typed result in summary.json, prints its section, writes its table and re-runs when its template changes."""

import csv
import json
import sys

import pytest

from analysis import analyze, report
from analysis.report.stage import steps
from collectors.__main__ import run as collect
from denyut import signals as registry
from denyut.config import load_config
from denyut.formats.summary import read_summary
from tests.conftest import small_week

SIGNAL = '''
from pathlib import Path

from pydantic import BaseModel

from denyut.fingerprint import resource
from denyut.signals import Signal, Table


class Count(BaseModel):
    word: str = ""
    posts: int = 0


def compute(input):
    rows = input.view.query("SELECT COUNT(*) FROM posts WHERE text_norm LIKE '%kecewa%'")
    return Count(word="kecewa", posts=rows[0][0])


TABLE = Table(name="kata", label="Kata", title="Unggahan per kata",
              fields=[{"name": "week", "type": "string", "description": "pekan"},
                      {"name": "posts", "type": "integer", "description": "unggahan"}],
              rows=lambda week, result: [[week, result.posts]])

SIGNAL = Signal(name="kata", step="kata", order=15, result=Count, compute=compute,
                template=resource(Path(__file__).with_name("section.md.j2")), table=TABLE,
                lines=lambda result, s, config: [f"Kata {result.word}: {result.posts} unggahan."])
'''


@pytest.fixture
def toy(tmp_path, monkeypatch):
    package = tmp_path / "toysignals"
    (package / "kata").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "kata" / "__init__.py").write_text("")
    (package / "kata" / "signal.py").write_text(SIGNAL)
    (package / "kata" / "section.md.j2").write_text("## Kata pekan ini\n\n**{{ result.word }}**: {{ result.posts|num }} unggahan.\n\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(registry, "ROOTS", ("analysis", "toysignals"))
    registry.signals.cache_clear()
    yield package
    registry.signals.cache_clear()
    for name in [m for m in sys.modules if m.startswith("toysignals")]:
        del sys.modules[name]


@pytest.fixture
def project(tmp_path, key_env):
    path = small_week(tmp_path)
    collect(str(path))
    analyze.run(str(path))
    return path


def test_a_signal_in_its_own_package_reaches_the_summary_the_page_the_table_and_the_progress_bar(toy, project):
    names = [s.name for s in registry.signals()]
    assert names.index("anomalies") < names.index("kata") < names.index("coordination")  # by `order`: 10 < 15 < 20
    assert "kata" in steps()
    assert report.run(str(project)) == {"2024-W47": "reported"}
    week = load_config(project).reports_dir / "2024-W47"
    summary = read_summary(week / "summary.json")
    kecewa = sum(1 for i in range(40) if i % 3 == 0)  # the posts written above with the word
    assert summary.signals["kata"].posts == kecewa and type(summary.signals["kata"]).__name__ == "Count"
    page = (week / "report.md").read_text()
    # between the anomalies (order 10) and the coordination (20) sections
    assert page.index("## Yang tidak biasa") < page.index("## Kata pekan ini") < page.index("## Pola unggahan serentak")
    assert f"**kecewa**: {kecewa} unggahan." in page
    with open(week / "data" / "kata.csv", newline="") as handle:
        assert list(csv.reader(handle)) == [["week", "posts"], ["2024-W47", str(kecewa)]]
    resources = json.loads((week / "data" / "datapackage.json").read_text())["resources"]
    names = [r["name"] for r in resources]
    assert names[:2] == ["sentiment", "issues"] and "kata" in names


def test_editing_a_signal_s_template_makes_the_week_stale(toy, project):
    assert report.run(str(project)) == {"2024-W47": "reported"}
    assert report.run(str(project)) == {"2024-W47": "up to date"}
    (toy / "kata" / "section.md.j2").write_text("## Kata\n\n{{ result.posts }}\n\n")
    assert report.run(str(project)) == {"2024-W47": "reported"}
    assert "## Kata\n\n" in (load_config(project).reports_dir / "2024-W47" / "report.md").read_text()


def test_a_summary_written_without_a_signal_reads_back_with_its_empty_result(project):
    assert report.run(str(project)) == {"2024-W47": "reported"}
    path = load_config(project).reports_dir / "2024-W47" / "summary.json"
    data = json.loads(path.read_text())
    del data["signals"]["themes"]
    path.write_text(json.dumps(data))
    assert read_summary(path).signals["themes"] == []


def test_a_signal_py_without_its_declaration_or_its_package_file_is_an_error_not_a_silent_skip(toy):
    (toy / "kata" / "signal.py").write_text("X = 1\n")
    registry.signals.cache_clear()
    with pytest.raises(RuntimeError, match="defines no SIGNAL"):
        registry.signals()
    (toy / "kata" / "__init__.py").unlink()
    registry.signals.cache_clear()
    with pytest.raises(RuntimeError, match="no __init__.py"):
        registry.signals()
