"""The whole pipeline: read every source, run the passes, write the outputs."""

from __future__ import annotations

from pathlib import Path

from pipeline.corpus import Corpus
from pipeline.read import read_sources
from writers.jsonl import write_corpus


def compile_corpus(sources: Path) -> Corpus:
    """Readers then passes: the enriched in-memory knowledge base."""
    corpus = read_sources(sources)
    return corpus


def write_data(corpus: Corpus, out: Path) -> dict[str, int]:
    """Record files under OUT/data/."""
    return write_corpus(corpus, out / "data")
