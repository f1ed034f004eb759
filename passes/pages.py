"""Where every record lives on the site and what it is called: computed once, read by the site, the search index,
the change report's page and Pagefind, so a URL one of them gives is a page another one wrote."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from schema.corpus import Corpus
from schema.records import Power

INDEX_PAGE = "index.md"


@dataclass(frozen=True)
class RecordPage:
    """A record's page: its path under the docs folder (MkDocs source) and its display title."""

    path: str
    title: str

    @property
    def url(self) -> str:
        """The page's URL relative to the site root, as MkDocs writes it (directory URLs)."""
        stem = self.path.removesuffix(".md")
        if stem == "index" or stem.endswith("/index"):
            return stem.removesuffix("index")
        return stem + "/"


def power_title(power: Power) -> str:
    """How a power is named everywhere: 名称（子项）."""
    return f"{power.name}（{power.subitem}）" if power.subitem else power.name


def _slug(identifier: str) -> str:
    """A file-name-safe form of a record id (kept readable when it already is)."""
    slug = re.sub(r"[^\w.\-]", "_", identifier).strip("._")
    return slug or "x" + hashlib.sha1(identifier.encode("utf-8")).hexdigest()[:10]


def _unique_paths(identifiers: Iterable[str], folder: str) -> dict[str, str]:
    """Each distinct identifier's page in `folder`, under a slug no other one there uses (first come, first served)."""
    paths: dict[str, str] = {}
    taken: set[str] = set()
    for identifier in dict.fromkeys(identifiers):
        base = f"{folder}/{_slug(identifier)}"
        candidate, counter = base, 1
        while candidate in taken:
            counter += 1
            candidate = f"{base}-{counter}"
        taken.add(candidate)
        paths[identifier] = candidate + ".md"
    return paths


PowerKey = tuple[str, str]  # (power id, source file): ids are unique within a file, not across copies of a list


@dataclass
class RecordPages:
    """Every record's page. Powers are keyed by (id, source file): the first power with an id (in source order)
    has the page of its id; the same id from another file (a second copy of a list) gets a page of its own, named by
    a hash of that file, so the pages stay put when other sources come and go."""

    powers: dict[PowerKey, RecordPage] = field(default_factory=dict)
    first_power: dict[str, RecordPage] = field(default_factory=dict)  # by id alone, as the change report names powers
    documents: dict[str, RecordPage] = field(default_factory=dict)
    instruments: dict[str, RecordPage] = field(default_factory=dict)

    def power(self, power: Power) -> RecordPage:
        return self.powers[(power.id, power.source.file)]

    def citing(self, record_kind: str, record_id: str, file: str | None) -> RecordPage | None:
        """The page of a citing record as the registry names it (kind, id and file)."""
        if record_kind == "power":
            return self.powers.get((record_id, file or "")) or self.first_power.get(record_id)
        return self.documents.get(record_id)


def _power_pages(powers: list[Power]) -> dict[PowerKey, RecordPage]:
    by_id = _unique_paths((power.id for power in powers), "powers")
    pages: dict[PowerKey, RecordPage] = {}
    first_file: dict[str, str] = {}
    for power in powers:
        key = (power.id, power.source.file)
        if key in pages:
            continue
        path = by_id[power.id]
        if first_file.setdefault(power.id, power.source.file) != power.source.file:
            path = path.removesuffix(".md") + "-" + hashlib.sha1(power.source.file.encode("utf-8")).hexdigest()[:6] + ".md"
        pages[key] = RecordPage(path, power_title(power))
    return pages


def record_pages(corpus: Corpus) -> RecordPages:
    """The pages of every power, document and instrument of the corpus."""
    powers = _power_pages(corpus.powers)
    first: dict[str, RecordPage] = {}
    for (power_id, _), page in powers.items():
        first.setdefault(power_id, page)
    documents = _unique_paths((document.id for document in corpus.documents), "documents")
    instruments = _unique_paths((instrument.id for instrument in corpus.instruments), "instruments")
    titles = {document.id: document.title for document in corpus.documents}
    return RecordPages(
        powers=powers,
        first_power=first,
        documents={doc_id: RecordPage(path, titles[doc_id]) for doc_id, path in documents.items()},
        instruments={
            instrument.id: RecordPage(instruments[instrument.id], instrument.title) for instrument in corpus.instruments
        },
    )
