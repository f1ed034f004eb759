"""Stage 1: run the right reader over every source file (cached by content, in a process pool when it pays)."""

from __future__ import annotations

import gc
import os
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from parser.registry import choose_reader, load_source
from parser.source import ReadResult
from pipeline.cache import ReadCache, cache_key
from pipeline.manifest import MANIFEST_NAME, load_manifest
from pipeline.timing import progress, stage
from schema.corpus import Corpus, FileSummary
from schema.records import Diagnostic

SKIPPED_NAMES = {MANIFEST_NAME, "README.md"}
POOL_MIN_FILES = 4
POOL_MIN_BYTES = 512 * 1024


@dataclass(frozen=True)
class ReadJob:
    """One source file to read: where it is, its manifest entry and its cache key."""

    path: Path
    name: str
    override: dict[str, Any]
    key: str
    size: int


def source_files(sources: Path) -> list[Path]:
    """Every source file below `sources`, in a stable order."""
    return sorted(
        path
        for path in sources.rglob("*")
        if path.is_file() and path.name not in SKIPPED_NAMES and not path.name.startswith(".")
    )


def read_file(path: Path, sources: Path, override: dict) -> ReadResult:
    """Read one file; any failure becomes a diagnostic, never an abort."""
    source, diagnostics = load_source(path, sources, override)
    if not source.data.strip():
        empty = Diagnostic(level="error", code="empty-file", message="the file is empty", file=source.name)
        return ReadResult(kind="empty", diagnostics=[*diagnostics, empty])
    reader = choose_reader(source, override.get("kind"))
    if reader is None:
        message = "no reader recognises this source"
        unknown = Diagnostic(level="error", code="unknown-kind", message=message, file=source.name, line=1, text=(source.text or "")[:80])
        return ReadResult(kind="unknown", diagnostics=[*diagnostics, unknown])
    result = reader.read(source)
    result.diagnostics[:0] = diagnostics
    return result


def _read_and_store(job: ReadJob, sources: Path, cache: ReadCache | None) -> ReadResult:
    """Read one file and store the result in the cache (runs in a worker process when pooled)."""
    result = read_file(job.path, sources, job.override)
    if cache is not None:
        cache.put(job.key, result)
    return result


def _jobs(sources: Path) -> list[ReadJob]:
    manifest = load_manifest(sources)
    jobs = []
    for path in source_files(sources):
        name = path.relative_to(sources).as_posix()
        override = manifest.get(name, {})
        data = path.read_bytes()
        jobs.append(ReadJob(path=path, name=name, override=override, key=cache_key(name, data, override), size=len(data)))
    return jobs


def _pool_size(jobs: list[ReadJob]) -> int:
    """Worker processes worth starting for these jobs: 1 (serial) unless there is enough to parse."""
    if len(jobs) < POOL_MIN_FILES or sum(job.size for job in jobs) < POOL_MIN_BYTES:
        return 1
    return min(os.cpu_count() or 1, len(jobs))


def _read_all(jobs: list[ReadJob], sources: Path, cache: ReadCache | None) -> list[ReadResult]:
    """Read `jobs` in order, serially or in a process pool."""
    workers = _pool_size(jobs)
    if workers == 1:
        return [_read_and_store(job, sources, cache) for job in progress(jobs, len(jobs), "parsing sources")]
    with ProcessPoolExecutor(max_workers=workers, initializer=gc.enable) as pool:  # forked workers collect as usual
        futures: list[Future[ReadResult]] = [pool.submit(_read_and_store, job, sources, cache) for job in jobs]
        results = [future.result() for future in progress(futures, len(futures), f"parsing sources ({workers} processes)")]
    if cache is not None:
        cache.used.update(job.key for job in jobs)
    return results


def read_sources(sources: Path, cache: ReadCache | None = None) -> Corpus:
    """Every source read into one corpus; with a cache, only new or edited sources are parsed."""
    with stage("read"):
        jobs = _jobs(sources)
        cached = {job.key: result for job in jobs if cache is not None and (result := cache.get(job.key)) is not None}
        misses = [job for job in jobs if job.key not in cached]
        fresh = dict(zip([job.key for job in misses], _read_all(misses, sources, cache), strict=True))
        corpus = Corpus()
        for job in jobs:
            _add(corpus, job.name, cached.get(job.key) or fresh[job.key], cached=job.key in cached)
        if cache is not None:
            cache.prune()
    return corpus


def _add(corpus: Corpus, name: str, result: ReadResult, *, cached: bool) -> None:
    corpus.powers.extend(result.powers)
    corpus.documents.extend(result.documents)
    corpus.diagnostics.extend(result.diagnostics)
    corpus.residue.extend(result.residue)
    corpus.summaries.append(
        FileSummary(
            file=name,
            kind=result.kind,
            records=len(result.powers) + len(result.documents),
            warnings=sum(d.level == "warning" for d in result.diagnostics),
            errors=sum(d.level == "error" for d in result.diagnostics),
            cached=cached,
        )
    )
