"""A seeded generator of malformed export records, mixed with valid ones, for JSONL and CSV.

Every record carries what the import must do with it: store it (valid, some with hostile HTML in
their text), keep it as a revision, or quarantine it naming its line and (where one is to blame) field.
"""

from __future__ import annotations

import csv
import io
import json
import random
from dataclasses import dataclass

WEEK_DAYS = ["2024-11-18", "2024-11-19", "2024-11-20", "2024-11-21"]
HOSTILE = ['<script>alert("xss")</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(2)>',
           "javascript:alert(3)", "<iframe src=//contoh.invalid></iframe>"]
WORDS = "surat suara telat tps kpps petugas ramah kecewa mantap debat paslon bansos politik uang rekap".split()


@dataclass
class Case:
    kind: str
    outcome: str  # "stored", "revision" or "quarantined"
    field: str | None = None  # the field a quarantine reason must name (None: the line itself is unreadable)
    post_id: str | None = None
    line: int = 0  # set when the file is written


def _text(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 12)))


def _valid(rng: random.Random, n: int, author: str | None = None) -> dict:
    return {"id": f"v{n}", "author": author or f"warga{rng.randint(1, 400)}", "text": _text(rng),
            "created_at": f"{rng.choice(WEEK_DAYS)}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00Z",
            "likes": rng.randint(0, 500)}


def _deep(depth: int) -> str:
    return "[" * depth + "]" * depth


