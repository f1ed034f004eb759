"""The full-text search page in a real browser: Pagefind's chunked index finds power pages and a query fetches only some chunks."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Page, Response, expect

from tests.browser.conftest import ARTIFACTS

TIMEOUT = 20_000


def _bundle_bytes(site: Path) -> int:
    return sum(path.stat().st_size for path in (site / "pagefind").rglob("*") if path.is_file())


def test_fulltext_search_finds_power_pages_fetching_part_of_the_index(page: Page, site_url: str, built_out: Path) -> None:
    fetched: dict[str, int] = {}

    def count(response: Response) -> None:
        path = urlsplit(response.url).path
        if "/pagefind/" in path and response.ok:
            fetched[path] = len(response.body())

    page.on("response", count)
    page.goto(f"{site_url}/fulltext/")
    box = page.locator(".pagefind-ui__search-input")
    box.click()
    box.press_sequentially("电子政务")
    results = page.locator(".pagefind-ui__result-link[href*='/powers/']")
    expect(results.first).to_be_visible(timeout=TIMEOUT)
    expect(page.locator(".pagefind-ui__message")).to_contain_text("电子政务")
    href = results.first.get_attribute("href") or ""
    page.wait_for_load_state("networkidle")
    total = sum(fetched.values())
    assert any(path.endswith(".pf_index") for path in fetched), fetched
    assert total < _bundle_bytes(built_out / "site")
    (ARTIFACTS / "pagefind-first-query.json").write_text(json.dumps({"bytes": total, "files": fetched}, indent=1), encoding="utf-8")
    page.goto(f"{site_url}{href}")
    expect(page.locator("article h1")).to_be_visible()
