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

from analysis.sentiment.data import read_emot, read_nusax, read_smsa, read_word_pair_rows
from denyut.config import HttpSettings
from denyut.errors import DenyutError, InputError
from denyut.http import http_session
from denyut.io import sha256_file
from denyut.paths import PUBLIC_DATA_CACHE, SHARED_DATA

log = logging.getLogger("denyut.sentiment")

INDONLU = "https://github.com/IndoNLP/indonlu/raw/ce728f6/dataset"
NUSAX_ROOT = "https://github.com/IndoNLP/nusax/raw/75b0be5/datasets"
NUSAX = f"{NUSAX_ROOT}/sentiment/indonesian"


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


# The regional NusaX files (CC BY-SA 4.0) the shipped model also learns from: per language, SHA-256
# of its sentiment train and valid splits (500 and 100 rows) and of its word list (rows given).
REGIONAL = (
    ("acehnese", "eeb72a3e29d6129af729a9112e296afe0b7bae3c4f6a2590d5532bafe57f4597",
     "1752fc429c3f7b12f29a72dd68d0e3939b21a40f389dd5d0eb5432c6d036b308",
     "48ba2911df2a131bc2fb13d5cf6399b875e7bdb06fc5367867c73f02db7da55e", 1014),
    ("balinese", "e37accf45aec8381c7465b2ca2df75500c0c5991941f18a6f0e109d8a81e5c5b",
     "1055ca278cc03de4743605c1bfac04261b4f6514fbbdba86587c2e3076e80197",
     "843fea727186b4d58cfabec72bd40c9ad270e15272a1817f610fcd58d4cab629", 1063),
    ("banjarese", "0e15c5826401ca8649c51e67a5c1ba6b0345d66897954e96ac073a85e717ee7a",
     "999a0bef291cde263777d64bde9d31b46fbf1de957a64e73f0fd39b8674784b1",
     "7f2af3264e3601e2a5ea6089b5b03afab1c6c2c7332bf0dd205850dcf49535c0", 795),
    ("buginese", "23818aa30bf4ae743c540b007231c925e6f00f4dfd3ed8e38972b5663d601027",
     "5425f886a49379cffd114802b0d3ef07de048d3f7e1647046a2c6dabd7284b0f",
     "fc1e0de2e2ebae91705b6698ee51ccb9f9c3154d3a5455d746c8a2e065621ba8", 1020),
    ("javanese", "46a88ac0f2f0b09b42b7fb840d80f727cc5b2a558440cd29d3b69178c24853c5",
     "ff8df9ec279e505c914bf7c367db5f10fcba672da8a0f7a32f8b701670e7a89c",
     "6a849835e3ed31ad69163ca54f32d13c3c6e2bb3c2150e7897ac972584fcc153", 940),
    ("madurese", "0cc23e1d5f29cc94f30916e07f32809dd3995a8bbae2d19e78d4f88673a91c05",
     "e1dc6c01128a40c13903e14ec3c51987ac47dacbbc527bd20e178294278296ad",
     "409ddc815de53dc0c4966bd69a9e69e771c9f07e666515f4aeceeef03deebd20", 1252),
    ("minangkabau", "96f11a39631fded49d04562e520199bcc9dcdbd07bfaee505753521d82388437",
     "bca87a7e812cf13ac31c4fa9f0d4ac4c6dd2ba00999abd1687f01a1d89f37f3f",
     "35329fe72757766f40458542c0e76d60a848a04dc2ecdfaa7c24120b85381aed", 654),
    ("ngaju", "db52af95941e56846296f9adcc58fa94cd41cd5ab17ce9ee10f20f3116d991ad",
     "a3061f5238852dcf296d92ebd103f1530e6e5832511e5a0a38fb85facd05fc80",
     "46fc3d86b3aca9c33869d36906249fa72b9d6c33b518e5227781a65bf45ca61a", 833),
    ("sundanese", "b525aefac4d9819add0375b8c0db49516f19b57fbf6e6fc5afda3069895f2168",
     "ca5bbbef8e7d8d085300e716e570b4f2a964a761b392a3612e5547dd7b5d0444",
     "43e86c4a28b1cf51712fb80018edd631ca44c17718751df8ff9a1e726c173f2f", 995),
    ("toba_batak", "f6fed53a064607541c12a7f25dd16c5dc47b145ff7a75d844e18e3e50f80063f",
     "af3fdec7f6319b0e38e0ee7defb168ca741c1a56fac3dc3aa7a57dbab50967ea",
     "1939848cf0d69398e0f6b31aa6f26891bfca75583e26ecb76bc0ef9ffeccc20b", 1662),
    ("english", "d11297019c1f39c6a9bc855cf8bebd54aebd6c9c3e0e945cb8cb6a7999350e94",
     "76ca81930332a857ee8c1a5d05a1523f4d91783d313a80bccb39836d80ad2655",
     "d4f3b66f210a6dc51fa1f5bde1ec34ed7083cf7beb86182f0346731cf4c06334", 2443),
)
REGIONAL_FILES = tuple(
    file for language, train, valid, words, pairs in REGIONAL for file in (
        PublicFile(f"sentiment/nusax-local/{language}/train.csv", f"{NUSAX_ROOT}/sentiment/{language}/train.csv", 500,
                   train, read_nusax),
        PublicFile(f"sentiment/nusax-local/{language}/valid.csv", f"{NUSAX_ROOT}/sentiment/{language}/valid.csv", 100,
                   valid, read_nusax),
        PublicFile(f"lexicon/nusax/{language}.csv", f"{NUSAX_ROOT}/lexicon/{language}.csv", pairs, words,
                   read_word_pair_rows)))
PUBLIC_FILES = PUBLIC_FILES + REGIONAL_FILES

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


def local_labelled_data(data_dir: Path | None) -> Path | None:
    """The open labelled data when it is already on this machine (--data, ../shared/data or the cache); else None.
    Never downloads."""
    if data_dir is not None:
        return Path(data_dir)
    if (SHARED_DATA / "sentiment").is_dir():
        return SHARED_DATA
    if all((PUBLIC_DATA_CACHE / item.path).is_file() for item in PUBLIC_FILES):
        return PUBLIC_DATA_CACHE
    return None


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
