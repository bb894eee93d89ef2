import pytest

from denyut.config import load_config, settings_table
from denyut.errors import ConfigError
from denyut.paths import DEFAULT_CONFIG, DEMO_CONFIG
from tests.conftest import write_config


def test_shipped_configs_are_valid():
    assert load_config(DEFAULT_CONFIG).project.demo is False
    demo = load_config(DEMO_CONFIG) if (DEMO_CONFIG.parent.parent / "build/demo/input/x.jsonl").exists() else None
    if demo is not None:
        assert demo.project.demo is True


def test_unknown_key_names_the_key_and_its_line(tmp_path):
    path = write_config(tmp_path, """\
        project:
          name: Denyut
        report:
          top_issue: 5
        """)
    with pytest.raises(ConfigError) as err:
        load_config(path)
    message = str(err.value)
    assert "report.top_issue" in message
    assert "baris 4" in message
    assert "tidak dikenal" in message


def test_wrong_type_names_the_key(tmp_path):
    path = write_config(tmp_path, """\
        report:
          min_posts_for_share: banyak
        """)
    with pytest.raises(ConfigError, match=r"baris 2: 'report.min_posts_for_share'"):
        load_config(path)


def test_missing_config_file_says_how_to_fix(tmp_path):
    with pytest.raises(ConfigError, match="tidak ditemukan.*--config"):
        load_config(tmp_path / "nope.yaml")


def test_missing_source_file_names_the_source_and_line(tmp_path):
    path = write_config(tmp_path, """\
        sources:
          - name: ekspor
            type: csv
            path: imports/tidak-ada.csv
        """)
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert "sources[ekspor].path" in str(err.value) and "baris 4" in str(err.value)


def test_malformed_yaml_names_the_line(tmp_path):
    path = write_config(tmp_path, "project:\n  name: [Denyut\n")
    with pytest.raises(ConfigError, match="YAML tidak valid"):
        load_config(path)


def test_duplicate_source_names_are_rejected(tmp_path):
    (tmp_path / "a.jsonl").write_text("")
    path = write_config(tmp_path, """\
        sources:
          - {name: a, type: jsonl, path: a.jsonl, platform: x}
          - {name: a, type: jsonl, path: a.jsonl, platform: x}
        """)
    with pytest.raises(ConfigError, match="unik"):
        load_config(path)


def test_pseudonym_key_missing_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.delenv("DENYUT_PSEUDONYM_KEY", raising=False)
    config = load_config(write_config(tmp_path, "project: {name: X}\n"))
    with pytest.raises(ConfigError, match="DENYUT_PSEUDONYM_KEY"):
        config.pseudonym_key()


def test_every_setting_is_documented():
    undocumented = [name for name, _, help_text in settings_table() if not help_text]
    assert undocumented == []


def test_settings_reference_is_up_to_date():
    from denyut.paths import ROOT
    from denyut.settings import render

    assert (ROOT / "docs" / "settings.md").read_text(encoding="utf-8") == render(), \
        "run: python -m denyut.settings > docs/settings.md"


def test_an_error_inside_a_source_points_at_the_keys_own_line_in_indonesian(tmp_path):
    (tmp_path / "in.jsonl").write_text("")
    config = write_config(tmp_path, """\
# sumber tim
sources:
  - name: x
    type: jsonl
    path: in.jsonl
    max_posts: banyak
    columns:
      post_id: 5
  - name: y
    type: mastodn
http:
  retries: 40
""")
    with pytest.raises(ConfigError) as caught:
        load_config(config)
    message = str(caught.value)
    assert f"{config}, baris 6: 'sources[x].max_posts': harus bilangan bulat (tertulis: 'banyak')" in message
    assert f"{config}, baris 8: 'sources[x].columns.post_id': harus berupa teks" in message
    assert f"{config}, baris 10: 'sources[y].type': jenis sumber tidak dikenal: 'mastodn'" in message
    assert f"{config}, baris 12: 'http.retries': maksimal 10" in message
    assert "should be" not in message and "Input" not in message
