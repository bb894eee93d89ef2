"""`make verify` against tampering: a published demo project is copied, one thing in it is changed the way
someone covering their tracks (or a broken disk) would, and verify must name exactly what changed."""

import hashlib
import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from analysis import report
from analysis import site as site_stage
from analysis.site.verify import check, main
from denyut.config import load_config
from denyut.formats.manifest import HEAD_PLACEHOLDER, SITE_MANIFEST, chain_dir, read_head
from denyut.formats.review import read_status, write_status
from tests.conftest import KEY
from tests.e2e.demo_site import build_demo_site

pytestmark = [pytest.mark.slow]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    base = tmp_path_factory.mktemp("verify") / "site"
    config = build_demo_site(base, 0.3, site_url="https://denyut.contoh.id/")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DENYUT_PSEUDONYM_KEY", KEY)
        site_stage.run(str(base / "config" / "denyut.yaml"), publish=True)  # a first publication, then a second one
        statuses = read_status(config.review_dir)  # the last week approved again, on another day: a new page
        last = sorted(statuses)[-1]
        write_status(config.review_dir, statuses | {last: statuses[last].model_copy(update={"at": date(2024, 12, 10)})})
        report.run(str(base / "config" / "denyut.yaml"))
        site_stage.run(str(base / "config" / "denyut.yaml"), publish=True)
    return base


@pytest.fixture
def copy(built, tmp_path):
    """A private copy of the built project (the site link kept a link), to tamper with."""
    target = tmp_path / "copy"
    shutil.copytree(built, target, symlinks=True)
    return load_config(target / "config" / "denyut.yaml")


def _problems(config, anchor=None):
    return check(config, config.base_dir / "config" / "denyut.yaml", anchor)[1]


def _flip(path: Path, at: int = -2) -> None:
    data = bytearray(path.read_bytes())
    data[at] ^= 1
    path.write_bytes(bytes(data))


def _weeks(config) -> list[str]:
    return sorted(p.name for p in config.reports_dir.glob("*-W*"))


def test_a_fresh_publication_verifies_and_every_week_links_to_the_one_before(copy, capsys):
    weeks, problems = check(copy, copy.base_dir / "config" / "denyut.yaml")
    assert len(weeks) == 10 and problems == []
    manifests = [json.loads((copy.reports_dir / w / "manifest.json").read_text()) for w in weeks]
    assert manifests[0]["previous"] is None and all(m["previous"]["week"] == w for m, w in zip(manifests[1:], weeks))
    assert {"summary.json", "report.md", "data/sentiment.csv"} <= manifests[3]["outputs"].keys()
    assert manifests[3]["raw"] and all(r["bytes"] > 0 for r in manifests[3]["raw"].values())
    assert not any(str(copy.base_dir) in k or k.startswith("/") for m in manifests for k in m["inputs"])
    site = json.loads((copy.public_dir / SITE_MANIFEST).read_text())
    assert site["kind"] == "publish" and site["previous"] in {p.stem for p in chain_dir(copy.reports_dir).glob("*.json")}
    assert set(site["weeks"]) == set(weeks) and "index.html" in site["files"] and "feed.xml" in site["files"]
    head = read_head(copy.reports_dir)
    assert hashlib.sha256((copy.public_dir / SITE_MANIFEST).read_bytes()).hexdigest() == head
    shown = (copy.public_dir / "data" / "index.html").read_text()
    assert head in shown and HEAD_PLACEHOLDER not in shown  # the open-data page shows the head
    assert main(["--config", str(copy.base_dir / "config" / "denyut.yaml"), "--anchor", site["previous"]]) == 0
    assert f"kepala rantai {head}" in capsys.readouterr().out


def _tamper_week_file(config, name):
    _flip(config.reports_dir / _weeks(config)[2] / name)
    return [f"{_weeks(config)[2]}: {name} berubah sejak diterbitkan"]


