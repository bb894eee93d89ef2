"""A hostile corpus, planted in every field from outside that reaches a page, the feed, the search index,
the WhatsApp text, the cards or the PDF: post texts (quoted examples, coordination examples), a link
shared by a coordinated group, the hand-kept taxonomy (issue names), the team's hoax list and Mafindo's
catalogue (claim titles, corrections, verdicts), a source's query, public accounts' names, and the reviewers' name in
status.yaml. Each payload tries one way to turn text into markup: HTML, Markdown links and images,
attribute lists, code spans, snippets, Jinja, javascript:/data: URLs, bidi overrides, table pipes, block
markers; and the ones that used to stop `mkdocs build --strict` (a link or an image to a missing page)."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from denyut.paths import ROOT

MARK = "window.__denyut_pwned=1"
PAYLOADS = [
    f"<script>{MARK}</script>",
    f"<img src=x onerror=\"{MARK}\">",
    f"[klik di sini](javascript:{MARK})",
    "![gambar](tidak-ada.png)",
    "[lihat](tidak-ada.md)",
    f"`kode` lalu {{onfocus={MARK} autofocus tabindex=0}}",
    f"teks{{: onmouseover=\"{MARK}\" }}",
    "**tebal** _miring_ ~~coret~~",
    '--8<-- "tidak-ada.md"',
    "{{ config }} {% raw %} {# komentar #}",
    f"<a href='data:text/html,<script>{MARK}</script>'>data</a>",
    "\u202egnalab\u202c sesudah balikan",
    "| sel | palsu |",
    "# judul palsu",
    '!!! danger "peringatan palsu"',
    "!!! note",
    "??? note",
    "        kode terindentasi",
    "1. daftar palsu",
    "---",
    "<!-- komentar tak ditutup",
    "&lt;script&gt; sudah di-escape",
    f"<svg onload=\"{MARK}\"></svg>",
    f"<details open ontoggle=\"{MARK}\">",
    "*[HTML]: singkatan palsu",
    "[^catatan] kaki palsu",
]
# the parts that must show on a page as the text they are
VISIBLE = ["<script>", "onerror=", "[klik di sini](javascript:", "![gambar](tidak-ada.png)", "{onfocus=", "**tebal**",
           "--8<--", "{{ config }}"]


def payload(i: int) -> str:
    return PAYLOADS[i % len(PAYLOADS)]


def all_payloads() -> str:
    return " ".join(PAYLOADS)


def issues_file(path: Path) -> Path:
    """config/issues.yaml with six issues named by payloads in both languages (names are at most 80 characters)."""
    data = yaml.safe_load((ROOT / "config" / "issues.yaml").read_text(encoding="utf-8"))
    for i, issue in enumerate(data["issues"][:6]):
        issue["name_id"] = payload(i)[:80]
        issue["name_en"] = payload(i + 6)[:80]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def hoaxes_file(path: Path) -> Path:
    data = yaml.safe_load((ROOT / "config" / "demo-hoaxes.yaml").read_text(encoding="utf-8"))
    for i, claim in enumerate(data["claims"]):
        claim["description"] = (claim["description"] + " " + payload(i) + " " + payload(i + 4))[:300]
        claim["correction"] = (claim["correction"] + " " + payload(i + 7))[:300]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def mafindo_catalogue(claims_dir: Path) -> None:
    """A collected Mafindo claim whose title and verdict are payloads, echoed by posts of the week."""
    claims_dir.mkdir(parents=True, exist_ok=True)
    claim = {"id": "mafindo-666", "description": f"Klaim Mafindo {payload(2)} {payload(0)}"[:300],
             "clarification": "https://turnbackhoax.example/klarifikasi/666", "source": "mafindo",
             "examples": ["kotak suara dari kardus mudah dibobol dan sudah diisi sebelum pemilu",
                          "kotak suara kardus sudah diisi suara sebelum hari pemungutan"],
             "correction": f"Faktanya kotak suara tersegel {payload(1)} {payload(9)}"[:300],
             "published": "2024-11-20", "verdict": f"Konten Palsu {payload(5)}"}
    (claims_dir / "mafindo.jsonl").write_text(json.dumps(claim, ensure_ascii=False) + "\n", encoding="utf-8")


PRIVATE_LINKS = ["https://wa.me/6281234567890?text=halo", "https://t.me/+AbCdEfGhIjKl", "https://t.me/budi_rahasia99"]
PRIVATE_PARTS = ["6281234567890", "AbCdEfGhIjKl", "budi_rahasia99", "text=halo"]
EVIL_LINK = f"https://evil.example/q`[x](javascript:{MARK}){{onfocus={MARK}}}![i](tidak-ada.png)"


def posts(week_days: list[str]) -> list[dict]:
    """Posts of one week: ordinary ones, a public account quoting payloads, 8 throwaway accounts sharing the same
    hostile link within 4 minutes (a coordination card), and echoes of the hostile Mafindo claim."""
    lines = []
    for i in range(60):
        lines.append({"id": f"9{i:03d}", "created_at": f"{week_days[i % len(week_days)]}T0{i % 9}:00:00Z", "author": f"warga{i}",
                      "text": ["Surat suara telat lagi, kecewa", "Ayo ke TPS jangan golput", "Debat paslon seru"][i % 3]})
    for i in range(8):
        lines.append({"id": f"7{i:02d}", "created_at": f"{week_days[1]}T12:0{i // 2}:{10 + i:02d}Z", "author": f"akunbaru{i}",
                      "text": f"Bagikan sebelum dihapus! {EVIL_LINK} #pemilu"})
    for i, link in enumerate(PRIVATE_LINKS):  # personal links shared by a group: the card must not show them
        for j in range(8):
            lines.append({"id": f"5{i}{j}", "created_at": f"{week_days[3]}T0{i}:0{j // 2}:{10 + j:02d}Z",
                          "author": f"penyebar{i}{j}", "text": f"Gabung dan hubungi kami: {link} sekarang juga"})
    for i in range(6):
        lines.append({"id": f"6{i:02d}", "created_at": f"{week_days[2]}T1{i}:00:00Z", "author": f"penggema{i}",
                      "text": "kotak suara dari kardus mudah dibobol dan sudah diisi sebelum pemilu, hati-hati"})
    return lines
