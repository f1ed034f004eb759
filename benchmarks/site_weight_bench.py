"""What a visitor of the public site downloads, measured in Debian Chromium on generated sites served over loopback.

    .venv/bin/python -m benchmarks.site_weight_bench                  # 2,000 and 10,000 powers
    .venv/bin/python -m benchmarks.site_weight_bench --with-100k      # and 100,000 (a long build)
    .venv/bin/python -m benchmarks.site_weight_bench --powers 3000 --queries 电子政务
    .venv/bin/python -m benchmarks.site_weight_bench --site /work/bench/b100k/out-100000   # a site already built

For each size: generate the sources (benchmarks/generate.py) and build them with build.py (incremental, so an OUT
already built from the same sources costs a no-change rebuild); or, with --site, take sites already built (by
benchmarks/pipeline_bench.py, say) as they are. Serve OUT/site on 127.0.0.1, and for each query open
a fresh browser context (empty cache) and measure with Playwright's request events (every finished request: response
headers and body as transferred), three times (`--repeat`), reporting the run with the median time to the first result:
- page view: one power page and the home page, no interaction, until the network is idle;
- first query: bytes added by clicking into the header search box and typing the query, until the box has shown
  every script form's results (its list is no longer aria-busy) and the network is idle; and the time from the
  click to the first result shown, twice: as Playwright sees it (its click, key presses and polling included) and as
  the page sees it (from the pointer going down on the box to the frame after the first result entered the list).
The queries: a frequent word, an article number, a traditional-script query, a word found in no page, and (on a
sharded site) a rare word: one of the words that only one power shard's index holds (OUT/cache/pagefind-words), that
the browser's word segmenter keeps whole (so Pagefind searches it as one term). The "shards" column counts the power
shards a first query fetched from, out of those the site has.
Prints a table with the machine's cores, memory and load."""

from __future__ import annotations

import argparse
import functools
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, Page, Request, sync_playwright
from rich.console import Console
from rich.table import Table

from benchmarks.generate import generate
from benchmarks.pipeline_bench import ROOT, machine, run_build
from writers.site.pagefind import BUNDLE, WORDS
from writers.site.search_box import FILE as SEARCH_BOX_SETUP

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking"]
QUERIES = ("电子政务", "第八十一条", "預付卡", "鷟鸑鵷鶵")  # frequent, an article number, traditional script, found nowhere
RARE = "(rare)"  # stands for the site's rare word in --queries
SHARDS = f"/{BUNDLE}-powers-"
TIMEOUT = 60_000
console = Console(width=180)


@dataclass
class Measure:
    powers: int
    query: str
    power_page_kb: float
    home_page_kb: float
    page_view_requests: int
    index_requests_on_load: int  # requests to Pagefind bundles or a search index during the page views: must be 0
    query_kb: float
    query_requests: int
    bundles_fetched: int
    shards_fetched: int  # power shards among the bundles
    shards: int  # the site's power shards
    first_result_s: float
    first_result_page_s: float  # measured in the page: pointerdown on the box → the frame after the first result
    results: int


# Installed before the click: when the pointer goes down on the box, and the frame after the first result appears (or,
# for a query without results, after the box stopped searching).
FIRST_RESULT_PROBE = """() => {
  const list = document.querySelector(".md-search-result__list");
  const probe = window.__firstResult = {};
  new MutationObserver((records) => {  // set and cleared within one task, it comes as two records in one call
    if (records.some((record) => record.oldValue === null)) probe.busy = true;
    if (probe.busy && !list.hasAttribute("aria-busy") && !probe.shown) {
      requestAnimationFrame(() => setTimeout(() => { probe.shown = probe.shown ?? performance.now(); }));
    }
  }).observe(list, { attributes: true, attributeFilter: ["aria-busy"], attributeOldValue: true });
  document.querySelector("input.md-search__input").addEventListener("pointerdown", () => {
    probe.start = probe.start ?? performance.now();
  });
  new MutationObserver((_, observer) => {
    if (!list.querySelector(".md-search-result__item")) return;
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => { probe.shown = probe.shown ?? performance.now(); }));
  }).observe(list, { childList: true });
}"""
ANSWERED = "() => document.querySelector('.md-search-result__item') || window.__firstResult.shown"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """No request log."""


