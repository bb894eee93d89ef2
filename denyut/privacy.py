"""Scrub personal data from any text that may be shown or stored for the report (UU PDP No. 27/2022).

Phone numbers are found by Google's libphonenumber matcher (the `phonenumbers` package, region ID,
numbers it judges valid), which reads brackets, dots, slashes, spaced and dashed groups as people
write them. The rest are patterns: NIK (16 digits, in groups or not), other long digit runs such as
account numbers (not amounts written in thousands, not after "Rp"), e-mails in the forms people
use to dodge scrapers (budi[at]gmail[dot]com, spaced, full-width), links (with or without a scheme),
and mentions of accounts that are not on the public list (dotted handles included).

Text is searched through a copy in which full-width letters, Unicode dashes and spaces and invisible
marks are read as their plain ASCII forms, one character for one, so that what is found can be cut
out of the original text at the same places."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import phonenumbers
from phonenumbers import Leniency

PLACEHOLDERS = {"email": "[email disembunyikan]", "link": "[tautan]", "phone": "[nomor disembunyikan]",
                "nik": "[NIK disembunyikan]", "number": "[nomor disembunyikan]", "mention": "@[pengguna]"}

# one character for one, so offsets in the copy are offsets in the original
_PLAIN = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}  # full-width ASCII
_PLAIN.update({cp: ord("-") for cp in (*range(0x2010, 0x2016), 0x2212, 0xFE58, 0xFE63, 0xFF0D)})
_PLAIN.update({cp: ord(" ") for cp in (0x00A0, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000, *range(0x2066, 0x206A))})
# invisible marks inside a word or a number ("g\u200bmail", "08\u200b12"): read as a hyphen, which both allow
_PLAIN.update({cp: ord("-") for cp in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD)})
_PLAIN.update({0x2024: ord("."), 0xFF0E: ord("."), 0x3002: ord("."), 0xFF20: ord("@"), 0x00B7: ord("."), 0x2022: ord(".")})

_AT = r"(?:@|[\[({<]\s*(?:at|@)\s*[\])}>])"
_DOT = r"(?:\.|[\[({<]\s*(?:dot|\.)\s*[\])}>])"
_DOTS = rf"(?:\s*{_DOT}\s*|\s+dot\s+)"
TLDS = r"(?:com|id|net|org|co|go|ac|sch|or|my|info|biz|me|io|xyz|edu|gov|web|ly|gl|link|site|online|app)"
EMAIL = re.compile(
    rf"(?i)(?<![\w.+-])[\w.+-]+(?:{_AT}[\w-]+(?:{_DOT}[\w-]+)*\.[a-z]{{2,24}}(?![\w-])"  # budi@mail.co.id
    rf"|\s*{_AT}\s*[\w-]+(?:{_DOTS}[\w-]+)*{_DOTS}{TLDS}(?![\w-])"  # budi [at] gmail [dot] com, budi @ gmail dot com
    rf"|\s+at\s+[\w-]+(?:\s*(?:\s+dot\s+|{_DOT})\s*[\w-]+)*\s*(?:\s+dot\s+|{_DOT})\s*{TLDS}(?![\w-]))")  # budi at gmail dot com
URL = re.compile(rf"(?i)(?:\b[a-z][a-z0-9+.-]{{1,15}}://|\bwww\.)\S+"
                 rf"|\b(?:[a-z0-9-]+\.)+{TLDS}(?:\.[a-z]{{2}})?/\S*")  # t.me/+abc, wa.me/628…, bit.ly/x
# digits in groups, whatever separates them, and glued to letters too ("wa081234567890", "WA:0812…ya")
DIGIT_RUN = re.compile(r"(?<![\d+])\+?\(?\d(?:[ ./()_,*:-]{0,3}\d){9,}(?!\d)")
YEAR = re.compile(r"^(?:19|20)\d\d$")
THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")
AMOUNT_BEFORE = re.compile(r"(?i)(?:rp\.?|idr|usd|\$)\s*$")
COUNT_AFTER = re.compile(r"(?i)^\s*(?:suara|pemilih|orang|jiwa|rupiah|warga|penduduk|tps|kotak|lembar|dpt)\b")
MENTION = re.compile(r"(?<![\w@.])@([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,48}[A-Za-z0-9_])?)")


def _plain(text: str) -> str:
    return text.translate(_PLAIN)


def _spans(text: str, public: set[str]) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, kind) spans to replace, found in order of precedence."""
    found: list[tuple[int, int, str]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b, _ in found)

    def add(start: int, end: int, kind: str) -> None:
        if free(start, end):
            found.append((start, end, kind))

    for m in EMAIL.finditer(text):
        add(m.start(), m.end(), "email")
    for m in URL.finditer(text):
        end = m.end()
        while end > m.start() and text[end - 1] in ".,;:!?)]}'\"":  # punctuation after a link is the sentence's
            end -= 1
        add(m.start(), end, "link")
    for m in phonenumbers.PhoneNumberMatcher(text, "ID", leniency=Leniency.VALID):
        add(m.start, m.end, "phone")
    for m in DIGIT_RUN.finditer(text):
        kind = _number_kind(m[0].rstrip(",.:_*/ -"), text[: m.start()], text[m.end():])
        if kind:
            add(m.start(), m.end(), kind)
    for m in MENTION.finditer(text):
        if m[1].lower() not in public:
            add(m.start(), m.end(), "mention")
    return sorted(found)


