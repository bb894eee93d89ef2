"""Analyze: data/raw/<platform>/<day>.jsonl → data/processed/<YYYY-Www>.parquet, one row per post.

Skips weeks whose fingerprint (raw files, code, word lists, model, settings, verdicts) did not change.
The per-post work (analysis/analyze/posts.py) runs on every core, or on Ray, over only the raw bytes
not analysed before (analysis/analyze/segments.py); one DuckDB pass over the week's segments then sets
the duplicate flags and the reviewers' verdicts (analysis/analyze/dedup.py). Memory holds a few chunks
and DuckDB's bounded share, whatever the size of the week.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections import deque
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from analysis.analyze import dedup, engine
from analysis.analyze.dedup import Part
from analysis.analyze.posts import FEATURES, Settings, add_sentiment, settings_of
from analysis.analyze.sample import write_sample
from analysis.analyze.segments import SegmentCache, cache_dir
from analysis.issues.core import IssueTagger
from analysis.regions import area, gazetteer
from analysis.sentiment import crossfit, load_model, model_name
from denyut.cli import week_stage
from denyut.config import Config, load_config
from denyut.errors import StageError
from denyut.fingerprint import fingerprint
from denyut.formats import quarantine
from denyut.formats.processed import read_fingerprint, week_path, write_meta
from denyut.formats.quarantine import Refused
from denyut.formats.review import Verdict, check_against_posts, sheet_paths, write_training_file
from denyut.formats.review import week_verdicts as read_week_verdicts
from denyut.io import Line, atomic_write_text, iter_lines, private_data
from denyut.parallel import workers_for
from denyut.privacy import scrub, scrub_v1
from denyut.progress import bar
from denyut.taxonomy import Taxonomy, load_taxonomy
from denyut.weeks import week_of_date


def raw_weeks(raw_dir: Path) -> dict[str, list[Path]]:
    """Day files grouped by the ISO week their WIB date falls in."""
    weeks: dict[str, list[Path]] = {}
    for path in sorted(raw_dir.glob("*/*.jsonl")):
        try:
            day = datetime.strptime(path.stem, "%Y-%m-%d").date()
        except ValueError:
            continue
        weeks.setdefault(week_of_date(day), []).append(path)
    return weeks


def input_hash(files: list[Path], config: Config, taxonomy: Taxonomy, model_id: str,
               verdicts: dict[str, Verdict] | None = None, issues_model_id: str = "pola") -> str:
    """The week's raw files, this stage's code and word lists, the model's version, the analysis settings
    and the reviewers' verdicts (only the verdicts: a sheet with none changes nothing)."""
    given = sorted((v.id, v.label, v.issues) for v in (verdicts or {}).values())
    # where the work runs changes no result (tested): not part of the fingerprint
    settings = config.analysis.model_dump(mode="json", exclude={"engine", "workers", "ray", "batch_size", "duckdb_memory"})
    regions = sorted((s.name, s.region) for s in config.sources if getattr(s, "region", None))
    return fingerprint("analysis.analyze.stage", files, {"analysis": settings, "regions": regions,
                                                         "taxonomy": taxonomy.version, "model": model_id,
                                                         "issues_model": issues_model_id, "verdicts": given})


def week_verdicts(config: Config, week: str, taxonomy: Taxonomy) -> dict[str, Verdict]:
    return {v.id: v for v in read_week_verdicts(config.review_dir, week, {i.id for i in taxonomy.issues})}


def features_key(week: str, config: Config, taxonomy: Taxonomy, model_id: str, issues_model_id: str = "pola") -> str:
    """What a segment's rows depend on: the per-post code and word lists, the models, the taxonomy, the settings."""
    return fingerprint("analysis.analyze.posts", (), {"week": week, "model": model_id, "taxonomy": taxonomy.version,
                                                      "issues_model": issues_model_id,
                                                      "regions": sorted((s.name, s.region) for s in config.sources
                                                                        if getattr(s, "region", None)),
                                                      "threshold": config.analysis.near_duplicate_threshold,
                                                      "languages": config.analysis.languages,
                                                      "markers": [config.analysis.javanese_marker_share,
                                                                  config.analysis.marker_share]})


