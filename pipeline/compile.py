"""The whole pipeline: read every source, run the passes, write the outputs."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from passes.resolve import resolve_citations
from pipeline.cache import ReadCache
from pipeline.read import read_sources
from pipeline.timing import stage
from schema.corpus import Corpus
from writers.jsonl import write_corpus


@contextmanager
def _long_lived_records() -> Iterator[None]:
    """Build the records with the cyclic collector paused, then move them out of its reach.

    The records (hundreds of thousands of objects at 10,000 powers) live until the build ends; rescanning them in
    every collection doubled the read stage and every later stage (one-row rebuild at 10k: 18.7 s → 11.3 s).
    Parsing in pool workers collects as usual (pipeline/read.py)."""
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def compile_corpus(sources: Path, cache: ReadCache | None = None) -> Corpus:
    """Readers then passes: the enriched in-memory knowledge base (`cache`: reuse reads of unchanged sources)."""
    with _long_lived_records():
        corpus = read_sources(sources, cache)
        with stage("resolve citations"):
            resolve_citations(corpus)
    return corpus


def write_data(corpus: Corpus, out: Path) -> dict[str, int]:
    """Record files under OUT/data/."""
    return write_corpus(corpus, out / "data")
