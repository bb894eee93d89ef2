"""Report: data/processed/<week>.parquet → reports/<week>/ (report.md, summary.json, charts/*.json).

Weeks are reported in order so each can be compared with the week before; a week whose
inputs did not change is skipped.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import sys
from datetime import datetime, timedelta
from pathlib import Path

from analysis import charts
from analysis.issues import load_taxonomy
from analysis.narrative import (
    SENTIMENT_ID,
    change_sentence,
    english_summary,
    headline,
    interval,
    language_name,
    long_date,
    num,
    pct,
    platform_name,
    week_range,
)
from analysis.weekly import aggregate, compare, examples
from denyut import __version__
from denyut.cli import week_stage_main
from denyut.config import Config, load_config
from denyut.errors import StageError
from denyut.io import atomic_write_json, atomic_write_text, sha256_file
from denyut.paths import EMBEDDED_MODEL_DIR, ROOT
from denyut.weeks import iso_week, previous_week, week_start, wib_date

CODE_FILES = ["analysis/report.py", "analysis/weekly.py", "analysis/narrative.py", "analysis/charts.py",
              "analysis/stats.py", "analysis/privacy.py"]
HISTORY = 12  # weeks in the trend chart
DEMO_NOTICE = ('!!! warning "Data demo (sintetis)"\n    Laporan ini dibuat dari data sintetis untuk demonstrasi. '
               "Angka dan unggahannya tidak menggambarkan percakapan nyata.\n")


def _input_hash(config: Config, processed: Path, before: Path | None, taxonomy_version: str, history: list[dict],
                coverage: dict) -> str:
    digest = hashlib.sha256("|".join(h["input_hash"] for h in history).encode())  # the trend chart shows them
    for path in [processed] + ([before] if before else []):
        digest.update(sha256_file(path).encode())
    for name in CODE_FILES:
        digest.update((ROOT / name).read_bytes())
    settings = {"report": config.report.model_dump(mode="json"), "project": config.project.model_dump(mode="json"),
                "public": [a.model_dump() for a in config.public_accounts], "taxonomy": taxonomy_version,
                "version": __version__, "coverage": coverage}
    digest.update(json.dumps(settings, sort_keys=True).encode())
    return digest.hexdigest()


def build_summary(week: str, config: Config, taxonomy, previous: dict | None, coverage: dict) -> dict:
    processed = config.processed_dir / f"{week}.parquet"
    summary = {"week": week, "week_start": week_start(week).isoformat(),
               "week_end": (week_start(week) + timedelta(days=6)).isoformat(), "demo": config.project.demo,
               "min_posts_for_share": config.report.min_posts_for_share, "alpha": config.report.alpha,
               "issues_version": taxonomy.version, "denyut_version": __version__}
    summary |= aggregate(processed, config, taxonomy)
    summary["changes"] = compare(summary, previous, config)
    summary["previous_week"] = previous["week"] if previous else None
    top_ids = [i["id"] for i in summary["issues"][: config.report.top_issues] if i["posts"] > 0]
    summary["examples"] = examples(processed, config, top_ids)
    summary["coverage"] = coverage
    metrics = EMBEDDED_MODEL_DIR / "metrics.json"
    if metrics.exists() and all(m.startswith("embedded@") for m in summary["sentiment_models"]):
        m = json.loads(metrics.read_text())
        summary["model_metrics"] = {"smsa_valid_macro_f1": m["smsa_valid"]["macro_f1"],
                                    "nusax_test_macro_f1": m["nusax_test_without_smsa"]["macro_f1"]}
    return summary


def _coverage(config: Config, week: str) -> dict:
    """Quarantine total, and per source the collection runs that finished during the week (WIB)."""
    quarantined = 0
    for path in sorted(config.quarantine_dir.glob("*.jsonl")):
        with open(path, encoding="utf-8") as handle:
            quarantined += sum(1 for line in handle if line.strip())
    runs: dict[str, dict] = {}
    history = config.data_dir / "collect" / "runs.jsonl"
    if history.exists():
        for line in history.read_text(encoding="utf-8").splitlines():
            run = json.loads(line)
            if iso_week(datetime.fromisoformat(run["finished_at"].replace("Z", "+00:00"))) != week:
                continue
            for row in run["sources"]:
                total = runs.setdefault(row["source"], {"runs": 0, "fetched": 0, "new": 0, "duplicates": 0,
                                                        "quarantined": 0, "errors": 0})
                total["runs"] += 1
                for key in ("fetched", "new", "duplicates", "quarantined", "errors"):
                    total[key] += row[key]
    return {"quarantined_total": quarantined, "runs": runs}


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---:" if i else "---" for i in range(len(header))) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _chart_block(fig, div_id: str, caption: str, table: str) -> str:
    # The figure is inline HTML (no blank lines, so Markdown leaves it alone); the table is its text alternative.
    return (f'<figure class="denyut-chart" aria-labelledby="{div_id}-caption">\n{charts.to_html(fig, div_id)}\n'
            f'<figcaption id="{div_id}-caption">{html.escape(caption)}</figcaption>\n</figure>\n\n'
            f"??? note \"Data grafik: {caption}\"\n\n" + "\n".join("    " + line for line in table.splitlines()) + "\n")


def render(summary: dict, history: list[dict], config: Config) -> tuple[str, dict]:
    """The report page (Markdown) and its figures."""
    week, s = summary["week"], summary["sentiment"]
    figures = {}
    title = f"Denyut pemilu pekan {week_range(week)}"
    top = [i for i in summary["issues"][: config.report.top_issues] if i["posts"] > 0]
    description = headline(summary).replace("**", "")
    parts = ["---", f"date: {summary['week_end']}", f"slug: {week.lower()}", "categories:", "  - Laporan mingguan",
             f"description: {json.dumps(description, ensure_ascii=False)}", "---", "", f"# {title}", "",
             f"*Minggu ISO {week} (WIB), Senin {long_date(week_start(week))} sampai Minggu "
             f"{long_date(week_start(week) + timedelta(days=6))}.*", ""]
    if summary["demo"]:
        parts += [DEMO_NOTICE]
    parts += [f'<p class="denyut-headline">{_md_inline(headline(summary))}</p>', "", "<!-- more -->", ""]
    if summary["posts_other_language"]:
        others = ", ".join(f"{language_name(code)} {num(n)}" for code, n in summary["languages"].items() if code != "id")
        parts += [f"Selain itu ada {num(summary['posts_other_language'])} unggahan dalam bahasa lain ({others}) "
                  "yang dihitung tetapi tidak dianalisis.", ""]
    if top:
        parts += ["Isu yang paling banyak dibicarakan: " + ", ".join(
            f"**{i['name_id']}** ({num(i['posts'])} unggahan)" for i in top[:3]) + ".", ""]
    real = [c for c in summary["changes"] if c["verdict"] != "relatif stabil"]
    if summary["previous_week"] is None:
        parts += ["Belum ada pekan sebelumnya untuk dibandingkan.", ""]
    elif real:
        strongest = sorted(real, key=lambda c: c["q_value"])[:3]
        more = f" (dan {len(real) - 3} perubahan lain, lihat di bawah)" if len(real) > 3 else ""
        parts += ["Sejak pekan lalu: " + " ".join(change_sentence(c) for c in strongest) + more, ""]
    else:
        parts += ["Sejak pekan lalu tidak ada perubahan yang nyata secara statistik: nada percakapan relatif stabil.", ""]

    parts += ['!!! info "Cara membaca laporan ini"', "",
              "    - **Unggahan media sosial bukan sampel pemilih.** Angka ini menggambarkan percakapan daring, bukan pendapat seluruh warga.",
              "    - Nada (positif, netral, negatif) ditentukan oleh model otomatis yang bisa keliru, terutama pada sindiran dan sarkasme. "
              "Lihat [Metodologi](../../metodologi.md) untuk akurasinya.",
              "    - Rentang dalam kurung adalah **interval kepercayaan 95%**: nilai sebenarnya kemungkinan besar ada di rentang itu.",
              f"    - Perubahan disebut \"naik\" atau \"turun\" hanya bila nyata secara statistik (uji dua proporsi pada "
              f"unggahan unik, sehingga salinan dihitung sekali; dikoreksi Benjamini-Hochberg, taraf {pct(config.report.alpha)}); "
              "selain itu disebut *relatif stabil*.",
              f"    - Persentase dari kurang dari {config.report.min_posts_for_share} unggahan tidak ditampilkan.",
              "    - Penulis disamarkan. Contoh unggahan hanya dari akun publik resmi, partai, kandidat dan media; nomor telepon, NIK dan e-mail dihapus.",
              ""]

    parts += ["## Nada percakapan", ""]
    if s["negative"]["share"] is not None:
        figures["sentimen"] = charts.sentiment_split(summary)
        rows = [[label.capitalize(), num(s[key]["count"]), pct(s[key]["share"]), interval(s[key]["ci_low"], s[key]["ci_high"])]
                for key, label in SENTIMENT_ID.items()]
        table = _table(["Nada", "Unggahan", "Porsi", "Interval 95%"], rows)
        parts += [table, _chart_block(figures["sentimen"], f"grafik-sentimen-{week.lower()}",
                                      f"Porsi nada unggahan pekan {week_range(week)}, dengan interval 95%", table)]
    else:
        parts += [f"Terlalu sedikit unggahan (kurang dari {config.report.min_posts_for_share}) untuk menghitung porsi nada.", ""]

    parts += ["## Isu yang paling banyak dibicarakan", ""]
    if top:
        changes = {(c["scope"], c["sentiment"]): c for c in summary["changes"]}
        rows = []
        for item in top:
            neg = item["sentiment"]["negative"]
            change = changes.get((item["id"], "negative"))
            rows.append([item["name_id"], num(item["posts"]), pct(item["share_of_posts"]["share"]),
                         pct(neg["share"]), interval(neg["ci_low"], neg["ci_high"]),
                         change["verdict"] if change else "–"])
        table = _table(["Isu", "Unggahan", "Porsi dari semua", "Negatif", "Interval 95%", "Negatif vs pekan lalu"], rows)
        figures["isu"] = charts.issues_sentiment(summary, config.report.top_issues)
        plain = _table(["Isu", "Negatif", "Netral", "Positif"],
                       [[i["name_id"]] + [num(i["sentiment"][k]["count"]) for k in ("negative", "neutral", "positive")] for i in top])
        parts += [table, _chart_block(figures["isu"], f"grafik-isu-{week.lower()}",
                                      "Jumlah unggahan per isu teratas menurut nada", plain)]
        parts += [f"{num(summary['posts_without_issue'])} unggahan tidak menyebut satu pun isu dalam taksonomi. "
                  "Satu unggahan bisa menyebut lebih dari satu isu.", ""]

    parts += ["## Apa yang berubah sejak pekan lalu", ""]
    if summary["changes"]:
        parts += [f"- {change_sentence(c)}" for c in summary["changes"]] + [""]
    elif summary["previous_week"] is None:
        parts += ["Ini pekan pertama dalam data, belum ada pembanding.", ""]
    else:
        parts += ["Jumlah unggahan terlalu sedikit untuk dibandingkan.", ""]

    if len(history) >= 2:
        figures["tren"] = charts.trend(history)
        rows = [[h["week"], num(h["posts_analysed"]), pct(h["sentiment"]["negative"]["share"]), pct(h["sentiment"]["positive"]["share"])] for h in history]
        parts += ["## Tren mingguan", "",
                  _chart_block(figures["tren"], f"grafik-tren-{week.lower()}", "Porsi unggahan negatif dan positif per pekan, dengan interval 95%",
                               _table(["Pekan", "Unggahan", "Negatif", "Positif"], rows))]

    parts += ["## Contoh unggahan dari akun publik", ""]
    if summary["examples"]:
        for ex in summary["examples"]:
            parts += ['<blockquote class="denyut-quote">',
                      f"<p>{html.escape(ex['text'])}</p>",
                      f"<footer>{html.escape(ex['author_name'])} · {html.escape(platform_name(ex['platform']))} · "
                      f"{long_date(wib_date(datetime.fromisoformat(ex['created_at'].replace('Z', '+00:00'))))} · nada: {SENTIMENT_ID[ex['sentiment']]}</footer>",
                      "</blockquote>", ""]
    else:
        parts += ["Pekan ini tidak ada unggahan dari akun publik dalam daftar izin.", ""]

    parts += ["## Cakupan data", ""]
    platform_rows = [[platform_name(p), num(n)] for p, n in summary["platforms"].items()]
    runs = summary["coverage"]["runs"]
    source_rows = [[html.escape(name), num(count)] + ([num(runs[name]["runs"]), num(runs[name]["new"]), num(runs[name]["quarantined"]),
                    num(runs[name]["errors"])] if name in runs else ["–"] * 4) for name, count in summary["sources"].items()]
    parts += [_table(["Platform", "Unggahan berbahasa Indonesia"], platform_rows),
              "Per sumber: unggahan pekan ini (semua bahasa), dan pengambilan data yang selesai pekan ini "
              "(berapa kali, unggahan baru, catatan rusak yang dikarantina, galat).", "",
              _table(["Sumber", "Unggahan pekan ini", "Pengambilan", "Baru", "Karantina", "Galat"], source_rows),
              f"Dari {num(summary['posts_analysed'])} unggahan itu, {num(summary['duplicates_exact'])} adalah salinan persis "
              f"unggahan lain dan {num(summary['duplicates_near'])} hampir sama (disunting sedikit). Salinan tetap dihitung, "
              "karena memang beredar; pola salinan massal dibahas terpisah.", "",
              f"Sejak awal pengumpulan, {num(summary['coverage']['quarantined_total'])} catatan ditolak karena rusak atau tidak lengkap "
              "dan disimpan di karantina untuk diperiksa.", "",
              f"Model nada: `{', '.join(summary['sentiment_models'])}`. Taksonomi isu versi `{summary['issues_version']}`.", ""]

    parts += ["## English summary", "", english_summary(summary, summary["changes"]), ""]
    return "\n".join(parts), figures


def _csv(header: list[str], rows: list[list]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def write_open_data(out_dir: Path, summary: dict) -> None:
    """Aggregates only (never posts): two CSV files and a Frictionless Data Package descriptor."""
    week = summary["week"]

    def r(value: float | None) -> float | None:
        return None if value is None else round(value, 6)

    sentiment = [[week, key, s["count"], s["total"], r(s["share"]), r(s["ci_low"]), r(s["ci_high"])]
                 for key, s in summary["sentiment"].items()]
    issues = [[week, i["id"], i["name_id"], i["posts"], r(i["share_of_posts"]["share"])]
              + [i["sentiment"][k]["count"] for k in ("negative", "neutral", "positive")]
              + [r(i["sentiment"]["negative"][k]) for k in ("share", "ci_low", "ci_high")]
              for i in summary["issues"]]
    atomic_write_text(out_dir / "data" / "sentiment.csv", _csv(
        ["week", "sentiment", "posts", "total", "share", "ci_low", "ci_high"], sentiment))
    atomic_write_text(out_dir / "data" / "issues.csv", _csv(
        ["week", "issue_id", "issue", "posts", "share_of_posts", "negative", "neutral", "positive",
         "negative_share", "negative_ci_low", "negative_ci_high"], issues))
    number = {"type": "number", "description": "proporsi 0-1; kosong bila kurang dari batas minimum unggahan"}
    atomic_write_json(out_dir / "data" / "datapackage.json", {
        "name": f"denyut-{week.lower()}", "title": f"Denyut: agregat sentimen pemilu {week}",
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "description": "Agregat mingguan (tanpa unggahan individual). Interval: Wilson 95%.",
        "resources": [
            {"name": "sentiment", "path": "sentiment.csv", "format": "csv", "schema": {"fields": [
                {"name": "week", "type": "string"}, {"name": "sentiment", "type": "string"},
                {"name": "posts", "type": "integer"}, {"name": "total", "type": "integer"},
                {"name": "share", **number}, {"name": "ci_low", **number}, {"name": "ci_high", **number}]}},
            {"name": "issues", "path": "issues.csv", "format": "csv", "schema": {"fields": [
                {"name": "week", "type": "string"}, {"name": "issue_id", "type": "string"}, {"name": "issue", "type": "string"},
                {"name": "posts", "type": "integer"}, {"name": "share_of_posts", **number},
                {"name": "negative", "type": "integer"}, {"name": "neutral", "type": "integer"}, {"name": "positive", "type": "integer"},
                {"name": "negative_share", **number}, {"name": "negative_ci_low", **number}, {"name": "negative_ci_high", **number}]}},
        ],
    })


def _md_inline(text: str) -> str:
    """**bold** → <strong> for a sentence placed inside raw HTML."""
    out, bold = [], False
    for i, chunk in enumerate(text.split("**")):
        if i:
            out.append("<strong>" if not bold else "</strong>")
            bold = not bold
        out.append(html.escape(chunk))
    return "".join(out)


def run(config_path: str | None = None, force: bool = False) -> dict[str, str]:
    # Load inputs
    config = load_config(config_path)
    taxonomy = load_taxonomy(config.issues_path)
    weeks = sorted(p.stem for p in config.processed_dir.glob("*.parquet"))
    if not weeks:
        raise StageError("report", None, f"tidak ada data olahan di {config.processed_dir}: jalankan `make analyze` dulu")
    status, history, previous = {}, [], None
    for week in weeks:
        processed = config.processed_dir / f"{week}.parquet"
        before = config.processed_dir / f"{previous_week(week)}.parquet"
        has_before = previous is not None and previous["week"] == previous_week(week)
        out_dir = config.reports_dir / week
        coverage = _coverage(config, week)
        digest = _input_hash(config, processed, before if has_before else None, taxonomy.version, history[-HISTORY + 1:],
                             coverage)
        manifest = out_dir / "summary.json"
        if not force and manifest.exists() and json.loads(manifest.read_text()).get("input_hash") == digest:
            summary = json.loads(manifest.read_text())
            status[week] = "up to date"
        else:
            # Process data
            summary = build_summary(week, config, taxonomy, previous if has_before else None, coverage)
            summary["input_hash"] = digest
            history_now = history + [summary]
            page, figures = render(summary, history_now[-HISTORY:], config)
            # Save outputs
            for name, fig in figures.items():
                atomic_write_text(out_dir / "charts" / f"{name}.json", fig.to_json())
            atomic_write_text(out_dir / "report.md", page)
            write_open_data(out_dir, summary)
            atomic_write_json(manifest, summary)
            status[week] = "reported"
        history.append(summary)
        previous = summary
    return status


def main(argv: list[str] | None = None) -> int:
    return week_stage_main(argv, prog="python -m analysis.report", description=__doc__.splitlines()[0], run=run,
                           done="laporan ditulis", force_help="tulis ulang semua laporan")


if __name__ == "__main__":
    sys.exit(main())