class _Reader:
    """Chunks of a raw file's lines from a byte offset; remembers where it stopped."""

    def __init__(self, path: Path, start: int, first_line: int, lines: int, progress):
        self.path, self.end, self.last_line, self.lines, self.progress = path, start, first_line, lines, progress
        self._start, self._first_line = start, first_line

    def chunks(self) -> Iterator[list[Line]]:
        chunk: list[Line] = []
        for line in iter_lines(self.path, start=self._start, first_number=self._first_line):
            chunk.append(line)
            self.end, self.last_line = line.offset + line.length, line.number
            if len(chunk) >= self.lines:
                self.progress.update(sum(x.length for x in chunk))
                yield chunk
                chunk = []
        if chunk:
            self.progress.update(sum(x.length for x in chunk))
            yield chunk


def analyze_week(week: str, files: list[Path], out_path: Path, config: Config, taxonomy: Taxonomy, model, model_id: str,
                 verdicts: dict[str, Verdict] | None = None, workers: int | None = None,
                 issues_model: tuple[str | None, str] = (None, "pola")) -> tuple[dict, dict[str, int]]:
    """Writes the week's Parquet; a reviewer's verdict replaces the model's label (and issues) of its post.

    Only the bytes of the week's raw files not analysed before go through the per-post work (on every core,
    or on Ray); then one pass over the week's segments sets the duplicate flags and the verdicts."""
    verdicts = verdicts or {}
    in_workers = getattr(model, "source_", None) is not None
    settings = settings_of(week, taxonomy, config, str(model.source_) if in_workers else None, model_id, issues_model)
    cache = SegmentCache(cache_dir(config.processed_dir, week),
                         features_key(week, config, taxonomy, model_id, issues_model[1]))
    ordered = sorted(files, key=lambda p: (p.stem, p.parent.name))
    names = [str(p.relative_to(config.raw_dir)) if p.is_relative_to(config.raw_dir) else str(p) for p in ordered]
    todo = []
    for name, path in zip(names, ordered):
        _, start, first_line = cache.plan(name, path)
        size = path.stat().st_size
        if size > start:
            todo.append((name, path, start, first_line, size))
    new_bytes = sum(size - start for _, _, start, _, size in todo)
    workers = workers_for(new_bytes, workers)
    post_model = None if in_workers or config.analysis.engine != "local" else model
    _new_segments(week, todo, cache, config, settings, workers, post_model, new_bytes)
    cache.save(names)
    read_bytes = {name: cache.files[name][-1].end if cache.files[name] else 0 for name in names}
    parts = [Part(cache.directory / s.parquet, str(path)) for name, path in zip(names, ordered) for s in cache.files[name]]
    return _whole_week(week, parts, out_path, cache, config, verdicts, workers), read_bytes


def _new_segments(week: str, todo: list[tuple], cache: SegmentCache, config: Config, settings: Settings, workers: int,
                  model, new_bytes: int) -> None:
    """The per-post work on the new lines of every file, one Parquet segment per file and run; `model`: classify
    here (the workers did not)."""
    with bar(new_bytes, f"analisis {week}", unit="B", unit_scale=True) as progress:
        readers = [_Reader(path, start, first_line, config.analysis.batch_size, progress)
                   for _, path, start, first_line, _ in todo]
        owners: deque[int] = deque()

        def chunks() -> Iterator[list[Line]]:  # every file's new lines in one stream: no core waits at a file's end
            for index, reader in enumerate(readers):
                for chunk in reader.chunks():
                    owners.append(index)
                    yield chunk

        current: tuple[int, pq.ParquetWriter, Path] | None = None
        try:
            for table in run_engine(config, chunks(), settings, workers):
                index = owners.popleft()
                if model is not None:
                    table = add_sentiment(table, model, settings.model_id, settings.languages)
                if current is None or current[0] != index:
                    if current is not None:
                        _close_segment(cache, todo, readers, *current)
                    parquet = cache.new_parquet(todo[index][0], todo[index][2])
                    tmp = parquet.with_name(f".{parquet.name}.tmp")
                    current = (index, pq.ParquetWriter(tmp, FEATURES, compression="zstd"), tmp)
                current[1].write_table(table)
            if current is not None:
                _close_segment(cache, todo, readers, *current)
        except BaseException:
            if current is not None:
                current[1].close()
                current[2].unlink(missing_ok=True)
            raise


