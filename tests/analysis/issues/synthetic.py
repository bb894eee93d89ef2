"""A synthetic labelled set of election posts for the issue tagger's tests: templated Indonesian with slang,
hashtags and code-mixing, never real posts. Each issue has posts its patterns catch, paraphrases they miss,
and look-alike posts on another topic that trip them (an `amplop` of a job application, printer `tinta`).

The taxonomy here is the tests' own (not config/issues.yaml, which its editors change): small and with
patterns that miss paraphrases on purpose, as the shipped taxonomy did on real posts."""

from __future__ import annotations

import random
from pathlib import Path

TAXONOMY = r"""version: 1
issues:
  - id: politik-uang
    name_id: Politik uang
    name_en: Vote buying
    description: Uang, barang atau janji untuk membeli suara.
    patterns:
      - '\bpolitik uang\b|\bmoney ?politic'
      - '\bserangan fajar\b'
      - '\bamplop\b'
  - id: logistik
    name_id: Logistik pemilu
    name_en: Election logistics
    description: Surat dan kotak suara, tinta, distribusi ke TPS.
    patterns:
      - '\bsurat suara\b'
      - '\bkotak suara\b'
      - '\btinta\b'
  - id: hoaks
    name_id: Hoaks
    name_en: Hoaxes
    description: Kabar bohong seputar pemilu.
    patterns:
      - '\bhoaks\b|\bhoax\b'
      - '\bberita bohong\b'
  - id: inklusi
    name_id: Inklusi
    name_en: Inclusion
    description: Pemilih disabilitas dan kelompok rentan.
    patterns:
      - '\bdisabilitas\b|\bdifabel\b'
"""

WHO = ["timses", "tim sukses paslon", "orang partai", "caleg sebelah", "pak rt", "relawan", "kader partai"]
AMOUNT = ["50rb", "100 ribu", "200rb", "goceng", "150 rebu", "300rb", "cepek"]
PLACE = ["kampung gw", "desa sebelah", "kelurahan kami", "dapil 3", "kec. cibinong", "rt 05", "perumahan", "gang kami"]
CAND = ["paslon 01", "paslon 02", "paslon 3", "pak calon", "bu caleg", "nomor 2", "caleg partai biru"]
TAIL = ["wkwk", "parah sih", "😤", "#Pemilu2024", "btw", "asli", "gimana nih", "literally", "😂", "#PemiluDamai", "", "",
        "ya Allah", "capek deh", "smh", "🙄", "serius", "no debat"]

TEMPLATES = {
    "politik-uang": {
        "caught": ["{who} bagi2 amplop {amount} ke warga {place} {tail}",
                   "awas serangan fajar malam ini di {place} {tail}",
                   "dapet amplop isi {amount} dari {who}, disuruh pilih {cand} {tail}",
                   "politik uang makin parah di {place} {tail}",
                   "stop money politic! {who} jangan beli suara rakyat {tail}"],
        "missed": ["{who} dikasih duit {amount} asal nyoblos {cand} {tail}",
                   "td ada yg nawarin {amount} per kepala buat milih {cand} {tail}",
                   "sembako gratis dr {who} tp syaratnya pilih {cand} {tail}",
                   "dibayar {amount} buat dateng ke tps dan coblos {cand}, {tail}",
                   "warga {place} ditawarin duit {amount} sm {who} biar milih {cand} {tail}",
                   "{who} bagiin duit {amount} ke ibu2 pengajian, pesennya coblos {cand} {tail}"],
        "lookalike": ["amplop lamaran kerja udah gw kirim ke {place} {tail}",
                      "amplop kondangan {amount} cukup ga ya {tail}",
                      "beli amplop coklat buat berkas kuliah {tail}"],
    },
    "logistik": {
        "caught": ["surat suara di {place} kurang banyak {tail}",
                   "kotak suara di tps {place} rusak {tail}",
                   "tinta nya gampang luntur, bisa nyoblos dua kali dong {tail}",
                   "surat suara {cand} ketuker sm dapil lain {tail}"],
        "missed": ["kertas suaranya blm nyampe ke tps {place} {tail}",
                   "bilik nya cuma satu di tps {place}, antri panjang bgt {tail}",
                   "logistik pemilu di {place} telat dateng {tail}",
                   "truk pengangkut kertas suara nyasar ke {place} {tail}",
                   "gembok kotaknya udh kebuka pas nyampe tps {place} {tail}"],
        "lookalike": ["tinta printer abis pas mau cetak tugas {tail}",
                      "tinta pulpen gw bocor di tas {tail}"],
    },
    "hoaks": {
        "caught": ["jangan percaya hoax soal {cand} {tail}",
                   "itu berita bohong, {who} klarifikasi dong {tail}",
                   "hoaks lagi soal tps di {place} {tail}"],
        "missed": ["info dari grup wa keluarga soal {cand} itu ngibul {tail}",
                   "video editan soal {cand} disebar {who}, jangan ditelan mentah2 {tail}",
                   "kabar {cand} mundur itu palsu, cek dulu sumbernya {tail}",
                   "foto lama dipelintir seolah2 kecurangan di {place} {tail}"],
        "lookalike": [],
    },
    "inklusi": {
        "caught": ["tps di {place} ga ramah difabel {tail}"],
        "missed": ["kursi roda susah masuk tps {place} {tail}"],
        "lookalike": [],
    },
}
OFF_TOPIC = ["{cand} keren bgt pas debat semalam {tail}", "macet parah di {place} {tail}",
             "kampanye {cand} di lapangan {place} rame bgt {tail}", "gw sih tetep {cand} {tail}",
             "baliho {cand} nutupin jalan di {place} {tail}", "debat capres td seru juga {tail}",
             "hujan deres di {place}, mager keluar {tail}", "udah nonton visi misi {cand} belum? {tail}"]


