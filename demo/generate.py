"""Demo data: a seed → synthetic election-post exports (x.jsonl, telegram.jsonl, youtube.csv) + truth.csv.

The exports have the shapes the collectors import (a generic JSONL export, `snscrape --jsonl`
output, a CSV export) and carry the plants later features must find: a sentiment shift on
one issue in one week, a copy-paste campaign, echoes of two hoaxes, a new theme the taxonomy does
not know (floods at polling stations, the last two weeks), two provinces talked about every week (Jawa Tengah and
Lampung, named in the text or in the profile's location) and one regency's own story in the last week (a disputed
recount in Brebes), personal data that must never reach the site, and a few malformed records for the quarantine.
truth.csv holds each post's issue, tone, kind, hoax and planted province and regency. Same seed, same bytes.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from demo import corpus
from denyut.io import atomic_write_text
from denyut.timestamps import format_utc
from denyut.weeks import WIB, week_start

WEEKS = [f"2024-W{n}" for n in range(39, 49)]  # ten ISO weeks up to the 27 Nov 2024 regional elections
# In the shift week logistics trouble makes people both post more about it and post more angrily.
SHIFT = {"issue": "logistik", "week": "2024-W46", "negative": 0.85, "volume": 2.0}
ISSUE_WEIGHTS = {
    "daftar-pemilih": 8, "logistik": 12, "politik-uang": 8, "hoaks": 7, "netralitas": 7, "kampanye-dana": 11,
    "rekapitulasi": 7, "pencalonan": 5, "partisipasi": 8, "integritas-penyelenggara": 7, "keamanan": 5,
    "inklusi": 4, "data-pribadi": 4, "sengketa-hasil": 3,
}
# The issues taxonomy version 2 added: candidates, campaign events and the policies debated. Their posts take the place
# of NEW_SHARE of the general chatter (same accounts, moments and ids; texts from a random stream of their own), so
# that every other post, the week's review sample and the events planted among them stay as they were.
NEW_ISSUE_WEIGHTS = {
    "kandidat": 8, "kampanye-acara": 4, "makan-gratis": 3, "ikn": 2, "harga-pangan": 3, "bansos": 2,
    "lapangan-kerja": 2, "pendidikan": 2, "kesehatan": 2, "korupsi": 2, "pertahanan": 1, "ekonomi": 2, "lingkungan": 1,
    "infrastruktur": 2,
}
NEW_SHARE = 0.6
BASE_SENTIMENT = {"negative": 0.38, "positive": 0.32, "neutral": 0.30}
GENERAL = {
    "positive": ["Semoga pilkada {daerah} berjalan damai dan jujur, optimis!", "Senang lihat warga rukun walau beda pilihan"],
    "negative": ["Capek lihat timeline isinya saling hujat soal pilkada", "Politik bikin keluarga ribut terus, muak"],
    "neutral": ["Siapa pilihanmu di pilkada {daerah} nanti?", "Pilkada serentak digelar tanggal 27 November"],
}
PLATFORM_SHARE = {"x": 0.6, "telegram": 0.15, "youtube": 0.25}
SYLLABLES = ["ra", "di", "ka", "nu", "sa", "ri", "wa", "to", "mi", "ja", "lu", "ng", "an", "bu", "de", "yo", "li", "pa"]


@dataclass
class Item:
    platform: str
    post_id: str
    author: str
    created_at: datetime
    text: str
    week: str
    lang: str
    issue: str
    sentiment: str
    kind: str
    hoax: str = ""
    location: str = ""  # the profile's location (X only): written as the export's `location` key when set
    province: str = ""  # the planted province and regency (truth.csv), "" where none was planted
    regency: str = ""


def _handle(rng: random.Random, style: str) -> str:
    word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
    if style == "telegram":
        return f"info{word}{rng.choice(['', 'news', 'update', 'warga'])}"
    if style == "youtube":
        return f"{word.capitalize()} {rng.choice(['Channel', 'TV', 'Official', 'Vlog', ''])}".strip() + str(rng.randint(1, 999))
    return f"{word}{rng.choice(['', '_', '.'])}{rng.randint(1, 9999)}"


def _fill(rng: random.Random, template: str) -> str:
    return template.format(paslon=rng.choice(corpus.PASLON), daerah=rng.choice(corpus.DAERAH),
                           tps=rng.randint(1, 60), n=rng.randint(2, 40), tgl=rng.randint(1, 28), pii=rng.choice(corpus.PII_SNIPPETS),
                           mention="ahli_siber" + str(rng.randint(10, 99)))


def _noisy(rng: random.Random, text: str, sentiment: str) -> str:
    """Make a clean sentence look typed on a phone: slang, typos, elongation, emoji, hashtags, code-mixing."""
    words = text.split(" ")
    for i, word in enumerate(words):
        key = word.lower()
        if key in corpus.SLANG and rng.random() < 0.55:
            words[i] = rng.choice(corpus.SLANG[key])
        elif len(word) > 5 and word.isalpha() and rng.random() < 0.04:
            j = rng.randrange(len(word) - 1)
            words[i] = word[:j] + word[j + 1] + word[j] + word[j + 2:]
        elif len(word) > 3 and word.isalpha() and word[-1] in "hkt" and rng.random() < 0.05:
            words[i] = word + word[-1] * rng.randint(2, 4)
    text = " ".join(words)
    text = _fill(rng, rng.choice(corpus.OPENERS)) + text + rng.choice(corpus.CLOSERS)
    if rng.random() < 0.35:
        text = text.lower()
    if rng.random() < 0.5:
        text += " " + rng.choice(corpus.EMOJI[sentiment])
    if rng.random() < 0.45:
        text += " " + " ".join(rng.sample(corpus.HASHTAGS, rng.randint(1, 2)))
    if rng.random() < 0.06:
        text = "@" + _handle(rng, "x") + " " + text
    return text.strip()


def _moment(rng: random.Random, week: str) -> datetime:
    day = week_start(week) + timedelta(days=rng.randrange(7))
    hour = min(23, max(0, int(rng.gauss(15, 4.5))))
    local = datetime(day.year, day.month, day.day, hour, rng.randrange(60), rng.randrange(60), tzinfo=WIB)
    return local.astimezone(UTC)


def _sentiment(rng: random.Random, issue: str, week: str) -> str:
    if issue == SHIFT["issue"] and week == SHIFT["week"]:
        neg = SHIFT["negative"]
        weights = {"negative": neg, "positive": (1 - neg) / 2, "neutral": (1 - neg) / 2}
    else:
        weights = BASE_SENTIMENT
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def generate(seed: int = 20241127, scale: float = 1.0) -> list[Item]:
    rng = random.Random(seed)
    pools = {"x": [_handle(rng, "x") for _ in range(1600)], "telegram": [_handle(rng, "telegram") for _ in range(45)],
             "youtube": [_handle(rng, "youtube") for _ in range(700)]}
    counters = {"x": 1_800_000_000_000_000_000, "telegram": 1000, "youtube": 0}
    channel_counters: dict[str, int] = {}
    items: list[Item] = []

    def new_id(platform: str, author: str) -> str:
        if platform == "telegram":
            channel_counters[author] = channel_counters.get(author, 100) + rng.randint(1, 3)
            return f"{author}/{channel_counters[author]}"
        counters[platform] += rng.randint(1, 10**9 if platform == "x" else 7)
        return str(counters[platform]) if platform == "x" else f"Ugz{counters[platform]:08d}"

    def add(platform: str, author: str, week: str, text: str, lang: str, issue: str, sentiment: str, kind: str,
            hoax: str = "", moment: datetime | None = None) -> None:
        items.append(Item(platform, new_id(platform, author), author, moment or _moment(rng, week), text, week,
                          lang, issue, sentiment, kind, hoax))

    for index, week in enumerate(WEEKS):
        _week(rng, week, round((480 + index * 35) * scale), pools, add)
    _campaign(rng, add)
    _theme_and_hoaxes(rng, pools, add)
    _local_event(rng, pools, add, items)
    _new_issues(random.Random(seed + 2), items)
    _regions(random.Random(seed + 3), items, scale)
    items.sort(key=lambda item: (item.created_at, item.platform, item.post_id))
    return items


def _week(rng: random.Random, week: str, volume: int, pools: dict, add) -> None:
    """A week's ordinary posts: English, regional, general and issue posts, and the public accounts' own."""
    issues = list(ISSUE_WEIGHTS)
    weights = [w * (SHIFT["volume"] if (i, week) == (SHIFT["issue"], SHIFT["week"]) else 1) for i, w in ISSUE_WEIGHTS.items()]
    for _ in range(volume):
        platform = rng.choices(list(PLATFORM_SHARE), weights=list(PLATFORM_SHARE.values()))[0]
        author = rng.choice(pools[platform])
        roll = rng.random()
        if roll < 0.04:
            add(platform, author, week, _fill(rng, rng.choice(corpus.ENGLISH)), "en", "", "", "english")
            continue
        if roll < 0.06:
            add(platform, author, week, rng.choice(corpus.REGIONAL), "jv-su", "", "", "regional")
            continue
        if roll < 0.14:
            sentiment = rng.choices(list(BASE_SENTIMENT), weights=list(BASE_SENTIMENT.values()))[0]
            text = _noisy(rng, _fill(rng, rng.choice(GENERAL[sentiment])), sentiment)
            add(platform, author, week, text, "id", "", sentiment, "organic")
            continue
        issue = rng.choices(issues, weights=weights)[0]
        sentiment = _sentiment(rng, issue, week)
        template = rng.choice(corpus.TEMPLATES[issue][sentiment])
        text = _noisy(rng, _fill(rng, template), sentiment)
        if rng.random() < 0.012:
            text += " " + rng.choice(corpus.PII_SNIPPETS)
        add(platform, author, week, text, "id", corpus.MOVED.get(template, issue), sentiment, "organic")
    # allow-listed public accounts: a few posts a week each
    for platform, handle, _name, kind in corpus.PUBLIC_ACCOUNTS:
        for sentiment, issue, template in rng.sample(corpus.PUBLIC_TEMPLATES[kind], 2):
            add(platform, handle, week, _fill(rng, template), "id", issue, sentiment, "public")


def _new_issues(rng: random.Random, items: list[Item]) -> None:
    """NEW_SHARE of the general chatter becomes posts about the candidates, campaign events and policies."""
    issues, weights = list(NEW_ISSUE_WEIGHTS), list(NEW_ISSUE_WEIGHTS.values())
    for item in items:
        if item.kind == "organic" and item.lang == "id" and not item.issue and rng.random() < NEW_SHARE:
            item.issue = rng.choices(issues, weights=weights)[0]
            item.sentiment = rng.choices(list(BASE_SENTIMENT), weights=list(BASE_SENTIMENT.values()))[0]
            item.text = _noisy(rng, _fill(rng, rng.choice(corpus.TEMPLATES[item.issue][item.sentiment])), item.sentiment)


def _campaign(rng: random.Random, add) -> None:
    """The copy-paste campaign: fresh accounts, one evening, near-identical text."""
    plan = corpus.CAMPAIGN
    start = datetime.combine(week_start(plan["week"]) + timedelta(days=3), datetime.min.time(), WIB).replace(hour=19)
    for n in range(plan["accounts"]):
        author = f"suara_nusantara{n + 1:02d}"
        for _ in range(rng.randint(2, 4)):
            moment = (start + timedelta(minutes=rng.randrange(150))).astimezone(UTC)
            text = plan["text"].format(paslon_c=plan["paslon"]) + rng.choice(plan["variants"])
            add("x", author, plan["week"], text, "id", "hoaks", "positive", "campaign", moment=moment)


def _theme_and_hoaxes(rng: random.Random, pools: dict, add) -> None:
    """A new theme the taxonomy does not know yet, and echoes of known hoaxes."""
    for _ in range(corpus.EMERGING["count"]):
        for week in corpus.EMERGING["weeks"]:
            platform = rng.choice(["x", "x", "telegram", "youtube"])
            sentiment = rng.choice(["negative", "negative", "neutral"])
            text = _noisy(rng, _fill(rng, rng.choice(corpus.EMERGING["texts"])), sentiment)
            add(platform, rng.choice(pools[platform]), week, text, "id", "", sentiment, "emerging")
    for hoax_id, spec in corpus.HOAXES.items():
        for _ in range(spec["count"]):
            platform = rng.choice(["x", "x", "telegram", "youtube"])
            week = rng.choice(spec["weeks"])
            text = _noisy(rng, _fill(rng, rng.choice(spec["texts"])), "negative")
            issue = "logistik" if hoax_id == "surat-suara-tercoblos" else "rekapitulasi"
            add(platform, rng.choice(pools[platform]), week, text, "id", issue, "negative", "hoax", hoax=hoax_id)


def _local_event(rng: random.Random, pools: dict, add, items: list[Item]) -> None:
    """One regency's own story (corpus.LOCAL_EVENT): new posts from the vote's day to the week's end, naming it."""
    plan = corpus.LOCAL_EVENT
    for _ in range(plan["count"]):
        platform = rng.choice(["x", "x", "telegram", "youtube"])
        sentiment = "negative" if rng.random() < plan["negative"] else "neutral"
        text = rng.choice(plan["texts"][sentiment]).format(kec=rng.choice(plan["kecamatan"]), n=rng.randint(2, 12),
                                                           tps=rng.randint(1, 60), tgl=rng.randint(28, 30))
        if rng.random() < 0.3:
            text = text.lower()
        if rng.random() < 0.5:
            text += " " + rng.choice(corpus.EMOJI[sentiment])
        if rng.random() < 0.3:
            text += " " + rng.choice(plan["hashtags"])
        day = week_start(plan["week"]) + timedelta(days=rng.randint(2, 6))  # Wednesday 27 November, the vote, on
        moment = datetime(day.year, day.month, day.day, rng.randint(7, 23), rng.randrange(60), rng.randrange(60), tzinfo=WIB)
        add(platform, rng.choice(pools[platform]), plan["week"], text, "id", "rekapitulasi", sentiment, "local-event",
            moment=moment.astimezone(UTC))
        items[-1].province, items[-1].regency = plan["province"], plan["regency"]
        if platform == "x" and rng.random() < 0.25:
            items[-1].location = rng.choice(plan["locations"])


