"""Three traces of coordination, each indexed so that cost grows about linearly with posts:
near-identical text (MinHash LSH over character 5-grams, checked on their Jaccard similarity, the signal an Indonesian study of a Papua
campaign found: same-minute copy-paste, not reposts), the same link, and the same set of hashtags.

For each shared object, posts are taken in time order and cut wherever two consecutive ones are
further apart than the window (CooRTweet's time_window, 10 minutes in its examples); a run with
posts from at least `min_accounts` distinct accounts is a group. Its evidence level rests on three
measured facts, never on who the accounts are: how many accounts, how many of its posts came within
a minute of another account's post (synchronised), and how many accounts posted it more than once
(repeated participation, which Giglietto et al. 2020 and CooRTweet use to set coincidence apart).

A popular hashtag pair or news link is shared all week long, so five accounts in ten minutes can
happen by chance. A run counts only when it is unlikely under the object's own rate over the whole
input: the Poisson chance of at least that many posts in that span, times the number of such spans in
the period (a scan looks at all of them) and the number of runs tested (Bonferroni), must stay below
`max_chance`."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from scipy.stats import poisson

from denyut.minhash import band_keys, jaccard
from denyut.normalize import normalize, without_emoji
from denyut.timestamps import format_utc

KINDS = ("text", "link", "hashtags")
SYNC_S = 60  # "same minute"
TIMELINE_BINS = 12
TRACKING = ("utm_", "fbclid", "gclid", "igshid", "s", "t", "si", "ref")
# Benign explanations that fit each kind of pattern: shown with every group, because the pattern
# alone does not say who is behind it.
BENIGN = {
    "text": ("viral_quote", "fan_group", "official_volunteers"),
    "link": ("news_reshare", "official_volunteers", "fan_group"),
    "hashtags": ("event_hashtag", "fan_group", "official_volunteers"),
}


@dataclass(frozen=True)
class Settings:
    window_s: int = 600
    text_similarity: float = 0.8
    min_text_chars: int = 30
    min_accounts: int = 5
    min_hashtags: int = 2
    max_chance: float = 0.01


@dataclass(frozen=True)
class Trace:
    """What coordination reads of a post."""
    platform: str
    post_id: str
    author_id: str
    created_at: datetime
    text: str  # normalised, emoji removed
    links: tuple[str, ...] = ()
    hashtags: tuple[str, ...] = ()
    raw_text: str = ""


@dataclass
class Group:
    kind: str
    posts: list[Trace]
    level: str = ""
    reasons: list[str] = field(default_factory=list)
    stats: dict = field(default_factory=dict)

    def as_json(self) -> dict:
        first = self.posts[0]
        start, end = first.created_at, self.posts[-1].created_at
        return {
            "kind": self.kind, "post_ids": [p.post_id for p in self.posts],
            "platforms": sorted({p.platform for p in self.posts}),
            "author_ids": sorted({p.author_id for p in self.posts}),
            "start": format_utc(start), "end": format_utc(end), "level": self.level, "reasons": self.reasons,
            "accounts": self.stats["accounts"], "posts": len(self.posts), "span_s": int((end - start).total_seconds()),
            "synchronised_share": self.stats["synchronised_share"], "repeat_share": self.stats["repeat_share"],
            "shared": self.stats["shared"], "chance": self.stats["chance"], "example": first.raw_text or first.text,
            "timeline": self.stats["timeline"], "benign": list(BENIGN[self.kind]),
        }


def trace_of(record: dict) -> Trace:
    """A Post record (a dict with the Post fields; created_at a datetime or ISO text) → Trace."""
    created = record["created_at"]
    if isinstance(created, str):
        from denyut.timestamps import parse_iso
        created = parse_iso(created)
    text = record.get("text") or ""
    return Trace(platform=str(record.get("platform", "")), post_id=str(record["post_id"]), author_id=str(record["author_id"]),
                 created_at=created, text=without_emoji(normalize(text)), links=tuple(record.get("links") or ()),
                 hashtags=tuple(record.get("hashtags") or ()), raw_text=text)


def canonical_link(url: str) -> str:
    """Scheme, 'www.', tracking parameters and a trailing slash do not make a different link."""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query) if not k.lower().startswith(TRACKING)))
    return urlunsplit(("", host, parts.path.rstrip("/"), query, ""))


MIN_SHARED_BANDS = 3  # at the threshold two texts share 6.5 of 16 bands on average; 98.5% share 3 or more


def _text_keys(traces: list[Trace], settings: Settings) -> dict[int, str]:
    """Post index → near-identical-text cluster: exact copies by hash; near ones by MinHash LSH band keys
    (denyut.minhash), each post joined to the first earlier post of one of its bands whose character 5-grams
    are at text_similarity (Jaccard) or more; merged transitively."""
    parent: dict[int, int] = {}
    exact: dict[bytes, int] = {}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    firsts = []
    for i, trace in enumerate(traces):
        if len(trace.text) < settings.min_text_chars:
            continue
        parent[i] = i
        digest = hashlib.sha1(trace.text.encode()).digest()
        if digest in exact:
            parent[i] = root(exact[digest])
            continue
        exact[digest] = i
        firsts.append(i)
    keys = band_keys([traces[i].text for i in firsts], settings.text_similarity).tolist() if firsts else []
    first_of_band: dict[tuple[int, int], int] = {}
    for i, row in zip(firsts, keys):
        # a candidate first in at least MIN_SHARED_BANDS of this post's bands (a near copy is first in most of them)
        shared = Counter(first_of_band.setdefault((band, key), i) for band, key in enumerate(row))
        candidates = sorted(other for other, n in shared.items() if other != i and n >= MIN_SHARED_BANDS)
        for other in candidates:
            if jaccard(traces[i].text, traces[other].text) >= settings.text_similarity:
                a, b = root(other), root(i)
                if a != b:
                    parent[max(a, b)] = min(a, b)
                break
    return {i: f"text:{root(i)}" for i in parent}


def _keys(traces: list[Trace], settings: Settings) -> dict[str, dict[str, list[int]]]:
    """kind → shared object → indexes of the posts that carry it."""
    objects: dict[str, dict[str, list[int]]] = {kind: defaultdict(list) for kind in KINDS}
    for i, key in _text_keys(traces, settings).items():
        objects["text"][key].append(i)
    for i, trace in enumerate(traces):
        for link in sorted({canonical_link(u) for u in trace.links if u.strip()}):
            objects["link"][link].append(i)
        tags = sorted({t.lower().lstrip("#") for t in trace.hashtags if t.strip()})
        if len(tags) >= settings.min_hashtags:
            objects["hashtags"][" ".join(f"#{t}" for t in tags)].append(i)
    return objects


def _runs(indexes: list[int], traces: list[Trace], window: timedelta) -> Iterable[list[int]]:
    run: list[int] = []
    for i in indexes:  # already in time order
        if run and traces[i].created_at - traces[run[-1]].created_at > window:
            yield run
            run = []
        run.append(i)
    if run:
        yield run


def _evidence(group: Group, settings: Settings) -> None:
    posts = group.posts
    by_author: dict[str, int] = defaultdict(int)
    for p in posts:
        by_author[p.author_id] += 1
    accounts = len(by_author)
    synchronised = 0
    for n, p in enumerate(posts):  # within a minute of another account's post, either side
        near = (q for q in posts[max(0, n - 50):n + 51] if q.author_id != p.author_id)
        synchronised += any(abs((q.created_at - p.created_at).total_seconds()) <= SYNC_S for q in near)
    sync_share = round(synchronised / len(posts), 3)
    repeat_share = round(sum(c >= 2 for c in by_author.values()) / accounts, 3)
    many = accounts >= 2 * settings.min_accounts
    reasons = [code for code, holds in (("many_accounts", many), ("synchronised", sync_share >= 0.5),
                                         ("repeated", repeat_share >= 0.5)) if holds]
    group.level = "strong" if many and len(reasons) >= 2 else "moderate" if reasons else "weak"
    group.reasons = reasons or ["few_accounts"]
    start, end = posts[0].created_at, posts[-1].created_at
    width = max((end - start).total_seconds(), 1.0) / TIMELINE_BINS
    timeline = [0] * TIMELINE_BINS
    for p in posts:
        timeline[min(TIMELINE_BINS - 1, int((p.created_at - start).total_seconds() / width))] += 1
    group.stats.update(accounts=accounts, synchronised_share=sync_share, repeat_share=repeat_share, timeline=timeline)


def find_groups(records: Iterable[Trace | dict], settings: Settings | None = None) -> list[Group]:
    """Groups in a deterministic order (start, kind, first post); the same input gives the same groups."""
    settings = settings or Settings()
    traces = sorted((r if isinstance(r, Trace) else trace_of(r) for r in records),
                    key=lambda t: (t.created_at, t.platform, t.post_id))
    window = timedelta(seconds=settings.window_s)
    if not traces:
        return []
    period = max((traces[-1].created_at - traces[0].created_at).total_seconds(), float(settings.window_s))
    candidates = []
    for kind, objects in _keys(traces, settings).items():
        for shared, indexes in objects.items():
            indexes = sorted(set(indexes))
            for run in _runs(indexes, traces, window):
                if len({traces[i].author_id for i in run}) >= settings.min_accounts:
                    span = (traces[run[-1]].created_at - traces[run[0]].created_at).total_seconds() + settings.window_s
                    share = min(1.0, span / period)
                    # a run found by scanning the whole period: about period/span windows were looked at
                    candidates.append((kind, shared, run, float(poisson.sf(len(run) - 1, len(indexes) * share)) / share))
    groups = []
    for kind, shared, run, chance in candidates:
        chance = min(1.0, chance * len(candidates))
        if chance <= settings.max_chance:
            group = Group(kind, [traces[i] for i in run], stats={"shared": shared if kind != "text" else "",
                                                                  "chance": float(f"{chance:.3g}")})
            _evidence(group, settings)
            groups.append(group)
    groups.sort(key=lambda g: (g.posts[0].created_at, KINDS.index(g.kind), g.posts[0].platform, g.posts[0].post_id))
    return groups


def settings_json(settings: Settings) -> dict:
    return dict(vars(settings))
