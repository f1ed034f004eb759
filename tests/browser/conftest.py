"""The seeds' site built once, served on 127.0.0.1 by `build.py serve`'s server (and by a plain static host), opened in
Debian Chromium; any Content Security Policy violation fails the test."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from schema.corpus import Corpus
from search.index import INDEX_DIR, write_index
from search.server import SiteServer
from writers.site import write_site

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
ARTIFACTS.mkdir(exist_ok=True)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep test output clean."""


@pytest.fixture(scope="session")
def built_out(seed_corpus: Corpus, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """OUT with the seeds' site and search index."""
    out = tmp_path_factory.mktemp("browser-site")
    build = write_site(seed_corpus, out)
    assert build.run.returncode == 0, build.run.problems
    write_index(seed_corpus, out)
    return out


def _serve(server: ThreadingHTTPServer) -> Iterator[str]:
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def site_url(built_out: Path) -> Iterator[str]:
    """The static site alone, as a static host serves it."""
    yield from _serve(ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(built_out / "site"))))


@pytest.fixture(scope="session")
def served_url(built_out: Path) -> Iterator[str]:
    """The site with /api/search, as `build.py serve` serves it (uvicorn, security headers and CSP)."""
    with SiteServer(built_out / "site", built_out / INDEX_DIR).running() as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    tab = context.new_page()
    violations: list[str] = []
    tab.on("console", lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None)
    yield tab
    context.close()
    assert not violations, violations
