"""Pass: build the instrument registry from every citation and link citations to instrument texts in the corpus."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from citations.doc_numbers import normalize_doc_number, parse_doc_number
from citations.find import find_citations
from citations.registry import CELL_SHIFT, InstrumentRegistry, RecordKind, cell_place
from schema.corpus import Corpus
from schema.records import ArticleRef, Citation, Diagnostic, Document, Instrument, Power, assign
from text.titles import title_key

RENUMBERING_EVENT = re.compile(r"通过|公布|发布|修订")
YEAR = re.compile(r"(\d{4})")


class CitingCell(NamedTuple):
    """One cell of citations and the record that holds it (a tuple: a corpus has one per cell, 440,000 at 100,000
    powers, and a frozen dataclass costs a Python-level __init__ each)."""

    citations: list[Citation]
    record_id: str
    record_kind: RecordKind
    field: str
    file: str
    line: int | None


# Reads the citations of a cell of running text (text, file, line): find_citations, or a store of its earlier results.
CellReader = Callable[[str, str, int | None], tuple[list[Citation], list[Diagnostic]]]


def find_in_cell(text: str, file: str, line: int | None) -> tuple[list[Citation], list[Diagnostic]]:
    return find_citations(text, file=file, line=line)  # type: ignore[arg-type]


def power_cells(power: Power, find: CellReader = find_in_cell) -> tuple[list[CitingCell], list[Diagnostic]]:
    """The basis and accountability cells, then citations found in duty texts and notes (kept only in the registry),
    and what reading those texts reported."""
    file, line, ident = power.source.file, power.source.line, power.id
    cells = [
        CitingCell(power.basis, ident, "power", "basis", file, line),
        CitingCell(power.accountability.basis, ident, "power", "accountability", file, line),
        CitingCell(power.duty_basis, ident, "power", "duty_basis", file, line),
    ]
    reported: list[Diagnostic] = []
    for field, text in (("duties", "\n".join([duty.text for duty in power.duties])), ("notes", power.notes or "")):
        if "《" in text or "》" in text:
            found, problems = find(text, file, line)
            reported += problems
            cells.append(CitingCell(found, ident, "power", field, file, line))
    return cells, reported


def document_cells(document: Document) -> list[CitingCell]:
    return [CitingCell(document.citations, document.id, "document", "citations", document.source.file, document.source.line)]


class SourceCells(NamedTuple):
    """One source's citing cells, its powers' and its documents', and what reading its running text reported."""

    powers: list[CitingCell]
    documents: list[CitingCell]
    diagnostics: list[Diagnostic]


def source_cells(powers: list[Power], documents: list[Document], find: CellReader = find_in_cell) -> SourceCells:
    """The citing cells of one source's records."""
    cells, diagnostics = [], []
    for power in powers:
        found, reported = power_cells(power, find)
        cells += found
        diagnostics += reported
    return SourceCells(cells, [cell for document in documents for cell in document_cells(document)], diagnostics)


def corpus_cells(corpus: Corpus, find: CellReader = find_in_cell) -> list[SourceCells]:
    """The citing cells of every source, in the summaries' order."""
    return [source_cells(powers, documents, find) for powers, documents in source_records(corpus)]


def source_records(corpus: Corpus) -> list[tuple[list[Power], list[Document]]]:
    """Each source's powers and documents, in the summaries' order (the corpus holds every source's powers, then every
    source's documents, each in source order)."""
    if sum(summary.powers for summary in corpus.summaries) != len(corpus.powers) or sum(
        summary.records - summary.powers for summary in corpus.summaries
    ) != len(corpus.documents):
        raise ValueError("the sources' record counts do not add up to the corpus")
    records, powers, documents = [], 0, 0
    for summary in corpus.summaries:
        count = summary.records - summary.powers
        records.append((corpus.powers[powers : powers + summary.powers], corpus.documents[documents : documents + count]))
        powers, documents = powers + summary.powers, documents + count
    return records


def resolve_citations(corpus: Corpus, find: CellReader = find_in_cell, keys: list[str] | None = None) -> InstrumentRegistry:
    """Fill corpus.instruments, Citation.instrument_id, and links (target_document, ArticleRef.anchor/link_status).
    `find`: how citations in running text are read (the build keeps them between builds). `keys`: each source's read
    key, in the summaries' order: a cell's place is then its source's key and its number there, and
    corpus.cited_by_digests holds each instrument's digest of its citations' places (without keys, the corpus need not
    say which source holds which records)."""
    sources = corpus_cells(corpus, find) if keys is not None else [source_cells(corpus.powers, corpus.documents, find)]
    return resolve_cells(corpus, sources, keys)


def resolve_cells(corpus: Corpus, sources: list[SourceCells], keys: list[str] | None = None) -> InstrumentRegistry:
    """resolve_citations over the cells of every source (`corpus_cells`): their diagnostics join the corpus', the
    registry made of them is returned."""
    for source in sources:
        corpus.diagnostics.extend(source.diagnostics)
    registry = InstrumentRegistry(keys)
    cells, places = _cells(sources, keys is not None)
    for cell, place in zip(cells, places, strict=True):
        registry.add_cell(cell.citations, record_id=cell.record_id, record_kind=cell.record_kind, file=cell.file, line=cell.line,
                          field=cell.field, place=place)
    corpus.instruments = registry.instruments()
    corpus.cited_by_digests = registry.cited_by_digests
    link_instruments(corpus, cells)
    return registry


