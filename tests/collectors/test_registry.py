import io
import typing

import pytest
import respx

from collectors import registry
from collectors.__main__ import run as collect
from denyut import progress
from denyut.config import Source
from tests.collectors.conftest import SESSION, XRPC, view


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


BLUESKY = """\
- name: bsky
  type: bluesky
  queries: [pilkada]
  service: https://pds.contoh.id
"""


def test_a_network_source_shows_a_bar_of_the_records_fetched_on_a_terminal_and_none_under_ci(project, credentials,
                                                                                             monkeypatch):
    """An API does not say how many records are left: the bar counts them (no total), on a terminal only."""
    class Terminal(io.StringIO):
        def isatty(self):
            return True
    bars = []
    monkeypatch.setattr(registry, "bar", lambda *args, **kwargs: bars.append(progress.bar(*args, **kwargs)) or bars[-1])
    monkeypatch.setattr(progress.sys, "stderr", Terminal())
    path, _ = project(BLUESKY)
    for ci in ("", "true"):
        monkeypatch.setenv("CI", ci)
        with respx.mock(assert_all_called=False) as mock:
            mock.post(f"{XRPC}/com.atproto.server.createSession").respond(json=SESSION)
            mock.get(f"{XRPC}/app.bsky.actor.getProfile").respond(json={"did": SESSION["did"], "handle": SESSION["handle"]})
            mock.get(f"{XRPC}/app.bsky.feed.searchPosts").respond(
                json={"posts": [view(f"3k{i}", f"Unggahan {i} tentang TPS", "2024-11-20T10:00:00.000Z") for i in range(3)]})
            collect(str(path))
    shown, quiet = bars
    assert (shown.n, shown.total) == (3, None) and "bsky" in progress.sys.stderr.getvalue()
    assert quiet.disable and quiet.n == 0  # under CI=true: nothing drawn, nothing counted
