"""The weekly review sheet: drawn when the week is analysed, filled in by people, read back."""

import csv
import io
import json
import random
from collections import Counter

import numpy as np
import pyarrow.parquet as pq
import pytest

from analysis import analyze
from analysis.analyze.sample import teaching_picks
from collectors.__main__ import run as collect
from denyut.config import load_config
from denyut.formats.review import COLUMNS, sheet_path
from tests.conftest import write_config

WORDS = ("kecewa mantap parah salut ramah telat antre lama petugas kpps tps surat suara debat paslon bansos rekap "
         "curang jujur bagus buruk senang marah hebat payah jadwal rapat pleno kampanye").split()



@pytest.fixture
def project(tmp_path, key_env):
    (tmp_path / "in").mkdir()
    rng = random.Random(5)
    rows = [{"id": str(i), "created_at": f"2024-11-{18 + i % 5}T0{i % 9}:00:00Z", "author": f"u{i % 40}",
             "text": ("=HYPERLINK(\"http://contoh.invalid\") " if i % 4 == 1 else "") + " ".join(rng.sample(WORDS, 7)),
             "platform": "x" if i % 3 else "youtube"} for i in range(240)]
    (tmp_path / "in" / "posts.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    path = write_config(tmp_path, "review: {audit_size: 60, learning_size: 20}\n"
                                  "sources:\n  - {name: s, type: jsonl, path: in/posts.jsonl, columns: {platform: platform}}\n")
    collect(str(path))
    analyze.run(str(path))
    return path, load_config(path)


def _sheet(config, week="2024-W47"):
    raw = sheet_path(config.review_dir, week).read_bytes()
    return raw, list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))


def _fill(config, verdicts: dict[int, tuple[str, str]], week="2024-W47"):
    """verdicts: row number → (column, value), written as a spreadsheet would save it."""
    _, rows = _sheet(config, week)
    for number, (column, value) in verdicts.items():
        rows[number - 1][column] = value
    path = sheet_path(config.review_dir, week)
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, quoting=csv.QUOTE_ALL)
        writer.writeheader()
        writer.writerows(rows)


def test_the_sheet_opens_in_spreadsheets_and_holds_an_audit_and_a_learning_part(project):
    _, config = project
    raw, rows = _sheet(config)
    assert raw.startswith(b"\xef\xbb\xbf\"no\",\"bagian\"") and b"\r\n" in raw  # BOM, every field quoted
    parts = Counter(r["bagian"] for r in rows)
    assert parts == {"audit": 60, "belajar": 20}
    assert all(not r["teks"].startswith("=") for r in rows)  # a formula stays text
    assert any(r["teks"].startswith("'=HYPERLINK") for r in rows)
    assert {r["nada_peninjau"] for r in rows} == {""} and {r["nada_model"] for r in rows} <= {"negatif", "netral", "positif"}


def test_the_audit_is_a_simple_random_sample_with_its_inclusion_probability(project):
    _, config = project
    _, rows = _sheet(config)
    week = pq.read_table(config.processed_dir / "2024-W47.parquet", columns=["platform", "lang"]).to_pylist()
    analysed = sum(r["lang"] == "id" for r in week)
    audit = [r for r in rows if r["bagian"] == "audit"]
    assert len(audit) == 60
    assert all(float(r["peluang_terpilih"]) == pytest.approx(60 / analysed, abs=1e-6) for r in audit)
    assert {r["platform"] for r in audit} == {"x", "youtube"}
    assert len({r["id"] for r in rows}) == len(rows)  # the learning part takes none of the audit


