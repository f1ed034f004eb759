"""The header search box on a generated site above 2,000 powers (benchmarks/generate.py through the real pipeline),
in Chromium: a page view downloads no more than its budget and nothing of the index, a query typed in the header
finds a power by a word of its basis text, and a query fetches from the power shards the router names only (the site
is cut into 150-page shards here, so that it has many: a city's site has as many per 2,000 powers)."""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
import rjieba
from playwright.sync_api import Page, Request, expect

from benchmarks.generate import generate
from pipeline.compile import compile_corpus
from schema.records import Power
from tests.browser.conftest import ARTIFACTS, _QuietHandler, _serve
from text.script import to_simplified
from writers.site import pagefind, write_site
from writers.site.pagefind import shard_of
from writers.site.search_box import FILE as SETUP
from writers.site.sitemap import SiteMap

POWERS = 2100  # above the 2,000 powers beyond which Material's lunr index had to drop the powers' full text
SHARD_PAGES = 150  # 14 power shards
AT_ONCE = 6  # search-box.js: shards a first query may search when the router names more
NOWHERE = "鷟鸑鵷鶵"  # four characters found in no power list
PAGE_VIEW_BUDGET = 400_000  # bytes of one page view, whatever the size of the site
TIMEOUT = 30_000
WORD = re.compile(r"[\u4e00-\u9fff]{4,}")  # a word long enough to name a subject, not a function word
ORDINAL = re.compile(r"[第〇零一二三四五六七八九十百千条款项]{2}")  # article numbers name no subject


@dataclass
class GeneratedSite:
    url: str
    powers: list[Power]
    sitemap: SiteMap
    shards: list[str]  # the bundles: the main one, then the power shards


