"""Stage 1: run the right reader over every source file (cached by content, in a process pool when it pays)."""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from execution.executor import Executor
from parser.source import ReadResult
from pipeline.cache import RECORD_CODE_FILES, RECORD_CODE_PACKAGES, ReadCache, cache_key, code_version, stored_form
from pipeline.compact import FieldSets
from pipeline.manifest import MANIFEST_NAME, load_manifest, manifest_limits, with_limits
from pipeline.timing import progress, stage
from schema.corpus import Corpus, FileSummary

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


def read_file(path: Path, sources: Path, override: dict, data: bytes | None = None) -> ReadResult:
    """Read one file (its bytes from `path` unless given) through the reader kit; any failure becomes a diagnostic."""
    from parser.registry import read_source  # the readers load only in a process that reads: not for a build with nothing to read

    return read_source(path, sources, override, data)


@dataclass(frozen=True)
class ReadTask:
    """One read as a worker gets it: the job, the sources folder, and the file's bytes when the worker cannot see it."""

    job: ReadJob
    sources: Path
    data: bytes | None


def read_task(task: ReadTask) -> bytes:
    """Read one source where the executor runs it; the result in its stored form, which the client keeps in its cache
    and loads the records from (sending the result itself pickled it a second time: a tenth of the workers' time)."""
    return stored_form(read_file(task.job.path, task.sources, task.job.override, task.data))


def sources_fingerprint(sources: Path, jobs: list[ReadJob] | None = None) -> str:
    """Identity of what a build makes of `sources`: every file's read key (name, bytes, manifest entry) and all the
    code that decides the records. Equal fingerprints mean equal OUT/data. `jobs`: the sources' jobs when the caller
    has listed them already (listing reads and hashes every file)."""
    digest = hashlib.sha256(code_version(RECORD_CODE_PACKAGES, RECORD_CODE_FILES).encode("ascii"))
    for job in source_jobs(sources) if jobs is None else jobs:
        digest.update(job.key.encode("ascii") + b"\n")
    return digest.hexdigest()


def source_jobs(sources: Path) -> list[ReadJob]:
    """One job per source file, keyed by its name, bytes and manifest entry."""
    manifest, limits = load_manifest(sources), manifest_limits(sources)
    jobs = []
    for path in source_files(sources):
        name = path.relative_to(sources).as_posix()
        override = with_limits(manifest.get(name, {}), limits)
        data = path.read_bytes()
        jobs.append(ReadJob(path=path, name=name, override=override, key=cache_key(name, data, override), size=len(data)))
    return jobs


def _parallel(jobs: list[ReadJob], executor: Executor | None) -> bool:
    """Whether to hand `jobs` to the executor: only when there is enough to parse to pay for the workers."""
    return executor is not None and len(jobs) >= POOL_MIN_FILES and sum(job.size for job in jobs) >= POOL_MIN_BYTES


def _read_all(jobs: list[ReadJob], sources: Path, cache: ReadCache | None, executor: Executor | None) -> list[ReadResult]:
    """Read `jobs` in order, here or on the executor's workers (which get the bytes when they cannot see the files)."""
    outcomes: Iterator[tuple[ReadResult, bytes]]
    if executor is None or not _parallel(jobs, executor):
        local = (read_file(job.path, sources, job.override) for job in progress(jobs, len(jobs), "parsing sources"))
        outcomes = ((result, stored_form(result)) for result in local)
    else:
        tasks = [ReadTask(job, sources, None if executor.local_files else job.path.read_bytes()) for job in jobs]
        stored = progress(executor.imap(read_task, tasks), len(tasks), f"parsing sources ({executor.describe()})")
        outcomes = ((pickle.loads(data), data) for data in stored)  # the worker's own bytes, as a cache entry is loaded
    results = []
    for job, (result, stored) in zip(jobs, outcomes, strict=True):
        if cache is not None:
            cache.put_stored(job.key, stored)
        results.append(result)
    return results


def read_sources(
    sources: Path, cache: ReadCache | None = None, executor: Executor | None = None, jobs: list[ReadJob] | None = None
) -> Corpus:
    """Every source read into one corpus; with a cache, only new or edited sources are parsed (on `executor` when it pays).
    `jobs`: the sources' jobs when the caller has listed them already."""
    with stage("read"):
        jobs = source_jobs(sources) if jobs is None else jobs
        # a cached result's records share their fields-sets already (pipeline/cache.stored_form); fresh ones are shared
        # as each result comes, so the sets dropped make room for the next source's records
        sets = FieldSets()
        cached = {job.key: result for job in jobs if cache is not None and (result := cache.get(job.key, job.name)) is not None}
        misses = [job for job in jobs if job.key not in cached]
        fresh = {job.key: _shared(result, sets) for job, result in zip(misses, _read_all(misses, sources, cache, executor), strict=True)}
        corpus = Corpus()
        for job in jobs:
            _add(corpus, job.name, cached.get(job.key) or fresh[job.key], cached=job.key in cached)
        if cache is not None:
            cache.prune()
    return corpus


def _shared(result: ReadResult, sets: FieldSets) -> ReadResult:
    for records in (result.powers, result.documents, result.diagnostics, result.residue):
        sets.share(records)
    return result


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
            powers=len(result.powers),
        )
    )