def _whole_week(week: str, parts: list[Part], out_path: Path, cache: SegmentCache, config: Config,
                verdicts: dict[str, Verdict], workers: int) -> dict:
    """One pass over the week's segments: duplicate flags, the reviewers' verdicts, the refused records; the week's
    Parquet written atomically."""
    handles = {a.handle for a in config.public_accounts}
    con = dedup.connect(cache.directory / "tmp", workers, config.analysis.duckdb_memory)
    tmp = out_path.with_name(f".{out_path.name}.tmp")
    try:
        dedup.load(con, parts)
        dedup.groups(con, config.analysis.near_duplicate_threshold, workers)
        dedup.register_verdicts(con, verdicts)
        refused = []
        for status, source_file, line, field, reason, raw in dedup.problems(con):
            if status == "unreadable":  # a line that is no JSON object: counted, never fatal
                print(f"peringatan: {source_file}, baris {line}: {reason}", file=sys.stderr)
            else:  # a record that breaks the contract: quarantined with the week, the week goes on
                refused.append(Refused("analyze", source_file, line, field, f"{week}: {reason}", json.loads(raw)))
        # the sheet's text as this version scrubs it, or as 0.1 did (sheets written before the scrub improved)
        reviewed_texts = {rid: (scrub(text, handles), scrub_v1(text, handles)) for rid, text in dedup.texts_of(con)}
        for number, sheet in sheet_paths(config.review_dir, week):
            check_against_posts(sheet, [v for v in verdicts.values() if v.sheet == number], reviewed_texts)
        dedup.write(con, tmp)
        counts = dedup.counts(con)
        tmp.replace(out_path)
        write_refused(config.quarantine_dir, week, refused)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        con.close()
    return counts


def _close_segment(cache: SegmentCache, todo: list, readers: list, index: int, writer: pq.ParquetWriter, tmp: Path) -> None:
    name, path, start, first_line, _ = todo[index]
    writer.close()
    parquet = tmp.with_name(tmp.name[1:-len(".tmp")])
    tmp.replace(parquet)
    cache.add(name, path, parquet, start, readers[index].end, first_line, readers[index].last_line)


def run_engine(config: Config, chunks: Iterator[list[Line]], settings: Settings, workers: int) -> Iterator[pa.Table]:
    if config.analysis.engine == "ray":
        from analysis.analyze import ray_engine

        spec = None if settings.model_dir else (config.analysis.sentiment_model, config.analysis.sentiment_labels,
                                                config.analysis.sentiment_runtime)
        return ray_engine.run(chunks, settings, config.analysis.ray, spec)
    return engine.local(chunks, settings, workers)


def write_refused(quarantine_dir: Path, week: str, refused: list[Refused]) -> None:
    """data/quarantine/analyze/<week>.jsonl, rewritten with each analysis of the week (removed when it has none)."""
    path = Path(quarantine_dir) / "analyze" / f"{week}.jsonl"
    if refused:
        atomic_write_text(path, "".join(quarantine.to_line(r) + "\n" for r in refused))
    else:
        path.unlink(missing_ok=True)


def week_models(config: Config) -> Callable[[str], tuple[object, str]]:
    """week → (model, its id): the configured model, or for a folder of cross-fitted models (make train-sentiment)
    the one that never learned from the week's audit (analysis.sentiment.crossfit). A model that learned from a
    week's audit verdicts never labels that week."""
    spec, labels, runtime = (config.analysis.sentiment_model, config.analysis.sentiment_labels,
                             config.analysis.sentiment_runtime)
    folder = Path(spec) if spec != "embedded" and Path(spec).is_dir() else None
    loaded: dict[str, tuple[object, str]] = {}

    def load(path: str) -> tuple[object, str]:
        if path not in loaded:
            model = load_model(path, labels, runtime)
            loaded[path] = (model, model_name(model, path))
        return loaded[path]

    def pick(week: str) -> tuple[object, str]:
        if folder is not None and crossfit.is_crossfit(folder):
            chosen = folder / crossfit.choose(crossfit.read_index(folder), week)
            crossfit.check(chosen, week)
            return load(str(chosen))
        if folder is not None:
            crossfit.check(folder, week)
        return load(spec)
    return pick


