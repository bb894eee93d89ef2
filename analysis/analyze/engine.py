"""Where the per-post work runs: the local engine (this machine's cores, one worker process per core from
denyut.parallel, started once per run, each loading the model once) or Ray (`engine: ray`, analysis/analyze/ray_engine.py).

Chunks go out in order and come back in order, with a bounded number in flight, so memory holds a
few chunks whatever the size of the week, and the result does not depend on the number of workers.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyarrow as pa

from analysis.analyze.posts import Settings, analyze_lines
from denyut.io import Line
from denyut.parallel import ordered_map


def local(chunks: Iterable[list[Line]], settings: Settings, workers: int) -> Iterator[pa.Table]:
    """FEATURES tables of the chunks, in order; with workers > 1 on that many processes (denyut.parallel)."""
    return ordered_map(analyze_lines, chunks, workers, settings)
