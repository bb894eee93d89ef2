"""Scrub personal data from any text that may be shown (UU PDP No. 27/2022)."""

from __future__ import annotations

import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<!\d)(?:\+62|62|0)[\s.-]?8\d(?:[\s.-]?\d){6,11}(?!\d)")
NIK = re.compile(r"(?<!\d)\d{16}(?!\d)")
LONG_NUMBER = re.compile(r"(?<!\d)\d(?:[\s.-]?\d){9,}(?!\d)")
URL = re.compile(r"(https?://|www\.)\S+", re.IGNORECASE)
MENTION = re.compile(r"(?<![\w@])@(\w{1,50})")


def scrub(text: str, public_handles: set[str] | frozenset[str] = frozenset()) -> str:
    """Remove e-mails, phone numbers, NIK and other long numbers, links, and mentions of non-public accounts."""
    text = EMAIL.sub("[email disembunyikan]", text)
    text = URL.sub("[tautan]", text)
    text = PHONE.sub("[nomor disembunyikan]", text)
    text = NIK.sub("[NIK disembunyikan]", text)
    text = LONG_NUMBER.sub("[nomor disembunyikan]", text)
    lowered = {h.lower() for h in public_handles}
    return MENTION.sub(lambda m: m[0] if m[1].lower() in lowered else "@[pengguna]", text)
