"""Where every record's page lives in the docs tree, and which article anchors exist (so links always resolve)."""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from schema.corpus import Corpus
from schema.records import Citation, Document, Section
from writers.site.escape import anchor_id

UNSORTED_DEPARTMENT = "（未注明部门）"


def _slug(identifier: str) -> str:
    """A file-name-safe form of a record id (kept readable when it already is)."""
    slug = re.sub(r"[^\w.\-]", "_", identifier).strip("._")
    return slug or "x" + hashlib.sha1(identifier.encode("utf-8")).hexdigest()[:10]


def _unique_pages(identifiers: Iterable[str], folder: str) -> dict[str, str]:
    """Each identifier's page in `folder`, under a slug no other record there uses (first come, first served)."""
    pages: dict[str, str] = {}
    taken: set[str] = set()
    for identifier in identifiers:
        base = f"{folder}/{_slug(identifier)}"
        candidate, counter = base, 1
        while candidate in taken:
            counter += 1
            candidate = f"{base}-{counter}"
        taken.add(candidate)
        pages[identifier] = candidate + ".md"
    return pages


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
    """Page paths (relative to docs_dir) of powers, instruments, documents and departments."""

    powers: dict[str, str] = field(default_factory=dict)
    instruments: dict[str, str] = field(default_factory=dict)
    documents: dict[str, str] = field(default_factory=dict)
    departments: dict[str, str] = field(default_factory=dict)
    anchors: dict[str, set[str]] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)
    subitems: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # item id → (power id, 子项 name) of its 子项

    @classmethod
    def of(cls, corpus: Corpus) -> SiteMap:
        sitemap = cls(
            powers=_unique_pages((power.id for power in corpus.powers), "powers"),
            instruments=_unique_pages((instrument.id for instrument in corpus.instruments), "instruments"),
            documents=_unique_pages((document.id for document in corpus.documents), "documents"),
        )
        for document in corpus.documents:
            sitemap.anchors[document.id] = _document_anchors(document)
            if document.version:
                sitemap.versions[document.id] = document.version
        for power in corpus.powers:
            if power.item_id:
                sitemap.subitems.setdefault(power.item_id, []).append((power.id, power.subitem or power.name))
        for name in dict.fromkeys(department_name(power.department) for power in corpus.powers):
            digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
            sitemap.departments[name] = f"departments/{digest}.md"
        return sitemap

    def link_context(self) -> str:
        """What a page's links depend on besides its own record: where the other pages live, their anchors and versions."""
        anchors = {name: sorted(values) for name, values in self.anchors.items()}
        context = [self.instruments, self.documents, self.departments, anchors, self.versions, self.subitems]
        return json.dumps(context, sort_keys=True, ensure_ascii=False)

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
