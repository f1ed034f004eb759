"""How a page writes source text and links to other pages: as Markdown, which MkDocs parses (and whose links it
rewrites and checks), or as HTML for raw HTML blocks, which Python-Markdown passes through unparsed (links already
in their final form; the render hook checks them)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from markupsafe import Markup

from writers.site.escape import Trusted, html_link, html_text, link, text
from writers.site.sitemap import relative
from writers.site.urls import href


@dataclass(frozen=True)
class PageText:
    """Escaping and linking for one kind of page text."""

    text: Callable[[object], str]
    link: Callable[[object, str, str], str]  # label, the linking page, the target (docs path, optionally #anchor)
    join: Callable[[Iterable[str]], str]  # pieces this kind made into one piece of the same kind


def _markdown_link(label: object, from_page: str, target: str) -> Trusted:
    return link(label, relative(from_page, target))


def _html_link(label: object, from_page: str, target: str) -> Markup:
    return html_link(label, href(from_page, target))


MARKDOWN = PageText(text, _markdown_link, lambda parts: Trusted("".join(parts)))
HTML = PageText(html_text, _html_link, Markup("").join)
