"""Cited-by index: the registry's cited-by by article; one written reference naming several articles files the citing
record under each article once; a copy of a power in another source links to its own page."""

from __future__ import annotations

from tests.writers.site.synthetic import synthetic_corpus, with_cited_by
from writers.site.cited_by import CitedByIndex
from writers.site.sitemap import SiteMap


def test_shared_written_reference_is_split_by_article() -> None:
    corpus = synthetic_corpus(51)
    power = corpus.powers[50]
    power.basis[0].articles = ["第二十一、二十三条"]
    sitemap = SiteMap.of(with_cited_by(corpus))
    groups = CitedByIndex.of(corpus, sitemap).instruments[power.basis[0].instrument_id or ""]
    page = sitemap.power(power)
    assert "第二十一、二十三条" not in groups
    assert [record.page for record in groups["第二十一条"] if record.page == page] == [page]
    assert [record.page for record in groups["第二十三条"] if record.page == page] == [page]


def test_every_registry_citation_is_a_row() -> None:
    corpus = synthetic_corpus(120)
    index = CitedByIndex.of(corpus, SiteMap.of(corpus))
    for instrument in corpus.instruments:
        rows = [record for records in index.instruments[instrument.id].values() for record in records]
        assert len(rows) == sum(max(1, len(cited.articles)) for cited in instrument.cited_by)


def test_a_copy_of_a_power_in_another_source_links_to_its_own_page() -> None:
    corpus = synthetic_corpus(3)
    copy = corpus.powers[0].model_copy(deep=True, update={"source": corpus.powers[0].source.model_copy(update={"file": "001_copy.txt"})})
    corpus.powers.append(copy)
    sitemap = SiteMap.of(with_cited_by(corpus))
    instrument = copy.basis[0].instrument_id or ""
    pages = {record.page for records in CitedByIndex.of(corpus, sitemap).instruments[instrument].values() for record in records}
    assert {sitemap.power(corpus.powers[0]), sitemap.power(copy)} <= pages
    assert sitemap.power(corpus.powers[0]) != sitemap.power(copy)
