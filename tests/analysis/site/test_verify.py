import json
import shutil

import pytest

from analysis import report
from analysis.site.verify import check
from denyut.config import load_config
from tests.conftest import KEY
from tests.e2e.demo_site import build_demo_site


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    base = tmp_path_factory.mktemp("verify") / "site"
    build_demo_site(base, 0.3)
    return base


@pytest.fixture
def copy(built, tmp_path):
    """A private copy of the built project, to tamper with."""
    target = tmp_path / "copy"
    shutil.copytree(built, target)
    return load_config(target / "config" / "denyut.yaml")


def test_a_fresh_build_verifies_and_every_week_links_to_the_one_before(copy):
    weeks, problems = check(copy)
    assert len(weeks) == 10 and problems == []
    manifests = [json.loads((copy.reports_dir / w / "manifest.json").read_text()) for w in weeks]
    assert manifests[0]["previous"] is None and all(m["previous"]["week"] == w for m, w in zip(manifests[1:], weeks))
    assert {"summary.json", "report.md", "data/sentiment.csv"} <= manifests[3]["outputs"].keys()


def test_one_changed_byte_in_a_past_week_is_named(copy):
    weeks, _ = check(copy)
    target = copy.reports_dir / weeks[2] / "data" / "sentiment.csv"
    data = bytearray(target.read_bytes())
    data[-2] ^= 1
    target.write_bytes(bytes(data))
    _, problems = check(copy)
    assert problems == [f"{weeks[2]}: data/sentiment.csv berubah sejak diterbitkan"]


def test_an_edited_manifest_breaks_the_chain_at_the_next_week(copy):
    weeks, _ = check(copy)
    path = copy.reports_dir / weeks[4] / "manifest.json"
    manifest = json.loads(path.read_text())
    manifest["outputs"]["summary.json"] = "0" * 64  # someone covering a change in summary.json
    path.write_text(json.dumps(manifest))
    _, problems = check(copy)
    assert f"{weeks[4]}: summary.json berubah sejak diterbitkan" in problems
    assert any(p.startswith(f"{weeks[5]}: rantai putus") for p in problems)
    assert any(p.startswith(f"{weeks[4]}: manifes di situs berbeda") for p in problems)  # the published copy still tells


def test_a_changed_copy_on_the_site_is_named(copy):
    weeks, _ = check(copy)
    target = copy.public_dir / "data" / weeks[6].lower() / "issues.csv"
    target.write_text(target.read_text(encoding="utf-8").replace(",", ";", 1), encoding="utf-8")
    _, problems = check(copy)
    assert problems == [f"{weeks[6]}: salinan di situs data/{weeks[6].lower()}/issues.csv berbeda dari yang tercatat"]


def test_rebuilding_from_the_same_inputs_gives_the_same_bytes(copy, monkeypatch):
    weeks, _ = check(copy)
    before = {p: p.read_bytes() for p in copy.reports_dir.rglob("*") if p.is_file()}
    monkeypatch.setenv("DENYUT_PSEUDONYM_KEY", KEY)
    report.run(str(copy.base_dir / "config" / "denyut.yaml"), force=True)
    after = {p: p.read_bytes() for p in copy.reports_dir.rglob("*") if p.is_file()}
    assert after.keys() == before.keys()
    assert [str(p) for p in before if before[p] != after[p]] == []
    assert check(copy)[1] == []