def _cells(sources: list[SourceCells], placed: bool) -> tuple[list[CitingCell], list[int | None]]:
    """Every citing cell, the powers' then the documents', and with `placed` each one's place (citations.registry.cell_place:
    its source's index among the summaries and its number among that source's cells, its powers' first; else None)."""
    cells = [cell for source in sources for cell in source.powers] + [cell for source in sources for cell in source.documents]
    if not placed:
        return cells, [None] * len(cells)
    powers: list[int | None] = []
    documents: list[int | None] = []
    for index, source in enumerate(sources):
        count = len(source.powers) + len(source.documents)
        if count:
            cell_place(index, count - 1)  # the source's last cell still has a place
        start = cell_place(index, 0)
        places = [start + (number << CELL_SHIFT) for number in range(count)]
        powers += places[: len(source.powers)]
        documents += places[len(source.powers) :]
    return cells, powers + documents


def link_instruments(corpus: Corpus, cells: list[CitingCell]) -> None:
    """Point instruments whose text is in the corpus at that document, and every citation's articles at its anchors."""
    documents = DocumentIndex(corpus.documents)
    by_instrument = {instrument.id: documents.find(instrument) for instrument in corpus.instruments}
    for instrument in corpus.instruments:
        target = by_instrument[instrument.id]
        instrument.document_id = target.id if target else None
    by_file: dict[str, list[Citation]] = {}
    for cell in cells:
        by_file.setdefault(cell.file, []).extend(cell.citations)
    years = {file: latest_year(citations) for file, citations in by_file.items()}
    dates = {document.id: document.date for document in corpus.documents}
    texts = {ident: LinkedText(document) for ident, document in by_instrument.items() if document}
    for cell in cells:
        date = dates.get(cell.record_id)  # a document's date; a power has none
        written = (_year(date) if date else None) or years[cell.file]
        for citation in cell.citations:
            link_citation(citation, texts.get(citation.instrument_id or ""), written)


class LinkedText:
    """A corpus document as citations link to it: its numbering year and version, its articles by number (taken once
    per instrument whose text it is, not once per citation: a statute is cited by thousands of rows)."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.since, self.current = numbering_since(document), _year(document.version)
        self.articles: dict[tuple[int, int | None], str] = {}
        for article in document.articles:
            self.articles.setdefault((article.number, article.suffix), article.anchor)


class DocumentIndex:
    """Corpus documents by normalized doc number and by title key."""

    def __init__(self, documents: list[Document]) -> None:
        self.by_number: dict[str, Document] = {}
        self.by_key: dict[str, Document] = {}
        for document in documents:
            if document.doc_number:
                self.by_number.setdefault(normalize_doc_number(document.doc_number) or document.doc_number, document)
            for title in filter(None, [document.title, document.title_simplified]):
                self.by_key.setdefault(title_key(title), document)

    def find(self, instrument: Instrument) -> Document | None:
        """The document holding the instrument's text: doc number first, then any of its titles."""
        for number in instrument.doc_numbers:
            if number in self.by_number:
                return self.by_number[number]
        return next((self.by_key[key] for key in map(title_key, instrument.titles) if key in self.by_key), None)


def numbering_since(document: Document) -> int | None:
    """Year since which the document's article numbers hold: its last 通过/公布/修订 (a 修正 keeps the numbers)."""
    history = document.meta.get("history") or []
    events = [entry for entry in history if isinstance(entry, dict) and RENUMBERING_EVENT.search(str(entry.get("text", "")))]
    for entry in reversed(events):
        year = _year(str(entry.get("date") or entry.get("text")))
        if year:
            return year
    return _year(document.version)


def latest_year(citations: list[Citation]) -> int | None:
    """Latest year a set of citations names (doc numbers, orders, versions): the earliest its source can have been written."""
    named: dict[tuple[str | None, str | None], int | None] = {}  # a source cites the same few numbers and versions per row
    for citation in citations:
        pair = (citation.doc_number, citation.version)
        if pair not in named:
            named[pair] = _citation_year(*pair)
    return max((year for year in named.values() if year), default=None)


def _citation_year(doc_number: str | None, version: str | None) -> int | None:
    parsed = parse_doc_number(doc_number) if doc_number else None
    return parsed.year if parsed else _year(version)


def _year(text: str | None) -> int | None:
    match = YEAR.search(text or "")
    return int(match.group(1)) if match else None


def version_differs(citation: Citation, text: LinkedText, written: int | None) -> bool:
    """The citation names or implies a version whose article numbers are not the corpus text's."""
    since, current = text.since, text.current
    named = _year(citation.version)
    if named is not None:
        return (since is not None and named < since) or (current is not None and named > current)
    return since is not None and written is not None and written < since


def link_citation(citation: Citation, text: LinkedText | None, written: int | None) -> None:
    """Set target_document and each formal ArticleRef's anchor and link_status."""
    if text is None:  # most citations at a province's scale: their instrument's text is not in the corpus
        assign(citation, target_document=None)
        for ref in citation.article_refs:
            assign(ref, anchor=None, link_status="not_in_corpus")
        return
    assign(citation, target_document=text.document.id)
    differs = version_differs(citation, text, written)
    for ref in citation.article_refs:
        link_article(ref, text, differs=differs)


def link_article(ref: ArticleRef, text: LinkedText | None, *, differs: bool) -> None:
    anchor, status = None, None
    if text is None:
        status = "not_in_corpus"
    elif ref.informal or ref.article is None:
        status = None
    elif differs:
        status = "version_differs"
    elif (ref.article, ref.article_suffix) in text.articles:
        anchor, status = text.articles[(ref.article, ref.article_suffix)], "linked"
    else:
        status = "missing_article"
    assign(ref, anchor=anchor, link_status=status)