def test_the_learning_part_is_the_posts_the_model_is_least_sure_of(project):
    _, config = project
    _, rows = _sheet(config)
    top = lambda r: max(float(r["p_negatif"]), float(r["p_netral"]), float(r["p_positif"]))  # noqa: E731
    learning = [top(r) for r in rows if r["bagian"] == "belajar"]
    audit = sorted(top(r) for r in rows if r["bagian"] == "audit")
    assert max(learning) <= audit[len(audit) // 2] and sum(learning) / len(learning) < sum(audit) / len(audit)


def test_the_teaching_picks_are_uncertain_and_unlike_each_other():
    campaign = [f"dukung paslon satu hebat luar biasa nomor {n}" for n in range(6)]  # six variations, six groups
    others = ["antre lama di tps", "surat suara rusak", "debat semalam seru", "bansos dibagi jelang pemilu"]
    texts = campaign + others
    proba = np.array([[0.34, 0.33, 0.33]] * 6 + [[0.4, 0.3, 0.3]] * 4)  # the campaign is the least sure
    picks = teaching_picks(proba, texts, [str(i) for i in range(10)], 4)
    assert picks[0] in range(6) and sum(p < 6 for p in picks) == 1  # one of the campaign, then the others
    assert teaching_picks(proba, texts, ["g"] * 10, 4) == [0]  # one per near-duplicate group


def test_the_teaching_picks_ask_about_the_posts_the_issue_tagger_doubts_too():
    texts = ["antre lama di tps", "surat suara rusak", "debat semalam seru", "bansos dibagi jelang pemilu"]
    proba = np.array([[0.9, 0.05, 0.05], [0.5, 0.3, 0.2], [0.9, 0.05, 0.05], [0.9, 0.05, 0.05]])
    groups = [str(i) for i in range(4)]
    assert teaching_picks(proba, texts, groups, 1) == [1]  # the sentiment model's least sure
    # the tagger's toss-up on post 2 (p 0.5 for an issue: doubt 1) outranks the sentiment model's 0.5 top probability
    assert teaching_picks(proba, texts, groups, 1, np.array([0.0, 0.0, 1.0, 0.1])) == [2]


def test_the_same_week_gives_the_same_sample(project):
    path, config = project
    before = _sheet(config)[0]
    analyze.run(str(path), force=True)
    assert _sheet(config)[0] == before


def test_verdicts_replace_the_models_labels_keep_its_own_and_reach_the_training_file(project):
    path, config = project
    _, rows = _sheet(config)
    _fill(config, {1: ("nada_peninjau", "Positif"), 2: ("nada_peninjau", "negative"), 61: ("nada_peninjau", "netral")})
    _fill(config, {2: ("isu_peninjau", "logistik, lainnya")})
    assert analyze.run(str(path))["2024-W47"] == "analyzed"
    posts = {f"{r['platform']}/{r['post_id']}": r for r in pq.read_table(config.processed_dir / "2024-W47.parquet").to_pylist()}
    first = posts[rows[0]["id"]]
    assert first["sentiment"] == "positive" and first["sentiment_by"] == "reviewer"
    assert first["model_sentiment"] == {"negatif": "negative", "netral": "neutral", "positif": "positive"}[rows[0]["nada_model"]]
    assert sum(p["sentiment_by"] == "reviewer" for p in posts.values()) == 3
    training = list(csv.DictReader((config.review_dir / "verdicts.csv").read_text().splitlines()))
    assert [(t["label"], t["part"]) for t in training] == [("positive", "audit"), ("negative", "audit"), ("neutral", "belajar")]
    assert training[0]["text"] == rows[0]["teks"].removeprefix("'") and training[0]["week"] == "2024-W47"
    # issues: the tagger's where the reviewer left isu_peninjau empty, the reviewer's otherwise ('lainnya' is none)
    assert training[0]["issues"] == (rows[0]["isu_model"].replace(", ", ";") or "-")
    assert training[1]["issues"] == "logistik"
    analyze.run(str(path), force=True)
    assert _sheet(config)[1][0]["nada_peninjau"] == "Positif"  # a sheet with verdicts is never rewritten


@pytest.mark.parametrize("edit,where", [
    ({1: ("nada_peninjau", "bagus")}, "baris 2: kolom 'nada_peninjau' nada tidak dikenal: 'bagus'"),
    ({1: ("id", "x/tidak-ada")}, "baris 2: kolom 'id' id 'x/tidak-ada' tidak ada di unggahan pekan ini"),
    ({2: ("nada_peninjau", "positif"), 3: ("id", "DUP")}, "kolom 'id' id"),
    ({1: ("nada_peninjau", "negatif"), 2: ("isu_peninjau", "logistik, isu-baru")}, "kolom 'isu_peninjau' isu tidak dikenal: isu-baru"),
])
def test_a_bad_sheet_is_an_error_naming_the_file_line_and_column(project, capsys, edit, where):
    path, config = project
    _, rows = _sheet(config)
    if edit == {1: ("id", "x/tidak-ada")}:
        _fill(config, {1: ("nada_peninjau", "positif")})
    if 3 in edit and edit[3] == ("id", "DUP"):
        edit = {2: ("nada_peninjau", "positif"), 3: ("id", rows[1]["id"])}
        where = f"baris 4: kolom 'id' id {rows[1]['id']!r} berulang"
    _fill(config, edit)
    assert analyze.main(["--config", str(path)]) == 2
    err = capsys.readouterr().err
    assert str(sheet_path(config.review_dir, "2024-W47")) in err and "Traceback" not in err
    assert (where or "baris 2: kolom 'id'") in err


def test_a_changed_text_is_an_error_naming_the_line(project, capsys):
    path, config = project
    _fill(config, {1: ("nada_peninjau", "positif"), 2: ("teks", "teks yang disunting peninjau")})
    _fill(config, {2: ("nada_peninjau", "negatif")})
    assert analyze.main(["--config", str(path)]) == 2
    assert "baris 3: kolom 'teks' teks berubah" in capsys.readouterr().err


def _add_posts(project_path, start: int, count: int) -> None:
    export = project_path.parent.parent / "in" / "posts.jsonl"
    with open(export, "a") as handle:
        for i in range(start, start + count):
            handle.write(json.dumps({"id": str(i), "created_at": "2024-11-21T05:00:00Z", "author": f"baru{i}",
                                     "text": "kotak suara datang terlambat lagi, petugas kewalahan", "platform": "x"}) + "\n")


def test_a_sheet_holding_only_notes_and_issues_is_never_rewritten_and_later_posts_get_a_sheet_of_their_own(project):
    path, config = project
    _fill(config, {1: ("catatan", "perlu dicek lagi"), 2: ("isu_peninjau", "logistik"), 5: ("catatan", "sarkas?")})
    before = sheet_path(config.review_dir, "2024-W47").read_bytes()
    _add_posts(path, 1000, 30)
    collect(str(path))
    analyze.run(str(path))
    assert sheet_path(config.review_dir, "2024-W47").read_bytes() == before  # every note kept, byte for byte
    second = sheet_path(config.review_dir, "2024-W47", 2)
    rows = list(csv.DictReader(second.read_text(encoding="utf-8-sig").splitlines()))
    audit = [r for r in rows if r["bagian"] == "audit"]
    assert {r["id"] for r in rows} <= {f"x/{i}" for i in range(1000, 1030)}  # only the posts that came later
    first_posts = len(pq.read_table(config.review_dir / "2024-W47" / "populasi-1.parquet"))
    later_posts = len(pq.read_table(config.review_dir / "2024-W47" / "populasi-2.parquet"))
    assert later_posts == 30 and first_posts > 30
    assert len(audit) == 10 and {float(r["peluang_terpilih"]) for r in audit} == {round(10 / 30, 6)}
    # nothing new: no third sheet, and the second, untouched, is drawn again the same way
    again = second.read_bytes()
    analyze.run(str(path), force=True)
    assert not sheet_path(config.review_dir, "2024-W47", 3).exists() and second.read_bytes() == again


def test_a_sheet_nobody_wrote_in_is_drawn_again_over_the_new_posts_too(project):
    path, config = project
    _add_posts(path, 2000, 30)
    collect(str(path))
    analyze.run(str(path))
    assert not sheet_path(config.review_dir, "2024-W47", 2).exists()
    covered = set(pq.read_table(config.review_dir / "2024-W47" / "populasi-1.parquet").column("id").to_pylist())
    assert {f"x/{i}" for i in range(2000, 2030)} <= covered


@pytest.mark.parametrize("edit", [lambda t: t[:-1], lambda t: " " + t + " ", lambda t: t + " 🙂", lambda t: t.replace("a", "á", 1)])
def test_a_text_edited_in_the_sheet_is_named_by_the_report_at_once(project, capsys, edit):
    from analysis import report

    path, config = project
    _, rows = _sheet(config)
    _fill(config, {3: ("nada_peninjau", "negatif"), 4: ("teks", edit(rows[3]["teks"]))})
    assert report.main(["--config", str(path)]) == 2
    err = capsys.readouterr().err
    assert "sample.csv, baris 5: kolom 'teks' teks berubah dari yang ditulis Denyut" in err


def test_a_sheet_saved_by_a_spreadsheet_with_a_column_of_its_own_is_never_redrawn(project):
    path, config = project
    sheet = sheet_path(config.review_dir, "2024-W47")
    _, rows = _sheet(config)
    rows[0]["nada_model"] = "positif"  # no reviewer column touched: an edit all the same
    with open(sheet, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]) + ["komentar"], quoting=csv.QUOTE_ALL)
        writer.writeheader()
        writer.writerows([r | {"komentar": "sudah dicek"} for r in rows])
    before = sheet.read_bytes()
    _add_posts(path, 3000, 5)
    collect(str(path))
    analyze.run(str(path))
    assert sheet.read_bytes() == before and sheet_path(config.review_dir, "2024-W47", 2).exists()


