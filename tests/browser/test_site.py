"""The built seeds' site in a real browser: citation → instrument → cited-by round trip, Chinese search, and the way to
search a site opened without JavaScript or from the file system."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import ARTIFACTS

TIMEOUT = 20_000
ABORTED = "net::ERR_ABORTED"  # a request the tab dropped when it left the page
ATTEMPTS = 20


def _search(page: Page, query: str) -> None:
    """Type a query as a user does (key events; Material reads keyup), again if the worker was still loading; waits for
    the theme's own result count (served, the API panel above it has one too)."""
    box, meta = page.locator("input.md-search__input"), page.locator(".md-search-result > .md-search-result__meta")
    for _ in range(ATTEMPTS):
        box.click()
        box.press("Control+A")
        box.press_sequentially(query)
        try:
            expect(meta).to_contain_text("结果", timeout=1_000)
            return
        except AssertionError:
            continue
    expect(meta).to_contain_text("结果")


def test_follow_a_citation_to_its_instrument_and_back(page: Page, served_url: str) -> None:
    page.goto(f"{served_url}/")
    page.locator("article").get_by_role("link", name="部门").first.click()
    page.locator("article table a").first.click()
    page.locator("article table a[href*='powers/']").first.click()
    expect(page).to_have_url(re.compile(r"/powers/[^/]+/$"))
    power_url, power_title = page.url, page.locator("article h1").inner_text().rstrip("¶ ")
    page.screenshot(path=str(ARTIFACTS / "power.png"), full_page=True)

    citation = page.locator("article a[href*='instruments/']").first
    title = citation.inner_text()
    citation.click()
    expect(page).to_have_url(re.compile(r"/instruments/[^/]+/$"))
    expect(page.locator("article h1")).to_contain_text(title.strip("《》"))

    back = page.locator(f"article a[href$='{power_url.rstrip('/').rsplit('/', 1)[1]}/']").first
    expect(back).to_be_visible()
    back.click()
    expect(page).to_have_url(power_url)
    expect(page.locator("article h1")).to_contain_text(power_title)


def test_chinese_search_finds_results(page: Page, served_url: str) -> None:
    page.goto(f"{served_url}/")
    _search(page, "电子政务")
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=TIMEOUT)
    assert "电子政务" in page.locator(".md-search-result").inner_text()
    # Power names hold 电子政务 inside longer runs of Han characters: found only through jieba's segments.
    expect(page.locator(".md-search-result__item a[href*='powers/']").first).to_be_attached(timeout=TIMEOUT)


def test_search_keeps_article_numbers_whole(page: Page, served_url: str) -> None:
    page.goto(f"{served_url}/")
    _search(page, "第八十一条")
    link = page.locator(".md-search-result__item a[href*='#art-81']")
    expect(link.first).to_be_attached(timeout=TIMEOUT)


def test_served_site_adds_api_hits_for_traditional_query(page: Page, served_url: str) -> None:
    page.goto(f"{served_url}/")
    page.locator("input.md-search__input").press_sequentially("電子政務")
    api_hits = page.locator(".quanze-api__list a")
    expect(api_hits.first).to_be_visible(timeout=TIMEOUT)
    href = urlsplit(api_hits.first.get_attribute("href") or "")
    assert f"{href.scheme}://{href.netloc}" == served_url and href.path.endswith("/")
    api_hits.first.click()
    expect(page.locator("article h1")).to_be_visible()
    if href.fragment:
        expect(page.locator(f"[id='{href.fragment}']")).to_have_count(1)


def test_static_site_without_api_shows_no_api_panel(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/")
    _search(page, "电子政务")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=TIMEOUT)
    assert page.locator(".quanze-api__list a").count() == 0


@pytest.fixture
def no_script(browser: Browser) -> Iterator[Page]:
    """A tab with JavaScript off."""
    context = browser.new_context(java_script_enabled=False, locale="zh-CN")
    yield context.new_page()
    context.close()


def _power_page(site: Path) -> Path:
    return sorted((site / "powers").glob("*/index.html"))[0]


def _watch(page: Page) -> list[str]:
    """Uncaught script errors and failed or refused requests of the tab, from now on (not those a navigation cut short)."""
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"error: {error}"))
    page.on("requestfailed", lambda request: None if request.failure == ABORTED else problems.append(f"{request.failure}: {request.url}"))
    page.on("response", lambda response: problems.append(f"{response.status}: {response.url}") if response.status >= 400 else None)
    return problems


def test_without_javascript_the_header_links_to_the_fulltext_page(no_script: Page, site_url: str, built_out: Path) -> None:
    page = _power_page(built_out / "site").parent.relative_to(built_out / "site").as_posix()
    problems = _watch(no_script)
    no_script.goto(f"{site_url}/{page}/")
    expect(no_script.locator("input.md-search__input")).to_be_hidden()
    link = no_script.locator("header a.quanze-search-link")
    expect(link).to_be_visible()
    link.click()
    expect(no_script).to_have_url(re.compile(r"/fulltext/(index\.html)?$"))
    expect(no_script.locator("article")).to_contain_text("检索需要 JavaScript")
    no_script.locator(".quanze-no-script a", has_text="引用文件").click()
    expect(no_script.locator("article h1")).to_contain_text("引用文件")
    assert not problems, problems


def test_opened_from_the_file_system_without_javascript_the_header_link_opens_the_fulltext_page(no_script: Page, built_out: Path) -> None:
    no_script.goto(_power_page(built_out / "site").as_uri())
    no_script.locator("header a.quanze-search-link").click()
    expect(no_script).to_have_url(re.compile(r"^file://.*/fulltext/index\.html$"))  # the page, not the folder's listing
    expect(no_script.locator("article")).to_contain_text("检索需要 JavaScript")


def test_opened_from_the_file_system_the_header_box_leads_to_the_fulltext_page(page: Page, built_out: Path) -> None:
    problems = _watch(page)
    page.goto(_power_page(built_out / "site").as_uri())
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("电子政务")
    meta = page.locator(".quanze-search__meta")
    expect(meta).to_contain_text("从本地文件打开的网站不能检索")
    meta.locator("a").click()
    expect(page).to_have_url(re.compile(r"^file://.*/fulltext/index\.html\?q="))
    expect(page.locator("#quanze-fulltext-file")).to_be_visible()
    page.locator("#quanze-fulltext-file a", has_text="部门").click()
    expect(page.locator("article h1")).to_contain_text("部门")
    assert not problems, problems