CASES = {
    # the weeks' own files and manifests
    "week data changed": lambda c: _tamper_week_file(c, "data/sentiment.csv"),
    "week summary changed": lambda c: _tamper_week_file(c, "summary.json"),
    "week page source changed": lambda c: _tamper_week_file(c, "report.md"),
    "week card changed": lambda c: _tamper_week_file(c, "share/card.png"),
    "week file deleted": lambda c: ((c.reports_dir / _weeks(c)[1] / "share" / "laporan.pdf").unlink(),
                                    [f"{_weeks(c)[1]}: share/laporan.pdf hilang"])[1],
    "week file added": lambda c: ((c.reports_dir / _weeks(c)[1] / "data" / "extra.csv").write_text("a\n"),
                                  [f"{_weeks(c)[1]}: data/extra.csv tidak tercatat di manifest"])[1],
    "week manifest deleted": lambda c: ((c.reports_dir / _weeks(c)[0] / "manifest.json").unlink(),
                                        [f"{_weeks(c)[0]}: tidak ada manifest.json",
                                         f"situs: manifes pekan {_weeks(c)[0]} yang diterbitkan tidak ada lagi di reports/"])[1],
    "week manifest unreadable": lambda c: ((c.reports_dir / _weeks(c)[0] / "manifest.json").write_text("{rusak"),
                                           [f"{_weeks(c)[0]}: manifest.json tidak terbaca (JSONDecodeError)",
                                            f"{_weeks(c)[1]}: rantai putus: tautan ke manifest {_weeks(c)[0]} tidak cocok "
                                            "(manifest pekan itu diubah, atau pekan ini dibuat dari rantai lain)",
                                            f"{_weeks(c)[0]}: manifes di situs berbeda dari manifes laporan",
                                            f"situs: manifes pekan {_weeks(c)[0]} berbeda dari yang diterbitkan"])[1],
    # what a week was built from
    "taxonomy changed": lambda c: ((c.issues_path.write_text(c.issues_path.read_text() + "\n# ubah\n")),
                                   [f"{w}: masukan config:issues berubah sejak pekan ini dibuat" for w in _weeks(c)])[1],
    "processed week deleted": lambda c: ((c.processed_dir / f"{_weeks(c)[3]}.parquet").unlink(),
                                         [f"{_weeks(c)[3]}: masukan processed/{_weeks(c)[3]}.parquet hilang sejak pekan ini dibuat",
                                          f"{_weeks(c)[4]}: masukan processed/{_weeks(c)[3]}.parquet hilang sejak pekan ini dibuat"])[1],
    "review sheet edited": lambda c: (_flip(c.review_dir / _weeks(c)[5] / "sample.csv", 40),
                                      [f"{_weeks(c)[5]}: masukan review/{_weeks(c)[5]}/sample.csv berubah sejak pekan ini dibuat"])[1],
}


def _raw_case(config, how):
    manifest = json.loads((config.reports_dir / _weeks(config)[4] / "manifest.json").read_text())
    name = sorted(manifest["raw"])[0]
    path = config.raw_dir / name
    weeks = [w for w in _weeks(config) if name in json.loads((config.reports_dir / w / "manifest.json").read_text())["raw"]]
    if how == "changed":
        _flip(path, 30)
    elif how == "truncated":
        path.write_bytes(path.read_bytes()[:-10])
    elif how == "deleted":
        path.unlink()
    else:  # appended: the store only appends, and that is no tampering
        with open(path, "ab") as handle:
            handle.write(b'{"baru": 1}\n')
        return []
    word = {"changed": "berubah sejak pekan ini dilaporkan", "truncated": "dipotong sejak pekan ini dilaporkan",
            "deleted": "hilang"}[how]
    return [f"{w}: data mentah {name} {word}" for w in weeks]


for _how in ("changed", "truncated", "deleted", "appended"):
    CASES[f"raw posts {_how}"] = lambda c, how=_how: _raw_case(c, how)


def _site_case(config, rel, what="berubah sejak diterbitkan", change=_flip):
    change(config.public_dir / rel)
    return [f"situs: {rel} {what}"]


def _latest(config) -> str:
    return _weeks(config)[-1].lower()


