"""The in-memory knowledge base that passes enrich and writers emit."""

from __future__ import annotations

from dataclasses import dataclass, field

from schema.records import Diagnostic, Document, Instrument, Power, Residue


@dataclass
class FileSummary:
    """One line of the build summary: how a source was read."""

    file: str
    kind: str
    records: int
    warnings: int
    errors: int
    cached: bool = False

    def render(self) -> str:
        cached = " (cached)" if self.cached else ""
        return f"{self.file}: read as {self.kind}{cached}, {self.records} records, {self.warnings} warnings, {self.errors} errors"


@dataclass
class Corpus:
    powers: list[Power] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    instruments: list[Instrument] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    residue: list[Residue] = field(default_factory=list)
    summaries: list[FileSummary] = field(default_factory=list)
