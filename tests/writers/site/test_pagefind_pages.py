"""One walk of the site gives every page's stamp; a page's marking is read again only when its stamp moved."""

from __future__ import annotations

import os
from pathlib import Path

from writers.site.pagefind_pages import marked_pages, signature, site_pages
from writers.site.sync import stamp_fingerprint

PAGES = {
    "index.html": "<main>首页</main>",
    "powers/a/index.html": "<div data-pagefind-body>职权</div>",
    "a-b/index.html": "<div data-pagefind-body>部门</div>",  # sorts before a/… as a path, after it as a string
    "a/index.html": "<div>下载</div>",
    "pagefind/fragment/x.html": "not a page",
    "pagefind-powers-0/y.html": "not a page",
    "departments/pagefind/index.html": "<div data-pagefind-body>部门</div>",  # a page below a folder of that name
}


def _site(root: Path) -> Path:
    for page, text in PAGES.items():
        (root / page).parent.mkdir(parents=True, exist_ok=True)
        (root / page).write_text(text, encoding="utf-8")
    return root


def test_the_walk_stamps_every_page_outside_the_bundles_and_signs_as_stamp_fingerprint(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    stamps = site_pages(site, "pagefind")
    assert sorted(stamps) == sorted(page for page in PAGES if not page.startswith("pagefind"))
    stat = (site / "a/index.html").stat()
    assert stamps["a/index.html"] == f"{stat.st_size} {stat.st_mtime_ns}"
    assert signature(list(stamps), stamps) == stamp_fingerprint(site, [site / page for page in stamps])


def test_a_page_s_marking_is_read_again_only_when_its_stamp_moved(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    stamps = site_pages(site, "pagefind")
    marked = marked_pages(site, stamps, {})
    unmarked = {"index.html", "a/index.html"}
    assert marked == {f"{page} {stamp}": page not in unmarked for page, stamp in stamps.items() if not page.startswith("powers/")}
    flipped = {key: not value for key, value in marked.items()}
    assert marked_pages(site, site_pages(site, "pagefind"), flipped) == flipped  # kept by stamp: not read
    (site / "a/index.html").write_text("<div data-pagefind-body>下载</div>", encoding="utf-8")
    os.utime(site / "a/index.html", ns=(1, 1))
    again = marked_pages(site, site_pages(site, "pagefind"), flipped)
    size = (site / "a/index.html").stat().st_size
    assert again[f"a/index.html {size} 1"] is True and len(again) == len(marked)