def check_regions(config: Config) -> None:
    """Every source's `region` is a Kemendagri code of the shipped list, or the stage stops naming the source."""
    gaz = gazetteer()
    for index, source in enumerate(config.sources):
        if getattr(source, "region", None):
            try:
                area(gaz, source.region)
            except KeyError as exc:
                raise StageError("analyze", None, f"sources[{index}] ({source.name}).region: {exc.args[0]}") from None


def week_issue_models(config: Config, taxonomy: Taxonomy) -> Callable[[str], tuple[str | None, str]]:
    """week → (the issue tagger's folder, its id): None and 'pola' (the taxonomy's patterns) without
    analysis.issues_model; for a cross-fitted folder (make train-issues) the model that never learned from the
    week's audit, as for sentiment. The model is loaded here once, so a broken one is named before any work."""
    spec = config.analysis.issues_model
    if spec is None:
        return lambda week: (None, "pola")
    folder = spec if spec.is_absolute() else config.base_dir / spec
    if not folder.is_dir():
        raise StageError("analyze", None, f"analysis.issues_model: folder {folder} tidak ada (latih dengan `make train-issues`)")
    index = crossfit.read_index(folder) if crossfit.is_crossfit(folder) else None
    versions: dict[Path, str] = {}

    def pick(week: str) -> tuple[str, str]:
        chosen = folder / crossfit.choose(index, week) if index is not None else folder
        crossfit.check(chosen, week)
        if chosen not in versions:
            versions[chosen] = IssueTagger.load(chosen, taxonomy).version_
        return str(chosen), f"{chosen.name}@{versions[chosen]}"
    return pick


def run(config_path: str | None = None, force: bool = False) -> dict[str, str]:
    """Returns {week: 'analyzed' | 'up to date'}."""
    config = load_config(config_path)
    with private_data(config.data_dir):
        return _run(config, config_path, force)


def _run(config: Config, config_path: str | None, force: bool) -> dict[str, str]:
    # Load inputs
    taxonomy = load_taxonomy(config.issues_path)
    check_regions(config)
    model_for = week_models(config)
    issues_for = week_issue_models(config, taxonomy)
    weeks = raw_weeks(config.raw_dir)
    if not weeks:
        raise StageError("analyze", None, f"tidak ada data mentah di {config.raw_dir}: jalankan `make collect` dulu")
    config.processed_dir.mkdir(parents=True, exist_ok=True)
    status, all_verdicts = {}, {}
    for week, files in sorted(weeks.items()):
        verdicts = all_verdicts[week] = week_verdicts(config, week, taxonomy)
        model, model_id = model_for(week)
        issues_model = issues_for(week)
        # Process data (only what is stale)
        digest = input_hash(files, config, taxonomy, model_id, verdicts, issues_model[1])
        if not force and read_fingerprint(config.processed_dir, week) == digest:
            status[week] = "up to date"
        else:
            if force:
                shutil.rmtree(cache_dir(config.processed_dir, week), ignore_errors=True)
            counts, read_bytes = analyze_week(week, files, week_path(config.processed_dir, week), config, taxonomy, model,
                                              model_id, verdicts, config.analysis.workers, issues_model)
            # Save outputs
            write_meta(config.processed_dir, week, {"input_hash": digest, "counts": counts, "sentiment_model": model_id,
                                                    "issues_version": taxonomy.version, "issues_model": issues_model[1],
                                                    "raw_files": [str(f.relative_to(config.raw_dir)) for f in files],
                                                    "raw_bytes": read_bytes})
            status[week] = "analyzed"
        if status[week] == "analyzed" or not sheet_paths(config.review_dir, week):
            write_sample(week, week_path(config.processed_dir, week), config)
    write_training_file(config.review_dir / "verdicts.csv", {w: list(v.values()) for w, v in all_verdicts.items()})
    return status


STAGE = week_stage("analyze", "python -m analysis.analyze", __doc__, run, done="dianalisis",
                   force_help="analisis ulang semua minggu")
