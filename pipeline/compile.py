"""The whole pipeline: read every source, run the passes, write the outputs."""

from __future__ import annotations

from pathlib import Path

from passes.resolve import resolve_citations
from pipeline.cache import ReadCache
from pipeline.corpus import Corpus
from pipeline.read import read_sources
from pipeline.timing import stage
from writers.jsonl import write_corpus


def compile_corpus(sources: Path, cache: ReadCache | None = None) -> Corpus:
    """Readers then passes: the enriched in-memory knowledge base (`cache`: reuse reads of unchanged sources)."""
    corpus = read_sources(sources, cache)
    with stage("resolve citations"):
        resolve_citations(corpus)
    return corpus


def write_data(corpus: Corpus, out: Path) -> dict[str, int]:
    """Record files under OUT/data/."""
    return write_corpus(corpus, out / "data")
