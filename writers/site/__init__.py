"""Site writer: typed records → Markdown pages under OUT/docs → MkDocs Material site under OUT/site."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.corpus import Corpus
from writers.site.build import ASSETS, MkDocsRun, run_mkdocs, write_config
from writers.site.changes import load_changes
from writers.site.cited_by import CitedByIndex
from writers.site.departments import department_pages, departments_index
from writers.site.documents import document_pages, documents_index
from writers.site.downloads import downloads_page
from writers.site.fulltext import fulltext_page
from writers.site.home import home_page
from writers.site.instruments import instrument_pages, instruments_index
from writers.site.nav import site_nav
from writers.site.pagefind import PagefindRun, index_site
from writers.site.powers import power_pages
from writers.site.quality import findings, quality_page
from writers.site.sitemap import SiteMap


@dataclass
class SiteBuild:
    pages: int
    run: MkDocsRun
    search: PagefindRun | None = None


def write_docs(corpus: Corpus, docs: Path, changes: dict[str, Any] | None = None) -> SiteMap:
    """Every Markdown page (and the download files) under `docs`, replacing what was there; `changes` feeds the home page."""
    if docs.exists():
        shutil.rmtree(docs)
    docs.mkdir(parents=True)
    shutil.copytree(ASSETS / "assets", docs / "assets")
    sitemap = SiteMap.of(corpus)
    cited_by = CitedByIndex.of(corpus, {"powers": sitemap.powers, "documents": sitemap.documents})
    issues = findings(corpus)
    pages = [
        home_page(corpus, sitemap, len(issues), changes),
        departments_index(corpus.powers, sitemap),
        *department_pages(corpus.powers, sitemap),
        *power_pages(corpus.powers, sitemap),
        instruments_index(corpus.instruments, sitemap, cited_by),
        *instrument_pages(corpus.instruments, sitemap, cited_by),
        documents_index(corpus.documents, sitemap),
        *document_pages(corpus.documents, sitemap, cited_by),
        fulltext_page(),
        quality_page(corpus, issues),
        downloads_page(corpus, docs),
    ]
    for path, markdown in pages:
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8")
    return sitemap


def write_site(corpus: Corpus, out: Path) -> SiteBuild:
    """Generate OUT/docs and OUT/mkdocs.yml, build OUT/site strictly, then index it with Pagefind (OUT/site/pagefind/)."""
    sitemap = write_docs(corpus, out / "docs", load_changes(out))
    config = write_config(out, site_nav(corpus, sitemap))
    pages = sum(1 for _ in (out / "docs").rglob("*.md"))
    run = run_mkdocs(config)
    return SiteBuild(pages, run, index_site(out / "site") if run.returncode == 0 else None)
