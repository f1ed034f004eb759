"""The home page: what this is, counts, how to search, latest changes."""

from __future__ import annotations

from pipeline.corpus import Corpus
from writers.site.escape import Trusted, link, text
from writers.site.powers import power_title
from writers.site.render import render
from writers.site.sitemap import SiteMap

LATEST = 10
ADDED_MARK = "新增"


def _changes(corpus: Corpus, sitemap: SiteMap) -> list[Trusted]:
    """Newest dated documents first, then powers whose notes mark them as added."""
    dated = sorted((d for d in corpus.documents if d.date), key=lambda d: d.date or "", reverse=True)[:LATEST]
    rows = [Trusted(f"{text(d.date)} {link(d.title, sitemap.documents[d.id])}") for d in dated]
    added = [p for p in corpus.powers if p.notes and ADDED_MARK in p.notes][:LATEST]
    rows += [Trusted(f"{ADDED_MARK}职权：{link(power_title(p), sitemap.powers[p.id])}（{text(p.department or '')}）") for p in added]
    return rows


def home_page(corpus: Corpus, sitemap: SiteMap, findings: int) -> tuple[str, str]:
    counts = {
        "departments": len(sitemap.departments),
        "powers": len(corpus.powers),
        "instruments": len(corpus.instruments),
        "documents": len(corpus.documents),
        "diagnostics": findings,
    }
    return "index.md", render("home", counts=counts, changes=_changes(corpus, sitemap))
