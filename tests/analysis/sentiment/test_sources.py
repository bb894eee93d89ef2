"""Fetching the labelled sets when ../shared/data is absent: synthetic files served by `responses`,
never the network."""

import hashlib
import logging

import pytest
import requests
import responses

from analysis.sentiment import sources
from analysis.sentiment.data import load_sets
from analysis.sentiment.sources import DownloadError, PublicFile, fetch, provenance
from denyut.errors import InputError

SMSA = "".join(f"ulasan sintetis nomor {i}\t{('positive', 'neutral', 'negative')[i % 3]}\n" for i in range(6)).encode()
NUSAX = ("id,text,label\n" + "".join(f'{i},"kalimat, sintetis {i}",negative\n' for i in range(4))).encode()


def public(path, url, rows, content, reader):
    return PublicFile(path, url, rows, hashlib.sha256(content).hexdigest(), reader)


FILES = (
    public("sentiment/smsa/train.tsv", "https://example.test/smsa/train_preprocess.tsv", 6, SMSA, sources.read_smsa),
    public("sentiment/nusax-id/test.csv", "https://example.test/nusax/test.csv", 4, NUSAX, sources.read_nusax),
)


def serve(smsa=SMSA, nusax=NUSAX, status=200):
    responses.add(responses.GET, FILES[0].url, body=smsa, status=status)
    responses.add(responses.GET, FILES[1].url, body=nusax)


@responses.activate
def test_fetch_writes_the_shared_layout_and_is_done_once(tmp_path):
    serve()
    assert fetch(tmp_path, FILES, requests.Session()) == ["sentiment/smsa/train.tsv", "sentiment/nusax-id/test.csv"]
    assert (tmp_path / "sentiment/smsa/train.tsv").read_bytes() == SMSA
    assert len(sources.read_nusax(tmp_path / "sentiment/nusax-id/test.csv")) == 4
    assert fetch(tmp_path, FILES, requests.Session()) == []
    assert len(responses.calls) == 2  # the second call downloaded nothing
    assert not list(tmp_path.rglob(".*.tmp"))


@responses.activate
def test_truncated_download_is_refused_and_earlier_files_kept(tmp_path):
    serve(nusax=NUSAX[: NUSAX.rindex(b"\n3,")])  # the last row cut off
    with pytest.raises(DownloadError, match=r"nusax/test.csv: 3 baris data, padahal sumbernya 4"):
        fetch(tmp_path, FILES, requests.Session())
    assert (tmp_path / "sentiment/smsa/train.tsv").read_bytes() == SMSA
    assert not (tmp_path / "sentiment/nusax-id/test.csv").exists()
    assert not list(tmp_path.rglob(".*.tmp"))


@responses.activate
def test_a_malformed_row_names_the_url_and_line(tmp_path):
    serve(smsa=SMSA.replace(b"nomor 4\tneutral", b"nomor 4\tnetral"))
    with pytest.raises(InputError, match=r"train_preprocess.tsv, baris 5: kolom 'label'"):
        fetch(tmp_path, FILES, requests.Session())
    assert not (tmp_path / "sentiment/smsa/train.tsv").exists()


@responses.activate
def test_http_failure_says_where_to_put_the_file(tmp_path):
    serve(status=404)
    with pytest.raises(DownloadError) as caught:
        fetch(tmp_path, FILES, requests.Session())
    message = str(caught.value)
    assert "HTTP 404" in message and FILES[0].url in message
    assert str(tmp_path / "sentiment/smsa/train.tsv") in message and "--data" in message


def test_connection_error_is_a_download_error(tmp_path):
    with responses.RequestsMock() as mock:
        mock.add(responses.GET, FILES[0].url, body=requests.ConnectionError("tidak ada jaringan"))
        with pytest.raises(DownloadError, match="ConnectionError"):
            fetch(tmp_path, FILES[:1], requests.Session())


@responses.activate
def test_a_different_copy_trains_but_is_reported(tmp_path, caplog):
    other = SMSA.replace(b"nomor 0", b"nomor nol")
    serve(smsa=other)
    with caplog.at_level(logging.WARNING, logger="denyut.sentiment"):
        fetch(tmp_path, FILES, requests.Session())
    assert "tidak akan sama byte demi byte" in caplog.text
    assert provenance(tmp_path, FILES) == {
        "sentiment/smsa/train.tsv": {"sha256": hashlib.sha256(other).hexdigest(), "same_as_shipped": False},
        "sentiment/nusax-id/test.csv": {"sha256": FILES[1].sha256, "same_as_shipped": True}}


def test_labelled_data_prefers_given_then_shared_then_downloads(tmp_path, monkeypatch):
    fetched = []
    monkeypatch.setattr(sources, "fetch", lambda dest, files: fetched.append((dest, files)))
    monkeypatch.setattr(sources, "PUBLIC_DATA_CACHE", tmp_path / "cache")
    assert sources.labelled_data(tmp_path / "mine") == tmp_path / "mine"
    shared = tmp_path / "shared"
    (shared / "sentiment").mkdir(parents=True)
    monkeypatch.setattr(sources, "SHARED_DATA", shared)
    assert sources.labelled_data(None) == shared and not fetched
    monkeypatch.setattr(sources, "SHARED_DATA", tmp_path / "absent")
    assert sources.labelled_data(None) == tmp_path / "cache"
    assert fetched == [(tmp_path / "cache", sources.PUBLIC_FILES)]


def test_pinned_hashes_and_sizes_match_the_shared_copies(shared_data):
    """The table's hashes are what the shipped model was trained on: ../shared/data itself."""
    assert all(info["same_as_shipped"] for info in provenance(shared_data).values())
    assert len(provenance(shared_data)) == len(sources.PUBLIC_FILES)
    sets = load_sets(shared_data)
    sizes = {"sentiment/smsa/train.tsv": "smsa_train", "sentiment/smsa/valid.tsv": "smsa_valid",
             "sentiment/nusax-id/train.csv": "nusax_train", "sentiment/nusax-id/valid.csv": "nusax_valid",
             "sentiment/nusax-id/test.csv": "nusax_test"}
    for item in sources.PUBLIC_FILES:
        if item.path in sizes:
            assert len(sets[sizes[item.path]]) == item.rows
        else:
            assert len(item.reader(shared_data / item.path)) == item.rows


@responses.activate
def test_a_binary_body_is_refused_without_leaving_a_file(tmp_path):
    serve(smsa=b"\x1f\x8b\x08\x00\xff\xfe compressed, not text")
    with pytest.raises(DownloadError, match=r"train_preprocess.tsv: bukan teks UTF-8"):
        fetch(tmp_path, FILES, requests.Session())
    assert not any(p.is_file() for p in tmp_path.rglob("*"))
