"""Container fixtures: the three real documents (copied byte for byte from /work/shared/realworld/documents) and the
files tests/fixtures/containers/make_fixtures.py generates."""

from __future__ import annotations

from pathlib import Path

from parser.registry import read_source
from parser.source import ReadResult
from tests.conftest import FIXTURES

CONTAINERS = FIXTURES / "containers"


def read(name: str, meta: dict | None = None) -> ReadResult:
    """One container fixture read through the reader kit, as a build reads it."""
    path: Path = CONTAINERS / name
    return read_source(path, path.parent, meta or {})
