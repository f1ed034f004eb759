"""What the header search box (site/assets/search-box.js) loads on first use: OUT/site/pagefind-search-box.json.

It names the Pagefind bundles to merge and holds the traditional→simplified character folds, so a query written in
traditional script finds the simplified text. Its size depends on the number of shards (at most 33), not on records."""

from __future__ import annotations

import json
from pathlib import Path

from text.script import character_folds
from writers.site.sync import write_if_changed

FILE = "pagefind-search-box.json"  # beside the bundles, outside mkdocs' output (the byte-identity test skips pagefind*)


def search_box_setup(bundles: list[str]) -> bytes:
    """The bundles (the first holds pagefind.js) and the folds as one string of traditional/simplified pairs."""
    folds = "".join(f"{traditional}{simplified}" for traditional, simplified in character_folds().items())
    return json.dumps({"bundles": bundles, "folds": folds}, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def write_search_box(site: Path, bundles: list[str]) -> None:
    write_if_changed(site / FILE, search_box_setup(bundles))
