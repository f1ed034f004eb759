"""Stage 1: run the right reader over every source file."""

from __future__ import annotations

from pathlib import Path

from parser.registry import choose_reader, load_source
from parser.source import ReadResult
from pipeline.corpus import Corpus, FileSummary
from pipeline.manifest import MANIFEST_NAME, load_manifest
from schema.records import Diagnostic

SKIPPED_NAMES = {MANIFEST_NAME, "README.md"}


def source_files(sources: Path) -> list[Path]:
    """Every source file below `sources`, in a stable order."""
    return sorted(
        path
        for path in sources.rglob("*")
        if path.is_file() and path.name not in SKIPPED_NAMES and not path.name.startswith(".")
    )


def read_file(path: Path, sources: Path, override: dict) -> ReadResult:
    """Read one file; any failure becomes a diagnostic, never an abort."""
    source, diagnostics = load_source(path, sources, override)
    if not source.data.strip():
        return ReadResult(kind="empty", diagnostics=[*diagnostics, Diagnostic(level="error", code="empty-file", message="the file is empty", file=source.name)])
    reader = choose_reader(source, override.get("kind"))
    if reader is None:
        return ReadResult(kind="unknown", diagnostics=[*diagnostics, Diagnostic(level="error", code="unknown-kind", message="no reader recognises this source", file=source.name, line=1, text=(source.text or "")[:80])])
    result = reader.read(source)
    result.diagnostics[:0] = diagnostics
    return result


def read_sources(sources: Path) -> Corpus:
    corpus = Corpus()
    manifest = load_manifest(sources)
    for path in source_files(sources):
        name = path.relative_to(sources).as_posix()
        result = read_file(path, sources, manifest.get(name, {}))
        corpus.powers.extend(result.powers)
        corpus.documents.extend(result.documents)
        corpus.diagnostics.extend(result.diagnostics)
        corpus.residue.extend(result.residue)
        corpus.summaries.append(
            FileSummary(
                file=name,
                kind=result.kind,
                records=len(result.powers) + len(result.documents),
                warnings=sum(d.level == "warning" for d in result.diagnostics),
                errors=sum(d.level == "error" for d in result.diagnostics),
            )
        )
    return corpus
