"""Cited-by index: one written reference naming several articles files the citing record under each article once."""

from __future__ import annotations

from schema.records import ArticleRef
from tests.writers.site.synthetic import synthetic_corpus
from writers.site.cited_by import CitedByIndex
from writers.site.sitemap import SiteMap


def test_shared_written_reference_is_split_by_article() -> None:
    corpus = synthetic_corpus(51)
    power = corpus.powers[50]
    power.basis[0].article_refs = [
        ArticleRef(text="第二十一、二十三条", article=21, anchor="art-21"),
        ArticleRef(text="第二十一、二十三条", article=23, anchor="art-23"),
    ]
    sitemap = SiteMap.of(corpus)
    index = CitedByIndex.of(corpus, {"powers": sitemap.powers, "documents": sitemap.documents})
    groups = index.instruments[power.basis[0].instrument_id or ""]
    assert "第二十一、二十三条" not in groups
    assert [record.page for record in groups["第二十一条"] if record.page == sitemap.powers[power.id]] == [sitemap.powers[power.id]]
    assert [record.page for record in groups["第二十三条"] if record.page == sitemap.powers[power.id]] == [sitemap.powers[power.id]]
