"""What every document reader shares: stable ids, citations in running text, and the Document with manifest overrides."""

from __future__ import annotations

import hashlib
from typing import Any

from citations.find import find_citations
from parser.boilerplate import Line
from parser.source import RawSource
from schema.records import Citation, Diagnostic, Document, SourceRef
from text.script import detect_script, to_simplified

META_FIELDS = ("issuer", "date", "doc_number", "version", "url")


def document_id(key: str) -> str:
    """Stable ASCII id: 'doc-' and 10 hex digits of the SHA-1 of `key` (file name, or title + version)."""
    return "doc-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


def scan_citations(lines: list[Line], file: str) -> tuple[list[Citation], list[Diagnostic]]:
    """Citations found in running text, line by line."""
    citations: list[Citation] = []
    diagnostics: list[Diagnostic] = []
    for line in lines:
        found, problems = find_citations(line.text, file=file, line=line.number)
        citations.extend(found)
        diagnostics.extend(problems)
    return citations, diagnostics


def apply_overrides(document: Document, meta: dict[str, object]) -> Document:
    """Manifest entry fields (title, issuer, date, doc number, version, url) win over what the text says."""
    updates: dict[str, Any] = {name: str(meta[name]) for name in ("title", *META_FIELDS) if meta.get(name) is not None}
    if "title" in updates:
        updates["title_simplified"] = to_simplified(updates["title"])
    if meta.get("origin"):
        updates["meta"] = {**document.meta, "origin": meta["origin"]}
    return document.model_copy(update=updates)


def make_document(source: RawSource, *, kind: str, title: str, line: int, id_key: str | None = None, **fields: Any) -> Document:
    """A Document of `source`: id from the file name (or `id_key`), simplified title, script, then the manifest's overrides."""
    document = Document(
        id=document_id(id_key or source.name),
        kind=kind,
        title=title,
        title_simplified=to_simplified(title),
        script=detect_script(source.text or ""),
        source=SourceRef(file=source.name, line=line),
        **fields,
    )
    return apply_overrides(document, source.meta)
