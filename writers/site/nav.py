"""The MkDocs nav: sections and departments, never individual powers (the nav is embedded in every page)."""

from __future__ import annotations

from typing import Any

from schema.corpus import Corpus
from writers.site.documents import KIND_LABELS
from writers.site.fulltext import PAGE as FULLTEXT_PAGE
from writers.site.sitemap import SiteMap

NavItem = dict[str, Any] | str
# Every nav entry carries its title (a section's index page: the section's name, which is also its heading), so a page
# rendered alone shows the same nav and footer links as in a full build, without reading the other pages.
DEPARTMENTS, INSTRUMENTS, DOCUMENTS = "部门", "引用文件", "文本"
MAX_NAV_DEPARTMENTS = 40  # beyond this, sibling links on every department page outweigh the page itself


def _documents(corpus: Corpus, sitemap: SiteMap) -> list[NavItem]:
    """documents/index.md, then one subsection per document kind listing its (few) documents."""
    items: list[NavItem] = [{DOCUMENTS: "documents/index.md"}]
    for kind, label in KIND_LABELS.items():
        pages = [{d.title: sitemap.documents[d.id]} for d in corpus.documents if d.kind == kind]
        if pages:
            items.append({label: pages})
    return items


def _departments(sitemap: SiteMap) -> list[NavItem]:
    """The departments index, then each department while they are few enough to list on every department page."""
    index = {DEPARTMENTS: "departments/index.md"}
    if len(sitemap.departments) > MAX_NAV_DEPARTMENTS:
        return [index]
    return [index, *({name: page} for name, page in sitemap.departments.items())]


def site_nav(corpus: Corpus, sitemap: SiteMap) -> list[NavItem]:
    return [
        {"首页": "index.md"},
        {DEPARTMENTS: _departments(sitemap)},
        {INSTRUMENTS: [{INSTRUMENTS: "instruments/index.md"}]},
        {DOCUMENTS: _documents(corpus, sitemap)},
        {"全文检索": FULLTEXT_PAGE},
        {"数据质量": "quality.md"},
        {"下载": "downloads.md"},
    ]
