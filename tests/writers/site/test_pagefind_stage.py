"""Pages cut down for Pagefind index into the same bundle as the whole pages; a page whose chrome Pagefind reads stays whole."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from schema.corpus import Corpus
from writers.site import write_site
from writers.site.pagefind import EXCLUDE
from writers.site.pagefind_stage import BODY_ATTRIBUTE, staged_page

KINDS = {"powers", "instruments", "documents", "departments"}  # the sections of pages the theme marks for Pagefind


@pytest.fixture(scope="module")
def seed_pages(seed_corpus: Corpus, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Every page of the seeds' site that Pagefind indexes, by its path in the site."""
    out = tmp_path_factory.mktemp("stage-site")
    assert write_site(seed_corpus, out).run.returncode == 0
    site = out / "site"
    pages = {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*.html")}
    return {page: html for page, html in pages.items() if BODY_ATTRIBUTE in html and not page.startswith("pagefind")}


def _bundle(root: Path, pages: dict[str, bytes]) -> dict[str, bytes]:
    """The bundle Pagefind makes of these pages (with the build's options), by file."""
    for page, html in pages.items():
        (root / "site" / page).parent.mkdir(parents=True, exist_ok=True)
        (root / "site" / page).write_bytes(html)
    command = [sys.executable, "-m", "pagefind", "--site", str(root / "site"), "--output-path", str(root / "out"), "--quiet"]
    subprocess.run([*command, "--exclude-selectors", EXCLUDE], check=True, capture_output=True)
    return {path.relative_to(root / "out").as_posix(): path.read_bytes() for path in sorted((root / "out").rglob("*")) if path.is_file()}


def test_the_cut_seed_site_indexes_into_the_bundle_of_the_whole_site(seed_pages: dict[str, bytes], tmp_path: Path) -> None:
    staged = {page: staged_page(html) for page, html in seed_pages.items()}
    assert {page.split("/")[0] for page in staged} >= KINDS
    assert all(len(staged[page]) < len(html) / 2 for page, html in seed_pages.items()), "every seed page is cut, to less than half"
    whole, cut = _bundle(tmp_path / "whole", seed_pages), _bundle(tmp_path / "cut", staged)
    assert any(name.startswith("fragment/") for name in whole)
    assert cut.keys() == whole.keys()
    assert [name for name in whole if cut[name] != whole[name]] == []


def _page(chrome_before: str, body: str, chrome_after: str) -> bytes:
    head = '<!doctype html><html lang="zh" class="no-js"><head><meta charset="utf-8"><title>页 - 站</title></head><body>'
    return f"{head}{chrome_before}<article>{body}</article>{chrome_after}</body></html>".encode()


BODY = '<div data-pagefind-body data-pagefind-meta="kind:职权"><h1>电子政务</h1><div><p>负责建设。</p></div><!-- </div> --></div>'


def test_a_page_is_cut_to_its_html_tag_title_and_whole_body_element() -> None:
    staged = staged_page(_page("<header><p>导航</p></header>", BODY, "<footer>页脚</footer>"))
    expected = f'<!doctype html>\n<html lang="zh" class="no-js"><head><title>页 - 站</title></head><body>{BODY}</body></html>\n'
    assert staged == expected.encode()


@pytest.mark.parametrize(
    ("before", "body", "after"),
    [
        ('<p data-pagefind-filter="部门">市政府</p>', BODY, ""),  # a filter in the chrome
        ("", BODY, '<meta data-pagefind-meta="image[content]" content="/a.png">'),
        ("<H1>站名</H1>", BODY, ""),  # the first h1 of the page is the result title
        ("", BODY.replace("<h1>电子政务</h1>", ""), '<img src="/logo.png">'),  # the first img after a title is the result image
        ("", BODY + BODY, ""),  # two body elements
        ("", BODY.removesuffix("</div>"), ""),  # never closed
    ],
)
def test_a_page_whose_chrome_pagefind_reads_is_given_whole(before: str, body: str, after: str) -> None:
    html = _page(before, body, after)
    assert staged_page(html) == html


def test_a_page_without_a_body_element_is_given_whole() -> None:
    html = _page("", "<p>首页</p>", "")
    assert staged_page(html) == html
