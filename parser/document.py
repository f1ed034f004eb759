"""The document skeleton every document reader shares: stable id, title (with its one fallback and warning), citations
in running text, the container's fields and tables, and the manifest's overrides last."""

from __future__ import annotations

import hashlib
from typing import Any

from citations.find import find_citations
from parser.boilerplate import Line
from parser.page import Page, table_grid
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


def document_title(page: Page, title: str | None, line: int) -> tuple[str, list[Diagnostic]]:
    """The title the text gives, else the file name, with a warning unless the manifest names the title."""
    if title:
        return title, []
    if page.meta.get("title"):
        return page.source.path.stem, []
    message = "no title line; using the file name (set one in sources.yml)"
    return page.source.path.stem, [Diagnostic(level="warning", code="no-title", message=message, file=page.name, line=line)]


def page_tables(page: Page) -> list[dict[str, Any]]:
    """The page's tables as rows of cell texts (spans resolved): kept in the record, never read as running text."""
    return [{"line": block.line, "rows": table_grid(block)} for block in page.blocks if block.kind == "table"]


def make_document(page: Page, *, kind: str, title: str, line: int, id_key: str | None = None, **fields: Any) -> Document:
    """A Document of `page`: id from the file name (or `id_key`), simplified title, script, the container's fields
    where the text says nothing, its tables, then the manifest's overrides."""
    for name, value in page.fields.items():
        if name in META_FIELDS and not fields.get(name):
            fields[name] = value
    if tables := page_tables(page):
        fields["meta"] = {**fields.get("meta", {}), "tables": tables}
    document = Document(
        id=document_id(id_key or page.name),
        kind=kind,
        title=title,
        title_simplified=to_simplified(title),
        script=detect_script(page.text),
        source=SourceRef(file=page.name, line=line),
        **fields,
    )
    return apply_overrides(document, page.meta)
