import typing

import pytest

from collectors import registry
from denyut.config import Source


def _config_types() -> set[str]:
    models = typing.get_args(typing.get_args(Source)[0])
    return {kind for model in models for kind in typing.get_args(model.model_fields["type"].annotation)}


def test_every_source_type_of_the_config_has_exactly_one_platform_module():
    assert set(registry.platforms()) == _config_types()


def test_a_module_dropped_into_platforms_is_found_without_touching_any_other_file(tmp_path, monkeypatch):
    (tmp_path / "forum.py").write_text(
        "from collectors.registry import Platform\n"
        "PLATFORM = Platform(('forum',), collect=lambda source, run: None, plan=lambda source, config: ['forum'])\n")
    monkeypatch.setattr(registry.platforms_package, "__path__", list(registry.platforms_package.__path__) + [str(tmp_path)])
    registry.platforms.cache_clear()
    try:
        assert registry.platform("forum").plan(None, None) == ["forum"]
    finally:
        registry.platforms.cache_clear()


def test_a_module_without_platform_or_with_a_taken_type_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(registry.platforms_package, "__path__", list(registry.platforms_package.__path__) + [str(tmp_path)])
    (tmp_path / "kosong.py").write_text("X = 1\n")
    registry.platforms.cache_clear()
    try:
        with pytest.raises(TypeError, match="tidak menyatakan PLATFORM"):
            registry.platforms()
        (tmp_path / "kosong.py").unlink()
        (tmp_path / "kembar.py").write_text(
            "from collectors.registry import Platform\nPLATFORM = Platform(('rss',), collect=None, plan=None)\n")
        registry.platforms.cache_clear()
        with pytest.raises(TypeError, match="'rss' dinyatakan dua kali"):
            registry.platforms()
    finally:
        registry.platforms.cache_clear()


def test_an_unknown_type_names_the_folder_to_add_it_to():
    with pytest.raises(LookupError, match="collectors/platforms/"):
        registry.platform("friendster")
