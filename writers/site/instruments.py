"""Instrument pages (instruments/<id>.md: titles as cited, identity, cited-by) and their index."""

from __future__ import annotations

from collections.abc import Iterator

from schema.records import Instrument
from writers.site.cited_by import CitedByIndex, CitingRecord
from writers.site.escape import front_matter_title, link
from writers.site.sitemap import SiteMap, relative
from writers.site.templates import fill_template


def cited_by_groups(articles: dict[str, list[CitingRecord]], page: str) -> list[dict[str, object]]:
    """Citing records grouped by article as written, each linking back to the citing page; a provision's text is
    searchable once per group (`indexed`), its repetitions under the other citing records are not."""
    return [{"article": article, "rows": _cited_by_rows(records, page)} for article, records in articles.items()]


def _cited_by_rows(records: list[CitingRecord], page: str) -> list[dict[str, object]]:
    seen: set[str] = set()
    rows: list[dict[str, object]] = []
    for record in records:
        indexed = bool(record.provision) and record.provision not in seen
        seen.add(record.provision or "")
        target = link(record.label, relative(page, record.page))
        rows.append({"role": record.role, "link": target, "provision": record.provision, "indexed": indexed})
    return rows


def instrument_page(instrument: Instrument, sitemap: SiteMap, cited_by: CitedByIndex) -> str:
    page = sitemap.instruments[instrument.id]
    document_page = sitemap.documents.get(instrument.document_id or "")
    return fill_template(
        "instrument",
        instrument=instrument,
        page_title=front_matter_title(instrument.title),
        titles=list(dict.fromkeys([instrument.title, *instrument.titles])),
        doc_numbers="、".join(dict.fromkeys(n for n in [instrument.doc_number, *instrument.doc_numbers] if n)),
        document=link("在本站阅读全文", relative(page, document_page)) if document_page else None,
        groups=cited_by_groups(cited_by.instruments.get(instrument.id, {}), page),
        cited_count=len(instrument.cited_by),
    )


def instrument_pages(instruments: list[Instrument], sitemap: SiteMap, cited_by: CitedByIndex) -> Iterator[tuple[str, str]]:
    for instrument in instruments:
        yield sitemap.instruments[instrument.id], instrument_page(instrument, sitemap, cited_by)


def instruments_index(instruments: list[Instrument], sitemap: SiteMap) -> tuple[str, str]:
    page = "instruments/index.md"
    rows = [
        {
            "link": link(instrument.title, relative(page, sitemap.instruments[instrument.id])),
            "kind": instrument.kind,
            "doc_number": instrument.doc_number,
            "count": len(instrument.cited_by),
        }
        for instrument in sorted(instruments, key=lambda i: -len(i.cited_by))
    ]
    return page, fill_template("instruments", rows=rows)
