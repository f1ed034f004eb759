"""What the resolve pass reads of one source (its signature) and what it writes into the records (its outcome), for a
build that keeps them: when every source's signature is the one of the last build, in the same order, the pass would
write what it wrote then (passes/resolve.py reads nothing else), so its outcome can be put back instead."""

from __future__ import annotations

import hashlib
import marshal
from collections.abc import Iterator
from typing import Any, NamedTuple

from citations.registry import registered
from passes.resolve import SourceCells
from schema.corpus import Corpus
from schema.records import Citation


def source_signature(cells: SourceCells, key: str) -> bytes:
    """A digest of all the pass reads of a source: each of its powers' cells whole (record, field, file, line and
    every value of every citation, found ones included, but those the pass writes over), the same before and after
    the pass. A source with documents is named by its read key instead: a document gives the link step its titles,
    numbers, dates, history and articles besides its citations, so any edit of it runs the pass."""
    if cells.documents:
        return b"read " + key.encode("ascii")
    walked = [
        (cell.record_id, cell.record_kind, cell.field, cell.file, cell.line, [_read_values(citation) for citation in cell.citations])
        for cell in cells.powers
    ]
    return hashlib.sha1(marshal.dumps(walked, 2)).digest()  # version 2: from 3 on, shared objects are written as references


ARTICLE_WRITTEN = {"anchor": None, "link_status": None}


def _read_values(citation: Citation) -> dict[str, Any]:
    """A citation's values but those the pass writes over: its target document and its article references' anchors
    and link statuses (the link step writes them for every citation), its instrument id when the registry takes it
    (marshal fails on any value it cannot write, such as a record in a field added later)."""
    written: dict[str, Any] = {"target_document": None, "article_refs": [ref.__dict__ | ARTICLE_WRITTEN for ref in citation.article_refs]}
    if registered(citation):
        written["instrument_id"] = None
    return citation.__dict__ | written


class Outcome(NamedTuple):
    """What the pass wrote into the records' citations, in `record_citations` order: each one's instrument id and
    target document, and each of their article references' anchor and link status, one after the other."""

    citations: list[tuple[str | None, str | None]]
    articles: list[tuple[str | None, str | None]]


CITATION_FIELDS, ARTICLE_FIELDS = ("instrument_id", "target_document"), ("anchor", "link_status")


def record_citations(corpus: Corpus) -> Iterator[Citation]:
    """The citations the records hold, the powers' then the documents' (those found in running text are not kept)."""
    for power in corpus.powers:
        yield from power.basis
        yield from power.accountability.basis
        yield from power.duty_basis
    for document in corpus.documents:
        yield from document.citations


def take_outcome(corpus: Corpus) -> Outcome:
    outcome = Outcome([], [])
    for citation in record_citations(corpus):
        outcome.citations.append((citation.instrument_id, citation.target_document))
        outcome.articles.extend([(ref.anchor, ref.link_status) for ref in citation.article_refs])
    return outcome


def put_outcome(corpus: Corpus, outcome: Outcome) -> None:
    """Write `outcome` into the corpus' citations (of sources that read as those it was taken of), as `assign` does
    (the value and the name in the fields set), written out: this is the whole work of a rebuild that keeps the
    pass's outcome, over a million values at 100,000 powers."""
    articles = iter(outcome.articles)
    for citation, (instrument, target) in zip(record_citations(corpus), outcome.citations, strict=True):
        values = citation.__dict__
        values["instrument_id"], values["target_document"] = instrument, target
        citation.__pydantic_fields_set__.update(CITATION_FIELDS)
        for ref in values["article_refs"]:
            ref.__dict__["anchor"], ref.__dict__["link_status"] = next(articles)
            ref.__pydantic_fields_set__.update(ARTICLE_FIELDS)
    if next(articles, None) is not None:
        raise ValueError("the outcome has more article references than the corpus")
