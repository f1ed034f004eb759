"""The order of stages: read → passes (resolve, lint) → change report → writers (data, site, index), results in memory."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from execution.executor import connect
from execution.forked_task import ForkedTask, can_fork_beside
from pipeline.cache import ReadCache
from pipeline.changes import POWERS, POWERS_NAME, PowerChanges, previous_changes, write_report
from pipeline.instrument_lines import INSTRUMENTS, INSTRUMENTS_NAME, InstrumentLines
from pipeline.manifest import MANIFEST_NAME
from pipeline.outputs import CACHE_DIR, REPORT_FILE, outline, written_files
from pipeline.power_lines import fingerprints, forget_index, save_index
from pipeline.read import ReadJob, source_files, source_jobs, sources_fingerprint
from pipeline.stamp import STAMP, BuildStamp, inputs_fingerprint, outputs_fingerprint, source_stats
from pipeline.timing import BuildTimer, measure, stage
from schema.changes import CHANGES_NAME, ChangeReport
from schema.corpus import RECORD_TYPES, Corpus, load_corpus
from writers import kept
from writers.atomic import journal, journaled, write_bytes
from writers.background import BackgroundWriter, PendingFiles
from writers.jsonl import RecordDigests, write_corpus

# The stages' own modules (the parser, passes, site and index writers) are imported when a stage runs: a build with
# nothing to do never loads them, which is most of its time.
if TYPE_CHECKING:
    from passes.pages import RecordPages
    from search.engine import BuildStats
    from writers.site_outcome import SiteBuild

DATA_DIR = "data"
DATA_STAMP = f"{CACHE_DIR}/data.sha"  # sources_fingerprint of the build that wrote OUT/data
WRITTEN_JOURNAL = f"{CACHE_DIR}/written.log"  # the files this build wrote, as its writers journal them (writers.atomic)
BESIDE_CHANGES = 1_000  # changed powers at most for the index to be written beside the site (_index_beside)
T = TypeVar("T")


@dataclass(frozen=True)
class BuildOptions:
    """Which writers run after the records are written."""

    site: bool = True
    index: bool = True
    engine: str | None = None  # search engine by name; None: $QUANZE_SEARCH_ENGINE or the default
    cluster: str | None = None  # Dask scheduler (tcp://HOST:PORT) for the parallel stages; None: local processes


@dataclass
class BuildResult:
    """Everything one build made, for the caller to report."""

    corpus: Corpus
    changes: ChangeReport
    counts: dict[str, int]
    timer: BuildTimer
    site: SiteBuild | None = None
    index: BuildStats | None = None
    written: list[str] = field(default_factory=list)
    executor: str = ""  # where the parallel stages ran


def build(sources: Path, out: Path, options: BuildOptions | None = None) -> BuildResult:
    """Compile `sources` into OUT: records under OUT/data, then the site and the search index from the same records.

    When OUT is exactly what these sources, code and options make (pipeline/stamp.py), only the change report is
    written ("nothing changed") and the result's corpus holds the summaries and diagnostics, not the records."""
    options = options or BuildOptions()
    settings = replace(options, cluster=None)  # a cluster build writes the same bytes
    with measure() as timer:
        with stage("up-to-date check"):
            stamp, stats = BuildStamp.load(out), source_stats(_source_paths(sources))
            jobs = None if stamp is not None and stamp.source_stats == stats else source_jobs(sources)
            fingerprint = stamp.sources if jobs is None and stamp is not None else sources_fingerprint(sources, jobs)
            current = stamp is not None and stamp.inputs == inputs_fingerprint(fingerprint, settings)
        if stamp is not None and current and stamp.outputs == outputs_fingerprint(outline(out)):
            return _nothing_to_do(out, stamp, options, timer)
        started = time.time_ns()
        if jobs is None:  # the sources are as the stamp saw them, but OUT or the code is not: list and key them
            with stage("up-to-date check"):
                jobs = source_jobs(sources)
                fingerprint = sources_fingerprint(sources, jobs)
        (out / STAMP).unlink(missing_ok=True)
        with journal(out / WRITTEN_JOURNAL) as written, _publication(out, options):
            result = _build(sources, out, options, fingerprint, timer, jobs)
        with stage("outputs written"):
            result.written = written_files(out, started, journaled(written))
            if result.site is None or not result.site.failed:
                _stamp_build(out, result, inputs_fingerprint(fingerprint, settings), fingerprint, stats)
    return result


def _publication(out: Path, options: BuildOptions) -> AbstractContextManager[object]:
    """The site's publication prepared beside the build from its start, when the build makes the site."""
    if not options.site:
        return nullcontext()
    from writers.site import preparing_publication

    return preparing_publication(out)


