"""The demo generator scaled to a national week: N synthetic posts in one ISO week, streamed to disk.

For `make bench-pipeline`. The posts are the demo's (its templates, slang, typos, emoji, hashtags,
English and regional posts, public accounts) with what a big week adds: long posts made of several
sentences, copies of earlier posts (shares pasted as new posts), several copy-paste campaigns, hoax
echoes and a theme outside the taxonomy, spread over X, Telegram and YouTube. Nothing is held in
memory but the accounts and a window of recent texts to copy, so any N fits. Same seed and N, same
bytes.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
from collections import deque
from datetime import UTC, datetime, timedelta
from pathlib import Path

from demo import corpus
from demo.generate import BASE_SENTIMENT, GENERAL, ISSUE_WEIGHTS, PLATFORM_SHARE, _fill, _handle, _noisy
from denyut.timestamps import format_utc
from denyut.weeks import WIB, week_start

WEEK = "2024-W47"
COPY_SHARE = 0.18  # posts that paste an earlier post's text (on a big week about one in five)
LONG_SHARE = 0.12  # posts of two to five sentences
CAMPAIGN_EVERY = 25_000  # one copy-paste campaign of 30 accounts per this many posts


def _moment(rng: random.Random, day: int) -> datetime:
    start = week_start(WEEK) + timedelta(days=day)
    hour = min(23, max(0, int(rng.gauss(15, 4.5))))
    local = datetime(start.year, start.month, start.day, hour, rng.randrange(60), rng.randrange(60), tzinfo=WIB)
    return local.astimezone(UTC)


def _organic(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.04:
        return _fill(rng, rng.choice(corpus.ENGLISH))
    if roll < 0.06:
        return rng.choice(corpus.REGIONAL)
    if roll < 0.14:
        sentiment = rng.choices(list(BASE_SENTIMENT), weights=list(BASE_SENTIMENT.values()))[0]
        return _noisy(rng, _fill(rng, rng.choice(GENERAL[sentiment])), sentiment)
    issue = rng.choices(list(ISSUE_WEIGHTS), weights=list(ISSUE_WEIGHTS.values()))[0]
    sentiment = rng.choices(list(BASE_SENTIMENT), weights=list(BASE_SENTIMENT.values()))[0]
    return _noisy(rng, _fill(rng, rng.choice(corpus.TEMPLATES[issue][sentiment])), sentiment)


def posts(n: int, seed: int = 20241127):
    """(platform, post_id, author, created_at, text) for n posts, in time order within each day."""
    rng = random.Random(seed)
    accounts = max(50, n // 8)
    pools = {p: [_handle(rng, p) for _ in range(max(10, int(accounts * share)))] for p, share in PLATFORM_SHARE.items()}
    counters = {"x": 1_800_000_000_000_000_000, "telegram": 1000, "youtube": 0}
    recent: deque[str] = deque(maxlen=5000)
    campaigns = max(1, n // CAMPAIGN_EVERY)
    per_day = [n // 7 + (1 if d < n % 7 else 0) for d in range(7)]
    made = 0
    for day, count in enumerate(per_day):
        items = []
        planted = [c for c in range(campaigns) if c % 7 == day]
        for c in planted:  # a campaign: 30 fresh accounts, one evening, one text with small variations
            plan = corpus.CAMPAIGN
            evening = datetime.combine(week_start(WEEK) + timedelta(days=day), datetime.min.time(), WIB).replace(hour=19)
            text = plan["text"].format(paslon_c=rng.choice(corpus.PASLON).title()) + f" #Gerakan{c + 1}"
            for a in range(plan["accounts"]):
                for _ in range(rng.randint(2, 4)):
                    if len(items) >= count:
                        break
                    moment = (evening + timedelta(minutes=rng.randrange(150))).astimezone(UTC)
                    items.append(("x", f"gerakan{c + 1}_{a + 1:02d}", moment, text + rng.choice(plan["variants"])))
        while len(items) < count:
            platform = rng.choices(list(PLATFORM_SHARE), weights=list(PLATFORM_SHARE.values()))[0]
            author = rng.choice(pools[platform])
            roll = rng.random()
            if roll < COPY_SHARE and recent:
                text = rng.choice(recent)
            elif roll < COPY_SHARE + 0.004:
                spec = corpus.HOAXES[rng.choice(list(corpus.HOAXES))]
                text = _noisy(rng, _fill(rng, rng.choice(spec["texts"])), "negative")
            elif roll < COPY_SHARE + 0.008:
                text = _noisy(rng, _fill(rng, rng.choice(corpus.EMERGING["texts"])), "negative")
            elif roll < COPY_SHARE + 0.008 + LONG_SHARE:
                text = " ".join(_organic(rng) for _ in range(rng.randint(2, 5)))
            else:
                text = _organic(rng)
            recent.append(text)
            items.append((platform, author, _moment(rng, day), text))
        items.sort(key=lambda item: item[2])
        for platform, author, moment, text in items:
            counters[platform] += rng.randint(1, 10**9 if platform == "x" else 3)
            if platform == "telegram":
                post_id = f"{author}/{counters[platform]}"
            elif platform == "x":
                post_id = str(counters[platform])
            else:
                post_id = f"Ugz{counters[platform]:010d}"
            made += 1
            yield platform, post_id, author, moment, text
    assert made == n


def write(out_dir: Path, n: int, seed: int = 20241127) -> dict[str, int]:
    """x.jsonl (a generic export), telegram.jsonl (snscrape), youtube.csv; each written to a temporary name first."""
    out_dir.mkdir(parents=True, exist_ok=True)
    names = {"x": "x.jsonl", "telegram": "telegram.jsonl", "youtube": "youtube.csv"}
    handles = {p: open(out_dir / f".{name}.tmp", "w", encoding="utf-8", newline="") for p, name in names.items()}
    youtube = csv.writer(handles["youtube"], lineterminator="\n")
    youtube.writerow(["comment_id", "published_at", "author_channel", "text", "video_url", "like_count"])
    counts = dict.fromkeys(names, 0)
    rng = random.Random(seed + 1)
    try:
        for platform, post_id, author, moment, text in posts(n, seed):
            counts[platform] += 1
            if platform == "x":
                handles["x"].write(json.dumps({
                    "id": post_id, "created_at": format_utc(moment), "text": text, "author": author,
                    "url": f"https://x.com/{author}/status/{post_id}", "likes": rng.randint(0, 300),
                    "reposts": rng.randint(0, 60), "replies": rng.randint(0, 40)}, ensure_ascii=False) + "\n")
            elif platform == "telegram":
                handles["telegram"].write(json.dumps({
                    "_type": "snscrape.modules.telegram.TelegramPost", "url": f"https://t.me/{post_id}",
                    "date": moment.isoformat(), "content": text, "outlinks": [], "linkPreview": None},
                    ensure_ascii=False) + "\n")
            else:
                youtube.writerow([post_id, moment.astimezone(WIB).isoformat(), author, text,
                                  f"https://www.youtube.com/watch?v=debat{int(post_id[3:]) % 40:02d}", len(text) % 17])
        # what real exports carry: a few records the importer must quarantine
        handles["x"].write(json.dumps({"id": "1", "created_at": "2024-11-20 10:00:00", "text": "waktu tanpa zona",
                                       "author": "a1"}) + "\n")
        handles["x"].write('{"id": "3", "created_at": "2024-11-20T10:00:00Z", "text": "baris terpotong\n')
    finally:
        for handle in handles.values():
            handle.close()
    for name in names.values():
        os.replace(out_dir / f".{name}.tmp", out_dir / name)
    return counts


def config_text(input_dir: Path, data_dir: Path, project: Path) -> str:
    """A config for the generated week: the demo's settings and word lists (from the project folder), its own folders."""
    buffer = io.StringIO()
    buffer.write(f"""project: {{name: Denyut, demo: true, site_url: "https://bench.denyut.example/"}}
paths: {{data: "{data_dir}/data", reports: "{data_dir}/reports", public: "{data_dir}/public"}}
pseudonym_key_env: DENYUT_PSEUDONYM_KEY
sources:
  - {{name: bench-x, type: jsonl, path: "{input_dir}/x.jsonl", platform: x, query: "bench: pilkada"}}
  - {{name: bench-telegram, type: snscrape-jsonl, path: "{input_dir}/telegram.jsonl", query: "bench: telegram"}}
  - name: bench-youtube
    type: csv
    path: "{input_dir}/youtube.csv"
    platform: youtube
    query: "bench: youtube"
    columns: {{post_id: comment_id, created_at: published_at, author: author_channel, text: text, url: video_url, likes: like_count}}
hoaxes: {{file: "{project}/config/demo-hoaxes.yaml"}}
analysis: {{sentiment_model: embedded, issues_file: "{project}/config/issues.yaml"}}
""")
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m demo.scale", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--posts", type=int, required=True)
    parser.add_argument("--seed", type=int, default=20241127)
    args = parser.parse_args(argv)
    counts = write(args.out, args.posts, args.seed)
    print(f"demo.scale: {sum(counts.values())} unggahan dalam {WEEK} → {args.out} ({counts})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