def _fill(template: str, rng: random.Random) -> str:
    text = template.format(who=rng.choice(WHO), amount=rng.choice(AMOUNT), place=rng.choice(PLACE),
                           cand=rng.choice(CAND), tail=rng.choice(TAIL))
    return " ".join(text.split())


def _missed(issue: str, unseen: bool) -> list[str]:
    """The paraphrases of an issue: every third is kept for `unseen` sets (phrasings training never shows)."""
    return [t for i, t in enumerate(TEMPLATES[issue]["missed"]) if (i % 3 == 2) == unseen]


def _one(rng: random.Random, weights: dict[str, float], unseen: bool) -> tuple[str, tuple[str, ...]]:
    """One post: off-topic, a look-alike, or an issue (caught or missed by its patterns); now and then two issues."""
    kind = rng.choices(list(weights), list(weights.values()))[0]
    if kind == "off":
        return _fill(rng.choice(OFF_TOPIC), rng), ()
    if kind == "lookalike":
        issue = rng.choice([i for i, t in TEMPLATES.items() if t["lookalike"]])
        return _fill(rng.choice(TEMPLATES[issue]["lookalike"]), rng), ()
    issue = rng.choices(["politik-uang", "logistik", "hoaks"], [0.45, 0.3, 0.25])[0]
    text = _fill(rng.choice(TEMPLATES[issue]["caught"] if kind == "caught" else _missed(issue, unseen)), rng)
    if rng.random() < 0.1:  # two issues in one post
        other = rng.choice([i for i in ("politik-uang", "logistik", "hoaks") if i != issue])
        second = _fill(rng.choice(TEMPLATES[other]["caught"] + _missed(other, unseen)), rng)
        return f"{text}. {second}", tuple(sorted({issue, other}))
    return text, (issue,)


def posts(n: int, seed: int, rare: int = 3, unseen: bool = False, noise: float = 0.0) -> list[tuple[str, tuple[str, ...]]]:
    """n posts (text, issue ids); `rare` of them about inklusi, too few for it to be learned. unseen: the
    paraphrases are phrasings a set drawn without it never has. noise: the share of posts whose issues a
    reviewer got wrong (swapped for another post's)."""
    rng = random.Random(seed)
    weights = {"off": 0.35, "lookalike": 0.08, "caught": 0.27, "missed": 0.30}
    rows = [_one(rng, weights, unseen) for _ in range(n - rare)]
    labels = [issues for _, issues in rows]
    rows = [(text, rng.choice(labels) if rng.random() < noise else issues) for text, issues in rows]
    rows += [(_fill(rng.choice(TEMPLATES["inklusi"]["caught"] + TEMPLATES["inklusi"]["missed"]), rng), ("inklusi",))
             for _ in range(rare)]
    rng.shuffle(rows)
    return rows


def write_taxonomy(directory: Path) -> Path:
    path = Path(directory) / "issues.yaml"
    path.write_text(TAXONOMY, encoding="utf-8")
    return path


def write_config(directory: Path) -> Path:
    """A project config whose taxonomy is this module's (config/issues.yaml beside it)."""
    folder = Path(directory) / "config"
    folder.mkdir(parents=True, exist_ok=True)
    write_taxonomy(folder)
    (folder / "denyut.yaml").write_text("analysis: {issues_file: config/issues.yaml}\n", encoding="utf-8")
    return folder / "denyut.yaml"
