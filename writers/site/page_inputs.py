"""What each record page is made from, as a cheap fingerprint: its record's line digest (writers.jsonl, made as the
data writer writes the line) and the link targets and names the page takes from other records.

A one-row edit changes one power's line; these fingerprints let the site writer render only the pages whose inputs
changed (the power's page, its department's, the instruments it cites when its name or page changed) instead of
every page of a province. Every value a page function reads from the site map or from other records must be in its
fingerprint here: what is missing would leave a stale page behind (tests/writers/site/test_incremental.py compares
incremental builds with clean ones)."""

from __future__ import annotations

from collections.abc import Iterable

from schema.corpus import Corpus
from schema.records import Citation, Document, Instrument, Power
from writers.jsonl import RecordDigests, record_digest
from writers.site.cited_by import CitedByIndex
from writers.site.sitemap import SiteMap, department_name, subitem_key


def corpus_digests(corpus: Corpus) -> RecordDigests:
    """The line digests of every record, made here (when the data writer did not just make them)."""
    return {
        name: [record_digest(record) for record in records]
        for name, records in corpus.collections().items()
    }


def _joined(parts: Iterable[bytes | str]) -> bytes:
    return b"\0".join(part if isinstance(part, bytes) else part.encode("utf-8") for part in parts)


def _instrument_pages(citations: Iterable[Citation], sitemap: SiteMap) -> Iterable[str]:
    return (sitemap.instruments.get(citation.instrument_id or "", "") for citation in citations)


class PageInputs:
    """Fingerprints of the record pages' inputs; the site-wide part (documents, anchors, versions, the writer) is the
    PageCache's context, not repeated here."""

    def __init__(self, corpus: Corpus, sitemap: SiteMap, cited_by: CitedByIndex, digests: RecordDigests | None) -> None:
        digests = digests if digests is not None else corpus_digests(corpus)
        self.sitemap, self.cited_by = sitemap, cited_by
        self.power_digests = digests["powers"]
        self.power_pages = [sitemap.power(power) for power in corpus.powers]  # in corpus order, as the digests
        self.instrument_digests = dict(zip((i.id for i in corpus.instruments), digests["instruments"], strict=True))
        self.document_digests = dict(zip((d.id for d in corpus.documents), digests["documents"], strict=True))
        self.finding_digests, self.residue_digests = digests["diagnostics"], digests["residue"]
        self._instruments: dict[str, bytes] = {}

    def powers(self, powers: list[Power]) -> list[bytes]:
        """Each power page's inputs (the corpus' powers, in order): the record, its page, the pages of the instruments
        it cites, its 子项 siblings."""
        instruments, subitems = self.sitemap.instruments, self.sitemap.subitems
        keys = []
        for power, digest, page in zip(powers, self.power_digests, self.power_pages, strict=True):
            citations = [*power.basis, *power.accountability.basis, *power.duty_basis]
            siblings = subitems.get(subitem_key(power), []) if power.item_id else []
            cited = [instruments.get(citation.instrument_id or "", "") for citation in citations]
            keys.append(digest + "\0".join(["", page, *cited, *(f"{p}\t{n}" for p, n in siblings)]).encode("utf-8"))
        return keys

    def departments(self, powers: list[Power]) -> dict[str, bytes]:
        """Each department page's inputs (the corpus' powers, in order): its members' records and pages, in order."""
        parts: dict[str, list[bytes | str]] = {}
        for power, digest, page in zip(powers, self.power_digests, self.power_pages, strict=True):
            parts.setdefault(department_name(power.department), []).extend((digest, page))
        return {name: _joined([name, *members]) for name, members in parts.items()}

    def quality(self) -> bytes:
        """The data-quality page's (and the home page's count of findings): the diagnostics' and the residue's lines."""
        counts = f"{len(self.finding_digests)} {len(self.residue_digests)}".encode()
        return counts + b"".join(self.finding_digests) + b"".join(self.residue_digests)

    def instrument(self, instrument: Instrument) -> bytes:
        """An instrument page's (and its cited-by lists') inputs: the record (its cited-by included) and, for each
        citing record, its page and the name the rows give it (made once: a document's inputs hold its instruments')."""
        known = self._instruments.get(instrument.id)
        if known is None:
            citing = "\0".join(self.cited_by.citing(instrument)).encode("utf-8")
            known = self._instruments[instrument.id] = self.instrument_digests[instrument.id] + b"\0" + citing
        return known

    def document(self, document: Document) -> bytes:
        """A document page's inputs: the record, the pages of the instruments it cites, and the inputs of the
        instruments whose text it is (their cited-by is its own)."""
        linked = (self.instrument(instrument) for instrument in self.cited_by.texts_of(document.id))
        parts = [self.document_digests[document.id], *_instrument_pages(document.citations, self.sitemap), *linked]
        return _joined(parts)
