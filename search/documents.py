"""Typed records → index documents: one per power, per article (regulations, statutes), per section, per instrument."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache, partial

from citations.articles import parse_article_refs
from citations.doc_numbers import normalize_doc_number
from execution.forked import forked_map, workers_for
from passes.pages import RecordPage, RecordPages, record_pages
from schema.corpus import Corpus
from schema.records import Citation, Document, Instrument, Power, Section
from search.analysis import normalize
from search.digests import DigestMemo, InstrumentNames, input_key
from search.engine import KnownDocument
from text.titles import title_key

IndexDocument = dict[str, str]
ARTICLED_KINDS = {"regulation", "statute"}
PARALLEL_FROM = 2_000  # power documents to make; fewer are made here (forking costs more than it saves)
MADE_CHUNK = 512  # power documents a forked worker makes at a time


@lru_cache(maxsize=65_536)
def doc_number_key(text: str) -> str:
    """A document number as a citation key (〔〕 and 号), or the text itself when it does not parse."""
    return normalize_doc_number(text) or text.strip()


def with_digest(document: IndexDocument) -> IndexDocument:
    """The document plus a content hash, so an unchanged record is not re-indexed."""
    payload = json.dumps(document, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return {**document, "digest": hashlib.sha1(payload).hexdigest()}


def _join(values: Iterable[str | None]) -> str:
    return "\n".join(value for value in values if value)


def _keys(values: Iterable[str]) -> str:
    return ",".join(dict.fromkeys(value.replace(",", "，") for value in values if value))


def unit_key(text: str) -> str:
    """A level or unit name as a filter key: normalized script and width, without spaces."""
    return "".join(normalize(text).split())


def _units(*texts: str | None) -> str:
    """The filter keys of one-per-line cells (a block lists a level or unit per row), each also split at 、."""
    names = [name for text in texts if text for line in text.split("\n") for name in (line, *line.split("、"))]
    return _keys(unit_key(name) for name in names)


def _article_numbers(citation: Citation) -> list[int]:
    refs = citation.article_refs or [ref for text in citation.articles for ref in parse_article_refs(text)]
    return [ref.article for ref in refs if ref.article is not None]


class CitationKeys:
    """Keys of the instruments cited by a record: ids, titles, doc numbers and instrument#article."""

    def __init__(self, instruments: dict[str, Instrument]) -> None:
        self.instruments = instruments

    def names(self, citation: Citation) -> list[str]:
        """Every name the cited instrument goes by: its id, its titles as keys."""
        instrument = self.instruments.get(citation.instrument_id or "")
        titles = [citation.title or "", *(([instrument.title, *instrument.titles]) if instrument else [])]
        return [citation.instrument_id or "", *(title_key(title) for title in titles if title)]

    def doc_numbers(self, citation: Citation) -> list[str]:
        instrument = self.instruments.get(citation.instrument_id or "")
        numbers = [citation.doc_number or "", *((instrument.doc_numbers or [instrument.doc_number or ""]) if instrument else [])]
        return [doc_number_key(number) for number in numbers if number]

    def fields(self, citations: list[Citation]) -> IndexDocument:
        names = [name for citation in citations for name in self.names(citation)]
        numbers = [number for citation in citations for number in self.doc_numbers(citation)]
        articles = [
            f"{name}#{number}" for citation in citations for number in _article_numbers(citation) for name in self.names(citation) if name
        ]
        return {"cites": _keys(names + numbers), "doc_numbers": _keys(numbers), "articles": _keys(articles)}


def power_document(power: Power, keys: CitationKeys, page: RecordPage) -> IndexDocument:
    citations = power.basis + power.accountability.basis + power.duty_basis
    accountability = power.accountability
    body = _join(
        [
            power.basis_text or _join(citation.text for citation in power.basis),
            _join(f"{duty.label or ''} {duty.text}" for duty in power.duties),
            accountability.text,
            power.notes,
            _join(power.extra.values()),
            *(power.code, power.level, power.scope, power.executing_body, power.office, power.department_duty),
            power.duty_basis_text or _join(citation.text for citation in power.duty_basis),
            accountability.circumstances_text,
            accountability.targets_text,
            *(power.remedy, power.time_limit, power.fees),
        ]
    )
    return {
        "id": power_id_of(page),
        "kind": "power",
        "title": page.title,
        "body": body,
        "department": power.department or "",
        "category": normalize(power.category or ""),
        **keys.fields(citations),
        "levels": _units(power.level),
        "offices": _units(power.office, power.executing_body),
        "source": f"{power.source.file}:{power.source.line}",
        "url": page.url,
        "context": _join([power.department, power.category, power.table]),
    }


def _document_base(document: Document) -> IndexDocument:
    return {"department": document.issuer or "", "category": normalize(document.kind), "context": document.title}


def document_entry(document: Document, keys: CitationKeys, url: str) -> IndexDocument:
    """The document as a whole: title, preamble, issuer, number and what it cites."""
    fields = keys.fields(document.citations)
    own_number = doc_number_key(document.doc_number) if document.doc_number else ""
    return {
        **_document_base(document),
        "id": document.id,
        "kind": "document",
        "title": document.title,
        "body": _join([document.preamble, document.issuer, document.doc_number, document.date]),
        **fields,
        "doc_numbers": _keys([own_number, *fields["doc_numbers"].split(",")]),
        "article_key": _keys([title_key(document.title)]),
        "source": f"{document.source.file}:{document.source.line}",
        "url": url,
    }


