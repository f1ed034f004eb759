"""Chooses the reader for a source by content (with an optional manifest override) and runs it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from parser.decode import decode
from parser.source import RawSource, ReadResult
from schema.records import Diagnostic

BINARY_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")


@dataclass(frozen=True)
class Reader:
    """A reader: `sniff` scores how well a source fits (0 = not at all), `read` turns it into records."""

    name: str
    sniff: Callable[[RawSource], float]
    read: Callable[[RawSource], ReadResult]


READERS: list[Reader] = []


def register(reader: Reader) -> Reader:
    READERS.append(reader)
    return reader


def load_source(
    path: Path, root: Path, meta: dict[str, Any] | None = None, data: bytes | None = None
) -> tuple[RawSource, list[Diagnostic]]:
    """A file's bytes (read from `path` unless given) decoded unless it is a binary spreadsheet; `meta` is its manifest entry."""
    data = path.read_bytes() if data is None else data
    name = path.relative_to(root).as_posix()
    if data.startswith(BINARY_MAGIC):
        return RawSource(path=path, name=name, data=data, text=None, encoding=None, meta=meta or {}), []
    text, encoding, diagnostics = decode(data, name)
    return RawSource(path=path, name=name, data=data, text=text, encoding=encoding, meta=meta or {}), diagnostics


def choose_reader(source: RawSource, override: str | None = None) -> Reader | None:
    """The named reader if the manifest says so, else the best-scoring one."""
    _load_readers()
    if override:
        return next((reader for reader in READERS if reader.name == override), None)
    scored = [(reader.sniff(source), index, reader) for index, reader in enumerate(READERS)]
    score, _, best = max(scored, key=lambda entry: (entry[0], -entry[1]), default=(0, 0, None))
    return best if score > 0 else None


def _load_readers() -> None:
    """Import reader modules so they register themselves (once)."""
    if READERS:
        return
    import parser.readers  # noqa: F401  (side effect: registration)
