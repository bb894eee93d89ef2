import importlib
import subprocess
import sys

import pytest

from denyut import cli
from denyut.errors import ConfigError
from tests.conftest import write_config


@pytest.mark.parametrize("name", sorted(cli.STAGES))
def test_every_stage_runs_through_the_one_runner_with_a_config_option(name):
    stage = importlib.import_module(cli.STAGES[name]).STAGE
    assert stage.name == name
    options = {a.dest for a in cli.parser(stage)._actions}
    assert "config" in options


@pytest.mark.parametrize("name", ["collect", "analyze", "report", "site"])
def test_a_missing_config_is_exit_2_with_one_line_and_no_traceback(name, tmp_path, capsys):
    assert cli.main([name, "--config", str(tmp_path / "nope.yaml")]) == cli.EXIT_INPUT
    err = capsys.readouterr().err
    assert err.startswith("galat: Berkas konfigurasi tidak ditemukan") and "Traceback" not in err


def test_an_unknown_stage_lists_the_stages(capsys):
    assert cli.main(["publikasi"]) == cli.EXIT_INPUT
    assert "collect,analyze,report,site,sentiment,train" in capsys.readouterr().err


def test_errors_and_interrupts_map_to_the_documented_exit_codes(capsys):
    def failing(args):
        raise ConfigError("x.yaml, baris 3: 'a': salah")

    def interrupted(args):
        raise KeyboardInterrupt

    assert cli.stage_main(cli.Stage("uji", "uji", "Uji.", failing), []) == 2
    assert capsys.readouterr().err == "galat: x.yaml, baris 3: 'a': salah\n"
    assert cli.stage_main(cli.Stage("uji", "uji", "Uji.", interrupted), []) == 130
    assert "dihentikan" in capsys.readouterr().err


def test_the_sentiment_contract_takes_the_pipelines_model_from_its_config(tmp_path, capsys):
    config = write_config(tmp_path, "analysis: {sentiment_model: folder/model/tidak-ada}\n")
    (tmp_path / "in.csv").write_text("text\nmantap\n")
    code = cli.main(["sentiment", "--config", str(config), "--in", str(tmp_path / "in.csv"), "--out", str(tmp_path / "o.csv")])
    assert code == 2 and "folder/model/tidak-ada" in capsys.readouterr().err
    # without --config the contract's default stays the embedded model
    assert cli.main(["sentiment", "--in", str(tmp_path / "in.csv"), "--out", str(tmp_path / "o.csv")]) == 0
    assert (tmp_path / "o.csv").read_text().splitlines()[0] == "text,sentiment,p_positive,p_neutral,p_negative"


def test_python_dash_m_denyut_is_the_same_runner(tmp_path):
    result = subprocess.run([sys.executable, "-m", "denyut", "report", "--config", str(tmp_path / "nope.yaml")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and result.stderr.startswith("galat: ")
