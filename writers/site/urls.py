"""Links between pages written as HTML, which MkDocs does not rewrite: a raw HTML block holds the final relative URL,
exactly as MkDocs would have rewritten a Markdown link."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote

from mkdocs.utils import get_relative_url

from passes.pages import RecordPage


@lru_cache(maxsize=1 << 18)  # a province's site: 100,000 pages, each asked for by every page linking to it
def page_url(path: str) -> str:
    """A docs page's URL as mkdocs' File.url gives it: the page's URL (passes.pages owns it), percent-encoded, the
    root page as ./ (powers/p-1.md → powers/p-1/, departments/index.md → departments/, index.md → ./)."""
    return quote(RecordPage(path, "").url or "./")


@lru_cache(maxsize=1 << 16)
def _relative_url(from_page: str, to_page: str) -> str:
    return get_relative_url(page_url(to_page), page_url(from_page))


def href(from_page: str, to_target: str) -> str:
    """The link from one docs page to another page (optionally with #anchor) as it stands in the built HTML."""
    path, _, fragment = to_target.partition("#")
    url = _relative_url(from_page, path)
    return f"{url}#{fragment}" if fragment else url
