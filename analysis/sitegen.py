"""Site: reports/<week>/ + site/ → public/ (mkdocs-material, built with --strict).

Stages a copy of site/ under data/site/, adds each weekly report as a dated blog post,
the home page's "latest week at a glance", the methodology's model table and plotly.js
(served by the site itself), then builds it with the repository's mkdocs.yml. The
repository's site/ is never written to. Skips the build when nothing it reads changed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import plotly
from babel.numbers import format_decimal

from analysis.narrative import SENTIMENT_ID, headline, interval, num, pct, week_range
from denyut.config import Config, load_config
from denyut.errors import DenyutError, StageError
from denyut.io import atomic_write_json, atomic_write_text
from denyut.paths import EMBEDDED_MODEL_DIR, MKDOCS_YML, ROOT, SITE_DIR

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def load_reports(config: Config) -> list[tuple[str, Path, dict]]:
    reports = []
    for folder in sorted(p for p in config.reports_dir.glob("*-W*") if (p / "report.md").is_file()):
        summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
        reports.append((folder.name, folder, summary))
    if not reports:
        raise StageError("site", None, f"tidak ada laporan di {config.reports_dir}: jalankan `make report` dulu")
    kinds = {summary["demo"] for _, _, summary in reports}
    if len(kinds) > 1:
        raise StageError("site", None, f"{config.reports_dir} mencampur laporan demo dan laporan data sungguhan; "
                                       "pisahkan folder laporannya (paths.reports) sebelum menerbitkan")
    return reports


def glance(week: str, summary: dict) -> str:
    s = summary["sentiment"]
    lines = [f"## Pekan terbaru: {week_range(week)}", "", '<div class="denyut-glance" markdown>', "",
             headline(summary), ""]
    if s["negative"]["share"] is not None:
        lines += ["| Nada | Porsi | Interval 95% |", "|---|---:|---:|"]
        lines += [f"| {label.capitalize()} | {pct(s[key]['share'])} | {interval(s[key]['ci_low'], s[key]['ci_high'])} |"
                  for key, label in SENTIMENT_ID.items()]
        lines.append("")
    top = [i for i in summary["issues"][:3] if i["posts"] > 0]
    if top:
        lines += ["Isu teratas: " + ", ".join(f"{i['name_id']} ({num(i['posts'])})" for i in top) + ".", ""]
    lines += ["</div>", "", f"[Baca laporan lengkap pekan {week_range(week)} →](laporan/posts/{week.lower()}.md)", ""]
    return "\n".join(lines)


def model_table(reports: list[tuple[str, Path, dict]]) -> str:
    used = sorted({m for _, _, summary in reports for m in summary["sentiment_models"]})
    lines = [f"Angka nada di laporan yang terbit dihitung dengan model: {', '.join(f'`{m}`' for m in used)}.", ""]
    metrics_path = EMBEDDED_MODEL_DIR / "metrics.json"
    if metrics_path.exists():
        m = json.loads(metrics_path.read_text())
        lines += [
            f"Model bawaan (`embedded@{m['version']}`) dilatih dari {num(m['train_rows'])} teks berlabel terbuka "
            f"({', '.join(m.get('sources', []))}). "
            + ("Ia membaca tiap unggahan dengan dua cara lalu menggabungkannya: kata dan potongan kata yang muncul "
               f"(n-gram, regresi logistik), dan urutan kata ({m['recurrent']} jaringan GRU kecil, yang menangkap pola "
               "seperti \"enak tapi lama sekali\"). " if m.get("recurrent") else "")
            + "Skornya pada data yang tidak dipakai untuk melatih:", "",
            "| Data uji | Jumlah teks | Macro-F1 | Akurasi | Galat kalibrasi (ECE) |", "|---|---:|---:|---:|---:|",
        ]
        for key, label in (("smsa_valid", "SmSA valid (ulasan dan komentar)"), ("nusax_test_without_smsa", "NusaX-id test (tanpa teks SmSA)")):
            r = m[key]
            score, ece = (format_decimal(r[k], "0.000", locale="id") for k in ("macro_f1", "ece"))
            lines.append(f"| {label} | {num(r['n'])} | {score} | {pct(r['accuracy'])} | {ece} |")
        tweets = m.get("emot_valid_tweets")
        lines += ["", "Macro-F1 adalah rata-rata ketepatan ketiga nada (1 = sempurna). "
                  + (f"Pada {num(tweets['n'])} cuitan Twitter yang diberi label emosi (EmoT; hanya negatif atau positif), "
                     f"arah nada yang dibaca model benar untuk {pct(tweets['polarity_accuracy'])} cuitan. " if tweets else "")
                  + "Pada unggahan pemilu sungguhan, yang lebih pendek dan penuh sarkasme, ketepatannya diperkirakan lebih rendah.", ""]
    return "\n".join(lines)


def open_data_table(reports: list[tuple[str, Path, dict]]) -> str:
    lines = ["| Pekan | Unggahan | Nada (CSV) | Isu (CSV) | Paket data | Semua angka (JSON) |", "|---|---:|---|---|---|---|"]
    for week, _, summary in reversed(reports):
        base = f"data/{week.lower()}"
        lines.append(f"| [{week_range(week)}](laporan/posts/{week.lower()}.md) | {num(summary['posts_analysed'])} | "
                     f"[sentiment.csv]({base}/sentiment.csv) | [issues.csv]({base}/issues.csv) | "
                     f"[datapackage.json]({base}/datapackage.json) | [summary.json]({base}/summary.json) |")
    return "\n".join(lines) + "\n"


def _build_hash(reports: list[tuple[str, Path, dict]], env: dict) -> str:
    digest = hashlib.sha256(json.dumps({k: env.get(k) for k in ("DENYUT_DEMO", "DENYUT_SITE_URL")}).encode())
    files = [MKDOCS_YML, PLOTLY_JS, EMBEDDED_MODEL_DIR / "metrics.json", Path(__file__)]
    files += sorted(p for p in SITE_DIR.rglob("*") if p.is_file())
    files += [folder / name for _, folder, _ in reports for name in ("report.md", "summary.json")]
    for path in files:
        if path.exists():
            digest.update(str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def run(config_path: str | None = None, force: bool = False) -> tuple[str, Path]:
    # Load inputs
    config = load_config(config_path)
    reports = load_reports(config)
    env = dict(os.environ)
    env["DENYUT_DEMO"] = "true" if reports[0][2]["demo"] else "false"
    env["NO_MKDOCS_2_WARNING"] = "1"
    if config.project.site_url:
        env["DENYUT_SITE_URL"] = config.project.site_url
    out_dir = config.public_dir
    stamp = out_dir / ".denyut-build.json"
    digest = _build_hash(reports, env)
    if not force and stamp.exists() and json.loads(stamp.read_text()).get("input_hash") == digest:
        return "up to date", out_dir
    # Process data: a fresh staging copy, so a removed week disappears and site/ stays hand-written
    stage = config.data_dir / "site"
    shutil.rmtree(stage, ignore_errors=True)
    shutil.copytree(SITE_DIR, stage / "site")
    for week, folder, _ in reports:
        atomic_write_text(stage / "site" / "laporan" / "posts" / f"{week.lower()}.md", (folder / "report.md").read_text(encoding="utf-8"))
    latest_week, _, latest = reports[-1]
    atomic_write_text(stage / "site" / "_generated" / "sekilas.md", glance(latest_week, latest))
    atomic_write_text(stage / "site" / "_generated" / "model.md", model_table(reports))
    atomic_write_text(stage / "site" / "_generated" / "data.md", open_data_table(reports))
    for week, folder, _ in reports:
        target = stage / "site" / "data" / week.lower()
        shutil.copytree(folder / "data", target)
        shutil.copyfile(folder / "summary.json", target / "summary.json")
    shutil.copyfile(PLOTLY_JS, stage / "site" / "assets" / "javascripts" / "plotly.min.js")
    # Relative paths in the inherited mkdocs.yml (docs_dir, custom_dir, snippets) now resolve inside the stage.
    atomic_write_text(stage / "mkdocs.yml", f"INHERIT: {json.dumps(str(MKDOCS_YML))}\n")
    # Save outputs
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(stage / "mkdocs.yml"),
                             "-d", str(out_dir.resolve())], cwd=stage, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise StageError("site", None, "mkdocs build --strict gagal:\n" + (result.stderr or result.stdout)[-4000:])
    atomic_write_json(stamp, {"input_hash": digest, "weeks": [w for w, _, _ in reports]})
    return "built", out_dir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.sitegen", description=__doc__.splitlines()[0])
    parser.add_argument("--config", help="berkas konfigurasi (bawaan: config/denyut.yaml)")
    parser.add_argument("--force", action="store_true", help="bangun ulang walau tidak ada yang berubah")
    args = parser.parse_args(argv)
    try:
        state, out_dir = run(args.config, args.force)
    except DenyutError as exc:
        print(f"galat: {exc}", file=sys.stderr)
        return 2
    print(f"situs {'dibangun' if state == 'built' else 'sudah mutakhir'}: {out_dir / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
