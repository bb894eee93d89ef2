"""Print the settings reference (docs/settings.md) from the config models: `python -m denyut.settings`."""

from __future__ import annotations

from denyut.config import settings_table

HEADER = """# Setelan konfigurasi

Dibuat dari kode dengan `python -m denyut.settings > docs/settings.md`; sebuah tes memastikan
berkas ini sama dengan keluaran perintah itu. Kunci yang tidak ada di sini ditolak saat mulai.

| kunci | bawaan | arti |
|---|---|---|
"""


def render() -> str:
    rows = [f"| `{name}` | `{default}` | {help_text} |".replace("|".join(("jsonl", "snscrape-jsonl", "csv")), "jsonl, snscrape-jsonl, csv")
            for name, default, help_text in settings_table()]
    return HEADER + "\n".join(rows) + "\n"


if __name__ == "__main__":
    print(render(), end="")
