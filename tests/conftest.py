"""Shared fixtures. Sockets are disabled for every test (pytest-socket, see pyproject.toml)."""

from __future__ import annotations

import importlib
import json
import textwrap
from pathlib import Path

import pytest

from denyut.paths import ROOT, SHARED_DATA

KEY = "test-key-0123456789abcdef"


@pytest.fixture
def key_env(monkeypatch):
    monkeypatch.setenv("DENYUT_PSEUDONYM_KEY", KEY)
    return KEY.encode()


def write_config(directory: Path, body: str) -> Path:
    """A config file in <directory>/config/, so relative paths resolve against <directory>."""
    (directory / "config").mkdir(parents=True, exist_ok=True)
    issues = directory / "config" / "issues.yaml"
    if not issues.exists():
        issues.write_text((ROOT / "config" / "issues.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    path = directory / "config" / "denyut.yaml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


THREE_TEXTS = ["Surat suara telat datang, kecewa", "Petugas KPPS ramah, mantap", "Rapat pleno besok"]


def small_week(directory: Path) -> Path:
    """A project of one week of 40 posts (three texts in turn) from one JSONL export; returns its config."""
    (directory / "in").mkdir(exist_ok=True)
    (directory / "in" / "x.jsonl").write_text("".join(
        json.dumps({"id": str(i), "created_at": f"2024-11-{18 + i % 5}T02:00:00Z", "author": f"u{i}",
                    "text": THREE_TEXTS[i % 3]}) + "\n" for i in range(40)))
    return write_config(directory, "report: {min_posts_for_share: 10}\n"
                                   "sources:\n  - {name: x, type: jsonl, path: in/x.jsonl, platform: x}\n")


@pytest.fixture
def shared_data() -> Path:
    if not (SHARED_DATA / "sentiment" / "smsa" / "valid.tsv").is_file():
        pytest.skip(f"labelled data not found at {SHARED_DATA} (a clone without ../shared beside it)")
    return SHARED_DATA


def _importable(name: str) -> bool:
    try:
        importlib.import_module(name)
    except ImportError:
        return False
    return True


# The light install (`make demo`) has no PyTorch; these tests then skip and say why.
requires_torch = pytest.mark.skipif(not _importable("torch"),
                                    reason="needs PyTorch (pip install -e '.[transformers]'): GRU training")
