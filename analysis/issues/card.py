"""MODEL_CARD.md of an issue model, from its metrics.json."""

from __future__ import annotations


def _num(value) -> str:
    return "–" if value is None else f"{value:.3f}"


def _row(issue: str, r: dict) -> str:
    z = r["zero_shot"]
    if not r["trained"]:
        return f"| {issue} | {r['positives']} | aturan pola | {_num(z['precision'])} | {_num(z['recall'])} | – | – | – |"
    cv, cal = r["cross_validated"], r["calibration"]
    calibration = f"Platt, ECE {cal['ece_before']:.3f} → {cal['ece']:.3f}" if cal["method"] == "platt" else "tidak"
    return (f"| {issue} | {r['positives']} | dipelajari | {_num(z['precision'])} | {_num(z['recall'])} | "
            f"{_num(cv['precision'])} | {_num(cv['recall'])} | {calibration} |")


def model_card(m: dict) -> str:
    rows = "\n".join(_row(issue, r) for issue, r in m["issues"].items())
    weeks = "\n".join(f"| {week} | {n} |" for week, n in m["verdicts_per_week"].items())
    zero = "".join(f"\n- `{issue}`: {reason}" for issue, reason in m["zero_shot_issues"].items()) or " tidak ada."
    return f"""# Model isu Denyut yang belajar dari vonis peninjau

- **Versi**: `{m['version']}` (12 karakter pertama SHA-256 dari `model.safetensors`, yang memuat pola taksonominya,
  dan daftar kata yang dibaca fiturnya); dilatih {m['trained']} dalam {m['train_seconds']} detik.
- **Jenis**: satu regresi logistik per isu (C = {m['C']:g}) atas fitur model sentimen bawaan (n-gram kata 1-2 dan
  karakter 1-4 yang di-hash, TF-IDF, dan kolom leksikon), ditambah satu kolom per isu: apakah pola taksonominya
  (versi `{m['taxonomy_version']}`) cocok. Pola menjadi fitur, bukan vonis. Peluang dikalibrasi per isu dengan
  *Platt scaling* pada skor lintas-lipatan bila ada cukup contoh. Isu ditandai bila peluangnya ≥ {m['threshold']:g}.
- **Data latih**: {m['verdicts']} vonis peninjau dari `{m['source']}` (bagian: {_parts(m)}).
- **Audit yang dipelajari**: {', '.join(m['audit_weeks']) or 'tidak ada'}. Model ini tidak dipakai untuk melabeli
  pekan-pekan itu (aturan silang yang sama dengan model sentimen).
- **Isu yang tetap memakai aturan pola** (peluang 1 bila pola cocok, 0 bila tidak; kurang dari
  {m['min_positives']} contoh positif atau negatif):{zero}

## Per isu

Presisi dan *recall* aturan pola dihitung pada data latih; model dihitung lintas-lipatan (tiap vonis dinilai model
yang tidak melihatnya), pada ambang {m['threshold']:g}.

| isu | positif | penanda | presisi pola | recall pola | presisi model | recall model | kalibrasi |
|---|---:|---|---:|---:|---:|---:|---|
{rows}

## Vonis per pekan

| pekan | vonis |
|---|---:|
{weeks}
"""


def _parts(m: dict) -> str:
    names = {"audit": "audit", "belajar": "belajar", "-": "tidak disebut (dihitung audit)"}
    return ", ".join(f"{names.get(part, part)} {n}" for part, n in m["parts"].items())