@contextmanager
def served(site: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _recorder(page: Page) -> list[tuple[str, int]]:
    """(path, bytes) of every request the page finishes from now on, workers' included."""
    fetched: list[tuple[str, int]] = []

    def finished(request: Request) -> None:
        sizes = request.sizes()
        fetched.append((urlsplit(request.url).path, sizes["responseHeadersSize"] + sizes["responseBodySize"]))

    page.on("requestfinished", finished)
    return fetched


def _index_request(path: str) -> bool:
    return path.startswith(f"/{BUNDLE}") or path.startswith("/search/")


def _view(page: Page, url: str, fetched: list[tuple[str, int]]) -> int:
    fetched.clear()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return sum(size for _, size in fetched)


def _fresh_page(browser: Browser) -> tuple[BrowserContext, Page, list[tuple[str, int]]]:
    """A page in a new context (nothing cached) and the requests it will finish."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    return context, page, _recorder(page)


def measure_query(browser: Browser, base: str, power_page: str, query: str, powers: int, shards: int) -> Measure:
    context, page, fetched = _fresh_page(browser)
    home = _view(page, f"{base}/", fetched)
    on_load = [path for path, _ in fetched if _index_request(path)]
    context.close()
    context, page, fetched = _fresh_page(browser)  # a visitor arriving on a power page from a search engine
    power = _view(page, f"{base}/{power_page}", fetched)
    on_load += [path for path, _ in fetched if _index_request(path)]
    view_requests = len(fetched)
    fetched.clear()
    box = page.locator("input.md-search__input")
    page.evaluate(FIRST_RESULT_PROBE)
    start = time.perf_counter()
    box.click()
    box.press_sequentially(query)
    page.wait_for_function(ANSWERED, timeout=TIMEOUT)
    first_result = time.perf_counter() - start
    page.locator(".md-search-result__list:not([aria-busy])").wait_for(state="attached", timeout=TIMEOUT)  # every form searched
    page.wait_for_load_state("networkidle")
    probe = page.evaluate("window.__firstResult")
    results = page.locator(".md-search-result__item").count()
    bundles = {path.split("/")[1] for path, _ in fetched if _index_request(path) and path.count("/") > 1}
    context.close()
    return Measure(
        powers=powers, query=query, power_page_kb=power / 1e3, home_page_kb=home / 1e3, page_view_requests=view_requests,
        index_requests_on_load=len(on_load), query_kb=sum(size for _, size in fetched) / 1e3, query_requests=len(fetched),
        bundles_fetched=len(bundles), shards_fetched=sum(1 for bundle in bundles if f"/{bundle}".startswith(SHARDS)),
        shards=shards, first_result_s=first_result, first_result_page_s=(probe["shown"] - probe["start"]) / 1e3,
        results=results,
    )  # fmt: skip


def built_site(powers: int, work: Path) -> Path:
    """OUT of `powers` generated powers, built (or brought up to date) by build.py."""
    sources, out = work / f"sources-{powers}", work / f"out-{powers}"
    console.print(f"[bold]{powers} powers[/]: generating sources, building …")
    generate(powers, sources)
    run = run_build(sources, out, work / f"timings-{powers}.json", site=True, index=True)
    console.print(f"  built in {run.seconds:.0f} s")
    return out


def _power_pages(site: Path) -> list[Path]:
    return sorted((site / "powers").glob("*/index.html"))


def _power_page(site: Path) -> str:
    """A power page from the middle of the site, as a URL path relative to its root."""
    pages = _power_pages(site)
    return pages[len(pages) // 2].parent.relative_to(site).as_posix() + "/"


def built(path: Path) -> Path:
    """The site folder of an OUT given as OUT or OUT/site, refused unless it holds a built site with power pages."""
    site = path / "site" if (path / "site" / "index.html").is_file() else path
    if not (site / "index.html").is_file() or not _power_pages(site):
        raise SystemExit(f"{path}: no built site with power pages (expected OUT or OUT/site of build.py)")
    if not (site / SEARCH_BOX_SETUP).is_file():
        raise SystemExit(f"{site}: no {SEARCH_BOX_SETUP}: the build did not get to Pagefind (build it again with build.py)")
    return site


def _lunr_index_mb(site: Path) -> str:
    index = site / "search" / "search_index.json"
    return f"{index.stat().st_size / 1e6:.1f} MB" if index.is_file() else "none"


def _site_note(site: Path) -> str:
    bundles = [path for path in site.glob(f"{BUNDLE}*") if path.is_dir()]
    return f"{sum(1 for _ in site.rglob('*.html')):,} pages, {len(bundles)} bundles, lunr index: {_lunr_index_mb(site)}"


def rare_word(browser: Browser, site: Path) -> str | None:
    """A word only one power shard holds, all Chinese characters, that the browser's segmenter keeps whole."""
    kept = site.parent / WORDS
    counts: dict[str, int] = {}
    for path in sorted(kept.glob("*.txt")) if kept.is_dir() else []:
        for word in set(path.read_text(encoding="utf-8").split("\n")):
            counts[word] = counts.get(word, 0) + 1
    candidates = sorted(
        word for word, count in counts.items() if count == 1 and 2 <= len(word) <= 4 and all("\u4e00" <= c <= "\u9fff" for c in word)
    )
    page = browser.new_page()
    whole = page.evaluate(
        """words => { const segmenter = new Intl.Segmenter("zh", { granularity: "word" });
        return words.filter(word => [...segmenter.segment(word)].length === 1); }""",
        candidates[:2000],
    )
    page.close()
    return whole[len(whole) // 2] if whole else None


def measure_site(browser: Browser, site: Path, queries: list[str], powers: int, repeat: int) -> list[Measure]:
    """Every query on one site, `repeat` times each in a fresh context: the run with the median first-result time
    (a shared machine's load comes and goes; the first run also pays for cold caches)."""
    measures = []
    rare = rare_word(browser, site) if RARE in queries else None
    shards = len(json.loads((site / SEARCH_BOX_SETUP).read_text(encoding="utf-8"))["bundles"]) - 1
    queries = [rare if query == RARE else query for query in queries if query != RARE or rare]
    with served(site) as base:
        for query in queries:
            runs = [measure_query(browser, base, _power_page(site), query, powers, shards) for _ in range(repeat)]
            measures.append(sorted(runs, key=lambda m: m.first_result_s)[len(runs) // 2])
            m = measures[-1]
            console.print(
                f"  {query}: {m.query_kb:.0f} KB from {m.shards_fetched}/{m.shards} shards, first result {m.first_result_s:.2f} s"
                f" (page: {m.first_result_page_s:.2f} s), {m.results} results"
            )
    return measures


def table(measures: list[Measure], notes: dict[int, str]) -> Table:
    view = Table(title=f"Site weight per visitor ({machine()})")
    for column in ("powers", "query", "power page", "home page", "index on load", "first query", "requests",
                   "bundles", "shards", "first result", "(in the page)", "results", "site"):  # fmt: skip
        view.add_column(column, justify="right")
    for m in measures:
        view.add_row(
            f"{m.powers:,}", m.query, f"{m.power_page_kb:.0f} KB", f"{m.home_page_kb:.0f} KB", str(m.index_requests_on_load),
            f"{m.query_kb / 1e3:.2f} MB", str(m.query_requests), str(m.bundles_fetched), f"{m.shards_fetched}/{m.shards}",
            f"{m.first_result_s:.2f} s",
            f"{m.first_result_page_s:.2f} s",
            str(m.results), notes[m.powers],
        )  # fmt: skip
    return view


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--powers", type=int, nargs="+", default=[2000, 10000], help="sizes (default: 2000 10000)")
    parser.add_argument("--with-100k", action="store_true", help="also 100,000 powers (its build takes long)")
    parser.add_argument("--site", type=Path, nargs="+", default=[], help="measure these built sites (OUT or OUT/site) instead of building")
    parser.add_argument("--queries", nargs="+", default=[*QUERIES, RARE], help=f"{RARE} stands for the site's rare word")
    parser.add_argument("--repeat", type=int, default=3, help="runs per query; the median is reported (default 3)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "bench", help="folder for generated sources and outputs")
    args = parser.parse_args(argv)
    sizes = [] if args.site else [*args.powers, *([100_000] if args.with_100k else [])]
    sites = [built(path) for path in args.site]
    args.work.mkdir(parents=True, exist_ok=True)
    measures, notes = [], {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for powers in sizes:
            site = built_site(powers, args.work) / "site"
            notes[powers] = _site_note(site)
            measures += measure_site(browser, site, args.queries, powers, args.repeat)
        for site in sites:
            powers = len(_power_pages(site))
            console.print(f"[bold]{site}[/]: {powers:,} power pages, as built")
            notes[powers] = f"{site}: {_site_note(site)}"
            measures += measure_site(browser, site, args.queries, powers, args.repeat)
        browser.close()
    console.print(table(measures, notes))
    saved = args.work / "site-weight.json"
    report = {"machine": machine(), "measures": [asdict(m) for m in measures]}
    saved.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    console.print(f"saved {saved}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
