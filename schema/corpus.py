"""The in-memory knowledge base that passes enrich and writers emit, and the one table of its record types."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from schema.records import Diagnostic, Document, Instrument, Power, Record, Residue


@dataclass(frozen=True)
class RecordType:
    """One kind of record: its model, its JSON Schema name (schema/<name>.schema.json) and its collection
    (the Corpus field and the data file OUT/data/<collection>.jsonl)."""

    name: str
    collection: str
    model: type[Record]


RECORD_TYPES: tuple[RecordType, ...] = (
    RecordType("power", "powers", Power),
    RecordType("document", "documents", Document),
    RecordType("instrument", "instruments", Instrument),
    RecordType("diagnostic", "diagnostics", Diagnostic),
    RecordType("residue", "residue", Residue),
)


@dataclass
class FileSummary:
    """One line of the build summary: how a source was read."""

    file: str
    kind: str
    records: int
    warnings: int
    errors: int
    cached: bool = False
    powers: int = 0  # of its records, the powers (they come first in the corpus' powers, in source order)

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
    # instrument id → digest of where its citations are (passes/resolve.py), for writers that keep unchanged lines
    cited_by_digests: dict[str, bytes] = field(default_factory=dict)

    def collections(self) -> dict[str, Sequence[Record]]:
        """Every record collection by name, in RECORD_TYPES order (the data files of OUT/data)."""
        return {kind.collection: getattr(self, kind.collection) for kind in RECORD_TYPES}


def load_corpus(data_dir: Path, collections: Sequence[str] = ("powers", "documents", "instruments", "diagnostics", "residue")) -> Corpus:
    """The records of `data_dir`/*.jsonl (a build's OUT/data) back as a corpus; missing files give empty collections."""
    corpus = Corpus()
    for kind in RECORD_TYPES:
        path = data_dir / f"{kind.collection}.jsonl"
        if kind.collection in collections and path.exists():
            with path.open(encoding="utf-8") as stream:
                getattr(corpus, kind.collection).extend(kind.model.model_validate_json(line) for line in stream if line.strip())
    return corpus
