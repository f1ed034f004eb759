"""Reverse citation index for the pages: the registry's cited-by (Instrument.cited_by, the one count) grouped by article,
each row linking back to the citing record's page; for documents, the citations linked to their text."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache

from citations.articles import parse_article_refs
from schema.corpus import Corpus
from schema.records import Citation, CitedBy, Instrument
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


@lru_cache(maxsize=1 << 16)
def _article_labels(articles: tuple[str, ...]) -> tuple[str, ...]:
    """The articles a citation names, each once (第二十一、二十三条 → 第二十一条, 第二十三条). Cached: the same few
    article lists (第十条, 第三十二条第一款) recur across most of a city's citations."""
    refs = Citation(text="", articles=list(articles), article_refs=[ref for text in articles for ref in parse_article_refs(text)])
    return tuple(label for _, label in labelled_refs(refs)) or articles or (WHOLE_INSTRUMENT,)


def _rows(cited: CitedBy, sitemap: SiteMap, labels: dict[tuple[str, str, str], str]) -> Iterator[CitingRecord]:
    found = _citing(cited, sitemap, labels)
    if found is None:
        return
    page, label = found
    for article in _article_labels(tuple(cited.articles)):
        yield CitingRecord(page, label, article, cited.provision, FIELD_ROLES.get(cited.field or "", "引用"))


def _citing(cited: CitedBy, sitemap: SiteMap, labels: dict[tuple[str, str, str], str]) -> tuple[str, str] | None:
    """The citing record's page and the name its rows give it; None when it has no page."""
    page = sitemap.pages.citing(cited.record_kind, cited.record_id, cited.file)
    if page is None:
        return None
    return page.path, labels.get((cited.record_kind, cited.record_id, cited.file), page.title)


Groups = dict[str, list[CitingRecord]]  # article → citing records


class _Lazy(Mapping[str, Groups]):
    """Groups by record id, made when first asked for: a rebuild renders only a few instruments' pages."""

    def __init__(self, ids: Iterable[str], make: Callable[[str], Groups]) -> None:
        self._ids, self._make, self._made = set(ids), make, dict[str, Groups]()

    def __getitem__(self, record_id: str) -> Groups:
        if record_id not in self._ids:
            raise KeyError(record_id)
        if record_id not in self._made:
            self._made[record_id] = self._make(record_id)
        return self._made[record_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


class CitedByIndex:
    """instrument id → article → citing records; document id → the same (its instruments' cited-by together)."""

    def __init__(self, corpus: Corpus, sitemap: SiteMap) -> None:
        self.sitemap, self.labels = sitemap, _labels(corpus)
        self._lines: dict[tuple[str, str, str | None], str] = {}  # citing record → its page and name (citing)
        self._instruments = {instrument.id: instrument for instrument in corpus.instruments}
        self._of_document: dict[str, list[str]] = defaultdict(list)
        for instrument in corpus.instruments:
            if instrument.document_id:
                self._of_document[instrument.document_id].append(instrument.id)
        self.instruments: Mapping[str, Groups] = _Lazy(self._instruments, self._instrument_groups)
        self.documents: Mapping[str, Groups] = _Lazy(self._of_document, self._document_groups)

    @classmethod
    def of(cls, corpus: Corpus, sitemap: SiteMap) -> CitedByIndex:
        """Every instrument's cited-by as the registry holds it; a document's is its instrument's."""
        return cls(corpus, sitemap)

    def _instrument_groups(self, instrument_id: str) -> Groups:
        groups: Groups = defaultdict(list)
        for cited in self._instruments[instrument_id].cited_by:
            for record in _rows(cited, self.sitemap, self.labels):
                groups[record.article].append(record)
        return groups

    def _document_groups(self, document_id: str) -> Groups:
        groups: Groups = defaultdict(list)
        for instrument_id in self._of_document[document_id]:
            for article, records in self.instruments[instrument_id].items():
                groups[article].extend(records)
        return groups

    def texts_of(self, document_id: str) -> list[Instrument]:
        """The instruments whose text the document is."""
        return [self._instruments[identifier] for identifier in self._of_document.get(document_id, [])]

    def citing(self, instrument: Instrument) -> Iterator[str]:
        """What the instrument's rows take from the citing records, beside its own cited-by: each one's page and name
        (made once per citing record: a power cites several instruments, a statute is cited by thousands)."""
        lines, sitemap, labels = self._lines, self.sitemap, self.labels
        for cited in instrument.cited_by:
            record = (cited.record_kind, cited.record_id, cited.file)
            line = lines.get(record)
            if line is None:
                found = _citing(cited, sitemap, labels)
                line = lines[record] = "" if found is None else f"{found[0]}\t{found[1]}"
            yield line
