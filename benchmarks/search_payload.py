"""What a visitor downloads for a first full-text query, measured in Debian Chromium on a built site.

    .venv/bin/python -m benchmarks.search_payload build/bench/out-10000/site [--query 电子政务]

Serves OUT/site on 127.0.0.1, opens the full-text page, types the query, waits for the results and sums the bytes of
every Pagefind file fetched (UI, wasm, metadata, index chunks, fragments of the shown results, across all shards)."""

from __future__ import annotations

import argparse
import functools
import threading
from collections import Counter
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Response, sync_playwright

from writers.site.pagefind import BUNDLE

CHROMIUM = "/usr/bin/chromium"
TIMEOUT = 60_000


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """No request log."""


def first_query_bytes(site: Path, query: str) -> tuple[int, Counter[str], int]:
    """Bytes fetched from the Pagefind bundles for one query, per bundle, and the number of results shown."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    fetched: Counter[str] = Counter()

    def count(response: Response) -> None:
        bundle = urlsplit(response.url).path.split("/")[1]
        if bundle.startswith(BUNDLE) and response.ok:
            fetched[bundle] += len(response.body())

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
            page = browser.new_page()
            page.on("response", count)
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/fulltext/")
            page.locator(".pagefind-ui__search-input").press_sequentially(query)
            page.locator(".pagefind-ui__result-link").first.wait_for(timeout=TIMEOUT)
            page.wait_for_load_state("networkidle")
            shown = page.locator(".pagefind-ui__result-link").count()
            browser.close()
    finally:
        server.shutdown()
    return sum(fetched.values()), fetched, shown


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a built OUT/site")
    parser.add_argument("--query", default="电子政务")
    args = parser.parse_args(argv)
    total, per_bundle, shown = first_query_bytes(args.site, args.query)
    bundles = sorted(path.name for path in args.site.glob(f"{BUNDLE}*") if path.is_dir())
    on_disk = sum(path.stat().st_size for name in bundles for path in (args.site / name).rglob("*") if path.is_file())
    print(f"first query {args.query!r}: {total / 1e6:.2f} MB fetched from {len(per_bundle)} of {len(bundles)} bundles "
          f"({on_disk / 1e6:.1f} MB on disk), {shown} results shown")
    for bundle, size in sorted(per_bundle.items()):
        print(f"  {bundle:24} {size / 1e3:8.1f} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