def test_the_strata_survive_a_lost_or_broken_population_file(project):
    from analysis import report

    path, config = project
    _fill(config, {n: ("nada_peninjau", "negatif") for n in range(1, 21)})
    _add_posts(path, 4000, 30)
    collect(str(path))
    analyze.run(str(path))
    second = sheet_path(config.review_dir, "2024-W47", 2)
    rows = list(csv.DictReader(second.read_text(encoding="utf-8-sig").splitlines()))
    for row in rows:
        row["nada_peninjau"] = "positif" if row["bagian"] == "audit" else ""
    with open(second, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, quoting=csv.QUOTE_ALL)
        writer.writeheader()
        writer.writerows(rows)
    summary = config.reports_dir / "2024-W47" / "summary.json"
    report.run(str(path))
    shares = json.loads(summary.read_text())["sentiment"]
    for damage in (lambda p: p.unlink(), lambda p: p.write_bytes(b"bukan parquet")):
        damage(config.review_dir / "2024-W47" / "populasi-2.parquet")
        report.run(str(path))  # the missing list changes the inputs: the week is estimated again, the same way
        assert json.loads(summary.read_text())["sentiment"] == shares


def test_a_sheet_saved_with_semicolons_is_read_and_a_device_named_like_a_sheet_is_not(project):
    import os

    from analysis import report
    from denyut.formats.review import week_verdicts

    path, config = project
    _fill(config, {1: ("nada_peninjau", "negatif")})
    sheet = sheet_path(config.review_dir, "2024-W47")
    rows = list(csv.DictReader(io.StringIO(sheet.read_bytes().decode("utf-8-sig"), newline="")))
    with open(sheet, "w", encoding="utf-8-sig", newline="") as handle:  # as Excel in Indonesia saves it
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter=";", lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
    os.symlink("/dev/zero", config.review_dir / "2024-W47" / "sample-2.csv")
    assert [v.label for v in week_verdicts(config.review_dir, "2024-W47")] == ["negative"]
    assert report.main(["--config", str(path)]) == 0
