"""Site writer: typed records → Markdown pages under OUT/docs → MkDocs Material site under OUT/site."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from execution.executor import Executor
from passes.pages import RecordPages
from schema.changes import ChangeReport
from schema.corpus import Corpus
from schema.records import Power
from writers.atomic import publish
from writers.background import PendingFiles
from writers.jsonl import RecordDigests
from writers.site.build import ASSETS, render_site, site_layout, write_config
from writers.site.changes import shown_changes
from writers.site.cited_by import CitedByIndex
from writers.site.cited_by_lists import owner_page
from writers.site.departments import by_department, department_pages, departments_index
from writers.site.documents import document_pages, documents_index
from writers.site.downloads import download_files, downloads_page
from writers.site.fill_pool import Unit, Written, filled_pages, write_page
from writers.site.fulltext import fulltext_page
from writers.site.home import home_page
from writers.site.instruments import instrument_pages, instruments_index
from writers.site.nav import site_nav
from writers.site.page_cache import PageCache
from writers.site.page_inputs import PageInputs
from writers.site.pagefind import BUNDLE, index_site
from writers.site.pagefind_pages import written_pages
from writers.site.powers import power_pages
from writers.site.quality import PAGE as QUALITY_PAGE
from writers.site.quality import finding_count, findings, quality_page
from writers.site.sitemap import SiteMap, department_name
from writers.site.sync import files_under, prune_listed, stamp_fingerprint, write_if_changed
from writers.site_outcome import MkDocsRun, SiteBuild
from writers.spare import Spare, settle, spare_generation

PUBLISHED = "public"  # the last complete site, what `serve` serves: a symlink to a generation (writers.atomic.publish)
PUBLISHED_MARKER = "cache/public.sha"  # the BUILT_STAMP of the site that OUT/public shows
PUBLISHED_TIMES = "cache/public-linked.json"  # when each generation of OUT/public was linked (writers.atomic.publish)
BUILT_STAMP = "cache/site.sha"  # fingerprint of OUT/docs + layout at the last build where mkdocs and Pagefind both succeeded


def _copy_assets(docs: Path) -> set[Path]:
    """The theme's assets under docs/assets, each written only when its bytes change."""
    sources = [path for path in (ASSETS / "assets").rglob("*") if path.is_file()]
    targets = {docs / path.relative_to(ASSETS): path for path in sources}
    for target, source in targets.items():
        write_if_changed(target, source.read_bytes())
    return set(targets)


@dataclass
class Docs:
    """What write_docs made: where every record's page is, the digest of every page's Markdown, and the other files
    of OUT/docs (assets, downloads)."""

    sitemap: SiteMap
    digests: dict[str, str]
    others: list[Path] = field(default_factory=list)


def _dirty_powers(powers: list[Power], pages: list[str], cache: PageCache, keys: list[bytes]) -> list[Power]:
    """The powers whose page must be filled again (`pages`: each one's page). Two powers on one page (a row repeated
    in its file): the page is the last one's, as in a full fill, and keyed by both."""
    by_page: dict[str, list[tuple[Power, bytes]]] = {}
    for power, page, key in zip(powers, pages, keys, strict=True):
        by_page.setdefault(page, []).append((power, key))
    return [members[-1][0] for page, members in by_page.items() if not cache.fresh(page, b"\1".join(key for _, key in members))]


@dataclass
class _Parts:
    """What the pages are filled from besides the corpus and the site map."""

    cited_by: CitedByIndex
    digests: RecordDigests | None
    changes: dict[str, Any] | None
    data: PendingFiles | None


def _single(fill: Callable[..., tuple[str, str]], *args: Any) -> Unit:
    """A site-wide page as a unit of the fill."""
    return lambda: [fill(*args)]


def _pages(corpus: Corpus, docs: Path, sitemap: SiteMap, cache: PageCache, parts: _Parts) -> Iterator[tuple[str, str | Written]]:
    """Every page that must be filled: the site-wide ones, and the record pages whose inputs changed."""
    inputs, cited_by = PageInputs(corpus, sitemap, parts.cited_by, parts.digests), parts.cited_by
    powers = _dirty_powers(corpus.powers, inputs.power_pages, cache, inputs.powers(corpus.powers))
    departments = {name for name, key in inputs.departments(corpus.powers).items() if not cache.fresh(sitemap.departments[name], key)}
    instruments = [i for i in corpus.instruments if not cache.fresh(sitemap.instruments[i.id], inputs.instrument(i))]
    documents = [d for d in corpus.documents if not cache.fresh(sitemap.documents[d.id], inputs.document(d))]
    members = by_department([power for power in corpus.powers if department_name(power.department) in departments])
    units: list[Unit] = [
        _single(home_page, corpus, sitemap, finding_count(corpus), parts.changes),
        _single(departments_index, corpus.powers, sitemap),
        *(partial(department_pages, group, sitemap) for group in members.values()),
        *(partial(power_pages, [power], sitemap) for power in powers),
        _single(instruments_index, corpus.instruments, sitemap),
        *(partial(instrument_pages, [instrument], sitemap, cited_by) for instrument in instruments),
        _single(documents_index, corpus.documents, sitemap),
        *(partial(document_pages, [document], sitemap, cited_by) for document in documents),
        _single(fulltext_page, sitemap.power_pages),
        *([] if cache.fresh(QUALITY_PAGE, inputs.quality()) else [_single(quality_page, corpus, findings(corpus))]),
    ]
    yield from filled_pages(units, docs)
    # here, never in a forked filler: it waits for the data files this process's writer thread writes
    yield downloads_page(corpus, docs, parts.data, inputs.power_digests)


