"""`engine: ray`: the per-post work on a Ray cluster with Ray Data, for many posts, many weeks or IndoBERT on GPUs.

The raw lines go to the cluster in windows of chunks; `map_batches` runs them through actors that
each load the tagger and the model once (on a GPU when `ray.gpus_per_actor` gives one, the
transformers backend included) and return the same FEATURES rows as the local engine: the same
function on the same lines, so the same labels (tested). Order is preserved, so the week's segments
and the week's Parquet are the same bytes as the local engine's.

`ray.address` empty starts a local cluster on this machine (`ray.init()`); a cluster started with
`ray up` or KubeRay is reached at its address (docs/scale.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import islice

import pyarrow as pa
import pyarrow.compute  # noqa: F401 (pa.compute)

from analysis.analyze.posts import FEATURES, Settings, add_sentiment, analyze_lines
from denyut.config import RaySettings
from denyut.io import Line

LINES = pa.schema([("chunk", pa.int64()), ("number", pa.int64()), ("offset", pa.int64()), ("data", pa.binary()),
                   ("length", pa.int64())])


class Classifier:
    """One actor: loads the model once, then classifies batch after batch."""

    def __init__(self, settings: Settings, model_spec: tuple | None):
        self.settings = settings
        self.model = None
        if model_spec is not None:  # a model the caller could not hand over as a folder: loaded here, on this GPU
            from analysis.sentiment import load_model

            self.model = load_model(*model_spec)

    def __call__(self, batch: pa.Table) -> pa.Table:
        """Each chunk's lines in the batch through analyze_lines, its rows tagged with the chunk."""
        columns = batch.to_pydict()
        chunks: dict[int, list[Line]] = {}
        for chunk, *row in zip(columns["chunk"], columns["number"], columns["offset"], columns["data"], columns["length"]):
            chunks.setdefault(chunk, []).append(Line(*row))
        tables = []
        for chunk, lines in chunks.items():
            table = analyze_lines(lines, self.settings)
            if self.model is not None:
                table = add_sentiment(table, self.model, self.settings.model_id, self.settings.languages)
            tables.append(table.append_column("chunk", pa.array([chunk] * table.num_rows, pa.int64())))
        return pa.concat_tables(tables)


def _lines_table(chunk: int, lines: list[Line]) -> pa.Table:
    return pa.table({"chunk": [chunk] * len(lines), "number": [x.number for x in lines], "offset": [x.offset for x in lines],
                     "data": [x.data for x in lines], "length": [x.length for x in lines]}, schema=LINES)


def connect(options: RaySettings) -> None:
    import ray

    if not ray.is_initialized():
        ray.init(address=options.address, include_dashboard=False, log_to_driver=False, configure_logging=False)


def run(chunks: Iterable[list[Line]], settings: Settings, options: RaySettings, model_spec: tuple | None = None,
        window: int = 16) -> Iterator[pa.Table]:
    """FEATURES tables, one per chunk, in order."""
    import ray

    connect(options)
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True
    context.enable_progress_bars = False
    resources = ray.cluster_resources()
    per_actor = {"num_gpus": options.gpus_per_actor} if options.gpus_per_actor else {"num_cpus": 1}
    available = resources.get("GPU", 0) / options.gpus_per_actor if options.gpus_per_actor else resources.get("CPU", 1)
    actors = options.actors or max(1, int(available))
    if model_spec is not None:  # the actors load the model themselves (and its classification is theirs)
        settings = replace(settings, model_dir=None)
    iterator = iter(chunks)
    while part := list(islice(iterator, window)):
        dataset = ray.data.from_arrow([_lines_table(i, lines) for i, lines in enumerate(part)])
        results = dataset.map_batches(Classifier, fn_constructor_args=(settings, model_spec), batch_format="pyarrow",
                                      batch_size=options.batch_lines, concurrency=actors, **per_actor)
        batches = [batch for batch in results.iter_batches(batch_format="pyarrow", batch_size=None) if batch.num_rows]
        rows = pa.concat_tables(batches) if batches else None
        for i in range(len(part)):
            if rows is None:
                yield analyze_lines([], settings)
                continue
            mine = rows.filter(pa.compute.equal(rows.column("chunk"), i)).drop_columns(["chunk"])
            yield mine.cast(FEATURES)
