"""Theme partials and blocks that come out the same on many pages (the nav sidebar, the tabs, the header around its
title, the footer, the stylesheets, scripts and the app's config), rendered once and reused on every page where their
output is provably the same.

Such a fragment reads the page in three ways only: whether the page is one of the nav's (then it marks it active, the
nav shows its table of contents and the footer links its neighbours), through the `url` filter, whose result depends
on the page's URL, and through `base_url` (the config block writes it out). So on a page outside the nav, with every
nav item as inactive as when it was rendered and the same `base_url`, a fragment gives the output it gave before if
every `url` it asked for then comes out the same now. The filter records what it was asked while a fragment renders
the first time; a later page reuses that output after recomputing those URLs for itself. A page of the nav always
renders its fragments afresh. Everything else they read (config, theme features, translations) is the same for every
page of one mkdocs process."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from jinja2 import Environment, Template, TemplateNotFound, pass_context
from jinja2.runtime import Context
from mkdocs.structure.nav import Navigation
from mkdocs.utils.templates import url_filter

SHARED = (
    "partials/nav.html", "partials/tabs.html", "partials/header-start.html", "partials/header-end.html", "partials/top.html",
    "partials/footer.html",
)
# (template, block): blocks of the theme's base template only, since a child's block calling super() looks itself up
# in the chain of its block by identity (ours in main.html extends "scripts": the wrapped one is its parent)
SHARED_BLOCKS = (("base.html", "styles"), ("base.html", "config"), ("base.html", "scripts"))


class _Rendered:
    """One output of a fragment and what it depended on: the URLs it asked for (in, out), `base_url` and the nav's
    active flags."""

    def __init__(self, html: str, urls: dict[str, str], base: str, active: tuple[bool, ...]) -> None:
        self.html, self.urls, self.base, self.active = html, urls, base, active


class SharedPartials:
    """The partials of SHARED and blocks of SHARED_BLOCKS, each rendered once per distinct set of the inputs it read
    (see the module's docstring)."""

    def __init__(self, nav: Navigation) -> None:
        self._nav_pages = {page.file.src_uri for page in nav.pages}
        self._items = list(_items(nav.items))
        self._outputs: dict[str, list[_Rendered]] = {}
        self._recording: list[dict[str, str]] = []
        self._page: Any = None  # the page being rendered, its nav's active flags and the URLs computed for it
        self._active: tuple[bool, ...] = ()
        self._page_urls: dict[str, str] = {}
        self.reused = 0

    def install(self, env: Environment) -> None:
        """Route the `url` filter through the recorder and the fragments through their kept outputs."""
        env.filters["url"] = self._url
        for name in SHARED:
            template = _template(env, name)
            if template is not None:
                template.root_render_func = self._shared(name, template.root_render_func)
        for name, block in SHARED_BLOCKS:
            template = _template(env, name)
            if template is not None and block in template.blocks:
                template.blocks[block] = self._shared(f"{name}#{block}", template.blocks[block])

    @pass_context
    def _url(self, context: Context, value: str) -> str:
        result = url_filter(context, value)
        for urls in self._recording:
            urls[str(value)] = result
        return result

    def _shared(self, name: str, render: Callable[[Context], Iterator[str]]) -> Callable[[Context], Iterator[str]]:
        outputs = self._outputs.setdefault(name, [])

        def shared(context: Context) -> Iterator[str]:
            page = context.get("page")
            if page is None or page.file.src_uri in self._nav_pages:
                yield from render(context)
                return
            active, base = self._inputs(page), context.get("base_url")
            for kept in outputs:
                same = kept.active == active and kept.base == base
                if same and all(self._page_url(context, path) == url for path, url in kept.urls.items()):
                    self.reused += 1
                    for urls in self._recording:  # a partial around this one depends on these URLs too
                        urls.update(kept.urls)
                    yield kept.html
                    return
            urls: dict[str, str] = {}
            self._recording.append(urls)
            try:
                html = "".join(render(context))
            finally:
                self._recording.pop()
            outputs.append(_Rendered(html, urls, base, active))
            yield html

        return shared

    def _inputs(self, page: Any) -> tuple[bool, ...]:
        """The nav's active flags for `page`, taken once per page (they change only from one page to the next)."""
        if page is not self._page:
            self._page, self._active, self._page_urls = page, tuple(item.active for item in self._items), {}
        return self._active

    def _page_url(self, context: Context, path: str) -> str:
        """What the `url` filter gives `path` on the page being rendered, computed once per page (several fragments ask)."""
        if path not in self._page_urls:
            self._page_urls[path] = url_filter(context, path)
        return self._page_urls[path]


def _items(items: list[Any]) -> Iterator[Any]:
    """Every section, page and link of the nav."""
    for item in items:
        yield item
        yield from _items(getattr(item, "children", None) or [])


def _template(env: Environment, name: str) -> Template | None:
    """The theme's template `name`, kept in the environment's cache (so its includes get this object), if it has one."""
    try:
        return env.get_template(name)
    except TemplateNotFound:
        return None
