"""Document pages: one anchor per article or section, cited-by grouped by article."""

from __future__ import annotations

import re

from tests.writers.site.synthetic import ARTICLES, STATUTE_ID, synthetic_corpus
from writers.site.cited_by import CitedByIndex
from writers.site.documents import document_page, simplified_block
from writers.site.sitemap import SiteMap


def test_every_article_has_an_anchor_and_cited_by_links_back() -> None:
    corpus = synthetic_corpus(120)
    sitemap = SiteMap.of(corpus)
    cited_by = CitedByIndex.of(corpus, sitemap)
    page = document_page(corpus.documents[0], sitemap, cited_by)
    anchors = set(re.findall(r"\{#(art-\d+)\}", page))
    assert anchors == {f"art-{n}" for n in range(1, ARTICLES + 1)}
    assert "## 第一章 总则 {#ch-1}" in page
    citing = [p for p in corpus.powers if any(c.target_document == STATUTE_ID for c in p.basis)]
    assert citing
    for power in citing:
        assert f'<a href="../../powers/{power.id}/">' in page  # the cited-by rows are HTML, with the built site's URLs


def test_traditional_document_gets_an_escaped_simplified_block() -> None:
    corpus = synthetic_corpus(1)
    document = corpus.documents[0].model_copy(update={"script": "traditional", "preamble": "電子政務<script>x</script>"})
    block = simplified_block(document) or ""
    assert "<p>电子政务&lt;script&gt;x&lt;/script&gt;</p>" in block
    assert simplified_block(corpus.documents[0]) is None


def test_the_documents_own_citations_are_an_escaped_html_list_linking_the_instruments() -> None:
    corpus = synthetic_corpus(3)
    sitemap = SiteMap.of(corpus)
    instrument = corpus.instruments[0]
    citation = corpus.powers[0].basis[0].model_copy(update={"title": "办法<b>", "instrument_id": instrument.id})
    document = corpus.documents[0].model_copy(update={"citations": [citation]})
    page = document_page(document, sitemap, CitedByIndex.of(corpus, sitemap))
    own = page.split("## 本文引用", 1)[1].split("## 被引用", 1)[0]
    target = sitemap.instruments[instrument.id].removesuffix(".md")
    assert f'<a href="../../{target}/">《办法&lt;b&gt;》</a>' in own
    assert own.strip().startswith("<!-- html -->\n<ol>") and "<b>" not in own
