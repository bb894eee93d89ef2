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

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from scipy.stats import poisson

from denyut.config import CoordinationSettings
from denyut.minhash import MIN_SHARED_BANDS, band_keys, jaccard
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


Settings = CoordinationSettings  # the config's model: its defaults are the only ones


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

    @property
    def start(self) -> datetime:
        return self.posts[0].created_at

    @property
    def end(self) -> datetime:
        return self.posts[-1].created_at

    @property
    def span_s(self) -> int:
        return int((self.end - self.start).total_seconds())

    @property
    def platforms(self) -> list[str]:
        return sorted({p.platform for p in self.posts})

    @property
    def accounts(self) -> int:
        return self.stats["accounts"]

    @property
    def example(self) -> str:
        """The earliest post's text as it was written."""
        return self.posts[0].raw_text or self.posts[0].text

    @property
    def benign(self) -> list[str]:
        return list(BENIGN[self.kind])

    def as_json(self) -> dict:
        return {
            "kind": self.kind, "post_ids": [p.post_id for p in self.posts], "platforms": self.platforms,
            "author_ids": sorted({p.author_id for p in self.posts}),
            "start": format_utc(self.start), "end": format_utc(self.end), "level": self.level, "reasons": self.reasons,
            "accounts": self.accounts, "posts": len(self.posts), "span_s": self.span_s,
            "synchronised_share": self.stats["synchronised_share"], "repeat_share": self.stats["repeat_share"],
            "shared": self.stats["shared"], "chance": self.stats["chance"], "example": self.example,
            "timeline": self.stats["timeline"], "benign": self.benign,
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




@dataclass(frozen=True)
class Columns:
    """What coordination reads of a week, as Arrow columns (one row per post): a national week is searched
    column by column, and only the posts of a group become Trace objects."""
    platform: pa.ChunkedArray
    post_id: pa.ChunkedArray
    author_id: pa.ChunkedArray
    created_at: pa.ChunkedArray  # timestamp with a zone
    text: pa.ChunkedArray  # normalised, emoji removed
    raw_text: pa.ChunkedArray
    links: pa.ChunkedArray  # list<string>
    hashtags: pa.ChunkedArray  # list<string>

    @classmethod
    def of_traces(cls, traces: list[Trace]) -> Columns:
        def column(values, kind):
            return pa.chunked_array([pa.array(values, type=kind)])
        return cls(column([t.platform for t in traces], pa.string()), column([t.post_id for t in traces], pa.string()),
                   column([t.author_id for t in traces], pa.string()),
                   column([t.created_at for t in traces], pa.timestamp("us", tz="UTC")),
                   column([t.text for t in traces], pa.string()), column([t.raw_text for t in traces], pa.string()),
                   column([list(t.links) for t in traces], pa.list_(pa.string())),
                   column([list(t.hashtags) for t in traces], pa.list_(pa.string())))

    def __len__(self) -> int:
        return len(self.post_id)

    def trace(self, row: int) -> Trace:
        return Trace(platform=self.platform[row].as_py(), post_id=self.post_id[row].as_py(),
                     author_id=self.author_id[row].as_py(), created_at=self.created_at[row].as_py(),
                     text=self.text[row].as_py(), links=tuple(self.links[row].as_py() or ()),
                     hashtags=tuple(self.hashtags[row].as_py() or ()), raw_text=self.raw_text[row].as_py() or "")


def _codes(values: pa.ChunkedArray) -> np.ndarray:
    """A code per value, equal values equal codes (nulls share one)."""
    return pc.fill_null(pc.index_in(values, value_set=pc.unique(values)), -1).to_numpy().astype(np.int64)


def _flattened(lists: pa.ChunkedArray) -> tuple[np.ndarray, pa.ChunkedArray]:
    """(row of each element, the elements) of a list column."""
    rows, values, offset = [], [], 0
    for chunk in lists.chunks:
        rows.append(pc.list_parent_indices(chunk).to_numpy() + offset)
        values.append(pc.list_flatten(chunk))
        offset += len(chunk)
    return (np.concatenate(rows) if rows else np.zeros(0, np.int64)), pa.chunked_array(values, type=pa.string())


BAND_CHUNK = 50_000  # texts turned into band keys at a time


def _text_objects(columns: Columns, order: np.ndarray, settings: Settings) -> tuple[np.ndarray, np.ndarray]:
    """(cluster, position) pairs of near-identical texts, positions in time order: exact copies share a cluster;
    a post joins the first earlier post of one of its MinHash LSH bands (denyut.minhash) that is first in at least
    MIN_SHARED_BANDS of them and whose character 5-grams are at text_similarity (Jaccard) or more; merged
    transitively. A cluster is named by its earliest post."""
    eligible = np.flatnonzero(pc.utf8_length(columns.text).to_numpy(zero_copy_only=False)[order] >= settings.min_text_chars)
    if not len(eligible):
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    codes = _codes(columns.text)[order][eligible]
    _, first_index, inverse = np.unique(codes, return_index=True, return_inverse=True)
    firsts = np.sort(eligible[first_index])
    sources, targets = [eligible], [eligible[first_index][inverse.ravel()]]  # each copy to its first
    keys = np.concatenate([band_keys(columns.text.take(order[firsts[i:i + BAND_CHUNK]]).to_pylist(), settings.text_similarity)
                           for i in range(0, len(firsts), BAND_CHUNK)])
    first_of_band = np.empty(keys.shape, dtype=np.int64)
    for band in range(keys.shape[1]):
        _, where, back = np.unique(keys[:, band], return_index=True, return_inverse=True)
        first_of_band[:, band] = firsts[where][back.ravel()]
    del keys
    # in a sorted row, a value equal to the one MIN_SHARED_BANDS - 1 places on is first in that many bands;
    # taken once (where its run begins), in ascending order, never the post itself
    ranked, reach = np.sort(first_of_band, axis=1), MIN_SHARED_BANDS - 1
    head = ranked[:, :-reach]
    begins = np.ones(head.shape, dtype=bool)
    begins[:, 1:] = head[:, 1:] != head[:, :-1]
    chosen = begins & (head == ranked[:, reach:]) & (head != firsts[:, None])
    near_source, near_target = [], []
    for row in np.flatnonzero(chosen.any(axis=1)):
        text = columns.text[int(order[firsts[row]])].as_py()
        for other in head[row][chosen[row]]:
            if jaccard(text, columns.text[int(order[other])].as_py()) >= settings.text_similarity:
                near_source.append(firsts[row])
                near_target.append(other)
                break
    sources.append(np.array(near_source, dtype=np.int64))
    targets.append(np.array(near_target, dtype=np.int64))
    size = len(order)
    graph = coo_matrix((np.ones(sum(map(len, sources))), (np.concatenate(sources), np.concatenate(targets))),
                       shape=(size, size))
    _, labels = connected_components(graph, directed=False)
    earliest = np.full(labels.max() + 1, size, dtype=np.int64)
    np.minimum.at(earliest, labels[eligible], eligible)
    return earliest[labels[eligible]], eligible


def _list_objects(values: pa.ChunkedArray, rank: np.ndarray, key_of, per_post) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """(object, position) pairs and the objects' names, for a list column: each distinct element named once by
    key_of (None: not an object), then per_post turns a post's sorted distinct names into its objects."""
    rows, flat = _flattened(values)
    distinct = pc.unique(flat)
    names = [key_of(v) for v in distinct.to_pylist()]
    element = pc.index_in(flat, value_set=distinct).to_numpy()
    keep = np.array([n is not None for n in names], dtype=bool)[element] if len(element) else np.zeros(0, bool)
    rows, element = rows[keep], element[keep]
    objects: dict[str, int] = {}
    pair_object, pair_position = [], []
    if len(rows):
        by_row = np.lexsort((element, rows))
        rows, element = rows[by_row], element[by_row]
        cuts = np.flatnonzero(np.diff(rows)) + 1
        for part_rows, part in zip(np.split(rows, cuts), np.split(element, cuts)):
            for name in per_post(sorted({names[e] for e in part.tolist()})):
                pair_object.append(objects.setdefault(name, len(objects)))
                pair_position.append(rank[part_rows[0]])
    return np.array(pair_object, dtype=np.int64), np.array(pair_position, dtype=np.int64), list(objects)


def _link_key(url: str) -> str | None:
    return canonical_link(url) if url.strip() else None


def _tag_key(tag: str) -> str | None:
    return tag.lower().lstrip("#") if tag.strip() else None


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


def find_groups(records: Iterable[Trace | dict] | Columns, settings: Settings | None = None) -> list[Group]:
    """Groups in a deterministic order (start, kind, first post); the same input gives the same groups.

    records: Trace objects or Post-like dicts, or the Columns of a week. For each kind the shared objects
    are (object, post) pairs in NumPy arrays; runs, accounts per run and the chance test are computed on
    them, and only the posts of a candidate run are read back as Trace objects."""
    settings = settings or Settings()
    if not isinstance(records, Columns):
        records = Columns.of_traces([r if isinstance(r, Trace) else trace_of(r) for r in records])
    columns = records
    size = len(columns)
    if not size:
        return []
    order = pc.sort_indices(pa.table({"created_at": columns.created_at, "platform": columns.platform,
                                      "post_id": columns.post_id}),
                            sort_keys=[("created_at", "ascending"), ("platform", "ascending"),
                                       ("post_id", "ascending")]).to_numpy()
    rank = np.empty(size, dtype=np.int64)
    rank[order] = np.arange(size)
    micros = pc.cast(pc.cast(columns.created_at, pa.timestamp("us", tz="UTC")), pa.int64()).to_numpy()[order]
    timeline = _Timeline(micros, _codes(columns.author_id)[order], settings)

    text_object, text_position = _text_objects(columns, order, settings)
    link_object, link_position, link_names = _list_objects(columns.links, rank, _link_key, lambda names: names)
    tag_object, tag_position, tag_names = _list_objects(
        columns.hashtags, rank, _tag_key,
        lambda tags: [" ".join(f"#{t}" for t in tags)] if len(tags) >= settings.min_hashtags else [])
    candidates = []
    for kind, objects, positions, names in (("text", text_object, text_position, None),
                                            ("link", link_object, link_position, link_names),
                                            ("hashtags", tag_object, tag_position, tag_names)):
        candidates += timeline.runs(kind, objects, positions, names)
    groups = []
    for kind, shared, run_positions, chance in candidates:
        chance = min(1.0, chance * len(candidates))
        if chance <= settings.max_chance:
            group = Group(kind, [columns.trace(int(order[p])) for p in run_positions],
                          stats={"shared": shared, "chance": float(f"{chance:.3g}")})
            _evidence(group, settings)
            groups.append(group)
    groups.sort(key=lambda g: (g.posts[0].created_at, KINDS.index(g.kind), g.posts[0].platform, g.posts[0].post_id))
    return groups


@dataclass(frozen=True)
class _Timeline:
    """The posts in time order: their times (microseconds) and account codes."""

    micros: np.ndarray
    authors: np.ndarray
    settings: Settings

    def runs(self, kind: str, objects: np.ndarray, positions: np.ndarray, names: list[str] | None) -> list[tuple]:
        """(kind, shared object, positions, chance before Bonferroni) of each run of one object's posts, cut where two
        are further apart than the window, with posts from at least `min_accounts` accounts."""
        if not len(objects):
            return []
        size, settings = len(self.micros), self.settings
        window = settings.window_s * 1_000_000
        period = max((self.micros[-1] - self.micros[0]) / 1e6, float(settings.window_s))
        pairs = np.unique(objects * size + positions)  # each post once per object, by object then time
        objects, positions = pairs // size, pairs % size
        times = self.micros[positions]
        starts = np.ones(len(pairs), dtype=bool)
        starts[1:] = (objects[1:] != objects[:-1]) | (times[1:] - times[:-1] > window)
        run = np.cumsum(starts) - 1
        run_start = np.flatnonzero(starts)
        run_end = np.append(run_start[1:], len(pairs))
        width = self.authors.max() + 2
        accounts = np.bincount(np.unique(run * width + self.authors[positions] + 1) // width, minlength=len(run_start))
        object_posts = np.bincount(objects)
        object_first = np.full(objects.max() + 1, size, dtype=np.int64)
        np.minimum.at(object_first, objects, positions)
        found = np.flatnonzero(accounts >= settings.min_accounts)
        # the order the objects were first met in (time, then name): the tie-break the sort of groups keeps
        named = names or []
        found = sorted(found.tolist(), key=lambda r: (object_first[objects[run_start[r]]],
                                                      named[objects[run_start[r]]] if named else "", run_start[r]))
        out = []
        for r in found:
            first, last = run_start[r], run_end[r]
            obj = int(objects[first])
            span = (times[last - 1] - times[first]) / 1e6 + settings.window_s
            share = min(1.0, span / period)
            # a run found by scanning the whole period: about period/span windows were looked at
            chance = float(poisson.sf(last - first - 1, int(object_posts[obj]) * share)) / share
            out.append((kind, "" if names is None else names[obj], positions[first:last], chance))
        return out


def settings_json(settings: Settings) -> dict:
    return dict(vars(settings))
