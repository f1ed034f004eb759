"""MkDocs hook (listed under `hooks:` in OUT/mkdocs.yml): render only the pages of a RenderPlan and report what they contribute.

Run with `mkdocs build --dirty` and the plan's path in QUANZE_RENDER_PLAN. A page outside the plan is neither read nor
written (its HTML from an earlier build stays); anchor validation is left to the orchestrator, which holds every
page's anchors and links (writers/site/page_state.py).

Writer-made HTML blocks of the pages go to the output unparsed (writers/page_render/html_blocks.py), with or without a
plan. Links written as HTML in a page's Markdown (which mkdocs neither rewrites nor checks) are checked here as mkdocs
checks Markdown links: the target must be a file of the site, and a link to an anchor joins the page's links to
anchors, which mkdocs (or the orchestrator) validates; also with or without a plan. Otherwise, without a plan, the
hook does nothing, so `mkdocs build` on OUT/mkdocs.yml works as usual and writes the same bytes."""

from __future__ import annotations

import gc
import html
import json
import logging
import os
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path, PurePath
from typing import Any, ClassVar
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs import utils
from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, file_sort_key, set_exclusions
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from writers import atomic
from writers.page_render.converter import reuse_converter
from writers.page_render.fragments import SharedPartials
from writers.page_render.html_blocks import HtmlBlocks
from writers.page_render.plan import PLAN_ENV, RenderedPage, RenderPlan, RenderReport

DIRTY_NOTICE = "A 'dirty' build is being performed"
HTML_LINK = re.compile(r'<a\s[^>]*?\bhref="([^"]*)"')  # a page's links to other pages (not its stylesheets or scripts)
log = get_plugin_logger(__name__)


class _Session:
    """The plan of this mkdocs process, the files it saw and its shared theme partials."""

    plan: RenderPlan | None = None
    files: Files | None = None
    partials: SharedPartials | None = None
    targets: ClassVar[dict[str, File | None]] = {}  # the file of each site path links reached in this build


class _DropDirtyNotice(logging.Filter):
    """mkdocs warns on every --dirty build; here --dirty is the orchestrator's choice, not a mistake (and --strict counts warnings)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_NOTICE)


def _fixed(value: bool) -> Callable[[], bool]:
    return lambda: value


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config.markdown_extensions.append(HtmlBlocks())  # with or without a plan: the pages' HTML is the same either way
    path = os.environ.get(PLAN_ENV)
    _Session.plan = RenderPlan.load(Path(path)) if path else None
    if _Session.plan is None:
        return config
    logging.getLogger("mkdocs.commands.build").addFilter(_DropDirtyNotice())
    gc.disable()  # until the nav is made (on_nav): mkdocs makes a File for each of 100,000 docs files, kept for good
    reuse_converter()
    config.validation.links.anchors = logging.DEBUG  # validated over the whole site by the orchestrator
    if not _Session.plan.templates:
        config.theme.static_templates.clear()
        if _Session.plan.listing:  # the theme's templates (sitemap, 404) list every page: only without them
            mkdocs_build.get_files = _listed_files
    _replace_files_whole(config)
    return config


class _ListedFiles(Files):
    """The files of a plan that renders a few pages: those pages, the nav's, the docs' other files (assets,
    downloads), and any other page of the listing made when a link is resolved to it. mkdocs walks, sorts and
    makes a Page of every file it holds, and a province's docs hold 100,000 pages; the rendered pages' HTML is the
    same (their links resolve to the same files), only mkdocs' list of pages outside the nav is shorter."""

    def __init__(self, config: MkDocsConfig, plan: RenderPlan) -> None:
        self._config = config
        self._listed = set(json.loads(Path(plan.listing).read_text(encoding="utf-8")))
        held = set(plan.pages) | set(_nav_pages(config.nav)) | {name for name in self._listed if not name.endswith(".md")}
        super().__init__(_ordered(self._file(name) for name in held if name in self._listed))
        self._found: dict[str, File] = {}

    def _file(self, name: str) -> File:
        return File(name, self._config.docs_dir, self._config.site_dir, self._config.use_directory_urls)

    def get_file_from_path(self, path: str) -> File | None:
        held = super().get_file_from_path(path)
        name = PurePath(path).as_posix()
        if held is not None or name not in self._listed:
            return held
        if name not in self._found:
            self._found[name] = self._file(name)
            set_exclusions([self._found[name]], self._config)
        return self._found[name]


def _ordered(files: Iterable[File]) -> list[File]:
    """In the order get_files walks the docs folder: by folder, a folder's index page first."""
    return sorted(files, key=lambda file: (file.src_uri.split("/")[:-1], file_sort_key(file)))


def _nav_pages(nav: Any) -> Iterator[str]:
    """Every page the config's nav names."""
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from _nav_pages(value)
    elif isinstance(nav, list):
        for item in nav:
            yield from _nav_pages(item)


def _listed_files(config: MkDocsConfig) -> Files:
    plan = _Session.plan
    assert plan is not None
    return _ListedFiles(config, plan)


