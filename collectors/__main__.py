"""Collect: every source in the config → data/raw/ (append-only), then a per-source table.

One broken source never stops the others; the exit code is 1 when any source recorded an error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

from tqdm import tqdm

from collectors import bluesky, mastodon, rss, telegram, youtube
from collectors.base import State, collect_pages, http_session, log, make_post
from collectors.files import import_source
from collectors.store import ImportStats, RawStore
from denyut.config import Config, FileSource, load_config
from denyut.errors import ConfigError, DenyutError
from denyut.io import atomic_write_json


def _targets(source, config: Config, session) -> tuple[str, Iterator[tuple[str, Callable]]]:
    """(collector name, [(target name, target state → pages)]) for a network source."""
    limit = source.max_posts
    if source.type == "telegram":
        return telegram.COLLECTOR, ((c, lambda t, c=c: telegram.fetch(c, t, session, limit)) for c in source.channels)
    if source.type == "mastodon":
        api = mastodon.client(source.instance, source.access_token_env, session, config.http.timeout_s)
        return mastodon.COLLECTOR, ((f"#{h}", lambda t, h=h: mastodon.fetch(api, source.instance, h, t, limit))
                                    for h in source.hashtags)
    if source.type == "bluesky":
        client = bluesky.login(source.service, source.handle_env, source.password_env)
        return bluesky.COLLECTOR, ((q, lambda t, q=q: bluesky.fetch(client, q, t, limit, config.http.retries, config.http.backoff_s))
                                   for q in source.queries)
    if source.type == "youtube":
        api = youtube.client(source.api_key_env)
        return youtube.COLLECTOR, ((v, lambda t, v=v: youtube.fetch(api, v, t, limit, config.http.retries)) for v in source.video_ids)
    if source.type == "rss":
        return rss.COLLECTOR, ((f.name, lambda t, f=f: rss.fetch(session, f.name, f.url, t, limit)) for f in source.feeds)
    raise ConfigError(f"jenis sumber tidak dikenal: {source.type}")


def collect_source(source, config: Config, store: RawStore, key: bytes, session=None) -> ImportStats:
    if isinstance(source, FileSource):
        return import_source(source, config, store, key)
    stats = ImportStats(source.name)
    state = State(config.state_dir, source.name)
    collected_at = datetime.now(UTC)
    try:
        collector, targets = _targets(source, config, session or http_session(config.http))
        with tqdm(desc=source.name, unit=" unggahan", disable=None, leave=False) as progress:
            for name, pages in targets:
                try:
                    collect_pages(pages(state.target(name)), state.target(name), state, store, stats,
                                  lambda record: make_post(record, source, config, key, collected_at, collector),
                                  source, progress)
                except Exception as exc:  # one broken target never stops the next
                    log.warning("%s/%s: %s", source.name, name, exc)
                    stats.errors.append(f"{name}: {exc}")
    except Exception as exc:  # no client at all (credentials, instance down): the other sources still run
        stats.errors.append(str(exc))
    return stats


def plan(config: Config) -> list[str]:
    """What a run would fetch, and from where it would start."""
    lines = []
    for source in config.sources:
        if isinstance(source, FileSource):
            lines.append(f"{source.name}: impor {source.type} {config.resolve(source.path)}")
            continue
        targets = {"telegram": lambda s: s.channels, "mastodon": lambda s: [f"#{h}" for h in s.hashtags],
                   "bluesky": lambda s: s.queries, "youtube": lambda s: s.video_ids,
                   "rss": lambda s: [f.name for f in s.feeds]}[source.type](source)
        state = State(config.state_dir, source.name)
        for target in targets:
            cursor = {k: v for k, v in state.data.get("targets", {}).get(target, {}).items() if v is not None}
            start = f"lanjut dari {json.dumps(cursor, ensure_ascii=False)}" if cursor else "dari awal"
            lines.append(f"{source.name}: {source.type} {target}, maks. {source.max_posts} unggahan, {start}")
    return lines


def run(config_path: str | None = None) -> list[ImportStats]:
    # Load inputs
    config = load_config(config_path)
    key = config.pseudonym_key()
    # Process data
    results = []
    session = http_session(config.http)
    with RawStore(config.raw_dir, config.quarantine_dir) as store:
        for source in config.sources:
            results.append(collect_source(source, config, store, key, session))
    # Save outputs: the last run, and the history the report's coverage panel reads
    finished = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    rows = [r.as_row() | {"error_messages": r.errors} for r in results]
    atomic_write_json(config.data_dir / "collect" / "last_run.json", {"finished_at": finished, "sources": rows})
    history = config.data_dir / "collect" / "runs.jsonl"
    with open(history, "a", encoding="utf-8") as handle:
        handle.write(json.dumps({"finished_at": finished, "sources": rows}, ensure_ascii=False) + "\n")
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m collectors", description=__doc__.splitlines()[0])
    parser.add_argument("--config", help="berkas konfigurasi (bawaan: config/denyut.yaml)")
    parser.add_argument("--dry-run", action="store_true", help="tampilkan apa yang akan diambil, tanpa mengambil")
    args = parser.parse_args(argv)
    try:
        if args.dry_run:
            print("\n".join(plan(load_config(args.config))) or "tidak ada sumber di konfigurasi")
            return 0
        results = run(args.config)
    except DenyutError as exc:
        print(f"galat: {exc}", file=sys.stderr)
        return 2
    print(f"{'sumber':<24}{'diambil':>9}{'baru':>9}{'duplikat':>10}{'karantina':>11}{'galat':>7}")
    for r in results:
        print(f"{r.source:<24}{r.fetched:>9}{r.new:>9}{r.duplicates:>10}{r.quarantined:>11}{len(r.errors):>7}")
        for message in r.errors:
            print(f"  ! {r.source}: {message}", file=sys.stderr)
    return 1 if any(r.errors for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
