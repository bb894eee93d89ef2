"""Where the labelled sets come from, and fetching them when ../shared/data is not beside the clone.

Each file is downloaded from its public repository at a pinned commit into the same layout as
../shared/data, parsed by the same reader that training uses, and checked against its documented
row count before it replaces anything. Its SHA-256 is compared with the copy the shipped model was
trained on; a different copy still trains, but the model will not be the same bytes, so training
records the hashes and says so."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import requests

from analysis.sentiment.data import read_emot, read_nusax, read_smsa
from denyut.config import HttpSettings
from denyut.errors import DenyutError, InputError
from denyut.http import http_session
from denyut.io import sha256_file
from denyut.paths import PUBLIC_DATA_CACHE, SHARED_DATA

log = logging.getLogger("denyut.sentiment")

INDONLU = "https://github.com/IndoNLP/indonlu/raw/ce728f6/dataset"
NUSAX = "https://github.com/IndoNLP/nusax/raw/75b0be5/datasets/sentiment/indonesian"


@dataclass(frozen=True)
class PublicFile:
    path: str  # inside the data folder, as laid out in ../shared/data
    url: str
    rows: int
    sha256: str  # of the copy the shipped model was trained on
    reader: Callable[[Path], list]


PUBLIC_FILES = (
    PublicFile("sentiment/smsa/train.tsv", f"{INDONLU}/smsa_doc-sentiment-prosa/train_preprocess.tsv", 11000,
               "50f38ceed9b31521bf1581e126620532cc9b790712938159a2cdcf6906977a9b", read_smsa),
    PublicFile("sentiment/smsa/valid.tsv", f"{INDONLU}/smsa_doc-sentiment-prosa/valid_preprocess.tsv", 1260,
               "6ab41ddc9d58a35086f05ebd2e209c74cb03d87d4f51d6abdfba674eafbefa74", read_smsa),
    PublicFile("sentiment/nusax-id/train.csv", f"{NUSAX}/train.csv", 500,
               "698c4802111085c14fbe35122957e1145338d307bcc295764026a23095a32984", read_nusax),
    PublicFile("sentiment/nusax-id/valid.csv", f"{NUSAX}/valid.csv", 100,
               "4049c4a53017e08db72c72e1907345bfdfc19385481c58f54fe4637073d813f9", read_nusax),
    PublicFile("sentiment/nusax-id/test.csv", f"{NUSAX}/test.csv", 400,
               "43b612ed6fde972c752ab9fa8b2ce290d9ffa06b176b732fcef2a947cb94a161", read_nusax),
    PublicFile("emotion/emot/train.csv", f"{INDONLU}/emot_emotion-twitter/train_preprocess.csv", 3521,
               "51bb4e77d989004d0ca49c158f404d7eda956015a18b805401f7dee9b4d85fc1", read_emot),
    PublicFile("emotion/emot/valid.csv", f"{INDONLU}/emot_emotion-twitter/valid_preprocess.csv", 440,
               "3cba3d7b2cc3afa5cdd452a13df2498ff8a32b420f59ed10a48e41a452c98f50", read_emot),
)


class DownloadError(DenyutError):
    """A public file could not be fetched or is not what its source documents."""


def fetch(dest: Path, files: tuple[PublicFile, ...] = PUBLIC_FILES, session: requests.Session | None = None) -> list[str]:
    """Downloads each file that dest lacks; returns the paths it wrote. A file that fails its
    checks is not written, and the files already there are left as they are."""
    if session is None:
        session = http_session(HttpSettings(min_interval_s=0.0))
    written = []
    for item in files:
        target = Path(dest) / item.path
        if target.is_file():
            continue
        advice = (f"Unduh berkas itu sendiri dan simpan sebagai {target}, atau jalankan dengan --data FOLDER "
                  "yang susunannya seperti ../shared/data (lihat SOURCES.md di sana)")
        try:
            response = session.get(item.url)
        except requests.RequestException as exc:
            raise DownloadError(f"tidak bisa mengunduh {item.url} ({exc.__class__.__name__}: {exc}). {advice}") from exc
        if response.status_code != 200:
            raise DownloadError(f"tidak bisa mengunduh {item.url} (HTTP {response.status_code}). {advice}")
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_bytes(response.content)
        try:
            _check(item, tmp, advice)
        except BaseException:
            tmp.unlink()  # nothing half-checked is left where training would read it
            raise
        tmp.replace(target)
        written.append(item.path)
        if sha256_file(target) != item.sha256:
            log.warning("%s berbeda dari salinan yang dipakai melatih model bawaan: model hasil latihan tidak akan "
                        "sama byte demi byte", target)
    return written


def _check(item: PublicFile, path: Path, advice: str) -> None:
    try:
        rows = item.reader(path)
    except InputError as exc:
        raise InputError(item.url, exc.line, exc.field, exc.reason) from None
    except UnicodeDecodeError as exc:
        raise DownloadError(f"{item.url}: bukan teks UTF-8 ({exc.reason} di byte {exc.start}). {advice}") from None
    if len(rows) != item.rows:
        raise DownloadError(f"{item.url}: {len(rows)} baris data, padahal sumbernya {item.rows}; "
                            f"unduhan terpotong atau berkasnya berubah. {advice}")


def labelled_data(data_dir: Path | None) -> Path:
    """The folder to train and score on: --data when given, else ../shared/data when it is beside
    the clone, else a downloaded copy under .cache/ (fetched once)."""
    if data_dir is not None:
        return Path(data_dir)
    if (SHARED_DATA / "sentiment").is_dir():
        return SHARED_DATA
    missing = [item for item in PUBLIC_FILES if not (PUBLIC_DATA_CACHE / item.path).is_file()]
    if missing:
        log.warning("%s tidak ada; mengunduh %d berkas data berlabel dari sumber publiknya ke %s",
                    SHARED_DATA, len(missing), PUBLIC_DATA_CACHE)
        fetch(PUBLIC_DATA_CACHE, tuple(missing))
    return PUBLIC_DATA_CACHE


def provenance(data_dir: Path, files: tuple[PublicFile, ...] = PUBLIC_FILES) -> dict[str, dict]:
    """SHA-256 of each labelled file present, and whether it is the copy the shipped model saw."""
    out = {}
    for item in files:
        path = Path(data_dir) / item.path
        if path.is_file():
            digest = sha256_file(path)
            out[item.path] = {"sha256": digest, "same_as_shipped": digest == item.sha256}
    return out
