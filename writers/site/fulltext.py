"""The full-text search page (fulltext/): Pagefind's default UI over the chunked index in OUT/site/pagefind/."""

from __future__ import annotations

from writers.site.render import render

PAGE = "fulltext.md"


def fulltext_page() -> tuple[str, str]:
    return PAGE, render("fulltext")
