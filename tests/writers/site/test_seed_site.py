"""The seeds' site builds strictly; every power, document and article has its page or anchor; every link resolves."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from lxml import html

from schema.corpus import Corpus
from tests.writers.site.fragments import fragments
from writers.site import SiteBuild, write_site
from writers.site.cited_by import CitedByIndex
from writers.site.sitemap import SiteMap


@pytest.fixture(scope="module")
def seed_site(seed_corpus: Corpus, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SiteBuild]:
    out = tmp_path_factory.mktemp("seed-site")
    return out / "site", write_site(seed_corpus, out)


def _html_path(site: Path, page: str) -> Path:
    """Where MkDocs (directory URLs) writes a docs page."""
    stem = page.removesuffix(".md").removesuffix("index").rstrip("/")
    return site / stem / "index.html" if stem else site / "index.html"


def _ids(path: Path, cache: dict[Path, set[str]]) -> set[str]:
    if path not in cache:
        cache[path] = set(html.parse(str(path)).getroot().xpath("//@id"))
    return cache[path]


def test_seed_site_builds_strictly(seed_site: tuple[Path, SiteBuild]) -> None:
    _, build = seed_site
    assert build.run.returncode == 0, build.run.problems


def test_every_record_has_its_page_or_anchor(seed_corpus: Corpus, seed_site: tuple[Path, SiteBuild]) -> None:
    site, _ = seed_site
    sitemap = SiteMap.of(seed_corpus)
    assert seed_corpus.powers
    for page in [*(page.path for page in sitemap.pages.powers.values()), *sitemap.instruments.values(), *sitemap.documents.values()]:
        assert _html_path(site, page).is_file(), page
    cache: dict[Path, set[str]] = {}
    for document in seed_corpus.documents:
        ids = _ids(_html_path(site, sitemap.documents[document.id]), cache)
        assert {article.anchor for article in document.articles} <= ids, document.id


def test_every_internal_link_resolves(seed_site: tuple[Path, SiteBuild]) -> None:
    site, _ = seed_site
    cache: dict[Path, set[str]] = {}
    checked = 0
    for page in site.rglob("*.html"):
        for href in html.parse(str(page)).getroot().xpath("//article//a/@href"):
            parts = urlsplit(href)
            if parts.scheme or not parts.path:
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            target = target / "index.html" if parts.path.endswith("/") else target
            assert target.is_file(), f"{page.relative_to(site)} → {href}"
            if parts.fragment:
                assert unquote(parts.fragment) in _ids(target, cache), f"{page.relative_to(site)} → {href}"
            checked += 1
    assert checked > 0


def test_traditional_document_is_found_by_simplified_search_terms(seed_corpus: Corpus, seed_site: tuple[Path, SiteBuild]) -> None:
    site, _ = seed_site
    sitemap = SiteMap.of(seed_corpus)
    traditional = [d for d in seed_corpus.documents if d.script == "traditional"]
    assert traditional
    pages = fragments(site / "pagefind")
    for document in traditional:
        content = pages["/" + sitemap.documents[document.id].removesuffix(".md") + "/"]["content"].replace("\u200b", "")
        assert "电子政务" in content and "電子政務" in content, document.id


def test_every_article_is_a_search_result_section_under_its_number(seed_corpus: Corpus, seed_site: tuple[Path, SiteBuild]) -> None:
    """The header box shows a document's matching sections; a query 第八十一条 puts that article's section first."""
    site, _ = seed_site
    sitemap = SiteMap.of(seed_corpus)
    pages = fragments(site / "pagefind")
    statutes = [d for d in seed_corpus.documents if any(article.anchor == "art-81" for article in d.articles)]
    assert statutes
    for document in statutes:
        anchors = pages["/" + sitemap.documents[document.id].removesuffix(".md") + "/"]["anchors"]
        assert {"id": "art-81", "text": "第八十一条"} in [{"id": a["id"], "text": a["text"]} for a in anchors], document.id


def test_cited_by_rows_stay_out_of_the_search_index_but_articles_and_provisions_do_not(
    seed_corpus: Corpus, seed_site: tuple[Path, SiteBuild]
) -> None:
    """An instrument's page is found by its articles and their provisions, not by the names of the records citing it
    (their own pages hold those): a statute cited by thousands of powers keeps a small search fragment."""
    site, _ = seed_site
    sitemap = SiteMap.of(seed_corpus)
    groups = CitedByIndex.of(seed_corpus, sitemap).instruments
    pages = fragments(site / "pagefind")
    quoted = [i for i in seed_corpus.instruments if any(record.provision for rows in groups[i.id].values() for record in rows)]
    assert quoted
    for instrument in quoted:
        content = pages["/" + sitemap.instruments[instrument.id].removesuffix(".md") + "/"]
        text = " ".join(content["content"].replace("\u200b", "").split())  # Pagefind keeps words, not line breaks
        headings = {anchor["text"] for anchor in content["anchors"] if anchor["element"].startswith("h")}
        assert set(groups[instrument.id]) <= headings, instrument.id
        assert not [record.label for rows in groups[instrument.id].values() for record in rows if record.label in text]
        for provision in {record.provision for rows in groups[instrument.id].values() for record in rows if record.provision}:
            articles = [article for article, rows in groups[instrument.id].items() if provision in {r.provision for r in rows}]
            assert text.count(" ".join(provision.split())) == len(articles), (instrument.id, provision)
