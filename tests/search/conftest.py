"""The seed corpus indexed once per session (in a temporary OUT folder)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.corpus import Corpus
from search.index import INDEX_DIR, Results, default_engine, write_index
from search.query import SearchRequest


@pytest.fixture(scope="session")
def seed_out(seed_corpus: Corpus, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An OUT folder holding the index of the seed corpus."""
    out = tmp_path_factory.mktemp("out")
    write_index(seed_corpus, out)
    return out


@pytest.fixture(scope="session")
def seed_search(seed_out: Path):
    """search(text, **filters) → Results over the seed index."""

    def run(text: str, **options: object) -> Results:
        return default_engine().search(SearchRequest(text, **{"limit": 100, **options}), seed_out / INDEX_DIR)

    return run
