"""The coordination search as first written, one Python object per post: the slow, plainly readable
reference the columnar search in analysis.coordination.core must agree with, group for group."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from datetime import timedelta

from scipy.stats import poisson

from analysis.coordination.core import KINDS, MIN_SHARED_BANDS, Group, Settings, Trace, _evidence, canonical_link, trace_of
from denyut.minhash import band_keys, jaccard


def _text_keys(traces: list[Trace], settings: Settings) -> dict[int, str]:
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
        shared = Counter(first_of_band.setdefault((band, key), i) for band, key in enumerate(row))
        for other in sorted(other for other, n in shared.items() if other != i and n >= MIN_SHARED_BANDS):
            if jaccard(traces[i].text, traces[other].text) >= settings.text_similarity:
                a, b = root(other), root(i)
                if a != b:
                    parent[max(a, b)] = min(a, b)
                break
    return {i: f"text:{root(i)}" for i in parent}


def _keys(traces: list[Trace], settings: Settings) -> dict[str, dict[str, list[int]]]:
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


def find_groups(records, settings: Settings | None = None) -> list[Group]:
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
            run: list[int] = []
            runs = []
            for i in indexes:
                if run and traces[i].created_at - traces[run[-1]].created_at > window:
                    runs.append(run)
                    run = []
                run.append(i)
            runs.append(run)
            for run in runs:
                if len({traces[i].author_id for i in run}) >= settings.min_accounts:
                    span = (traces[run[-1]].created_at - traces[run[0]].created_at).total_seconds() + settings.window_s
                    share = min(1.0, span / period)
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
