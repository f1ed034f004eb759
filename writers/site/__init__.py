"""Site writer: typed records → Markdown pages under OUT/docs → MkDocs Material site under OUT/site."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from execution.executor import Executor
from passes.pages import RecordPages
from schema.changes import ChangeReport
from schema.corpus import Corpus
from writers.atomic import publish
from writers.site.build import ASSETS, MkDocsRun, render_site, site_layout, write_config
from writers.site.changes import shown_changes
from writers.site.cited_by import CitedByIndex
from writers.site.departments import department_pages, departments_index
from writers.site.documents import document_pages, documents_index
from writers.site.downloads import download_files, downloads_page
from writers.site.fulltext import fulltext_page
from writers.site.home import home_page
from writers.site.instruments import instrument_pages, instruments_index
from writers.site.nav import site_nav
from writers.site.page_cache import PageCache
from writers.site.pagefind import BUNDLE, PagefindRun, index_site
from writers.site.powers import power_pages
from writers.site.quality import findings, quality_page
from writers.site.sitemap import SiteMap
from writers.site.sync import prune, stamp_fingerprint, write_if_changed

PUBLISHED = "public"  # the last complete site, what `serve` serves: a symlink to a generation (writers.atomic.publish)
PUBLISHED_MARKER = "cache/public.sha"  # the BUILT_STAMP of the site that OUT/public shows
BUILT_STAMP = "cache/site.sha"  # fingerprint of OUT/docs + layout at the last build where mkdocs and Pagefind both succeeded


@dataclass
class SiteBuild:
    pages: int
    run: MkDocsRun
    search: PagefindRun | None = None
    skipped: bool = False  # OUT/docs and OUT/mkdocs.yml unchanged since the last successful build: mkdocs and Pagefind not run

    @property
    def failed(self) -> bool:
        """MkDocs (strict) or Pagefind failed."""
        return self.run.returncode != 0 or (self.search is not None and self.search.returncode != 0)


def _copy_assets(docs: Path) -> set[Path]:
    """The theme's assets under docs/assets, each written only when its bytes change."""
    sources = [path for path in (ASSETS / "assets").rglob("*") if path.is_file()]
    targets = {docs / path.relative_to(ASSETS): path for path in sources}
    for target, source in targets.items():
        write_if_changed(target, source.read_bytes())
    return set(targets)


@dataclass
class Docs:
    """What write_docs made: where every record's page is, and the digest of every page's Markdown."""

    sitemap: SiteMap
    digests: dict[str, str]


def write_docs(
    corpus: Corpus, docs: Path, changes: dict[str, Any] | None = None, data: Path | None = None, pages: RecordPages | None = None
) -> Docs:
    """Every page and download file under `docs`: changed files rewritten, stale ones deleted; `changes` feeds the home page.

    `data`: OUT/data when the build has just written it from this corpus (the downloads copy its files).
    `pages`: where every record lives (passes.pages; computed from the corpus when not given)."""
    docs.mkdir(parents=True, exist_ok=True)
    kept = _copy_assets(docs)
    sitemap = SiteMap.of(corpus, pages)
    cache = PageCache(docs.parent, sitemap.link_context())
    cited_by = CitedByIndex.of(corpus, sitemap)
    issues = findings(corpus)
    pages = [
        home_page(corpus, sitemap, len(issues), changes),
        departments_index(corpus.powers, sitemap),
        *department_pages(corpus.powers, sitemap),
        *power_pages(corpus.powers, sitemap, cache),
        instruments_index(corpus.instruments, sitemap),
        *instrument_pages(corpus.instruments, sitemap, cited_by),
        documents_index(corpus.documents, sitemap),
        *document_pages(corpus.documents, sitemap, cited_by),
        fulltext_page(sitemap.power_pages),
        quality_page(corpus, issues),
        downloads_page(corpus, docs, data),
    ]
    for path, markdown in pages:
        if markdown is not None:
            data = markdown.encode("utf-8")
            write_if_changed(docs / path, data)
            cache.written(path, data)
    cache.save()
    prune(docs, kept | download_files(docs) | {docs / path for path, _ in pages})
    return Docs(sitemap, cache.digests)


def _built_from(out: Path, digests: dict[str, str]) -> str:
    """Fingerprint of what the site is built from: the pages (by digest), the other files of OUT/docs and the layout."""
    docs = out / "docs"
    others = stamp_fingerprint(out, [path for path in docs.rglob("*") if path.is_file() and path.suffix != ".md"])
    pages = hashlib.sha256("\n".join(f"{name} {digest}" for name, digest in sorted(digests.items())).encode()).hexdigest()
    return pages + others + site_layout(out / "mkdocs.yml")


def _up_to_date(out: Path, built_from: str) -> bool:
    """OUT/site (with its Pagefind bundle) was built successfully from exactly these inputs."""
    marker = out / BUILT_STAMP
    site = out / "site"
    built = (site / "index.html").is_file() and (site / BUNDLE).is_dir()
    return built and marker.is_file() and marker.read_text(encoding="utf-8") == built_from


Stage = Callable[[str], AbstractContextManager[object]]


def _untimed(name: str) -> AbstractContextManager[object]:
    return nullcontext()


def write_site(
    corpus: Corpus,
    out: Path,
    *,
    changes: ChangeReport | None = None,
    pages: RecordPages | None = None,
    data_written: bool = False,
    stage: Stage = _untimed,
    executor: Executor | None = None,
) -> SiteBuild:
    """Generate OUT/docs and OUT/mkdocs.yml, build OUT/site strictly, then index it with Pagefind (OUT/site/pagefind/).

    When neither OUT/docs nor OUT/mkdocs.yml changed since the last successful build, mkdocs and Pagefind are skipped.
    `changes`: this build's change report (the home page's latest changes); `pages`: where every record lives.
    `data_written`: the build has just written OUT/data from this corpus, so the downloads copy those files.
    `stage`: times the three parts by name. `executor`: where pages are rendered and shards indexed (a local pool
    unless given)."""
    with stage("site pages"):
        written = write_docs(corpus, out / "docs", shown_changes(out, changes), out / "data" if data_written else None, pages)
        sitemap, digests = written.sitemap, written.digests
        config = write_config(out, site_nav(corpus, sitemap))
        built_from = _built_from(out, digests)
    if _up_to_date(out, built_from):
        _publish(out, built_from)
        return SiteBuild(len(digests), MkDocsRun(0, []), skipped=True)
    (out / BUILT_STAMP).unlink(missing_ok=True)
    with stage("site mkdocs"):
        run = render_site(out, config, digests, executor)
    with stage("site pagefind"):
        search = index_site(out / "site", sitemap.power_pages, executor) if run.returncode == 0 else None
    if search is not None and search.returncode == 0:
        write_if_changed(out / BUILT_STAMP, built_from.encode("utf-8"))
        _publish(out, built_from)
    return SiteBuild(len(digests), run, search)


def _publish(out: Path, built_from: str) -> None:
    """OUT/public: the complete site, swapped in at once (OUT/site is where the next build writes), unless it is current."""
    marker = out / PUBLISHED_MARKER
    if (out / PUBLISHED).is_dir() and marker.is_file() and marker.read_text(encoding="utf-8") == built_from:
        return
    publish(out / "site", out / PUBLISHED)
    write_if_changed(out / PUBLISHED_MARKER, built_from.encode("utf-8"))
