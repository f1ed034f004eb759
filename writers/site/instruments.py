"""Instrument pages (instruments/<id>.md: titles as cited, identity, cited-by) and their index."""

from __future__ import annotations

from collections.abc import Iterator

from schema.records import Instrument
from writers.site.cited_by import CitedByIndex
from writers.site.cited_by_lists import list_pages, record_groups
from writers.site.escape import front_matter_title, link
from writers.site.sitemap import SiteMap, relative
from writers.site.templates import fill_template


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
        groups=record_groups(cited_by.instruments.get(instrument.id, {}), page),
        cited_count=len(instrument.cited_by),
    )


def instrument_pages(instruments: list[Instrument], sitemap: SiteMap, cited_by: CitedByIndex) -> Iterator[tuple[str, str]]:
    """Each instrument's page and the lists of its cited-by beyond what the page shows."""
    for instrument in instruments:
        page = sitemap.instruments[instrument.id]
        yield page, instrument_page(instrument, sitemap, cited_by)
        yield from list_pages(cited_by.instruments.get(instrument.id, {}), page, instrument.title, "引用文件")


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