CASES |= {
    "weekly page byte": lambda c: _site_case(c, f"laporan/{_latest(c)}/index.html"),
    "home page byte": lambda c: _site_case(c, "index.html"),
    "feed byte": lambda c: _site_case(c, "feed.xml"),
    "site script": lambda c: _site_case(c, "assets/javascripts/denyut.js"),
    "sitemap": lambda c: _site_case(c, "sitemap.xml"),
    "search index": lambda c: _site_case(c, "search/search_index.json"),
    "open-data page": lambda c: _site_case(c, "data/index.html"),
    "all-weeks data": lambda c: (_flip(c.public_dir / "data" / "semua" / "sentiment.csv"),
                                 ["situs: data semua pekan data/semua/sentiment.csv berubah sejak diterbitkan"])[1],
    "another head shown": lambda c: _site_case(c, "data/index.html", change=lambda p: p.write_text(
        p.read_text().replace(read_head(c.reports_dir), "f" * 64))),
    "page added": lambda c: ((c.public_dir / "evil.html").write_text("<script>alert(1)</script>"),
                             ["situs: evil.html ditambahkan, tidak tercatat di manifes situs"])[1],
    "fake chain file": lambda c: ((c.public_dir / "rantai" / ("0" * 64 + ".json")).write_text("{}"),
                                  [f"situs: rantai/{'0' * 64}.json ditambahkan, tidak tercatat di manifes situs"])[1],
    "page deleted": lambda c: ((c.public_dir / "tentang" / "index.html").unlink(), ["situs: tentang/index.html hilang"])[1],
}


def _latest_week_deleted(config):
    week = _weeks(config)[-1]
    folder = config.public_dir / "laporan" / week.lower()
    files = sorted(p.relative_to(config.public_dir).as_posix() for p in folder.rglob("*") if p.is_file())
    shutil.rmtree(folder)
    return [f"situs: {rel} hilang" for rel in files] + [f"situs: pekan {week} hilang dari situs"]


def _site_deleted(config):
    head = read_head(config.reports_dir)
    shutil.rmtree(config.public_dir.resolve())
    config.public_dir.unlink()
    return [f"situs tidak ada: public/ hilang (terbitan terakhir {head[:16]}…)"]


def _site_manifest_edited(config):
    """A changed page, its hash "fixed" in the manifest: the pages that show the head now show another one."""
    path = config.public_dir / SITE_MANIFEST
    manifest = json.loads(path.read_text())
    chain = [read_head(config.reports_dir), manifest["previous"]]  # the site's chain copies no longer lead anywhere
    page = f"laporan/{_latest(config)}/index.html"
    _flip(config.public_dir / page)
    manifest["files"][page] = hashlib.sha256((config.public_dir / page).read_bytes()).hexdigest()
    path.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    head = hashlib.sha256(path.read_bytes()).hexdigest()
    return [f"situs: {rel} berubah sejak diterbitkan" for rel in ("data/index.html", "search/search_index.json")] + [
            f"situs: manifes situs ({head[:16]}…) bukan kepala rantai yang tercatat "
            f"({read_head(config.reports_dir)[:16]}…): situs diganti di luar `make publish`",
            f"rantai situs putus: manifes {head[:16]}… tidak ada atau berubah di reports/_rantai/"] + [
            f"situs: rantai/{h}.json ditambahkan, tidak tercatat di manifes situs" for h in chain]


def _earlier_publication_lost(config):
    previous = json.loads((config.public_dir / SITE_MANIFEST).read_text())["previous"]
    (chain_dir(config.reports_dir) / f"{previous}.json").unlink()
    return [f"rantai situs putus: manifes {previous[:16]}… tidak ada atau berubah di reports/_rantai/"]


CASES |= {
    "latest week deleted": _latest_week_deleted,
    "whole site deleted": _site_deleted,
    "site manifest edited": _site_manifest_edited,
    "site manifest deleted": lambda c: ((c.public_dir / SITE_MANIFEST).unlink(),
                                        [f"situs: {SITE_MANIFEST} hilang, isi public/ tidak bisa diperiksa"])[1],
    "earlier publication lost": _earlier_publication_lost,
    "week re-reported, not republished": lambda c: (
        (c.reports_dir / _weeks(c)[-1] / "manifest.json").write_text(
            (c.reports_dir / _weeks(c)[-1] / "manifest.json").read_text().replace('"format"', '"format" ', 1)),
        [f"situs: manifes pekan {_weeks(c)[-1]} berbeda dari yang diterbitkan",
         f"{_weeks(c)[-1]}: manifes di situs berbeda dari manifes laporan"])[1],
}


def _chain_copy_deleted(config):
    previous = json.loads((config.public_dir / SITE_MANIFEST).read_text())["previous"]
    (config.public_dir / "rantai" / f"{previous}.json").unlink()
    return [f"situs: rantai/{previous}.json hilang atau berubah (manifes terbitan yang tercatat di rantai)"]