def _keep_for_good() -> None:
    """Move every object that exists out of the cyclic collector's reach: what mkdocs holds for the whole build (the
    files and nav; later the pages' HTML and headings) would otherwise be rescanned by every full collection
    while 50,000 pages are rendered."""
    gc.freeze()


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    if _Session.plan is not None:
        _Session.partials = SharedPartials(nav)
        _keep_for_good()
        gc.enable()
    return nav


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Compiled theme templates from the plan's cache folder: compiling Material's templates costs every mkdocs process
    about half a second, a one-page rebuild included. Jinja checks each entry against its template's source. Partials
    that come out the same on many pages are rendered once (writers/page_render/fragments.py)."""
    plan = _Session.plan
    if plan is not None and plan.template_cache:
        Path(plan.template_cache).mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(plan.template_cache)
    if _Session.partials is not None:
        _Session.partials.install(env)
    if plan is not None:
        _keep_for_good()  # every page's Markdown is converted by now (mkdocs converts them all before it renders any)
    return env


def _replacing_copy(source_path: str, output_path: str) -> None:
    if os.path.isdir(output_path):
        output_path = os.path.join(output_path, os.path.basename(source_path))
    atomic.copy_file(source_path, output_path)


def _replace_files_whole(config: MkDocsConfig) -> None:
    """mkdocs writes pages and copies files in place; here every output file is replaced in one rename instead, since
    the published site shares OUT/site's files by hard link (writers.atomic.publish). The gzipped sitemap is opened in
    place by mkdocs itself, so its old file is unlinked first when it is about to be rewritten."""
    utils.write_file = lambda content, output_path: atomic.write_bytes(output_path, content)
    utils.copy_file = _replacing_copy
    if "sitemap.xml" in config.theme.static_templates:
        Path(config.site_dir, "sitemap.xml.gz").unlink(missing_ok=True)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Pages in the plan count as modified, the rest not; static files keep mkdocs' own test (newer than their copy) or none."""
    _Session.targets = {}
    plan = _Session.plan
    if plan is None:
        return files
    chosen = set(plan.pages)
    for file in files:
        if file.is_documentation_page():
            file.is_modified = _fixed(file.src_uri in chosen)
        elif not plan.static:
            file.is_modified = _fixed(False)
    _Session.files = files
    return files


def _sources(path: str) -> list[str]:
    """The docs files that could have the site path `path` (normalized, "" for the root): a page by its URL or its
    output file, or any other file by its own path."""
    folder = path.removesuffix("index.html") if path.endswith("index.html") or not path else path if path.endswith("/") else None
    if folder is None:
        return [path]
    folder = folder.rstrip("/")
    return [f"{folder}.md", f"{folder}/index.md"] if folder else ["index.md"]


def _linked_file(page: Page, path: str, files: Files) -> File | None:
    """The file a relative link path written on `page` reaches, as the built site resolves it."""
    folder = page.file.url if page.file.url.endswith("/") else posixpath.dirname(page.file.url)
    joined = posixpath.normpath(posixpath.join(folder, path))
    site_path = "" if joined == "." else joined + ("/" if path.endswith("/") else "")
    if site_path not in _Session.targets:  # pages link to the same few pages: their departments, instruments, texts
        _Session.targets[site_path] = _site_file(site_path, files)
    return _Session.targets[site_path]


def _site_file(site_path: str, files: Files) -> File | None:
    for name in _sources(site_path):
        file = _held(files, name)
        if file is not None and site_path in (file.dest_uri, "" if file.url == "./" else file.url):
            return file
    return None


def _held(files: Files, name: str) -> File | None:
    """The file of `files` whose src_uri is `name` (already normalized: Files.get_file_from_path would parse it again as
    a PurePath, once for each of the 100,000 links a province's pages hold to each other); a plan's listed files make it
    when it is first asked for."""
    return files.get_file_from_path(name) if isinstance(files, _ListedFiles) else files.src_uris.get(name)


def on_page_content(content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Check the links the page's Markdown writes as HTML (see the module's docstring); the HTML is left as it is."""
    for written in HTML_LINK.findall(page.markdown or ""):
        url = html.unescape(written)
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            continue
        file = _linked_file(page, parts.path, files) if parts.path else page.file
        if file is None:
            where = f"Doc file '{page.file.src_uri}' contains a link '{url}' in its HTML"
            log.warning(f"{where}, but the target is not found among documentation files.")
        elif parts.fragment and page.links_to_anchors is not None:
            page.links_to_anchors.setdefault(file, {}).setdefault(parts.fragment, url)
    return content


def on_post_build(config: MkDocsConfig) -> None:
    plan, files = _Session.plan, _Session.files
    if plan is None or files is None:
        return
    pages = [file for file in files.documentation_pages() if file.page is not None]
    reused = _Session.partials.reused if _Session.partials is not None else 0
    report = RenderReport(order=[file.src_uri for file in pages], complete=not isinstance(files, _ListedFiles), reused=reused)
    for file in pages:
        page = file.page
        if page is None or page.present_anchor_ids is None:
            continue
        links = {target.src_uri: dict(anchors) for target, anchors in (page.links_to_anchors or {}).items()}
        report.pages[file.src_uri] = RenderedPage(file.dest_uri, sorted(page.present_anchor_ids), links)
    report.save(Path(plan.report))
