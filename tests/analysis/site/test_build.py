import json
import shutil

import pytest

from analysis import analyze, report
from analysis import site as site_stage
from collectors.__main__ import run as collect
from denyut.config import load_config
from denyut.errors import StageError
from denyut.formats.summary import SummaryError
from tests.conftest import write_config


@pytest.fixture
def reported(tmp_path, key_env):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "x.jsonl").write_text("".join(
        json.dumps({"id": str(i), "created_at": f"2024-11-{18 + 7 * (i % 2)}T02:00:00Z", "author": f"u{i}",
                    "text": "Surat suara telat datang, kecewa berat"}) + "\n" for i in range(6)))
    path = write_config(tmp_path, "sources:\n  - {name: x, type: jsonl, path: in/x.jsonl, platform: x}\n")
    collect(str(path))
    analyze.run(str(path))
    report.run(str(path))
    return path, load_config(path)


def test_the_site_only_assembles_what_the_report_wrote(reported):
    path, config = reported
    shutil.rmtree(config.reports_dir / "_site")
    with pytest.raises(StageError, match="_site tidak ada: jalankan `make report`"):
        site_stage.run(str(path))


def test_demo_and_real_reports_are_never_published_together(reported):
    path, config = reported
    summary_path = config.reports_dir / "2024-W48" / "summary.json"
    summary = json.loads(summary_path.read_text())
    summary_path.write_text(json.dumps(summary | {"demo": True}))
    with pytest.raises(StageError, match="mencampur laporan demo"):
        site_stage.run(str(path))


def test_a_summary_of_an_older_schema_stops_the_site_with_the_fix(reported):
    path, config = reported
    summary_path = config.reports_dir / "2024-W47" / "summary.json"
    summary_path.write_text(json.dumps(json.loads(summary_path.read_text()) | {"schema_version": 1}))
    with pytest.raises(SummaryError, match="jalankan `make report`"):
        site_stage.run(str(path))


def test_without_reports_the_site_says_which_stage_to_run(tmp_path):
    path = write_config(tmp_path, "sources: []\n")
    with pytest.raises(StageError, match="jalankan `make report` dulu"):
        site_stage.run(str(path))
