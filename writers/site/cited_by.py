"""Reverse citation index for the pages: the registry's cited-by (Instrument.cited_by, the one count) grouped by article,
each row linking back to the citing record's page; for documents, the citations linked to their text."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from citations.articles import parse_article_refs
from schema.corpus import Corpus
from schema.records import Citation, CitedBy
from writers.site.article_label import labelled_refs
from writers.site.sitemap import SiteMap

WHOLE_INSTRUMENT = "（未指明条款）"
FIELD_ROLES = {
    "basis": "依据",
    "accountability": "问责依据",
    "duty_basis": "责任事项依据",
    "duties": "责任事项",
    "notes": "备注",
    "citations": "引用",
}


@dataclass(frozen=True)
class CitingRecord:
    """One citation seen from the cited side."""

    page: str
    label: str
    article: str
    provision: str | None
    role: str


def _labels(corpus: Corpus) -> dict[tuple[str, str, str], str]:
    """How a citing record is named in a cited-by row, by (kind, id, file)."""
    labels = {("power", power.id, power.source.file): f"{power.department or ''} {power.name}".strip() for power in corpus.powers}
    labels.update({("document", document.id, document.source.file): document.title for document in corpus.documents})
    return labels


def _article_labels(articles: list[str]) -> tuple[str, ...]:
    """The articles a citation names, each once (第二十一、二十三条 → 第二十一条, 第二十三条)."""
    return _labels_of(tuple(articles))


@lru_cache(maxsize=1 << 16)
def _labels_of(articles: tuple[str, ...]) -> tuple[str, ...]:
    """Cached: the same few article lists (第十条, 第三十二条第一款) recur across most of a city's citations."""
    refs = Citation(text="", articles=list(articles), article_refs=[ref for text in articles for ref in parse_article_refs(text)])
    return tuple(label for _, label in labelled_refs(refs)) or articles or (WHOLE_INSTRUMENT,)


def _rows(cited: CitedBy, sitemap: SiteMap, labels: dict[tuple[str, str, str], str]) -> Iterator[CitingRecord]:
    page = sitemap.pages.citing(cited.record_kind, cited.record_id, cited.file)
    if page is None:
        return
    label = labels.get((cited.record_kind, cited.record_id, cited.file), page.title)
    for article in _article_labels(cited.articles):
        yield CitingRecord(page.path, label, article, cited.provision, FIELD_ROLES.get(cited.field or "", "引用"))


@dataclass
class CitedByIndex:
    """instrument id → article → citing records; document id → the same."""

    instruments: dict[str, dict[str, list[CitingRecord]]]
    documents: dict[str, dict[str, list[CitingRecord]]]

    @classmethod
    def of(cls, corpus: Corpus, sitemap: SiteMap) -> CitedByIndex:
        """Every instrument's cited-by as the registry holds it; a document's is its instrument's."""
        labels = _labels(corpus)
        instruments: dict[str, dict[str, list[CitingRecord]]] = {}
        documents: dict[str, dict[str, list[CitingRecord]]] = defaultdict(lambda: defaultdict(list))
        for instrument in corpus.instruments:
            groups: dict[str, list[CitingRecord]] = defaultdict(list)
            for cited in instrument.cited_by:
                for record in _rows(cited, sitemap, labels):
                    groups[record.article].append(record)
            instruments[instrument.id] = groups
            if instrument.document_id:
                for article, records in groups.items():
                    documents[instrument.document_id][article].extend(records)
        return cls(instruments, documents)