def article_entries(document: Document, url: str) -> Iterator[IndexDocument]:
    names = [title_key(document.title), document.id]
    for article in document.articles:
        yield {
            **_document_base(document),
            "id": f"{document.id}#{article.anchor}",
            "kind": "article",
            "title": f"{document.title} {article.label}",
            "body": article.text,
            "article_key": _keys(f"{name}#{article.number}" for name in names),
            "source": f"{document.source.file}:{article.line or document.source.line}",
            "url": f"{url}#{article.anchor}",
            "context": _join([document.title, article.chapter, article.section]),
        }


def _flatten(sections: list[Section], trail: tuple[str, ...] = ()) -> Iterator[tuple[Section, tuple[str, ...]]]:
    for section in sections:
        heading = " ".join(part for part in (section.label, section.title) if part)
        yield section, trail
        yield from _flatten(section.children, (*trail, heading) if heading else trail)


def section_entries(document: Document, url: str) -> Iterator[IndexDocument]:
    for number, (section, trail) in enumerate(_flatten(document.body)):
        heading = " ".join(part for part in (section.label, section.title) if part)
        if not (section.text or heading):
            continue
        anchor = section.anchor or ""
        yield {
            **_document_base(document),
            "id": f"{document.id}#{anchor or number}",
            "kind": "section",
            "title": heading or document.title,
            "body": section.text or "",
            "source": f"{document.source.file}:{section.line or document.source.line}",
            "url": url + (f"#{anchor}" if anchor else ""),
            "context": _join([document.title, *trail]),
        }


def instrument_entry(instrument: Instrument, url: str) -> IndexDocument:
    numbers = [doc_number_key(number) for number in (instrument.doc_numbers or [instrument.doc_number or ""]) if number]
    return {
        "id": instrument.id,
        "kind": "instrument",
        "title": instrument.title,
        "body": _join([*instrument.titles, *numbers, instrument.issuer, instrument.kind]),
        "category": normalize(instrument.kind or ""),
        "doc_numbers": _keys(numbers),
        "url": url,
        "context": _join([instrument.issuer, str(instrument.year or "")]),
    }


def index_documents(corpus: Corpus, pages: RecordPages | None = None) -> Iterator[IndexDocument]:
    """Every index document of the corpus, each with its content digest; URLs and titles from `pages` (the site's)."""
    pages = pages or record_pages(corpus)
    keys = CitationKeys({instrument.id: instrument for instrument in corpus.instruments})
    for power in corpus.powers:
        yield _made(power, keys, pages.power(power))
    yield from _text_documents(corpus, pages, keys)


def _made(power: Power, keys: CitationKeys, page: RecordPage) -> IndexDocument:
    return with_digest(power_document(power, keys, page))


def index_entries(corpus: Corpus, pages: RecordPages, prints: list[bytes], memo: DigestMemo) -> Iterator[IndexDocument | KnownDocument]:
    """`index_documents`, but a power whose document's inputs the last build saw (`prints`: the powers' record
    fingerprints, in corpus order; `memo`: the digests by input key) comes as a KnownDocument, made only if needed.
    The others are made at once, in forked workers when they are many (a full build makes every one)."""
    keys = CitationKeys({instrument.id: instrument for instrument in corpus.instruments})
    names = InstrumentNames(corpus.instruments)
    placed = [(power, pages.power(power)) for power in corpus.powers]
    inputs = [input_key(record, page, power, names) for (power, page), record in zip(placed, prints, strict=True)]
    made = iter(_made_all(keys, [entry for entry, key in zip(placed, inputs, strict=True) if memo.get(key) is None]))
    for (power, page), key in zip(placed, inputs, strict=True):
        digest = memo.get(key)
        if digest is None:
            document = next(made)
            memo.keep(key, document["digest"])
            yield document
        else:
            memo.keep(key, digest)
            yield KnownDocument(power_id_of(page), digest, partial(_made, power, keys, page))
    yield from _text_documents(corpus, pages, keys)


def _made_all(keys: CitationKeys, placed: list[tuple[Power, RecordPage]]) -> Iterator[IndexDocument]:
    """The index documents of these powers on their pages, in order; made in forked workers when they are many."""
    count = workers_for(len(placed), PARALLEL_FROM)
    if not count:
        yield from (_made(power, keys, page) for power, page in placed)
        return

    def made(chunk: Sequence[tuple[Power, RecordPage]]) -> list[IndexDocument]:
        return [_made(power, keys, page) for power, page in chunk]

    for chunk in forked_map(made, placed, MADE_CHUNK, count):
        yield from chunk


def power_id_of(page: RecordPage) -> str:
    """A power's index document id: its page's name."""
    return page.path.removeprefix("powers/").removesuffix(".md")


def _text_documents(corpus: Corpus, pages: RecordPages, keys: CitationKeys) -> Iterator[IndexDocument]:
    """The index documents of the corpus' documents (whole, by article or section) and instruments."""
    for document in corpus.documents:
        url = pages.documents[document.id].url
        yield with_digest(document_entry(document, keys, url))
        articled = document.kind in ARTICLED_KINDS and document.articles
        parts = article_entries(document, url) if articled else section_entries(document, url)
        yield from (with_digest(part) for part in parts)
    for instrument in corpus.instruments:
        yield with_digest(instrument_entry(instrument, pages.instruments[instrument.id].url))
