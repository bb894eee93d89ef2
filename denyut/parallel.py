"""One pool of worker processes per run, shared by the stages' per-record work (collect's import of
export files, analyze's per-post work): items out in order, results back in order, a bounded number in
flight, so memory holds a few items whatever the size of the input, and the result never depends on
the number of workers."""

from __future__ import annotations

import atexit
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor

_pool: ProcessPoolExecutor | None = None
_pool_workers = 0


def available_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


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
    two items per worker in flight."""
    if workers <= 1:
        for item in items:
            yield function(item, *args)
        return
    pool, pending = _executor(workers), deque()
    try:
        for item in items:
            pending.append(pool.submit(function, item, *args))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:  # a caller that stops reading: what has not started yet is not run for nothing
        for future in pending:
            future.cancel()