def write_docs(
    corpus: Corpus,
    docs: Path,
    changes: dict[str, Any] | None = None,
    data: PendingFiles | None = None,
    pages: RecordPages | None = None,
    digests: RecordDigests | None = None,
) -> Docs:
    """Every page and download file under `docs`: changed files rewritten, stale ones deleted; `changes` feeds the home page.

    `data`: OUT/data when the build is writing it from this corpus (the downloads copy its files once written).
    `pages`: where every record lives (passes.pages; computed from the corpus when not given).
    `digests`: the records' line digests as the data writer made them (made here when not given)."""
    docs.mkdir(parents=True, exist_ok=True)
    present = files_under(docs)
    others = _copy_assets(docs) | download_files(docs)
    sitemap = SiteMap.of(corpus, pages)
    cache = PageCache(docs.parent, sitemap.link_context(), present)
    for path, page in _pages(corpus, docs, sitemap, cache, _Parts(CitedByIndex.of(corpus, sitemap), digests, changes, data)):
        digest = page.digest if isinstance(page, Written) else write_page(docs, path, page)
        cache.written(path, digest, owner_page(path))
    cache.save()
    prune_listed(docs, present, {path.relative_to(docs).as_posix() for path in others} | set(cache.digests))
    return Docs(sitemap, cache.digests, sorted(path for path in others if path.is_file()))


def _built_from(out: Path, docs: Docs) -> str:
    """Fingerprint of what the site is built from: the pages (by digest), the other files of OUT/docs and the layout."""
    others = stamp_fingerprint(out, docs.others)
    digests = docs.digests  # sorted by name alone (they are distinct): sorting 100,000 (name, digest) pairs took 0.4 s
    pages = hashlib.sha256("\n".join(f"{name} {digests[name]}" for name in sorted(digests)).encode()).hexdigest()
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
    data: PendingFiles | None = None,
    stage: Stage = _untimed,
    executor: Executor | None = None,
    digests: RecordDigests | None = None,
) -> SiteBuild:
    """Generate OUT/docs and OUT/mkdocs.yml, build OUT/site strictly, then index it with Pagefind (OUT/site/pagefind/).

    When neither OUT/docs nor OUT/mkdocs.yml changed since the last successful build, mkdocs and Pagefind are skipped.
    `changes`: this build's change report (the home page's latest changes); `pages`: where every record lives.
    `data`: OUT/data when the build is writing it from this corpus, so the downloads copy those files once written.
    `stage`: times the three parts by name. `executor`: where pages are rendered and shards indexed (a local pool
    unless given). `digests`: the records' line digests, when the data writer has just made them."""
    with stage("site pages"):
        written = write_docs(corpus, out / "docs", shown_changes(out, changes), data, pages, digests)
        sitemap, digests = written.sitemap, written.digests
        config = write_config(out, site_nav(corpus, sitemap))
        built_from = _built_from(out, written)
    if _up_to_date(out, built_from):
        with stage("site publish"):
            _publish(out, built_from)
        return SiteBuild(len(digests), MkDocsRun(0, []), skipped=True)
    indexed = (out / BUILT_STAMP).is_file()  # the last site build indexed every page it wrote: the journal has the rest
    (out / BUILT_STAMP).unlink(missing_ok=True)
    with stage("site mkdocs"):
        run = render_site(out, config, digests, executor, [path.relative_to(out / "docs").as_posix() for path in written.others])
    with stage("site pagefind"):
        fresh = written_pages(out / "site") if indexed else None
        search = index_site(out / "site", sitemap.power_pages, executor, fresh) if run.returncode == 0 else None
    if search is not None and search.returncode == 0:
        write_if_changed(out / BUILT_STAMP, built_from.encode("utf-8"))
        with stage("site publish"):
            _publish(out, built_from)
    return SiteBuild(len(digests), run, search)


def preparing_publication(out: Path) -> AbstractContextManager[Spare | None]:
    """While the block (a build) runs, the next generation of OUT/public is prepared beside it when that saves linking
    one from nothing at publication (writers.spare)."""
    return spare_generation(out / PUBLISHED)


def _publish(out: Path, built_from: str) -> None:
    """OUT/public: the complete site, swapped in at once (OUT/site is where the next build writes), unless it is current."""
    marker = out / PUBLISHED_MARKER
    if (out / PUBLISHED).is_dir() and marker.is_file() and marker.read_text(encoding="utf-8") == built_from:
        return
    settle(out / PUBLISHED)
    publish(out / "site", out / PUBLISHED, out / PUBLISHED_TIMES)
    write_if_changed(out / PUBLISHED_MARKER, built_from.encode("utf-8"))
