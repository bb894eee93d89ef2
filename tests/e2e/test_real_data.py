"""The README's "Running it on real data", followed step by step with `make` on small real-looking exports:
an X export as X writes it (mentions wrapped in invisible isolates, emoji, hashtags, line breaks, a last line
still being written), a CSV saved by Excel in Indonesia (';', cp1252, CRLF, an inch mark), and a starter RSS
feed that cannot be reached offline. The config is the README's own block."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest
import yaml

from denyut.config import load_config
from denyut.formats.review import WeekStatus, read_status, sheet_paths, write_status
from denyut.paths import ROOT
from tests.conftest import KEY

pytestmark = pytest.mark.slow
TEXTS = ["Antre di TPS lama banget 😤 petugasnya kurang #Pilkada2024", "Terima kasih KPPS sudah kerja keras 🙏\nsemoga lancar",
         "Surat suara datang telat lagi, kecewa berat #pemilu", "Debat paslon semalam seru juga 👏👏",
         "Bansos dibagi jelang coblosan, politik uang? #pemilu"]


def readme_config() -> str:
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Running it on real data", 1)[1]
    return textwrap.dedent(re.search(r"```yaml\n(.*?)```", section, re.DOTALL)[1])


def _exports(base: Path) -> tuple[int, int]:
    imports = base / "imports"
    imports.mkdir()
    lines = []
    for i in range(120):
        mention = "\u2066@warga_lain\u2069 " if i % 3 == 0 else ""
        lines.append({"id": str(10_000 + i), "created_at": f"2024-11-{18 + i % 12:02d}T0{i % 10}:1{i % 6}:00Z",
                      "author": f"akun{i % 35}", "text": mention + TEXTS[i % len(TEXTS)], "lang": "in",
                      "likes": i % 7, "reposts": i % 3})
    body = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    (imports / "x.jsonl").write_text(body + '{"id": "99999", "created_at": "2024-11-20T01:00:00Z", "te', encoding="utf-8")
    rows = [["id_komentar", "waktu", "akun", "isi"]]
    for i in range(40):
        rows.append([f"k{i}", f"2024-11-{18 + i % 12:02d} 1{i % 9}:00:00+07:00", f"Kanal {i % 9}",
                     ["Layar 5\" di TPS terlalu kecil, café sebelah ramai", "Pemilu damai — mantap", "Kotak suara rusak; kecewa"][i % 3]])
    text = "\r\n".join(";".join(f'"{v}"' if ";" in v else v for v in row) for row in rows) + "\r\n"
    (imports / "komentar.csv").write_bytes(text.encode("cp1252"))
    return len(lines), len(rows) - 1


def _make(base: Path, *goals: str) -> subprocess.CompletedProcess:
    env = os.environ | {"DENYUT_PSEUDONYM_KEY": KEY, "CI": "true"}
    return subprocess.run(["make", "--no-print-directory", "-C", str(ROOT), "-o", ".venv/.installed", *goals,
                           f"CONFIG={base / 'config' / 'denyut.yaml'}", f"PY={sys.executable}"],
                          env=env, capture_output=True, text=True, timeout=600)


def _review(config, week: str) -> int:
    """The reviewers fill the audit rows in a spreadsheet (the text they read decides the label)."""
    (number, path), *_ = sheet_paths(config.review_dir, week)
    rows = list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))
    filled = 0
    for row in rows:
        if row["bagian"] == "audit":
            text = row["teks"].lower()
            row["nada_peninjau"] = ("negatif" if any(w in text for w in ("kecewa", "lama", "politik uang", "rusak", "kecil"))
                                    else "positif" if any(w in text for w in ("terima kasih", "mantap", "seru")) else "netral")
            filled += 1
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
    return filled


def test_the_readme_real_data_steps_work_offline_end_to_end(tmp_path):
    posts, comments = _exports(tmp_path)
    (tmp_path / "config").mkdir()
    config_text = readme_config() + ("  - name: berita\n    type: rss\n    feeds:\n"
                                     "      - {name: Berita Luring, url: 'http://127.0.0.1:9/rss'}\n"
                                     "http: {retries: 0, timeout_s: 2, min_interval_s: 0}\n")
    yaml.safe_load(config_text)
    (tmp_path / "config" / "denyut.yaml").write_text(config_text, encoding="utf-8")
    # step 4: the offline feed fails, the exports are analysed all the same, and the command says a source failed
    first = _make(tmp_path, "collect", "analyze")
    assert first.returncode == 2, first.stdout + first.stderr  # make's own code for a recipe that exited 1
    assert "sebuah sumber gagal" in first.stderr and "Traceback" not in first.stderr
    config = load_config(tmp_path / "config" / "denyut.yaml")
    weeks = sorted(p.stem for p in config.processed_dir.glob("*.parquet"))
    assert weeks == ["2024-W47", "2024-W48"]
    run = json.loads((config.data_dir / "collect" / "last_run.json").read_text())
    by_source = {row["source"]: row for row in run["sources"]}
    assert by_source["ekspor-x"]["new"] == posts and by_source["ekspor-x"]["quarantined"] == 0  # isolates kept
    assert by_source["ekspor-excel"]["new"] == comments and by_source["ekspor-excel"]["quarantined"] == 0
    assert by_source["berita"]["errors"] == 1
    stored = "".join(p.read_text(encoding="utf-8") for p in config.raw_dir.glob("*/*.jsonl"))
    assert "café sebelah" in stored and "\\u2066" in json.dumps(stored) and "Layar 5\\\"" in stored
    # reviewers fill the sheet; analyze and report read it back
    assert _review(config, "2024-W47") > 20
    second = _make(tmp_path, "analyze", "report")
    assert second.returncode == 0, second.stderr
    summary = json.loads((config.reports_dir / "2024-W47" / "summary.json").read_text())
    assert summary["review"]["audit_reviewed"] > 20 and summary["sentiment"]["negative"]["basis"] == "estimate"
    # step 5: approve, publish, verify
    write_status(config.review_dir, read_status(config.review_dir) | {
        "2024-W47": WeekStatus(status="approved", by="Tim Peninjau Uji", at=date(2024, 11, 26))})
    published = _make(tmp_path, "publish")
    assert published.returncode == 0, published.stderr
    assert "kepala rantai situs:" in published.stdout
    assert (config.public_dir / "laporan" / "2024-w47" / "index.html").is_file()
    assert not (config.public_dir / "laporan" / "2024-w48").exists()  # still a draft
    verified = _make(tmp_path, "verify")
    assert verified.returncode == 0, verified.stdout