def _name_place(rng: random.Random, item: Item, spec: dict) -> str:
    """Make an ordinary post name a place of the province: instead of its fictional {daerah}, or with a marker;
    returns the regency it names ("" for the province only)."""
    text, lower = item.text, item.text == item.text.lower()
    found = [d for d in corpus.DAERAH if d.lower() in text.lower()]
    if found:
        phrase, regency = rng.choice(spec["places"])
        for daerah in found:
            start = text.lower().index(daerah.lower())
            while start >= 0:
                kept = text[start : start + len(daerah)]
                new = f"{kept}, {phrase}" if daerah.startswith(("Kec.", "Desa", "Kel.")) else phrase
                new = new.lower() if lower else new
                text = text[:start] + new + text[start + len(daerah) :]
                start = text.lower().find(daerah.lower(), start + len(new))
    else:
        where, marker, regency = rng.choice(spec["markers"])
        marker = marker.lower() if lower and where == "start" else marker
        text = marker + text if where == "start" else f"{text} {marker}"
    item.text = text
    return regency


def _regions(rng: random.Random, items: list[Item], scale: float) -> None:
    """The regional stream (corpus.REGIONS): in each week, that many ordinary posts about an issue name a place of
    each province, in the text or (some X posts) in the profile's location; a few other X posts get a location that
    names no place. Ids, accounts, moments, issues and tones stay as they were, so every other plant's numbers do."""
    codes = list(corpus.REGIONS)
    for week in WEEKS:
        eligible = [i for i in items if i.week == week and i.kind == "organic" and i.lang == "id" and i.issue
                    and i.issue != "ikn" and not any(p in i.text for p in corpus.PII_SNIPPETS)]
        wanted = [min(round(corpus.REGIONS[c]["weekly"].get(week, 0) * scale), len(eligible) // len(codes)) for c in codes]
        chosen = rng.sample(eligible, sum(wanted))
        for code, count, start in zip(codes, wanted, [sum(wanted[:k]) for k in range(len(codes))]):
            spec = corpus.REGIONS[code]
            for item in chosen[start : start + count]:
                item.province = code
                if item.platform == "x" and rng.random() < corpus.REGION_LOCATION_SHARE:
                    item.location, item.regency = rng.choice(spec["locations"])
                else:
                    item.regency = _name_place(rng, item, spec)
    for item in items:
        if item.platform == "x" and not item.province and item.kind != "public" and rng.random() < corpus.NO_PLACE_SHARE:
            item.location = rng.choice(corpus.NO_PLACE_LOCATIONS)


def _x_jsonl(items: list[Item], rng: random.Random) -> str:
    lines = []
    for item in items:
        record = {
            "id": item.post_id, "created_at": format_utc(item.created_at), "text": item.text,
            "author": item.author, "url": f"https://x.com/{item.author}/status/{item.post_id}",
            "likes": rng.randint(0, 300), "reposts": rng.randint(0, 60), "replies": rng.randint(0, 40),
        }
        lines.append(json.dumps(record | ({"location": item.location} if item.location else {}), ensure_ascii=False,
                                sort_keys=True))
    # an export tool that wrote some records twice
    lines.extend(lines[i] for i in range(0, len(lines), max(1, len(lines) // 20)))
    # malformed records the importer must quarantine, not drop
    lines.append(json.dumps({"id": "1", "created_at": "2024-11-20 10:00:00", "text": "waktu tanpa zona", "author": "a1"}))
    lines.append(json.dumps({"id": "2", "created_at": "2024-11-20T10:00:00Z", "text": "   ", "author": "a2"}))
    lines.append('{"id": "3", "created_at": "2024-11-20T10:00:00Z", "text": "baris terpotong')
    return "\n".join(lines) + "\n"


def _telegram_jsonl(items: list[Item]) -> str:
    lines = []
    for item in items:
        lines.append(json.dumps({
            "_type": "snscrape.modules.telegram.TelegramPost", "url": f"https://t.me/{item.post_id}",
            "date": item.created_at.isoformat(), "content": item.text, "outlinks": [], "linkPreview": None,
        }, ensure_ascii=False, sort_keys=True))
    lines.append(json.dumps({"_type": "snscrape.modules.telegram.Channel", "username": "contohkanal"}))
    return "\n".join(lines) + "\n"


def _youtube_csv(items: list[Item]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["comment_id", "published_at", "author_channel", "text", "video_url", "like_count"])
    for item in items:
        writer.writerow([item.post_id, item.created_at.astimezone(WIB).isoformat(), item.author, item.text,
                         "https://www.youtube.com/watch?v=demoVideo01", len(item.text) % 17])
    writer.writerow(["Ugz-missing-author", "2024-11-20T10:00:00+07:00", "", "komentar tanpa penulis", "", "0"])
    return buffer.getvalue()


def write(out_dir: Path, seed: int = 20241127, scale: float = 1.0) -> dict[str, int]:
    items = generate(seed, scale)
    rng = random.Random(seed + 1)
    by_platform = {p: [i for i in items if i.platform == p] for p in PLATFORM_SHARE}
    atomic_write_text(out_dir / "x.jsonl", _x_jsonl(by_platform["x"], rng))
    atomic_write_text(out_dir / "telegram.jsonl", _telegram_jsonl(by_platform["telegram"]))
    atomic_write_text(out_dir / "youtube.csv", _youtube_csv(by_platform["youtube"]))
    truth = io.StringIO()
    writer = csv.writer(truth, lineterminator="\n")
    writer.writerow(["platform", "post_id", "author", "week", "lang", "issue", "sentiment", "kind", "hoax", "province_code",
                     "regency_code"])
    for item in items:
        writer.writerow([item.platform, item.post_id, item.author, item.week, item.lang, item.issue, item.sentiment, item.kind,
                         item.hoax, item.province, item.regency])
    atomic_write_text(out_dir / "truth.csv", truth.getvalue())
    return {"posts": len(items), "weeks": len(WEEKS)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m demo.generate", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=20241127)
    parser.add_argument("--scale", type=float, default=1.0, help="volume of organic posts relative to the demo (tests use less)")
    args = parser.parse_args(argv)
    counts = write(args.out, args.seed, args.scale)
    print(f"demo: {counts['posts']} unggahan, {counts['weeks']} minggu → {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
