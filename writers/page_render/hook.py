"""MkDocs hook (listed under `hooks:` in OUT/mkdocs.yml): render only the pages of a RenderPlan and report what they contribute.

Run with `mkdocs build --dirty` and the plan's path in QUANZE_RENDER_PLAN. A page outside the plan is neither read nor
written (its HTML from an earlier build stays); anchor validation is left to the orchestrator, which holds every
page's anchors and links (writers/site/page_state.py). Without a plan the hook does
nothing, so `mkdocs build` on OUT/mkdocs.yml works as usual."""

from __future__ import annotations

import html
import logging
import os
import posixpath
import re
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs import utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from writers import atomic
from writers.page_render.html_blocks import HtmlBlocks
from writers.page_render.plan import PLAN_ENV, RenderedPage, RenderPlan, RenderReport

DIRTY_NOTICE = "A 'dirty' build is being performed"
HTML_LINK = re.compile(r'<a\s[^>]*?\bhref="([^"]*)"')  # a page's links to other pages (not its stylesheets or scripts)
log = get_plugin_logger(__name__)


class _Session:
    """The plan of this mkdocs process, the files it saw and its pages by URL."""

    plan: ClassVar[RenderPlan | None] = None
    files: ClassVar[Files | None] = None
    by_url: ClassVar[dict[str, File]] = {}


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
    config.validation.links.anchors = logging.DEBUG  # validated over the whole site by the orchestrator
    if not _Session.plan.templates:
        config.theme.static_templates.clear()
    _replace_files_whole(config)
    return config


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Compiled theme templates from the plan's cache folder: compiling Material's templates costs every mkdocs process
    about half a second, a one-page rebuild included. Jinja checks each entry against its template's source."""
    plan = _Session.plan
    if plan is not None and plan.template_cache:
        Path(plan.template_cache).mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(plan.template_cache)
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


def _url_key(url: str) -> str:
    """A file's URL in one spelling (./ for the home page); a file is also reached by its output path (index.html)."""
    return posixpath.normpath(url) + ("/" if url.endswith("/") else "")


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Pages in the plan count as modified, the rest not; static files keep mkdocs' own test (newer than their copy) or none."""
    _Session.by_url = {key: file for file in files for key in (_url_key(file.url), posixpath.normpath(file.dest_uri))}
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


def _html_link_target(page: Page, url: str) -> tuple[File | None, str] | None:
    """The page a link written as HTML points to and its anchor; None for links off the site (http:, tel:) and for
    links to a page's own anchors (then the page itself)."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    if not parts.path:
        return page.file, parts.fragment
    folder = page.file.url if page.file.url.endswith("/") else posixpath.dirname(page.file.url)
    return _Session.by_url.get(_url_key(posixpath.join(folder, parts.path))), parts.fragment


def on_page_content(content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Check the links the page's Markdown writes as HTML (see the module's docstring); the HTML is left as it is."""
    for written in HTML_LINK.findall(page.markdown or ""):
        url = html.unescape(written)
        target = _html_link_target(page, url)
        if target is None:
            continue
        file, anchor = target
        if file is None:
            where = f"Doc file '{page.file.src_uri}' contains a link '{url}' in its HTML"
            log.warning(f"{where}, but the target is not found among documentation files.")
        elif anchor and page.links_to_anchors is not None:
            page.links_to_anchors.setdefault(file, {}).setdefault(anchor, url)
    return content


def on_post_build(config: MkDocsConfig) -> None:
    plan, files = _Session.plan, _Session.files
    if plan is None or files is None:
        return
    pages = [file for file in files.documentation_pages() if file.page is not None]
    report = RenderReport(order=[file.src_uri for file in pages])
    for file in pages:
        page = file.page
        if page is None or page.present_anchor_ids is None:
            continue
        links = {target.src_uri: dict(anchors) for target, anchors in (page.links_to_anchors or {}).items()}
        report.pages[file.src_uri] = RenderedPage(file.dest_uri, sorted(page.present_anchor_ids), links)
    report.save(Path(plan.report))
