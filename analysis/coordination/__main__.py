"""Find coordinated groups in a file of posts.

python -m analysis.coordination --in posts.jsonl --out groups.json

Each line of posts.jsonl is a post with at least platform, post_id, author_id, created_at (ISO 8601
with a zone), text, links and hashtags (lists; missing means none). groups.json:
{"groups": [{"kind": "text" | "link" | "hashtags", "post_ids", "author_ids", "start", "end",
"level": "strong" | "moderate" | "weak", "reasons", "accounts", "posts", ...}], "settings": {...}}.
The thresholds come from `coordination` in the config, or the options here.
"""

from __future__ import annotations

import json
from pathlib import Path

from analysis.coordination.core import Settings, find_groups, settings_json, trace_of
from denyut.cli import EXIT_OK, Stage, stage_main
from denyut.config import load_config
from denyut.errors import InputError
from denyut.io import atomic_write_text, iter_jsonl
from denyut.timestamps import parse_iso

REQUIRED = ("platform", "post_id", "author_id", "created_at", "text")


def read_posts(path: Path) -> list[dict]:
    """Every line checked; the first bad one is an InputError naming its line and field."""
    records, where = [], {}
    for line, obj, error in iter_jsonl(path):
        if error:
            raise InputError(path, line.number, None, error)
        for name in REQUIRED:
            value = obj.get(name)
            if not isinstance(value, (str, int)) or isinstance(value, bool) or not str(value).strip():
                raise InputError(path, line.number, name, "wajib ada dan berupa teks yang tidak kosong")
        for name in ("links", "hashtags"):
            value = obj.get(name, [])
            if value is None:
                value = []
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise InputError(path, line.number, name, "harus daftar teks (boleh kosong)")
            obj[name] = value
        try:
            obj["created_at"] = parse_iso(str(obj["created_at"]))
        except ValueError as exc:
            raise InputError(path, line.number, "created_at", str(exc)) from None
        key = (str(obj["platform"]), str(obj["post_id"]))
        if key in where:
            raise InputError(path, line.number, "post_id", f"{key[0]}:{key[1]} berulang (pertama di baris {where[key]})")
        where[key] = line.number
        records.append(obj)
    return records


def run(posts: Path, out: Path, settings: Settings) -> dict:
    groups = [g.as_json() for g in find_groups([trace_of(r) for r in read_posts(posts)], settings)]
    result = {"groups": groups, "settings": settings_json(settings)}
    atomic_write_text(out, json.dumps(result, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    return result


def _command(args) -> int:
    base = load_config(args.config).coordination if args.config else None
    defaults = base or Settings()
    overrides = {k: v for k, v in {"window_s": args.window, "min_accounts": args.min_accounts,
                                   "text_similarity": args.similarity}.items() if v is not None}
    result = run(args.input, args.out, Settings(**(defaults.model_dump() | overrides)))
    levels = [g["level"] for g in result["groups"]]
    print(f"{len(levels)} kelompok ({', '.join(f'{levels.count(x)} {x}' for x in ('strong', 'moderate', 'weak'))}) → {args.out}")
    return EXIT_OK


STAGE = Stage("coordination", "python -m analysis.coordination", __doc__, _command, options=[
    ("--in", {"dest": "input", "type": Path, "required": True, "help": "JSONL unggahan (rekaman Post)"}),
    ("--out", {"type": Path, "required": True, "help": "JSON kelompok yang ditemukan"}),
    ("--window", {"type": int, "help": "jendela waktu dalam detik (bawaan 600)"}),
    ("--min-accounts", {"type": int, "help": "akun berbeda paling sedikit per kelompok (bawaan 5)"}),
    ("--similarity", {"type": float, "help": "kemiripan Jaccard minimum teks hampir sama (bawaan 0,8)"}),
])


def main(argv: list[str] | None = None) -> int:
    return stage_main(STAGE, argv)


if __name__ == "__main__":
    raise SystemExit(main())
