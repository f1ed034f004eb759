"""Which generated pages are already on disk as they would be rendered now (OUT/cache/page-keys.pickle).

A record page (with the cited-by lists it may have) is a unit keyed by a digest of its inputs
(writers/site/page_inputs.py); the site-wide context it links into (document pages, anchors, versions) and the
writer's own code and templates tag the whole file (a change of them renders every page again). A unit whose key is
unchanged and whose files exist is neither rendered nor written again: a one-row rebuild fills only the few pages the
edit reaches."""

from __future__ import annotations

import hashlib
from pathlib import Path

from writers import kept
from writers.site.sync import fingerprint

KEYS = "cache/page-keys.pickle"
WRITER = Path(__file__).resolve().parent
TEMPLATES = WRITER.parents[1] / "site" / "templates"

Known = dict[str, bytes]  # unit → its key, then its pages' digests (_packed)
KEY_SIZE = 32  # bytes of a key (SHA-256)


def _packed(unit: str, key: bytes, pages: dict[str, str]) -> bytes:
    """A unit's key and its pages' digests as one value: `page<TAB>digest` lines, the page left out when it is the unit
    itself (most units are one record's page). A province's 100,000 units kept as tuples of a key and a dict took a
    second to pickle and half of one to unpickle; as one bytes value each, a tenth of that."""
    return key + "\n".join(f"{'' if page == unit else page}\t{digest}" for page, digest in pages.items()).encode("utf-8")


def _unpacked(unit: str, packed: bytes) -> dict[str, str]:
    """The pages' digests of a _packed unit."""
    body = packed[KEY_SIZE:]
    if body.startswith(b"\t") and b"\n" not in body:  # the unit's own page alone
        return {unit: body[1:].decode("ascii")}
    pages = {}
    for line in body.decode("utf-8").split("\n"):
        page, _, digest = line.partition("\t")
        pages[page or unit] = digest
    return pages


def writer_version() -> str:
    """Digest of the site writer's code and templates: a change to either renders every page again."""
    files = [*WRITER.glob("*.py"), *TEMPLATES.glob("*.j2")]
    return fingerprint(WRITER.parents[1], files)


class PageCache:
    """Keys and Markdown digests of the units under OUT/docs as last written; `fresh` says whether a unit can stay.

    Kept as a pickle tagged with the context (writers.kept): a province's 100,000 units were 17.6 MB of JSON to read
    and write again at every build; a unit's key is then the digest of its own inputs alone."""

    def __init__(self, out: Path, context: str, present: set[str] | None = None) -> None:
        """`present`: the files under OUT/docs (relative paths), when the caller has listed them."""
        self.path, self.docs, self.present = out / KEYS, out / "docs", present
        self.context = hashlib.sha256((writer_version() + context).encode("utf-8")).hexdigest()
        self.known: Known = kept.load(self.path, self.context, dict) or {}
        self.keys: dict[str, bytes] = {}
        self.kept: Known = {}  # the known entry of every unit kept
        self.units: dict[str, dict[str, str]] = {}  # unit → its pages' digests, for every unit written
        self.digests: dict[str, str] = {}  # page → SHA-256 of its Markdown, for every page this run made or kept

    def _exists(self, page: str) -> bool:
        return page in self.present if self.present is not None else (self.docs / page).is_file()

    def fresh(self, unit: str, inputs: bytes | str) -> bool:
        """Note the unit's key (from its inputs); True when its files on disk were written under the same key."""
        key = self.keys[unit] = hashlib.sha256(inputs if isinstance(inputs, bytes) else inputs.encode("utf-8")).digest()
        known = self.known.get(unit)
        if known is None or not known.startswith(key):
            return False
        pages = _unpacked(unit, known)
        if not all(self._exists(page) for page in pages):
            return False
        self.kept[unit] = known
        self.digests.update(pages)
        return True

    def written(self, page: str, digest: str, unit: str | None = None) -> None:
        """Note the digest (SHA-256 of the Markdown) of a page written (or found unchanged) in this run, as part of the
        keyed unit `unit` (by default the page's own) when this run keyed it."""
        self.digests[page] = digest
        unit = page if unit is None else unit
        if unit in self.keys:
            self.units.setdefault(unit, {})[page] = digest

    def save(self) -> None:
        """Keep key and digests of this run's keyed units that were kept or written (any other unit is forgotten);
        written only when they changed."""
        kept_now = {}
        for unit, key in self.keys.items():
            if self.units.get(unit):
                kept_now[unit] = _packed(unit, key, self.units[unit])
            elif unit in self.kept:
                kept_now[unit] = self.kept[unit]
        if kept_now != self.known or not self.path.is_file():
            kept.save(self.path, self.context, kept_now)
