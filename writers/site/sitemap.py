"""Where every record's page lives in the docs tree, and which article anchors exist (so links always resolve)."""

from __future__ import annotations

import hashlib
import json
import posixpath
from dataclasses import dataclass, field
from functools import lru_cache

from passes.pages import RecordPages, record_pages
from schema.corpus import Corpus
from schema.records import Citation, Document, Power, Section
from writers.site.escape import anchor_id

UNSORTED_DEPARTMENT = "（未注明部门）"


def subitem_key(power: Power) -> str:
    """The item a 子项 belongs to, within its source file (a copy of the list in another file has its own)."""
    return f"{power.source.file}#{power.item_id}"


def department_name(name: str | None) -> str:
    return name or UNSORTED_DEPARTMENT


def _document_anchors(document: Document) -> set[str]:
    """Every anchor the document page will carry."""
    anchors = {a for a in (anchor_id(article.anchor) for article in document.articles) if a}
    stack: list[Section] = list(document.body)
    while stack:
        section = stack.pop()
        if section.anchor and anchor_id(section.anchor):
            anchors.add(section.anchor)
        stack.extend(section.children)
    return anchors


@dataclass
class SiteMap:
    """Page paths (relative to docs_dir) of records (from passes.pages, the one authority) and departments, and the
    anchors and versions links into documents depend on."""

    pages: RecordPages = field(default_factory=RecordPages)
    instruments: dict[str, str] = field(default_factory=dict)
    documents: dict[str, str] = field(default_factory=dict)
    departments: dict[str, str] = field(default_factory=dict)
    anchors: dict[str, set[str]] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)
    subitems: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # subitem_key → (page, 子项 name) of its 子项

    @classmethod
    def of(cls, corpus: Corpus, pages: RecordPages | None = None) -> SiteMap:
        """The site map of the corpus; `pages`: the build's record pages (computed here when not given)."""
        pages = pages or record_pages(corpus)
        sitemap = cls(
            pages=pages,
            instruments={record_id: page.path for record_id, page in pages.instruments.items()},
            documents={record_id: page.path for record_id, page in pages.documents.items()},
        )
        for document in corpus.documents:
            sitemap.anchors[document.id] = _document_anchors(document)
            if document.version:
                sitemap.versions[document.id] = document.version
        for power in corpus.powers:
            if power.item_id:
                sitemap.subitems.setdefault(subitem_key(power), []).append((sitemap.power(power), power.subitem or power.name))
        for name in dict.fromkeys(department_name(power.department) for power in corpus.powers):
            digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
            sitemap.departments[name] = f"departments/{digest}.md"
        return sitemap

    def power(self, power: Power) -> str:
        """The page of this power (ids shared by copies of a list in several sources get a page each)."""
        return self.pages.power(power).path

    @property
    def power_pages(self) -> int:
        return len(self.pages.powers)

    def link_context(self) -> str:
        """What any record page's links may depend on: the document pages, their anchors and versions. (What a page
        takes from the other records, such as instrument pages and 子项 siblings, is in its own inputs: page_inputs.py.)"""
        anchors = {name: sorted(values) for name, values in self.anchors.items()}
        return json.dumps([self.documents, anchors, self.versions], sort_keys=True, ensure_ascii=False)

    def article_target(self, citation: Citation, anchor: str | None) -> str | None:
        """documents/<doc>.md#<anchor> when the cited article's text is on the site, else None."""
        page = self.documents.get(citation.target_document or "")
        if page is None or anchor is None or anchor not in self.anchors.get(citation.target_document or "", set()):
            return None
        return f"{page}#{anchor}"


@lru_cache(maxsize=4096)
def _relative_folder(from_folder: str, to_folder: str) -> str:
    """The way from one docs folder to another ("" when they are the same), both relative to the docs root."""
    rel = posixpath.relpath(to_folder or ".", from_folder or ".")
    return "" if rel == "." else rel + "/"


def relative(from_page: str, to_target: str) -> str:
    """Link from one docs page to another page (optionally with #anchor), relative as MkDocs wants."""
    path, _, fragment = to_target.partition("#")
    folder, _, name = path.rpartition("/")
    rel = _relative_folder(posixpath.dirname(from_page), folder) + name
    return f"{rel}#{fragment}" if fragment else rel
