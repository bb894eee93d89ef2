import hashlib
import re

import plotly.offline
import pytest

from analysis.site import plotly_bundle
from denyut.errors import StageError


def test_the_vendored_bundle_is_the_pinned_one_for_the_plotly_js_that_plotly_writes_figures_for():
    head = plotly_bundle.SOURCE.read_text(encoding="utf-8")[:200]
    assert re.search(r"plotly\.js \(basic - minified\) v(\S+)", head)[1] == plotly_bundle.VERSION
    assert plotly_bundle.VERSION == plotly.offline.get_plotlyjs_version()
    assert hashlib.sha256(plotly_bundle.SOURCE.read_bytes()).hexdigest() == plotly_bundle.SHA256
    assert plotly_bundle.SOURCE.with_name("plotly-basic.LICENSE").read_text().startswith("MIT License")


def test_the_published_name_changes_with_the_content(tmp_path):
    a, b = tmp_path / "a.js", tmp_path / "b.js"
    a.write_text("var a;")
    b.write_text("var b;")
    assert plotly_bundle.published_name(a) != plotly_bundle.published_name(b)
    assert re.fullmatch(r"plotly-basic\.[0-9a-f]{12}\.min\.js", plotly_bundle.published_name())


def test_a_vendored_bundle_changed_by_hand_stops_the_build(monkeypatch):
    monkeypatch.setattr(plotly_bundle, "SHA256", "0" * 64)
    with pytest.raises(StageError, match="vendor-plotly"):
        plotly_bundle.published_name()


def test_publish_copies_the_bundle_under_its_hashed_name(tmp_path):
    path = plotly_bundle.publish(tmp_path)
    assert (
        path.startswith("assets/javascripts/plotly-basic.")
        and (tmp_path / path).read_bytes() == plotly_bundle.SOURCE.read_bytes()
    )
