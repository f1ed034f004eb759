"""What the resolve pass reads of one source (its signature) and what it writes into the records (its outcome), for a
build that keeps them: when every source's signature is the one of the last build, in the same order, the pass would
write what it wrote then (passes/resolve.py reads nothing else), so its outcome can be put back instead."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from functools import cache
from typing import Any, NamedTuple

from pydantic import BaseModel

from passes.resolve import SourceCells
from schema.corpus import Corpus
from schema.records import Citation


def source_signature(cells: SourceCells, key: str) -> bytes:
    """A digest of all the pass reads of a source: each of its powers' cells whole (record, field, file, line and
    every value of every citation, found ones included). A source with documents is named by its read key instead:
    a document gives the link step its titles, numbers, dates, history and articles besides its citations, so any
    edit of it runs the pass."""
    if cells.documents:
        return b"read " + key.encode("ascii")
    walked = [
        (cell.record_id, cell.record_kind, cell.field, cell.file, cell.line, [_plain(citation) for citation in cell.citations])
        for cell in cells.powers
    ]
    return hashlib.sha1(repr(walked).encode("utf-8")).digest()  # marshal and pickle write shared objects as references


@cache
def _nested(model: type[BaseModel]) -> tuple[int, ...]:
    """The positions of a record type's fields that may hold records (a record, or a list of them)."""
    return tuple(index for index, info in enumerate(model.model_fields.values()) if _holds_records(info.annotation))


def _holds_records(annotation: Any) -> bool:
    arguments = (annotation, *getattr(annotation, "__args__", ()))
    return any(isinstance(argument, type) and issubclass(argument, BaseModel) for argument in arguments)


def _plain(record: BaseModel) -> list[Any]:
    """Every value of a record, records in it turned into their values too (plain values, whose repr is their
    content)."""
    values = list(record.__dict__.values())
    for index in _nested(type(record)):
        value = values[index]
        values[index] = [_plain(item) for item in value] if isinstance(value, list) else value and _plain(value)
    return values


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
