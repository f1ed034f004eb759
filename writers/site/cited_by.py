"""Reverse citation index: for each instrument and document, who cites it, at which article, with what provision."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from schema.corpus import Corpus
from schema.records import Citation
from writers.site.article_label import labelled_refs

WHOLE_INSTRUMENT = "（未指明条款）"


@dataclass(frozen=True)
class CitingRecord:
    """One citation seen from the cited side."""

    page: str
    label: str
    article: str
    provision: str | None
    role: str


def _citations(corpus: Corpus, pages: dict[str, dict[str, str]]) -> Iterator[tuple[Citation, str, str, str]]:
    """(citation, citing page, citing label, role) for every citation in powers and documents."""
    for power in corpus.powers:
        label = f"{power.department or ''} {power.name}".strip()
        for citation in power.basis:
            yield citation, pages["powers"][power.id], label, "依据"
        for citation in power.accountability.basis:
            yield citation, pages["powers"][power.id], label, "问责依据"
        for citation in power.duty_basis:
            yield citation, pages["powers"][power.id], label, "责任事项依据"
    for document in corpus.documents:
        for citation in document.citations:
            yield citation, pages["documents"][document.id], document.title, "引用"


def _articles(citation: Citation) -> list[str]:
    return [label for _, label in labelled_refs(citation)] or list(citation.articles) or [WHOLE_INSTRUMENT]


@dataclass
class CitedByIndex:
    """instrument id → article → citing records; document id → the same."""

    instruments: dict[str, dict[str, list[CitingRecord]]]
    documents: dict[str, dict[str, list[CitingRecord]]]

    @classmethod
    def of(cls, corpus: Corpus, pages: dict[str, dict[str, str]]) -> CitedByIndex:
        instruments: dict[str, dict[str, list[CitingRecord]]] = defaultdict(lambda: defaultdict(list))
        documents: dict[str, dict[str, list[CitingRecord]]] = defaultdict(lambda: defaultdict(list))
        for citation, page, label, role in _citations(corpus, pages):
            for article in _articles(citation):
                record = CitingRecord(page, label, article, citation.provision, role)
                if citation.instrument_id:
                    instruments[citation.instrument_id][article].append(record)
                if citation.target_document:
                    documents[citation.target_document][article].append(record)
        return cls(instruments, documents)
