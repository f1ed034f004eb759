"""Which generated pages are already on disk as they would be rendered now (OUT/cache/page-keys.json).

A page's key is a digest of everything it is made from: its record, the site-wide context it links into (page paths,
anchors, versions) and the writer's own code and templates. A page whose key is unchanged and whose file exists is
neither rendered nor written again: at 10,000 powers that is most of the Markdown stage of a one-row rebuild."""

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


class PageCache:
    """Keys and Markdown digests of the pages under OUT/docs as last written; `fresh` says whether a page can stay as it is."""

    def __init__(self, out: Path, context: str) -> None:
        self.path, self.docs = out / KEYS, out / "docs"
        self.known: dict[str, list[str]] = json.loads(self.path.read_text(encoding="utf-8")) if self.path.is_file() else {}
        self.keys: dict[str, str] = {}
        self.digests: dict[str, str] = {}  # page → SHA-256 of its Markdown, for every page this run made or kept
        self.context = hashlib.sha256((writer_version() + context).encode("utf-8")).hexdigest()

    def fresh(self, page: str, record: str) -> bool:
        """Note the page's key (from its record's JSON); True when the file on disk was written under the same key."""
        key = hashlib.sha256(f"{self.context}\0{page}\0{record}".encode()).hexdigest()
        self.keys[page] = key
        known = self.known.get(page)
        if known is None or known[0] != key or not (self.docs / page).is_file():
            return False
        self.digests[page] = known[1]
        return True

    def written(self, page: str, markdown: bytes) -> None:
        """Note the digest of a page written (or found unchanged) in this run."""
        self.digests[page] = hashlib.sha256(markdown).hexdigest()

    def save(self) -> None:
        """Keep key and digest of this run's keyed pages that were kept or written (any other page is forgotten)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        kept = {page: [key, self.digests[page]] for page, key in self.keys.items() if page in self.digests}
        write_if_changed(self.path, json.dumps(kept, sort_keys=True).encode("utf-8"))
