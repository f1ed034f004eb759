"""What the header search box (site/assets/search-box.js) loads on first use: OUT/site/pagefind-search-box.json.

It names the Pagefind bundles (the main one first, then the power shards), the router and what each of its pages
stands for (writers/site/pagefind_router.py), and holds OpenCC's character tables both ways, so a query is also
searched in the other script: 電子政務 finds 电子政务 and the other way round (a fifth of a city's lists may be in
traditional script). Its size grows with the number of shards (60 bytes each: 2,978 for the 50 at 100,000 powers),
not with the records."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from text.script import character_folds
from writers.site.pagefind_router import ROUTER
from writers.site.sync import write_if_changed

FILE = "pagefind-search-box.json"  # beside the bundles, outside mkdocs' output (the byte-identity test skips pagefind*)


def _pairs(config: Literal["t2s", "s2t"]) -> str:
    """A character table as one string: each character followed by what it becomes."""
    return "".join(f"{character}{converted}" for character, converted in character_folds(config).items())


def search_box_setup(bundles: list[str], routes: dict[str, str]) -> bytes:
    """The bundles (the first holds pagefind.js), the router's page ids and their shards (none on a site of few
    shards: the box merges them all), and the two character tables."""
    router = {"router": ROUTER, "routes": routes} if routes else {}
    setup = {"bundles": bundles, **router, "t2s": _pairs("t2s"), "s2t": _pairs("s2t")}
    return json.dumps(setup, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def write_search_box(site: Path, bundles: list[str], routes: dict[str, str]) -> None:
    write_if_changed(site / FILE, search_box_setup(bundles, routes))


def written_routes(site: Path) -> dict[str, str]:
    """The router's page ids and shards as OUT/site's setup file holds them (none when it has no router or no file)."""
    path = site / FILE
    return json.loads(path.read_text(encoding="utf-8")).get("routes", {}) if path.is_file() else {}