def _source_paths(sources: Path) -> list[Path]:
    """Every file that decides what the sources are: the source files and the manifest."""
    manifest = sources / MANIFEST_NAME
    return [*source_files(sources), *([manifest] if manifest.is_file() else [])]


def _build(sources: Path, out: Path, options: BuildOptions, fingerprint: str, timer: BuildTimer, jobs: list[ReadJob]) -> BuildResult:
    from passes.pages import record_pages
    from pipeline.compile import compile_corpus
    from writers.site import write_site

    with connect(options.cluster) as executor, BackgroundWriter() as writer:
        corpus = compile_corpus(sources, ReadCache(out / CACHE_DIR / "reads"), executor, jobs)
        with stage("change report"):
            comparison = previous_changes(out / DATA_DIR, out / CACHE_DIR)
        with stage("write data"):  # the powers are compared with the previous build's as their lines are written
            (out / DATA_STAMP).unlink(missing_ok=True)
            forget_index(out / CACHE_DIR)
            prints = fingerprints(corpus, [job.key for job in jobs])
            digests: RecordDigests = {}  # each record's line, as the site's page keys take it
            instruments = InstrumentLines(out / CACHE_DIR, out / DATA_DIR / INSTRUMENTS_NAME)
            lines = {POWERS: comparison.lines(corpus.powers, prints), INSTRUMENTS: instruments.lines(corpus)}
            counts = write_corpus(corpus, out / DATA_DIR, lines, digests, writer)  # the files written in its thread
            data = PendingFiles(out / DATA_DIR, writer, [partial(_data_written, out, comparison, instruments, fingerprint)])
        with stage("change report"):
            changes = comparison.report()
            write_report(changes, out / DATA_DIR / CHANGES_NAME)
        result = BuildResult(corpus, changes, counts, timer, executor=executor.describe())
        with stage("record pages"):
            pages = record_pages(corpus)
        index = partial(_write_index, corpus, out, options.engine, pages, prints)
        beside = None
        if options.index and _index_beside(options, changes):  # forked before the site stage starts its threads
            beside = ForkedTask(partial(_timed, partial(index, show_progress=False)))
        try:
            if options.site:
                result.site = write_site(
                    corpus, out, changes=changes, pages=pages, data=data, stage=stage, executor=executor, digests=digests
                )
        except BaseException:
            if beside is not None:
                beside.wait()
            raise
        if beside is not None:
            with stage("index (waited for)"):
                result.index, seconds = beside.result()
            timer.add("index", seconds)
        elif options.index:
            with stage("index"):
                result.index = index()
        with stage("write data"):  # what is left of it, when no writer above read the data files
            data.ready()
    return result


def _data_written(out: Path, comparison: PowerChanges, instruments: InstrumentLines, fingerprint: str) -> None:
    """What describes OUT/data once its files are written: the line indexes of its powers and instruments, the data stamp."""
    if comparison.index is not None:
        save_index(out / CACHE_DIR, out / DATA_DIR / POWERS_NAME, comparison.index)
    instruments.save()
    _stamp(out, fingerprint)


def _index_beside(options: BuildOptions, changes: ChangeReport) -> bool:
    """Whether the index is written in a forked child while the site is (nothing after it reads OUT/index): only in a
    rebuild of few changed powers, whose site stage leaves a core idle (a full build's keeps both busy with mkdocs and
    Pagefind workers), on a system that forks, never on a cluster."""
    changed = len(changes.added) + len(changes.removed) + len(changes.changed) + len(changes.moved)
    small = changes.previous_build and changed <= BESIDE_CHANGES
    return small and options.site and options.cluster is None and can_fork_beside()


def _timed(function: Callable[[], T]) -> tuple[T, float]:
    """What `function` returns and the wall time it took (a forked child's stage, reported by the parent)."""
    started = time.perf_counter()
    return function(), time.perf_counter() - started


def _write_index(
    corpus: Corpus, out: Path, engine: str | None, pages: RecordPages, prints: list[bytes], show_progress: bool = True
) -> BuildStats:
    """OUT/index, taking the power documents' digests the last build kept (search/digests.py) and keeping this build's
    (`show_progress`: see search.index.write_index)."""
    from search.digests import DIGESTS_FILE, LISTING_FILE, DigestMemo, version
    from search.engine import IndexListing
    from search.index import write_index

    path, listed = out / CACHE_DIR / DIGESTS_FILE, out / CACHE_DIR / LISTING_FILE
    memo = DigestMemo(kept.load(path, version(), dict))
    before = kept.load(listed, version(), IndexListing) or IndexListing()
    listing = IndexListing(before.stamp, before.digests)
    stats = write_index(corpus, out, engine, pages, prints, memo, listing, show_progress)
    if memo.now != memo.before:  # only this build's digests: a removed power's go
        kept.save(path, version(), memo.now)
    if listing.stamp != before.stamp:
        kept.save(listed, version(), listing)
    return stats


