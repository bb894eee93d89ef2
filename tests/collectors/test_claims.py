import json
from pathlib import Path
from urllib.parse import parse_qs

import pytest
import responses

from collectors.claims import ClaimSourceError, collect_claims
from denyut.config import load_config
from denyut.errors import ConfigError
from denyut.formats.claims import catalogue_path, read_catalogue, read_team_claims

FIXTURES = Path(__file__).with_name("fixtures")
URL = "https://yudistira.turnbackhoax.id/api/antihoax/"


def _config(tmp_path, extra=""):
    (tmp_path / "config").mkdir(exist_ok=True)
    (tmp_path / "config" / "issues.yaml").write_text(
        "version: 1\nissues:\n  - {id: a, name_id: A, name_en: A, description: a, patterns: ['a']}\n", encoding="utf-8")
    path = tmp_path / "config" / "denyut.yaml"
    path.write_text("paths: {data: data}\nhttp: {min_interval_s: 0, retries: 0}\n"
                    f"hoaxes:\n  mafindo: {{page_size: 2, max_pages: 5}}\n{extra}", encoding="utf-8")
    return load_config(path)


@responses.activate
def test_mafindo_hoaxes_with_a_clarification_are_kept_and_merged_by_id(tmp_path, monkeypatch):
    import requests

    monkeypatch.setenv("MAFINDO_API_KEY", "kunci-uji")
    for page in ("mafindo_page1.json", "mafindo_page2.json"):
        responses.post(URL, json=json.loads((FIXTURES / page).read_text(encoding="utf-8")))
    config = _config(tmp_path)
    stats = collect_claims(config, requests.Session())
    assert (stats.fetched, stats.new, stats.skipped) == (3, 2, {"bukan hoaks (status bukan 2)": 1})
    bodies = [parse_qs(call.request.body) for call in responses.calls]
    assert [b["offset"] for b in bodies] == [["0"], ["2"]] and bodies[0]["key"] == ["kunci-uji"]  # page 2 was short: done
    claims = {c.id: c for c in read_catalogue(catalogue_path(config.claims_dir, "mafindo"))}
    assert set(claims) == {"mafindo-9101", "mafindo-9099"}
    first = claims["mafindo-9101"]
    assert first.description == "Kotak suara di Kota Contoh sudah diisi sebelum pemungutan"  # the verdict tag is dropped
    assert str(first.clarification).startswith("https://turnbackhoax.example/") and first.published == "2024-11-02"
    assert str(claims["mafindo-9099"].clarification) == "https://cekfakta.example/video-lama-tps"  # from ClaimReview
    # the one-line correction is the fact-checker's own: its conclusion, else its fact
    assert first.correction == "Kotak suara tidak diisi sebelum pemungutan."
    assert claims["mafindo-9099"].correction == "Video itu berasal dari kejadian lain pada 2019."

    responses.replace(responses.POST, URL, json=json.loads((FIXTURES / "mafindo_page1.json").read_text(encoding="utf-8")))
    again = collect_claims(config, requests.Session())
    assert (again.new, again.updated) == (0, 0)
    assert len(read_catalogue(catalogue_path(config.claims_dir, "mafindo"))) == 2  # nothing doubled, nothing lost


@responses.activate
def test_a_rejected_key_leaves_the_catalogue_as_it_was(tmp_path, monkeypatch):
    import requests

    monkeypatch.setenv("MAFINDO_API_KEY", "kunci-salah")
    config = _config(tmp_path)
    path = catalogue_path(config.claims_dir, "mafindo")
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"id": "mafindo-1", "description": "klaim lama yang sudah ada", "source": "mafindo",
                                "clarification": "https://cekfakta.example/1", "examples": ["contoh kalimat lama"]}) + "\n",
                    encoding="utf-8")
    before = path.read_bytes()
    responses.post(URL, status=403)
    with pytest.raises(ClaimSourceError, match="MAFINDO_API_KEY"):
        collect_claims(config, requests.Session())
    assert path.read_bytes() == before


def test_a_missing_key_names_the_variable(tmp_path, monkeypatch):
    monkeypatch.delenv("MAFINDO_API_KEY", raising=False)
    with pytest.raises(ClaimSourceError, match="MAFINDO_API_KEY"):
        collect_claims(_config(tmp_path), None)


def test_a_team_claim_without_a_valid_link_is_named_with_its_line(tmp_path):
    path = tmp_path / "hoaxes.yaml"
    path.write_text("claims:\n  - id: satu\n    description: klaim pertama yang jelas\n"
                    "    clarification: bukan-tautan\n    examples: [contoh kalimat yang beredar]\n", encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        read_team_claims(path)
    assert "baris 4" in str(error.value) and "claims.0.clarification" in str(error.value)


def test_a_correction_is_the_first_sentence_of_what_the_fact_checker_wrote_or_none():
    from denyut.formats.claims import first_sentence

    assert first_sentence("<p>Faktanya, foto itu dari 2019. Foto diunggah ulang.</p>") == "Faktanya, foto itu dari 2019."
    assert first_sentence("  ") is None and first_sentence(None) is None  # nothing written: nothing made up
    long = first_sentence("kata " * 100)
    assert len(long) <= 200 and long.endswith("…")