@pytest.fixture(scope="module")
def generated_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GeneratedSite]:
    work = tmp_path_factory.mktemp("generated-site")
    generate(POWERS, work / "sources")
    corpus = compile_corpus(work / "sources")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pagefind, "SHARD_PAGES", SHARD_PAGES)
        build = write_site(corpus, work / "out")
    assert build.run.returncode == 0, build.run.problems
    assert build.search is not None and build.search.returncode == 0, build.search
    site = work / "out" / "site"
    shards = json.loads((site / SETUP).read_text(encoding="utf-8"))["bundles"]
    assert len(shards) == 1 + -(-POWERS // SHARD_PAGES)
    handler = functools.partial(_QuietHandler, directory=str(site))
    for url in _serve(ThreadingHTTPServer(("127.0.0.1", 0), handler)):
        yield GeneratedSite(url, corpus.powers, SiteMap.of(corpus), shards)


def _basis_words(power: Power) -> set[str]:
    words = rjieba.cut(to_simplified(power.basis_text or ""), False)
    return {word for word in words if WORD.fullmatch(word) and not ORDINAL.search(word)}


def _rare_basis_word(powers: list[Power]) -> tuple[str, Power]:
    """The word of some power's basis text (simplified) that the fewest powers' basis texts hold, and that power."""
    counts = Counter(word for power in powers for word in _basis_words(power))
    word, power = min(((word, power) for power in powers for word in _basis_words(power)), key=lambda pair: (counts[pair[0]], pair[0]))
    return word, power


def _frequent_basis_word(powers: list[Power]) -> str:
    counts = Counter(word for power in powers for word in _basis_words(power))
    return max(counts, key=lambda word: (counts[word], word))


def _power_page(site: GeneratedSite, power: Power) -> str:
    return site.sitemap.power(power).removesuffix(".md") + "/index.html"


def _shards_fetched(fetched: list[tuple[str, int]]) -> set[str]:
    return {path.split("/")[1] for path, _ in fetched if path.startswith("/pagefind-powers-")}


def _record_bytes(page: Page) -> list[tuple[str, int]]:
    fetched: list[tuple[str, int]] = []

    def finished(request: Request) -> None:
        fetched.append((urlsplit(request.url).path, request.sizes()["responseBodySize"]))

    page.on("requestfinished", finished)
    return fetched


def test_page_view_budget_and_a_header_query_finds_a_power_by_its_basis_text(page: Page, generated_site: GeneratedSite) -> None:
    power = generated_site.powers[len(generated_site.powers) // 2]
    fetched = _record_bytes(page)
    page.goto(f"{generated_site.url}/{generated_site.sitemap.power(power).removesuffix('.md')}/")
    page.wait_for_load_state("networkidle")
    page_view = sum(size for _, size in fetched)
    assert page_view <= PAGE_VIEW_BUDGET, fetched
    assert not [path for path, _ in fetched if path.startswith("/pagefind") or path.startswith("/search/")], fetched

    word, holder = _rare_basis_word(generated_site.powers)
    fetched.clear()
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(word)
    results = page.locator(".md-search-result__item > a.md-search-result__link[href*='/powers/']")
    expect(results.first).to_be_visible(timeout=TIMEOUT)
    page.wait_for_load_state("networkidle")
    holding = [other for other in generated_site.powers if word in to_simplified(other.basis_text or "")]
    holders = {f"/{generated_site.sitemap.power(other).removesuffix('.md')}/" for other in holding}
    shown = {urlsplit(href).path for href in results.evaluate_all("links => links.map(a => a.href)")}
    assert shown & holders, (word, holder.id, shown)
    expect(page.locator(".md-search-result__item mark").first).to_be_visible()
    measured = {"powers": POWERS, "page_view_bytes": page_view, "query": word, "query_bytes": sum(size for _, size in fetched)}
    (ARTIFACTS / "header-search-generated.json").write_text(json.dumps(measured, ensure_ascii=False), encoding="utf-8")


# Set once the result list has been busy and is no longer: a query without results can do both within one task.
SEARCHED_PROBE = """() => {
  const list = document.querySelector(".md-search-result__list");
  let busy = false;
  new MutationObserver((records) => {
    busy = busy || records.some((record) => record.oldValue === null);
    if (busy && !list.hasAttribute("aria-busy")) window.__searched = true;
  }).observe(list, { attributes: true, attributeFilter: ["aria-busy"], attributeOldValue: true });
}"""


def _query(page: Page, site: GeneratedSite, word: str) -> list[tuple[str, int]]:
    """Type `word` in the header box of a power page; the requests made until every form's results are shown."""
    page.goto(f"{site.url}/{site.sitemap.power(site.powers[0]).removesuffix('.md')}/")
    fetched = _record_bytes(page)
    page.evaluate(SEARCHED_PROBE)
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(word)
    page.wait_for_function("() => window.__searched", timeout=TIMEOUT)
    page.wait_for_load_state("networkidle")
    return fetched


def test_a_rare_word_fetches_from_the_shards_holding_it_only(page: Page, generated_site: GeneratedSite) -> None:
    word, _ = _rare_basis_word(generated_site.powers)
    fetched = _query(page, generated_site, word)
    holding = [power for power in generated_site.powers if word in to_simplified(power.basis_text or "")]
    holder_shards = {shard_of(_power_page(generated_site, power), generated_site.shards) for power in holding}
    searched = _shards_fetched(fetched)
    assert holder_shards <= searched and len(searched) < len(generated_site.shards) - 1, (word, holder_shards, searched)
    expect(page.locator(".quanze-search__shards")).to_be_hidden()  # every shard that could hold it was searched


def test_a_frequent_word_fetches_from_a_few_shards_and_the_button_searches_more(page: Page, generated_site: GeneratedSite) -> None:
    word = _frequent_basis_word(generated_site.powers)
    fetched = _query(page, generated_site, word)
    first = _shards_fetched(fetched)
    assert 1 <= len(first) <= AT_ONCE, first
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible()
    shown = results.count()
    button = page.locator(".quanze-search__shards")
    expect(button).to_be_visible()
    expect(page.locator(".quanze-search__meta")).to_contain_text(f"检索了 {len(first)} 组职权")
    button.click()
    page.locator(".md-search-result__list:not([aria-busy])").wait_for(state="attached", timeout=TIMEOUT)
    page.wait_for_load_state("networkidle")
    wider = _shards_fetched(fetched)
    assert first < wider and len(wider) <= len(first) + 8, (first, wider)
    assert results.count() >= shown
    while button.is_visible():  # every press adds shards, until all the router named are searched
        button.click()
        page.locator(".md-search-result__list:not([aria-busy])").wait_for(state="attached", timeout=TIMEOUT)
    page.wait_for_load_state("networkidle")
    assert len(_shards_fetched(fetched)) == len(generated_site.shards) - 1


def test_a_word_found_nowhere_fetches_from_no_power_shard(page: Page, generated_site: GeneratedSite) -> None:
    assert not any(NOWHERE in (power.basis_text or "") + power.name for power in generated_site.powers)
    fetched = _query(page, generated_site, NOWHERE)
    assert not _shards_fetched(fetched)
    expect(page.locator(".quanze-search__meta")).to_contain_text("没有找到")
    assert not page.locator(".md-search-result__item").count()
