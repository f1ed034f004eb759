"""Shared fixtures: the seed corpus compiled once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.compile import compile_corpus
from schema.corpus import Corpus

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(scope="session")
def seed_corpus() -> Corpus:
    """Every source in sources/ read and passed through all passes."""
    return compile_corpus(SOURCES)
