"""The resolve pass kept between builds under OUT/cache/: a rebuild whose edits leave what the pass reads as it was
puts back what the pass made last time instead of running it.

The pass's outcome is a function of the ordered sequence of what it reads of each source (passes/resolved.py, a
source's signature), and of the sources' read keys, which name the sources in the instruments' cited-by digests
(citations.registry.places_digest). So two files are kept: each source's read key, signature and the diagnostics its
running text gave (rewritten by every build, small), and the outcome made of those signatures (rewritten by a build
that runs the pass): the instruments with their cited-by, their citations' places apart from the sources' names, and
what the pass wrote into the records' citations. A rebuild takes the outcome when it has as many sources as the last
one and every source whose key changed has the signature it had: only those are read for it (their running text
read again, without the 35 MB store of pipeline/found_cache.py), the others' signatures are their keys'."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from citations.registry import CitedPlaces, places_digest
from execution.forked import can_fork
from execution.forked_task import ForkedTask
from passes.resolve import SourceCells, corpus_cells, resolve_cells, resolve_citations, source_cells, source_records
from passes.resolved import Outcome, put_outcome, source_signature, take_outcome
from pipeline.cache import RECORD_CODE_FILES, RECORD_CODE_PACKAGES, STORED_FORMAT, code_version
from pipeline.compact import FieldSets
from pipeline.found_cache import FoundCitations
from schema.corpus import Corpus
from schema.records import Diagnostic, Instrument
from writers import kept

SOURCES_FILE = "resolve-sources.pickle"
OUTCOME_FILE = "resolve-outcome.pickle"
# More edited sources than this run the pass: reading their running text again here, without the store of what was
# found in it, would cost more than the pass saves.
MOST_EDITED = 16


class KeptSources(NamedTuple):
    """By source, in the summaries' order: its read key, its signature and the diagnostics its running text gave."""

    keys: list[str]
    signatures: list[bytes]
    diagnostics: list[list[Diagnostic]]


class KeptOutcome(NamedTuple):
    """What the pass made of the sources whose signatures digest to `signatures`."""

    signatures: bytes
    instruments: list[Instrument]
    places: dict[str, CitedPlaces]
    outcome: Outcome


def _digest(signatures: list[bytes]) -> bytes:
    return hashlib.sha1(b"".join(hashlib.sha1(signature).digest() for signature in signatures)).digest()


def resolve(corpus: Corpus, folder: Path | None, keys: list[str] | None) -> Keeping:
    """Resolve and link the corpus' citations (passes/resolve.py) with what earlier builds kept in `folder`
    (OUT/cache; None: nothing kept); `keys`: each source's read key, in the summaries' order. The last build's
    outcome is put back when no source changed what the pass reads; else the pass runs, and what it read and made
    is kept by the returned `Keeping` beside the caller's next steps."""
    if folder is None or keys is None:
        resolve_citations(corpus, FoundCitations(folder), keys)
        _share(corpus)
        return Keeping(None)
    state = ResolveState(folder)
    if state.put_back(corpus, keys):
        return Keeping(None)
    found = FoundCitations(folder)
    sources = corpus_cells(corpus, found)
    registry = resolve_cells(corpus, sources, keys)
    _share(corpus)

    def keep() -> None:
        found.save()
        state.keep(corpus, sources, keys, registry.cited_by_places)

    return Keeping(keep)


def _share(corpus: Corpus) -> None:
    FieldSets().share(corpus.instruments)  # their cited-by: one record per citation


class Keeping:
    """Writing what the pass kept: in a forked child (execution/forked_task.py), which sees the corpus as it is now and
    works beside the build's next stages (at 100,000 powers it signs every new source and pickles 350,000 cited-by
    entries, seconds of a core the build leaves idle); here where the system cannot fork."""

    def __init__(self, keep: Callable[[], None] | None) -> None:
        self._task: ForkedTask[None] | None = None
        if keep is not None and can_fork():
            self._task = ForkedTask(keep)
        elif keep is not None:
            keep()

    def join(self) -> None:
        """Wait until it is written; the child's error, with its traceback, is raised here."""
        if self._task is not None:
            self._task.result()


class ResolveState:
    """The kept state of the resolve pass in `folder`."""

    def __init__(self, folder: Path) -> None:
        self.sources_path, self.outcome_path = folder / SOURCES_FILE, folder / OUTCOME_FILE
        self.version = f"{code_version(RECORD_CODE_PACKAGES, RECORD_CODE_FILES)} {STORED_FORMAT}"
        self.before = kept.load(self.sources_path, self.version, KeptSources)

    def put_back(self, corpus: Corpus, keys: list[str]) -> bool:
        """Put the kept outcome into `corpus` when its sources read as the last build's did; whether it was."""
        diagnostics = self._unchanged(corpus, keys)
        if diagnostics is None or self.before is None:
            return False
        made = kept.load(self.outcome_path, self.version, KeptOutcome)
        if made is None or made.signatures != _digest(self.before.signatures):
            return False
        put_outcome(corpus, made.outcome)
        for reported in diagnostics:
            corpus.diagnostics.extend(reported)
        corpus.instruments = made.instruments  # their fields-sets shared as they were when kept
        corpus.cited_by_digests = {ident: places_digest(places, keys) for ident, places in made.places.items()}
        now = KeptSources(keys, self.before.signatures, diagnostics)
        if now != self.before:
            kept.save(self.sources_path, self.version, now)
        return True

    def _unchanged(self, corpus: Corpus, keys: list[str]) -> list[list[Diagnostic]] | None:
        """Each source's diagnostics when every source reads as the kept one at its place; else None."""
        before = self.before
        if before is None or len(before.keys) != len(keys):
            return None
        edited = [index for index, key in enumerate(keys) if key != before.keys[index]]
        if len(edited) > MOST_EDITED:
            return None
        records, diagnostics = source_records(corpus), list(before.diagnostics)
        for index in edited:
            cells = source_cells(*records[index])
            if source_signature(cells, keys[index]) != before.signatures[index]:
                return None
            diagnostics[index] = cells.diagnostics
        return diagnostics

    def keep(self, corpus: Corpus, sources: list[SourceCells], keys: list[str], places: dict[str, CitedPlaces]) -> None:
        """Keep what the pass read of every source (a source's signature is its read key's: only sources new to the
        kept state are signed) and what it made of them."""
        known = dict(zip(self.before.keys, self.before.signatures, strict=True)) if self.before is not None else {}
        signatures = [known.get(key) or source_signature(cells, key) for cells, key in zip(sources, keys, strict=True)]
        kept.save(self.outcome_path, self.version, KeptOutcome(_digest(signatures), corpus.instruments, places, take_outcome(corpus)))
        kept.save(self.sources_path, self.version, KeptSources(keys, signatures, [cells.diagnostics for cells in sources]))
