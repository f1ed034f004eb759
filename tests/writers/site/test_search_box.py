"""What the header search box loads on first use: the bundles to merge and the character tables both ways."""

from __future__ import annotations

import json
import math

from tests.conftest import SOURCES
from writers.site.pagefind import SHARD_PAGES, shard_names
from writers.site.pagefind_router import LANGUAGE, ROUTER
from writers.site.search_box import search_box_setup


def _table(pairs: str) -> dict[str, str]:
    characters = list(pairs)
    return dict(zip(characters[::2], characters[1::2], strict=True))


def test_the_setup_names_every_bundle_and_converts_a_traditional_seed_both_ways() -> None:
    bundles = shard_names(2100)
    setup = json.loads(search_box_setup(bundles, {"zh_0a1b2c3": bundles[1]}))
    assert setup["router"] == ROUTER and setup["routes"] == {"zh_0a1b2c3": bundles[1]}
    assert setup["bundles"] == bundles and setup["bundles"][0] == "pagefind" and len(bundles) == 1 + math.ceil(2100 / SHARD_PAGES)
    t2s, s2t = _table(setup["t2s"]), _table(setup["s2t"])
    query = "廣州市人民政府辦公廳"  # as written in the traditional-script 三定 seed
    assert query in (SOURCES / "001_90ab5478764d6aa0.txt").read_text(encoding="utf-8")
    simplified = "".join(t2s.get(character, character) for character in query)
    assert simplified == "广州市人民政府办公厅"
    assert "".join(s2t.get(character, character) for character in simplified) == query


def test_an_unsharded_site_has_no_router() -> None:
    setup = json.loads(search_box_setup(shard_names(100), {}))
    assert setup["bundles"] == ["pagefind"] and "router" not in setup and "routes" not in setup


def test_the_setup_grows_with_the_shards_not_with_the_records() -> None:
    shards = shard_names(100_000)
    routes = {f"{LANGUAGE}_{number:07x}": shard for number, shard in enumerate(shards[1:])}  # the router's ids: x-none_1245504
    assert len(search_box_setup(shards, routes)) - len(search_box_setup([], {})) < 60 * len(shards)