def _stamp_build(out: Path, result: BuildResult, inputs: str, sources: str, stats: str) -> None:
    """Record what this build was made from and left, so the next one with the same inputs can skip everything."""
    summaries = [replace(summary, cached=True) for summary in result.corpus.summaries]
    pages = result.site.pages if result.site is not None else 0
    distinct = len({power.id for power in result.corpus.powers})
    outputs = outputs_fingerprint(outline(out))
    BuildStamp(inputs, outputs, summaries, result.counts, distinct, pages, sources, stats).save(out)


def _nothing_to_do(out: Path, stamp: BuildStamp, options: BuildOptions, timer: BuildTimer) -> BuildResult:
    """The result of a build whose outputs are already current: a change report saying so, nothing else written."""
    from writers.site_outcome import MkDocsRun, SiteBuild

    with stage("change report"):
        previous = last_changes(out)
        duplicates = previous.duplicate_ids if previous else []
        changes = ChangeReport(previous_build=True, unchanged=stamp.distinct_powers, duplicate_ids=duplicates)
        rewritten = write_report(changes, out / DATA_DIR / CHANGES_NAME)
    corpus = load_corpus(out / DATA_DIR, ("diagnostics",))
    corpus.summaries = stamp.summaries
    site = SiteBuild(stamp.pages, MkDocsRun(0, []), skipped=True) if options.site else None
    rewrote = [REPORT_FILE] if rewritten else []
    return BuildResult(corpus, changes, stamp.counts, timer, site=site, written=rewrote, executor="nothing to run")


def _stamp(out: Path, fingerprint: str) -> None:
    write_bytes(out / DATA_STAMP, fingerprint.encode("utf-8"))


def current_records(sources: Path, out: Path) -> Corpus | None:
    """The records of OUT/data when a build wrote them from exactly these sources and this code, else None."""
    stamp, data = out / DATA_STAMP, out / DATA_DIR
    if not stamp.is_file() or not all((data / f"{kind.collection}.jsonl").is_file() for kind in RECORD_TYPES):
        return None
    return load_corpus(data) if stamp.read_text(encoding="utf-8") == sources_fingerprint(sources) else None


def records(sources: Path, out: Path, cluster: str | None = None) -> Corpus:
    """The records for a command that does not write them (check, site): OUT/data's when current, else compiled
    (parsed on the Dask scheduler `cluster`'s workers when given)."""
    from pipeline.compile import compile_corpus

    current = current_records(sources, out)
    if current is not None:
        return current
    with connect(cluster) as executor:
        return compile_corpus(sources, ReadCache(out / CACHE_DIR / "reads"), executor)


def refresh_index(sources: Path, out: Path) -> BuildStats | None:
    """OUT/index rewritten from the current records when it is missing or in an older format (say, after an upgrade),
    so `search` answers without a rebuild; None when the index is current or the records are not."""
    from passes.pages import record_pages
    from search.index import INDEX_DIR, engine_of, index_exists, write_index

    directory = out / INDEX_DIR
    if index_exists(directory):
        return None
    current = current_records(sources, out)
    if current is None:
        return None
    return write_index(current, out, engine_of(directory).name, record_pages(current))


def last_changes(out: Path) -> ChangeReport | None:
    """The change report of the last build (OUT/data/changes.json), for a site built without a new one."""
    path = out / DATA_DIR / CHANGES_NAME
    return ChangeReport.from_json(json.loads(path.read_text(encoding="utf-8"))) if path.is_file() else None


def build_site(sources: Path, out: Path, cluster: str | None = None) -> SiteBuild:
    """The site alone, from the current records (or freshly compiled ones when OUT/data is stale); pages rendered and
    shards indexed on the Dask scheduler `cluster`'s workers when given."""
    from pipeline.compile import compile_corpus
    from writers.site import write_site

    current = current_records(sources, out)
    with connect(cluster) as executor:
        corpus = current or compile_corpus(sources, ReadCache(out / CACHE_DIR / "reads"), executor)
        data = PendingFiles(out / DATA_DIR) if current is not None else None
        return write_site(corpus, out, changes=last_changes(out), data=data, executor=executor)


def exit_now(code: int) -> None:
    """End the process without freeing its objects one by one: a province's records are tens of millions of objects,
    seconds of teardown that write nothing (every output file is closed by then; the streams are flushed here)."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
