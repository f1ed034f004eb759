"""Shared fixtures: the seed corpus compiled once per test session."""

from __future__ import annotations

import shutil
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


def editable_sources(target: Path) -> Path:
    """A copy of the seed sources at `target` that a test may edit (the checkout's files can be read-only)."""
    shutil.copytree(SOURCES, target)
    for path in target.rglob("*"):
        path.chmod(0o644 if path.is_file() else 0o755)
    return target
