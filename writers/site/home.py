"""The home page: what this is, counts, how to search, latest changes."""

from __future__ import annotations

from typing import Any

from schema.corpus import Corpus
from writers.site.changes import changes_view
from writers.site.escape import Trusted, link, text
from writers.site.sitemap import SiteMap
from writers.site.templates import fill_template

LATEST = 10


def _latest_documents(corpus: Corpus, sitemap: SiteMap) -> list[Trusted]:
    """Newest dated documents first."""
    dated = sorted((d for d in corpus.documents if d.date), key=lambda d: d.date or "", reverse=True)[:LATEST]
    return [Trusted(f"{text(d.date)} {link(d.title, sitemap.documents[d.id])}") for d in dated]


def home_page(corpus: Corpus, sitemap: SiteMap, findings: int, changes: dict[str, Any] | None = None) -> tuple[str, str]:
    """index.md; `changes` is the build's change report (OUT/data/changes.json) when there is one."""
    counts = {
        "departments": len(sitemap.departments),
        "powers": len(corpus.powers),
        "instruments": len(corpus.instruments),
        "documents": len(corpus.documents),
        "diagnostics": findings,
    }
    page = fill_template("home", counts=counts, changes=changes_view(changes, sitemap), documents=_latest_documents(corpus, sitemap))
    return "index.md", page
