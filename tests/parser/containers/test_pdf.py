"""PDF with a text layer: lines re-joined across page breaks, page numbers and running headers as residue, tables kept."""

from __future__ import annotations

import re

import pytest

from parser.registry import open_source
from parser.source import ReadResult
from tests.parser.containers.conftest import CONTAINERS, read

SPACES = re.compile(r"\s+")


@pytest.fixture(scope="module")
def printed() -> ReadResult:
    return read("regulation.pdf")


def test_articles_read_across_line_and_page_breaks_as_on_the_web_page(printed: ReadResult) -> None:
    """The PDF prints chapters one and two of the gov.cn 办法: the same 15 articles, paragraph for paragraph."""
    [document] = printed.documents
    web = read("gov_gongbao_dianzi_zhaobiao_banfa_2013.html").documents[0].articles[:15]
    assert document.title == "电子招标投标办法"
    assert [article.label for article in document.articles] == [article.label for article in web]
    for article, expected in zip(document.articles, web, strict=True):
        assert [SPACES.sub("", p) for p in article.paragraphs] == [SPACES.sub("", p) for p in expected.paragraphs]


def test_page_numbers_and_running_header_are_residue_the_title_is_not(printed: ReadResult) -> None:
    pages = [item.text for item in printed.residue if item.reason == "page number"]
    headers = [item for item in printed.residue if item.reason == "running header or footer"]
    assert pages == [f"- {n} -" for n in range(1, len(pages) + 1)] and len(pages) >= 3
    assert {item.text for item in headers} == {"电子招标投标办法"} and len(headers) == len(pages)


def test_a_table_row_naming_an_article_is_a_cell_not_an_article(printed: ReadResult) -> None:
    document = printed.documents[0]
    assert document.meta["tables"][0]["rows"] == [["依据", "条款"], ["本办法", "第二十条 第（一）项"]]
    assert all(article.number != 20 for article in document.articles)


def test_blocks_know_their_page() -> None:
    page = open_source(CONTAINERS / "regulation.pdf", CONTAINERS)
    assert page.blocks[0].page == 1 and page.blocks[-1].page >= 3


@pytest.mark.parametrize(("name", "code", "cause"), [
    ("scan.pdf", "no-text-layer", "no text layer; OCR is not supported"),
    ("truncated.pdf", "unreadable", "not a readable PDF"),
    ("encrypted.pdf", "unreadable", "password-protected"),
])
def test_bad_pdfs_are_errors_naming_the_cause(name: str, code: str, cause: str) -> None:
    result = read(name)
    assert not result.documents and not result.powers
    [error] = result.diagnostics
    assert (error.level, error.code, error.file) == ("error", code, name) and cause in error.message