def _number_kind(run: str, before: str, after: str = "") -> str | None:
    digits = re.sub(r"\D", "", run)
    groups = re.findall(r"\d+", run)
    if re.match(r"^(?:\+?62|0)8", digits if not run.startswith("+") else "+" + digits) and len(digits) <= 14:
        return "phone"
    if THOUSANDS.match(run.strip("()")) or AMOUNT_BEFORE.search(before[-6:]) or COUNT_AFTER.match(after):
        return None  # 1.500.000.000, Rp1500000000, 17000000000 pemilih: an amount or a count, not an identifier
    if len(groups) > 1 and (all(YEAR.match(g) for g in groups) or max(map(len, groups)) <= 3 and len(groups) > 3):
        return None  # 2014 2019 2024, TPS 01 02 03 04: a list of years or small numbers
    if len({ch for ch in run if not ch.isdigit()}) > 1:
        return None  # mixed separators: a date and a time, a list of numbers
    if len(digits) == 16:
        return "nik" if _nik_shaped(digits) else "number"
    return "number"


PROVINCE_CODES = {11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65,
                  71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96, 97}


def _nik_shaped(digits: str) -> bool:
    """A NIK: province, regency and district codes, then a birth date (DDMMYY, the day +40 for women) and a number."""
    day, month = int(digits[6:8]), int(digits[8:10])
    return int(digits[:2]) in PROVINCE_CODES and (1 <= day <= 31 or 41 <= day <= 71) and 1 <= month <= 12


def scrub(text: str, public_handles: set[str] | frozenset[str] = frozenset()) -> str:
    """Remove e-mails, phone numbers, NIK and other long identifying numbers, links, and mentions of non-public accounts."""
    public = {h.lower().lstrip("@") for h in public_handles}
    out, position = [], 0
    for start, end, kind in _spans(_plain(text), public):
        out += [text[position:start], PLACEHOLDERS[kind]]
        position = end
    out.append(text[position:])
    return "".join(out)


# Hosts whose first path segment names a person's account, and hosts that carry a number or an invitation.
PROFILE_HOSTS = {"x.com", "twitter.com", "instagram.com", "instagr.am", "facebook.com", "fb.com", "fb.me", "tiktok.com",
                 "threads.net", "youtube.com", "t.me", "telegram.me", "telegram.dog", "bsky.app", "github.com", "linkedin.com"}
SUBDOMAINS = ("www.", "m.", "mobile.", "web.", "id.", "business.")


def _host(hostname: str) -> str:
    """A host as the list above names it: lower case, no trailing dot, no www., m., mobile. or web. in front."""
    host = hostname.lower().rstrip(".")
    while host.startswith(SUBDOMAINS) and host.count(".") > 1:
        host = host.split(".", 1)[1]
    return host
PRIVATE_HOSTS = {"wa.me": "[nomor disembunyikan]", "api.whatsapp.com": "[nomor disembunyikan]",
                 "chat.whatsapp.com": "[undangan grup]", "wa.link": "[nomor disembunyikan]"}


def scrub_link(url: str, public_handles: set[str] | frozenset[str] = frozenset()) -> str:
    """A shared link as text that may be shown: its host and path, without query or fragment; a WhatsApp
    number or group, a Telegram invitation and a non-public account's profile replaced by words."""
    text = url.strip()
    parts = urlsplit(text if "//" in text else "//" + text)  # coordination's canonical links have no scheme
    host = _host(parts.hostname or "")
    if not host:
        return scrub(text, public_handles)  # not a link after all: scrubbed as text
    public = {h.lower().lstrip("@") for h in public_handles}
    segments = [s for s in parts.path.split("/") if s]
    if host in PRIVATE_HOSTS:
        return f"{host}/{PRIVATE_HOSTS[host]}"
    if host in {"t.me", "telegram.me", "telegram.dog"} and segments and (segments[0].startswith("+") or segments[0] == "joinchat"):
        return f"{host}/[undangan privat]"
    if host in PROFILE_HOSTS and segments:
        handle = segments[0].lstrip("@").lower()
        if handle in {"s", "c", "channel", "watch", "hashtag", "search", "i", "groups", "share", "status", "p", "reel"}:
            segments = [segments[0]] + ["[…]" for _ in segments[1:2]]  # a path, not an account: no id kept
        elif handle not in public:
            segments = ["[akun]"] + (["[…]"] if len(segments) > 1 else [])
    return "/".join([host] + [scrub(segment, public_handles) for segment in segments])


def scrub_v1(text: str, public_handles: set[str] | frozenset[str] = frozenset()) -> str:
    """The scrub of Denyut 0.1, frozen: only to recognise the text of review sheets written by it."""
    text = re.sub(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", "[email disembunyikan]", text)
    text = re.sub(r"(?i)(https?://|www\.)\S+", "[tautan]", text)
    text = re.sub(r"(?<!\d)(?:\+62|62|0)[\s.-]?8\d(?:[\s.-]?\d){6,11}(?!\d)", "[nomor disembunyikan]", text)
    text = re.sub(r"(?<!\d)\d{16}(?!\d)", "[NIK disembunyikan]", text)
    text = re.sub(r"(?<!\d)\d(?:[\s.-]?\d){9,}(?!\d)", "[nomor disembunyikan]", text)
    lowered = {h.lower() for h in public_handles}
    return re.sub(r"(?<![\w@])@(\w{1,50})", lambda m: m[0] if m[1].lower() in lowered else "@[pengguna]", text)
