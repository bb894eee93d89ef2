"""Classification on every core: a batch is split into one part per worker process, each of which
loaded the embedded model once (from its folder; the transformers backend stays in one process,
where its own runtime uses the cores or the GPU). Each post's label and probabilities depend on
its text alone, so the result is the same bytes with any number of workers (tested)."""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

from denyut.parallel import available_cores, executor, shutdown

MIN_PER_WORKER = 1000  # below this a batch is classified in this process: starting work costs more than it saves
_worker_model = None


def default_workers() -> int:
    return max(1, min(2, available_cores()))


def _load(directory: str) -> None:
    global _worker_model
    from analysis.sentiment.embedded import EmbeddedSentiment

    _worker_model = EmbeddedSentiment.load(Path(directory))


def _predict(texts: list[str]) -> np.ndarray:
    return _worker_model.predict_proba(texts)


def _key(directory: Path, workers: int) -> tuple:
    """The folder and its weights' bytes: a model saved anew in the same folder gets fresh workers."""
    files = sorted(Path(directory).glob("*.safetensors"))
    return (str(Path(directory).resolve()), workers, tuple(hashlib.sha256(f.read_bytes()).hexdigest() for f in files))


def start(directory: Path, workers: int | None = None) -> None:
    """Start the workers (and their model loads) now, while this process reads its input and loads its own copy."""
    workers = default_workers() if workers is None else workers
    if workers > 1:
        pool = _executor_for(Path(directory), workers)
        for _ in range(workers):
            pool.submit(_ping)


def _ping() -> None:
    return None


def _executor_for(directory: Path, workers: int) -> ProcessPoolExecutor:
    """The run's pool (denyut.parallel) with the model loaded once in each worker."""
    key = _key(directory, workers)
    return executor(workers, _load, key[0], key=key)


def _executor(model, workers: int) -> ProcessPoolExecutor:
    return _executor_for(Path(model.source_), workers)


__all__ = ["predict_proba", "shutdown", "start", "stream"]


def predict_proba(model, texts: list[str], workers: int | None = None) -> np.ndarray:
    """model.predict_proba(texts), split over worker processes when the model can be loaded by them."""
    workers = default_workers() if workers is None else workers
    if workers <= 1 or getattr(model, "source_", None) is None or len(texts) < MIN_PER_WORKER * 2:
        return model.predict_proba(texts)
    parts = np.array_split(np.arange(len(texts)), workers)
    results = _executor(model, workers).map(_predict, [[texts[i] for i in part] for part in parts])
    return np.vstack(list(results))


def stream(model, chunks: Iterator[list[str]], workers: int | None = None) -> Iterator[np.ndarray]:
    """predict_proba of each chunk of texts, in order, with a chunk per worker in flight while the caller
    reads the next ones (what keeps every core busy on a file larger than one batch)."""
    workers = default_workers() if workers is None else workers
    if workers <= 1 or getattr(model, "source_", None) is None:
        for texts in chunks:
            yield model.predict_proba(texts)
        return
    pool, pending = _executor(model, workers), deque()
    for texts in chunks:
        pending.append(pool.submit(_predict, texts))
        if len(pending) > workers:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()