# kind → (field to blame, how to spoil a valid record: returns the line's bytes)
def _jsonl_spoilers() -> dict:
    def dumps(obj: dict) -> bytes:
        return json.dumps(obj).encode()

    return {
        "invalid_utf8": (None, lambda r: dumps(r).replace(b'"text": "', b'"text": "\xff\xfe', 1)),
        "lone_surrogate": ("text", lambda r: dumps(r).replace(b'"text": "', b'"text": "\\ud800', 1)),
        "date_year_1_offset": ("created_at", lambda r: dumps(r | {"created_at": "0001-01-01T00:00:00+07:00"})),
        "date_year_1_utc": ("created_at", lambda r: dumps(r | {"created_at": "0001-01-01T00:00:00Z"})),
        "date_9999": ("created_at", lambda r: dumps(r | {"created_at": "9999-12-31T23:59:59Z"})),
        "date_1900": ("created_at", lambda r: dumps(r | {"created_at": "1900-06-01T00:00:00Z"})),
        "date_2100": ("created_at", lambda r: dumps(r | {"created_at": "2100-01-01T00:00:00Z"})),
        "date_2999": ("created_at", lambda r: dumps(r | {"created_at": "2999-01-01T00:00:00Z"})),
        "date_nan": ("created_at", lambda r: dumps(r).replace(b'"created_at": "', b'"created_at": NaN, "x": "', 1)),
        "date_infinity": ("created_at", lambda r: dumps(r).replace(b'"created_at": "', b'"created_at": -Infinity, "x": "', 1)),
        "date_1e20": ("created_at", lambda r: dumps(r | {"created_at": 1e20})),
        "date_true": ("created_at", lambda r: dumps(r | {"created_at": True})),
        "date_not_iso": ("created_at", lambda r: dumps(r | {"created_at": "kemarin sore"})),
        "date_no_zone": ("created_at", lambda r: dumps(r | {"created_at": "2024-11-19T10:00:00"})),
        "date_missing": ("created_at", lambda r: dumps({k: v for k, v in r.items() if k != "created_at"})),
        "deep_nesting": (None, lambda r: dumps(r)[:-1] + b', "x": ' + _deep(100_000).encode() + b"}"),
        "likes_1e30": ("likes", lambda r: dumps(r | {"likes": 10**30})),
        "likes_2_63": ("likes", lambda r: dumps(r | {"likes": 2**63})),
        "likes_negative": ("likes", lambda r: dumps(r | {"likes": -4})),
        "likes_text": ("likes", lambda r: dumps(r | {"likes": "banyak"})),
        "likes_bool": ("likes", lambda r: dumps(r | {"likes": True})),
        "id_list": ("id", lambda r: dumps(r | {"id": [r["id"]]})),
        "id_dict": ("id", lambda r: dumps(r | {"id": {"v": r["id"]}})),
        "id_bool": ("id", lambda r: dumps(r | {"id": False})),
        "id_float": ("id", lambda r: dumps(r | {"id": 12.5})),
        "id_missing": ("id", lambda r: dumps({k: v for k, v in r.items() if k != "id"})),
        "author_list": ("author", lambda r: dumps(r | {"author": ["a", "b"]})),
        "author_empty": ("author", lambda r: dumps(r | {"author": "  "})),
        "text_number": ("text", lambda r: dumps(r | {"text": 12345})),
        "text_empty": ("text", lambda r: dumps(r | {"text": ""})),
        "text_missing": ("text", lambda r: dumps({k: v for k, v in r.items() if k != "text"})),
        "text_nul": ("text", lambda r: dumps(r | {"text": r["text"] + "\x00tersembunyi"})),
        "text_rtl_override": ("text", lambda r: dumps(r | {"text": "\u202e" + r["text"]})),
        "text_combining_flood": ("text", lambda r: dumps(r | {"text": "Z" + "\u0301\u0302\u0303" * 30 + r["text"]})),
        "text_too_long": ("text", lambda r: dumps(r | {"text": "panjang " * 6000})),
        "truncated_json": (None, lambda r: dumps(r)[: len(dumps(r)) // 2]),
        "not_an_object": (None, lambda r: json.dumps([r]).encode()),
        "bare_string": (None, lambda r: b'"hanya teks"'),
        "nul_byte_raw": (None, lambda r: dumps(r).replace(b'"text": "', b'"text": "\x00', 1)),
        "url_list": ("url", lambda r: dumps(r | {"url": ["https://contoh.invalid"]})),
        "lang_number": ("lang", lambda r: dumps(r | {"lang": 7})),
    }


def jsonl(seed: int, bad: int, valid: int) -> tuple[bytes, list[Case]]:
    rng = random.Random(seed)
    spoilers = _jsonl_spoilers()
    kinds = sorted(spoilers)
    lines: list[bytes] = []
    cases: list[Case] = []
    order = ["bad"] * bad + ["valid"] * valid
    rng.shuffle(order)
    stored: list[dict] = []
    for n, what in enumerate(order):
        record = _valid(rng, n)
        if what == "valid":
            kind = rng.choices(["plain", "hostile", "epoch_seconds", "epoch_ms", "numeric_id", "revision"],
                               [70, 10, 5, 5, 5, 5])[0]
            if kind == "revision" and stored:
                record = rng.choice(stored) | {"text": _text(rng) + " (disunting)"}
                lines.append(json.dumps(record).encode())
                cases.append(Case(kind, "revision", post_id=str(record["id"])))
                continue
            if kind == "hostile":
                record = _valid(rng, n, author="kpu_contoh") | {"text": f"{_text(rng)} {rng.choice(HOSTILE)} {_text(rng)}"}
            elif kind == "epoch_seconds":
                record["created_at"] = 1732000000 + rng.randint(0, 200000)
            elif kind == "epoch_ms":
                record["created_at"] = (1732000000 + rng.randint(0, 200000)) * 1000
            elif kind == "numeric_id":
                record["id"] = 9_000_000 + n
            stored.append(record)
            lines.append(json.dumps(record).encode())
            cases.append(Case(kind, "stored", post_id=str(record["id"])))
        else:
            kind = kinds[n % len(kinds)] if n < len(kinds) else rng.choice(kinds)
            field, spoil = spoilers[kind]
            lines.append(spoil(record))
            cases.append(Case(kind, "quarantined", field))
    for number, case in enumerate(cases, start=1):
        case.line = number
    return b"\n".join(lines) + b"\n", cases


def _csv_row(values: list) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(values)
    return buffer.getvalue()


def csv_export(seed: int, bad: int, valid: int) -> tuple[bytes, list[Case]]:
    """Columns id,created_at,author,text,likes. Every record is one physical line except valid ones whose
    text holds a quoted line break."""
    rng = random.Random(seed)
    out = [b"id,created_at,author,text,likes\n"]
    cases: list[Case] = []
    line = 1
    order = ["bad"] * bad + ["valid"] * valid
    rng.shuffle(order)
    spoilers = {
        "invalid_utf8": (None, lambda v: _csv_row(v).encode().replace(b",", b",\xc3\x28", 1)),
        "field_over_limit": (None, lambda v: _csv_row(v[:3] + ["x" * 140_000] + v[4:]).encode()),
        "unclosed_quote": (None, lambda v: (",".join(v[:3]) + ',"' + v[3] + "," + v[4] + "\n").encode()),
        "unquoted_comma": (None, lambda v: (",".join(v[:3]) + "," + v[3] + ", lalu," + v[4] + "\n").encode()),
        "stray_quote": (None, lambda v: (",".join(v[:3]) + ',"kata"lagi' + "," + v[4] + "\n").encode()),
        "date_bad": ("created_at", lambda v: _csv_row([v[0], "31/12/2024", *v[2:]]).encode()),
        "date_2999": ("created_at", lambda v: _csv_row([v[0], "2999-01-01T00:00:00Z", *v[2:]]).encode()),
        "text_empty": ("text", lambda v: _csv_row(v[:3] + ["", v[4]]).encode()),
        "text_nul": ("text", lambda v: _csv_row(v[:3] + [v[3] + "\x00", v[4]]).encode()),
        "text_rtl_override": ("text", lambda v: _csv_row(v[:3] + ["\u202d" + v[3], v[4]]).encode()),
        "likes_text": ("likes", lambda v: _csv_row(v[:4] + ["sejuta"]).encode()),
        "likes_huge": ("likes", lambda v: _csv_row(v[:4] + [str(10**25)]).encode()),
        "author_empty": ("author", lambda v: _csv_row([v[0], v[1], "", *v[3:]]).encode()),
        "id_empty": ("id", lambda v: _csv_row(["", *v[1:]]).encode()),
    }
    kinds = sorted(spoilers)
    for n, what in enumerate(order):
        r = _valid(rng, n)
        values = [f"c{n}", r["created_at"], r["author"], r["text"], str(r["likes"])]
        line += 1
        if what == "valid":
            multiline = rng.random() < 0.1
            if multiline:
                values[3] = values[3] + "\nbaris kedua komentar"
            data = _csv_row(values).encode()
            cases.append(Case("multiline" if multiline else "plain", "stored", post_id=values[0], line=line))
            line += data.count(b"\n") - 1
        else:
            kind = kinds[n % len(kinds)] if n < len(kinds) else rng.choice(kinds)
            field, spoil = spoilers[kind]
            data = spoil(values)
            cases.append(Case(kind, "quarantined", field, line=line))
            line += data.count(b"\n") - 1
        out.append(data)
    return b"".join(out), cases
