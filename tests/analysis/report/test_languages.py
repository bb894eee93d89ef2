"""The analysed languages are a setting: one list decides which posts the analyze stage classifies and tags and
which ones the report counts, estimates, samples for review and reads for its signals."""

import json

import pyarrow.parquet as pq
import pytest

from analysis import analyze, report
from collectors.__main__ import run as collect
from denyut.config import load_config
from denyut.formats.review import sheet_path
from denyut.formats.summary import read_summary
from tests.conftest import write_config

INDONESIAN = ["Surat suara telat datang di TPS, kecewa banget sama panitia",
              "Petugas KPPS ramah dan sigap, mantap sekali kerjanya"]
JAVANESE = ["Ayo podo nyoblos tanggal 27, ojo golput lur, sesuk kabeh melu",
            "Aku wis nyoblos mau esuk, antrine dawa tenan nang TPS kene"]


def _project(tmp_path, languages: str) -> object:
    (tmp_path / "in").mkdir(exist_ok=True)
    (tmp_path / "in" / "x.jsonl").write_text("".join(
        json.dumps({"id": f"{k}{i}", "created_at": f"2024-11-{18 + i % 5}T02:00:00Z", "author": f"u{k}{i}",
                    "text": texts[i % 2] + f" ({i})"}) + "\n"
        for k, texts in (("id", INDONESIAN), ("jv", JAVANESE)) for i in range(30)))
    path = write_config(tmp_path, f"""\
analysis: {{languages: {languages}}}
report: {{min_posts_for_share: 10}}
review: {{audit_size: 20, learning_size: 0}}
sources:
  - {{name: x, type: jsonl, path: in/x.jsonl, platform: x}}
""")
    collect(str(path))
    analyze.run(str(path))
    report.run(str(path))
    return load_config(path)


@pytest.mark.parametrize("languages, analysed", [("[id]", 30), ("[id, jv]", 60)])
def test_the_languages_setting_decides_what_is_classified_counted_and_sampled(tmp_path, key_env, languages, analysed):
    config = _project(tmp_path, languages)
    week = pq.read_table(config.processed_dir / "2024-W47.parquet").to_pylist()
    javanese = [row for row in week if row["post_id"].startswith("jv")]
    assert {row["lang"] for row in javanese} == {"jv"}  # what each post is written in does not change
    classified = [row for row in week if row["model_sentiment"]]
    assert len(classified) == analysed
    summary = read_summary(config.reports_dir / "2024-W47" / "summary.json")
    assert summary.posts_total == 60 and summary.posts_analysed == analysed
    assert summary.languages == {"id": 30, "jv": 30}
    assert summary.sentiment.negative.total == analysed
    sheet = sheet_path(config.review_dir, "2024-W47").read_text(encoding="utf-8")
    assert ("x/jv" in sheet) == (analysed == 60)
