"""The index of the build: which engine writes OUT/index/ (tantivy by default, Whoosh on request) and which one reads it."""

from __future__ import annotations

import os
from pathlib import Path

from passes.pages import RecordPages, record_pages
from schema.corpus import Corpus
from search.digests import DigestMemo
from search.documents import index_documents, index_entries
from search.engine import BuildStats, IndexListing, SearchEngine, signature
from search.tantivy_engine import TantivyEngine
from search.whoosh_engine import WhooshEngine

INDEX_DIR = "index"
ENGINES = {"tantivy": TantivyEngine, "whoosh": WhooshEngine}
DEFAULT_ENGINE = "tantivy"
ENGINE_VARIABLE = "QUANZE_SEARCH_ENGINE"


def engine_named(name: str | None = None) -> SearchEngine:
    """The engine called `name`; without one, $QUANZE_SEARCH_ENGINE or the default (tantivy)."""
    name = name or os.environ.get(ENGINE_VARIABLE) or DEFAULT_ENGINE
    if name not in ENGINES:
        raise ValueError(f"unknown search engine {name!r}; use one of {', '.join(ENGINES)}")
    return ENGINES[name]()


def _writer_name(directory: Path) -> str | None:
    written = signature(directory)
    return written.split()[0] if written and written.split()[0] in ENGINES else None


def engine_of(directory: Path) -> SearchEngine:
    """The engine that wrote the index in `directory` (so search and serve read what the build wrote)."""
    return engine_named(_writer_name(directory))


def index_exists(directory: Path) -> bool:
    """True when `directory` holds an index in the current format of the engine that wrote it."""
    return _writer_name(directory) is not None and signature(directory) == engine_of(directory).signature


def write_index(
    corpus: Corpus,
    out: Path,
    engine: str | None = None,
    pages: RecordPages | None = None,
    prints: list[bytes] | None = None,
    memo: DigestMemo | None = None,
    listing: IndexListing | None = None,
    show_progress: bool = True,
) -> BuildStats:
    """The index writer of the build: OUT/index from the corpus records, re-indexing only changed records.

    `pages`: where every record lives on the site (passes.pages; computed from the corpus when not given). `prints`:
    the powers' record fingerprints (pipeline/power_lines.py), with which a power whose document's inputs the last
    build saw in `memo` is not made again (search/digests.py; `memo.now` holds this build's digests, for the build to keep).
    `listing`: the index's digests by id as the last build left them (search.engine.IndexListing), updated here.
    `show_progress`: a progress bar on stderr for a long build (not from a process beside one that shows its own)."""
    if prints is None or memo is None:
        return engine_named(engine).build(index_documents(corpus, pages), out / INDEX_DIR, show_progress=show_progress)
    entries = index_entries(corpus, pages or record_pages(corpus), prints, memo)
    return engine_named(engine).build(entries, out / INDEX_DIR, show_progress=show_progress, listing=listing)
