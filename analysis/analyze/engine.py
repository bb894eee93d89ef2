"""Where the per-post work runs: the local engine (this machine's cores, one worker process per core,
started once per run, each loading the model once) or Ray (`engine: ray`, analysis/analyze/ray_engine.py).

Chunks go out in order and come back in order, with a bounded number in flight, so memory holds a
few chunks whatever the size of the week, and the result does not depend on the number of workers.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor

import pyarrow as pa

from analysis.analyze.posts import Settings, analyze_lines
from denyut.io import Line

# Below this many new raw bytes (about 8,000 posts) one process does the work: starting workers costs more.
MIN_PARALLEL_BYTES = 2_000_000
_pool: ProcessPoolExecutor | None = None
_pool_workers = 0


def available_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def workers_for(new_bytes: int, workers: int | None) -> int:
    workers = available_cores() if workers is None else workers
    return workers if new_bytes >= MIN_PARALLEL_BYTES else 1


def _executor(workers: int) -> ProcessPoolExecutor:
    global _pool, _pool_workers
    if _pool is None or _pool_workers != workers:
        shutdown()
        # forkserver: workers start from a clean interpreter (no inherited threads or locks)
        method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
        _pool, _pool_workers = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method)), workers
    return _pool


def shutdown() -> None:
    global _pool
    if _pool is not None:
        _pool.shutdown(cancel_futures=True)
    _pool = None


atexit.register(shutdown)


def ordered_map(function: Callable, items: Iterable, workers: int, *args) -> Iterator:
    """function(item, *args) of each item, in order; on `workers` processes when more than one, with at most
    two items per worker in flight (bounded memory)."""
    if workers <= 1:
        for item in items:
            yield function(item, *args)
        return
    pool, pending = _executor(workers), deque()
    for item in items:
        pending.append(pool.submit(function, item, *args))
        if len(pending) >= 2 * workers:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def local(chunks: Iterable[list[Line]], settings: Settings, workers: int) -> Iterator[pa.Table]:
    """FEATURES tables of the chunks, in order; with workers > 1 on that many processes."""
    return ordered_map(analyze_lines, chunks, workers, settings)