def _all_chain_copies_deleted(config):
    site = json.loads((config.public_dir / SITE_MANIFEST).read_text())
    shutil.rmtree(config.public_dir / "rantai")
    head = read_head(config.reports_dir)
    return [f"situs: rantai/{h}.json hilang atau berubah (manifes terbitan yang tercatat di rantai)"
            for h in (head, site["previous"])]


def _folder_replaced_by_a_link(config):
    real = config.public_dir.resolve()
    moved = real.parent.parent / "di-luar"
    shutil.move(real / "tentang", moved)
    (moved / "evil.html").write_text("<script>alert(1)</script>")
    (real / "tentang").symlink_to(moved)
    return ["situs: tentang adalah tautan simbolik, bukan berkas situs"]


def _preview_forged_into_public(config):
    """Someone rewrites the manifest as a preview's (which nothing checks a chain for) and fixes the shown head."""
    path = config.public_dir / SITE_MANIFEST
    old_head = hashlib.sha256(path.read_bytes()).hexdigest()
    manifest = json.loads(path.read_text()) | {"kind": "preview", "previous": None}
    path.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    new_head = hashlib.sha256(path.read_bytes()).hexdigest()
    for rel in manifest["head_in"]:
        page = config.public_dir / rel
        page.write_text(page.read_text().replace(old_head, new_head))
    return ["situs: public/ berisi pratinjau (`make site`, pekan draf ikut), bukan situs terbitan: pratinjau dibangun di "
            "public-pratinjau/, jadi ini bukan buatan Denyut; jalankan `make publish`"] + [
            f"situs: rantai/{h}.json ditambahkan, tidak tercatat di manifes situs" for h in (old_head, manifest_previous(config))]


def manifest_previous(config):
    return json.loads((chain_dir(config.reports_dir) / f"{read_head(config.reports_dir)}.json").read_text())["previous"]


CASES |= {
    "chain copy on the site deleted": _chain_copy_deleted,
    "all chain copies on the site deleted": _all_chain_copies_deleted,
    "a folder replaced by a link": _folder_replaced_by_a_link,
    "preview forged into public": _preview_forged_into_public,
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_kind_of_tampering_is_named_exactly(copy, case):
    expected = CASES[case](copy)
    assert sorted(_problems(copy)) == sorted(expected)


def test_at_least_25_tamper_cases_are_checked():
    assert len([c for c in CASES if c != "raw posts appended"]) >= 25


def test_a_chain_rewritten_consistently_passes_alone_but_not_against_a_head_kept_outside(copy):
    """Whoever can write every file can rebuild the whole chain; a head kept elsewhere cannot be rebuilt."""
    anchor = read_head(copy.reports_dir)
    for stored in chain_dir(copy.reports_dir).glob("*.json"):
        stored.unlink()
    shutil.rmtree(copy.public_dir / "rantai")
    (chain_dir(copy.reports_dir) / "HEAD").unlink()
    _flip(copy.reports_dir / _weeks(copy)[0] / "data" / "issues.csv")  # the change being covered up
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DENYUT_PSEUDONYM_KEY", KEY)
        report.run(str(copy.base_dir / "config" / "denyut.yaml"), force=True)
        site_stage.run(str(copy.base_dir / "config" / "denyut.yaml"), publish=True, force=True)
    assert _problems(copy) == []
    assert _problems(copy, anchor) == [f"jangkar {anchor[:16]}… tidak ada dalam rantai situs: rantai ditulis ulang sejak "
                                       "jangkar itu disimpan, atau jangkar itu dari situs lain"]


def test_rebuilding_from_the_same_inputs_gives_the_same_bytes(copy, monkeypatch):
    before = {p: p.read_bytes() for p in copy.reports_dir.rglob("*") if p.is_file() and "_rantai" not in p.parts}
    monkeypatch.setenv("DENYUT_PSEUDONYM_KEY", KEY)
    report.run(str(copy.base_dir / "config" / "denyut.yaml"), force=True)
    after = {p: p.read_bytes() for p in copy.reports_dir.rglob("*") if p.is_file() and "_rantai" not in p.parts}
    assert after.keys() == before.keys()
    assert [str(p) for p in before if before[p] != after[p]] == []
    assert _problems(copy) == []
