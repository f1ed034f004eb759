"""Which generated pages are already on disk as they would be rendered now (OUT/cache/page-keys.json).

A record page (with the cited-by lists it may have) is a unit keyed by a digest of everything it is made from: its
inputs (writers/site/page_inputs.py), the site-wide context it links into (document pages, anchors, versions) and the
writer's own code and templates. A unit whose key is unchanged and whose files exist is neither rendered nor written
again: a one-row rebuild fills only the few pages the edit reaches."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from writers.site.sync import fingerprint, write_if_changed

KEYS = "cache/page-keys.json"
WRITER = Path(__file__).resolve().parent
TEMPLATES = WRITER.parents[1] / "site" / "templates"


def writer_version() -> str:
    """Digest of the site writer's code and templates: a change to either renders every page again."""
    files = [*WRITER.glob("*.py"), *TEMPLATES.glob("*.j2")]
    return fingerprint(WRITER.parents[1], files)


def _load(path: Path) -> dict[str, tuple[str, dict[str, str]]]:
    """unit → (key, its pages' digests); stored as [key, digest] for a unit that is one page of its own name."""
    if not path.is_file():
        return {}
    known = {}
    for unit, (key, pages) in json.loads(path.read_text(encoding="utf-8")).items():
        known[unit] = (key, pages if isinstance(pages, dict) else {unit: pages})
    return known


class PageCache:
    """Keys and Markdown digests of the units under OUT/docs as last written; `fresh` says whether a unit can stay."""

    def __init__(self, out: Path, context: str, present: set[str] | None = None) -> None:
        """`present`: the files under OUT/docs (relative paths), when the caller has listed them."""
        self.path, self.docs, self.present = out / KEYS, out / "docs", present
        self.known = _load(self.path)
        self.keys: dict[str, str] = {}
        self.units: dict[str, dict[str, str]] = {}  # unit → its pages' digests, for every unit kept or written
        self.digests: dict[str, str] = {}  # page → SHA-256 of its Markdown, for every page this run made or kept
        self.context = hashlib.sha256((writer_version() + context).encode("utf-8")).hexdigest()

    def _exists(self, page: str) -> bool:
        return page in self.present if self.present is not None else (self.docs / page).is_file()

    def fresh(self, unit: str, inputs: bytes | str) -> bool:
        """Note the unit's key (from its inputs); True when its files on disk were written under the same key."""
        digest = hashlib.sha256(f"{self.context}\0{unit}\0".encode())
        digest.update(inputs if isinstance(inputs, bytes) else inputs.encode("utf-8"))
        key = digest.hexdigest()
        self.keys[unit] = key
        known = self.known.get(unit)
        if known is None or known[0] != key or not all(self._exists(page) for page in known[1]):
            return False
        self.units[unit] = known[1]
        self.digests.update(known[1])
        return True

    def written(self, page: str, digest: str, unit: str | None = None) -> None:
        """Note the digest (SHA-256 of the Markdown) of a page written (or found unchanged) in this run, as part of the
        keyed unit `unit` (by default the page's own) when this run keyed it."""
        self.digests[page] = digest
        unit = page if unit is None else unit
        if unit in self.keys:
            self.units.setdefault(unit, {})[page] = digest

    def save(self) -> None:
        """Keep key and digests of this run's keyed units that were kept or written (any other unit is forgotten)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        kept = {
            unit: [key, self.units[unit][unit] if list(self.units[unit]) == [unit] else self.units[unit]]
            for unit, key in self.keys.items()
            if self.units.get(unit)
        }
        write_if_changed(self.path, json.dumps(kept, sort_keys=True).encode("utf-8"))
