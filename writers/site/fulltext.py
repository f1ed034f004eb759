"""The full-text search page (fulltext/): Pagefind's default UI over the chunked indexes in OUT/site/pagefind*/."""

from __future__ import annotations

from writers.site.pagefind import shard_names
from writers.site.templates import fill_template

PAGE = "fulltext.md"


def fulltext_page(power_pages: int) -> tuple[str, str]:
    """The page, merging the power shards into the main bundle's results when the site is sharded."""
    return PAGE, fill_template("fulltext", shards=shard_names(power_pages)[1:])
