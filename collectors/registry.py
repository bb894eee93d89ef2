"""Which module collects which kind of source.

Every module in collectors/platforms/ declares `PLATFORM`: the source types it reads (the
`type` of a config entry), how it collects one source, and what a dry run prints for it. The
registry finds them by listing the folder, so adding a platform touches its own module, its
config model (denyut/config.py) and its test, nothing else.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import cache

import requests

from collectors import platforms as platforms_package
from collectors.base import Page, State, collect_pages, log, make_post
from collectors.store import ImportStats, RawStore
from denyut.config import Config
from denyut.progress import bar


@dataclass(frozen=True)
class Run:
    """What one collection run hands every platform."""

    config: Config
    store: RawStore
    key: bytes
    session: requests.Session
    collected_at: datetime


@dataclass(frozen=True)
class Platform:
    types: tuple[str, ...]
    collect: Callable[[object, Run], ImportStats]
    plan: Callable[[object, Config], list[str]]


def network_platform(type: str, collector: str, targets: Callable[[object], list[str]],
                     connect: Callable[[object, Run], object],
                     fetch: Callable[[object, object, str, dict, Run], Iterator[Page]]) -> Platform:
    """A platform of named targets (channels, hashtags, queries, videos, feeds), each walked page by
    page from its saved cursor: `connect(source, run)` makes the client once (credentials are checked
    there), `fetch(client, source, target, cursor, run)` yields its pages."""

    def collect(source, run: Run) -> ImportStats:
        stats = ImportStats(source.name)
        state = State(run.config.state_dir, source.name)
        try:
            client = connect(source, run)
            # the records fetched, with a rate: an API does not say how many are left, so there is no ETA
            with bar(None, source.name, unit="catatan") as progress:
                for name in targets(source):
                    cursor = state.target(name)
                    try:
                        collect_pages(fetch(client, source, name, cursor, run), cursor, state, run.store, stats,
                                      lambda record: make_post(record, source, run.config, run.key, run.collected_at, collector),
                                      source, progress)
                    except Exception as exc:  # one broken target never stops the next
                        log.warning("%s/%s: %s", source.name, name, exc)
                        stats.errors.append(f"{name}: {exc}")
        except Exception as exc:  # no client at all (credentials, instance down): the other sources still run
            stats.errors.append(str(exc))
        return stats

    def plan(source, config: Config) -> list[str]:
        state = State(config.state_dir, source.name)
        lines = []
        for name in targets(source):
            cursor = {k: v for k, v in state.data.get("targets", {}).get(name, {}).items() if v is not None}
            start = f"lanjut dari {json.dumps(cursor, ensure_ascii=False)}" if cursor else "dari awal"
            lines.append(f"{source.name}: {source.type} {name}, maks. {source.max_posts} unggahan, {start}")
        return lines

    return Platform((type,), collect, plan)


@cache
def platforms() -> dict[str, Platform]:
    """source type → Platform, from every module of collectors/platforms/."""
    found: dict[str, Platform] = {}
    for info in sorted(pkgutil.iter_modules(platforms_package.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{platforms_package.__name__}.{info.name}")
        platform = getattr(module, "PLATFORM", None)
        if not isinstance(platform, Platform):
            raise TypeError(f"{module.__name__} tidak menyatakan PLATFORM (collectors.registry.Platform)")
        for kind in platform.types:
            if kind in found:
                raise TypeError(f"jenis sumber {kind!r} dinyatakan dua kali ({module.__name__})")
            found[kind] = platform
    return found


def platform(source_type: str) -> Platform:
    try:
        return platforms()[source_type]
    except KeyError:
        raise LookupError(f"tidak ada modul di collectors/platforms/ untuk jenis sumber {source_type!r}") from None
