"""A raw source as handed to readers, and what a reader returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from schema.records import Diagnostic, Document, Power, Residue


@dataclass(frozen=True)
class RawSource:
    """A source file: its bytes, its decoded text (None for binary formats) and its name relative to sources/."""

    path: Path
    name: str
    data: bytes
    text: str | None
    encoding: str | None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class ReadResult:
    """Everything a reader produced for one source."""

    kind: str
    powers: list[Power] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    residue: list[Residue] = field(default_factory=list)
