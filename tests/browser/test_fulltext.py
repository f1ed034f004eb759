"""The full-text search page in a real browser: Pagefind's chunked index finds power pages and a query fetches only some chunks."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Locator, Page, Response, expect

from tests.browser.conftest import ARTIFACTS, _QuietHandler, _serve
from tests.writers.site.synthetic import synthetic_corpus
from writers.site import pagefind, write_site
from writers.site.pagefind import shard_names, shard_of
from writers.site.pagefind_router import ROUTER

TIMEOUT = 20_000


def _bundle_bytes(site: Path) -> int:
    return sum(path.stat().st_size for path in (site / "pagefind").rglob("*") if path.is_file())


def _power_results(page: Page, site_url: str, query: str) -> Locator:
    """Type `query` into the full-text page's box; the power-page result links, once the first is shown."""
    page.goto(f"{site_url}/fulltext/")
    box = page.locator(".pagefind-ui__search-input")
    box.click()
    box.press_sequentially(query)
    results = page.locator(".pagefind-ui__result-link[href*='/powers/']")
    expect(results.first).to_be_visible(timeout=TIMEOUT)
    return results


def test_fulltext_search_finds_power_pages_fetching_part_of_the_index(page: Page, served_url: str, built_out: Path) -> None:
    fetched: dict[str, int] = {}

    def count(response: Response) -> None:
        path = urlsplit(response.url).path
        if "/pagefind/" in path and response.ok:
            fetched[path] = len(response.body())

    page.on("response", count)
    results = _power_results(page, served_url, "电子政务")
    expect(page.locator(".pagefind-ui__message")).to_contain_text("电子政务")
    href = results.first.get_attribute("href") or ""
    page.wait_for_load_state("networkidle")
    total = sum(fetched.values())
    assert any(path.endswith(".pf_index") for path in fetched), fetched
    assert total < _bundle_bytes(built_out / "site")
    (ARTIFACTS / "pagefind-first-query.json").write_text(json.dumps({"bytes": total, "files": fetched}, indent=1), encoding="utf-8")
    page.goto(f"{served_url}{href}")
    expect(page.locator("article h1")).to_be_visible()


@pytest.fixture(scope="module")
def sharded_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[str]]]:
    """A synthetic site of 9 powers indexed in shards of 3 power pages: its URL and its bundles."""
    out = tmp_path_factory.mktemp("sharded-site")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pagefind, "SHARD_PAGES", 3)
        build = write_site(synthetic_corpus(9), out)
        names = shard_names(9)
    assert build.run.returncode == 0 and build.search is not None and build.search.returncode == 0
    assert build.search.indexed == sorted(names) and len(names) == 4  # too few shards for a router
    handler = functools.partial(_QuietHandler, directory=str(out / "site"))
    for url in _serve(ThreadingHTTPServer(("127.0.0.1", 0), handler)):
        yield url, names


def test_fulltext_search_merges_the_shards_of_a_large_site(page: Page, sharded_site: tuple[str, list[str]]) -> None:
    sharded_site_url, names = sharded_site
    shards: set[str] = set()
    page.on("response", lambda response: shards.add(urlsplit(response.url).path.split("/")[1]) if response.ok else None)
    results = _power_results(page, sharded_site_url, "受理申请")
    page.wait_for_load_state("networkidle")
    hrefs = results.evaluate_all("links => links.map(a => a.href)")
    found = {shard_of(urlsplit(href).path.lstrip("/") + "index.html", names) for href in hrefs}
    assert len(found) >= 2, found  # the first results come from several power shards
    assert set(names[1:]) <= shards and ROUTER not in shards  # every shard, and never the router: its pages are no results
