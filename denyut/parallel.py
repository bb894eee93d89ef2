"""One pool of worker processes per run, shared by the stages' per-record work (collect's import of
export files, analyze's per-post work): items out in order, results back in order, a bounded number in
flight, so memory holds a few items whatever the size of the input, and the result never depends on
the number of workers."""

from __future__ import annotations

import atexit
import ctypes
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor

_pool: ProcessPoolExecutor | None = None
_pool_key: tuple | None = None


def available_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


# Below this many new bytes of input (some 8,000 posts to analyse, 15,000 records to import) one process does the
# work: starting workers costs more than they save. Collect and analyze decide alike.
MIN_PARALLEL_BYTES = 2_000_000


def workers_for(new_bytes: int, workers: int | None = None) -> int:
    workers = available_cores() if workers is None else workers
    return workers if new_bytes >= MIN_PARALLEL_BYTES else 1


PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """The kernel kills this process when the one that started it dies (Linux; elsewhere nothing happens): a stage
    killed with SIGKILL leaves no worker, forkserver or mkdocs behind."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: no such call
        pass


def process_context() -> multiprocessing.context.BaseContext:
    """forkserver (workers start from a clean interpreter: no inherited threads or locks), whose server imports
    denyut.deathsig first so that it dies with this process; each worker calls die_with_parent (pool_initializer),
    so it dies with the server. The resource tracker then sees its pipe close and ends too."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["__main__", "denyut.deathsig"])
    return context


def pool_initializer(initializer: Callable | None = None, *args) -> None:
    die_with_parent()
    if initializer is not None:
        initializer(*args)


def executor(workers: int, initializer: Callable | None = None, *initargs, key: object = None) -> ProcessPoolExecutor:
    """The run's one pool of `workers` processes, each of which ran initializer(*initargs) once (a model loaded);
    asked for with other workers, initializer or `key` (the model's bytes), it is replaced."""
    global _pool, _pool_key
    wanted = (workers, initializer, initargs, key)
    if _pool is None or _pool_key != wanted:
        shutdown()
        _pool = ProcessPoolExecutor(workers, mp_context=process_context(), initializer=pool_initializer,
                                    initargs=(initializer, *initargs))
        _pool_key = wanted
    return _pool


def shutdown() -> None:
    global _pool, _pool_key
    if _pool is not None:
        _pool.shutdown(cancel_futures=True)
    _pool, _pool_key = None, None


atexit.register(shutdown)


def ordered_map(function: Callable, items: Iterable, workers: int, *args) -> Iterator:
    """function(item, *args) of each item, in order; on `workers` processes when more than one, with at most
    two items per worker in flight."""
    if workers <= 1:
        for item in items:
            yield function(item, *args)
        return
    pool, pending = executor(workers), deque()
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
