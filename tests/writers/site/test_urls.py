"""writers.site.urls: the URLs raw HTML blocks hold are the ones mkdocs gives the pages and writes for Markdown links."""

from __future__ import annotations

import pytest
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from writers.site.urls import href, page_url

PAGES = ["index.md", "powers/p-1.md", "departments/index.md", "powers/行政许可-1.md", "documents/a.b.md", "a/b/index.md"]


@pytest.mark.parametrize("path", PAGES)
def test_page_url_is_mkdocs_file_url(path: str) -> None:
    assert page_url(path) == File(path, "/docs", "/site", use_directory_urls=True).url


@pytest.mark.parametrize("from_page", PAGES)
@pytest.mark.parametrize("to_page", PAGES)
def test_href_is_the_link_mkdocs_writes(from_page: str, to_page: str) -> None:
    files = {path: File(path, "/docs", "/site", use_directory_urls=True) for path in (from_page, to_page)}
    expected = get_relative_url(files[to_page].url, files[from_page].url)
    assert href(from_page, to_page) == expected
    assert href(from_page, f"{to_page}#第三条") == f"{expected}#第三条"
