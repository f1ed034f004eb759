"""The statute reader on the four LawRefBook statutes in sources/corpus/ and a small excerpt."""

from __future__ import annotations

from pathlib import Path

import pytest

from parser.registry import choose_reader, open_source
from parser.source import ReadResult
from pipeline.manifest import load_manifest
from tests.conftest import FIXTURES, SOURCES

STATUTES = {
    "行政许可法(2019-04-23).md": ("中华人民共和国行政许可法", "2019-04-23", 83),
    "行政处罚法(2021-01-22).md": ("中华人民共和国行政处罚法", "2021-01-22", 86),
    "行政机关公务员处分条例(2007-04-22).md": ("行政机关公务员处分条例", "2007-04-22", 55),
    "政府信息公开条例(2019-04-03).md": ("中华人民共和国政府信息公开条例", "2019-04-03", 56),
}


def read(path: Path, root: Path) -> ReadResult:
    source = open_source(path, root, load_manifest(root).get(path.relative_to(root).as_posix()))
    reader = choose_reader(source)
    assert reader is not None and reader.name == "statute"
    return reader.read(source)


@pytest.mark.parametrize("name", sorted(STATUTES))
def test_statute_articles_title_and_version(name: str) -> None:
    title, version, count = STATUTES[name]
    result = read(SOURCES / "corpus" / name, SOURCES)
    document = result.documents[0]
    assert (document.kind, document.title, document.version) == ("statute", title, version)
    assert [article.number for article in document.articles] == list(range(1, count + 1))
    assert len({article.anchor for article in document.articles}) == count
    assert "LawRefBook" in document.meta["origin"]
    assert document.issuer
    assert [d for d in result.diagnostics if d.level != "info"] == []


def test_article_73_of_the_licensing_law() -> None:
    document = read(SOURCES / "corpus" / "行政许可法(2019-04-23).md", SOURCES).documents[0]
    article = next(article for article in document.articles if article.number == 73)
    assert article.anchor == "art-73"
    assert article.chapter == "第七章 法律责任"
    assert article.text.startswith("行政机关工作人员办理行政许可、实施监督检查，索取或者收受他人财物")


def test_paragraphs_items_and_sections() -> None:
    document = read(SOURCES / "corpus" / "行政处罚法(2021-01-22).md", SOURCES).documents[0]
    chapter5 = next(node for node in document.body if node.anchor == "ch-5")
    assert [node.anchor for node in chapter5.children] == ["ch-5-sec-1", "ch-5-sec-2", "ch-5-sec-3", "ch-5-sec-4"]
    fifth = next(article for article in document.articles if article.number == 5)
    assert len(fifth.paragraphs) == 3
    article_40 = next(article for article in document.articles if article.number == 40)
    assert (article_40.chapter, article_40.section) == ("第五章 行政处罚的决定", "第一节 一般规定")
    ids = {read(SOURCES / "corpus" / name, SOURCES).documents[0].id for name in STATUTES}
    assert len(ids) == 4


def test_history_doc_number_and_markup_residue() -> None:
    result = read(SOURCES / "corpus" / "政府信息公开条例(2019-04-03).md", SOURCES)
    document = result.documents[0]
    assert document.doc_number == "中华人民共和国国务院令第711号"
    assert [entry["date"] for entry in document.meta["history"]] == ["2007-04-05", "2019-04-03", "2019-05-15"]
    assert {item.text for item in result.residue} == {"#", "##", "<!-- INFO END -->"}


def test_excerpt_version_from_file_name_without_manifest() -> None:
    result = read(FIXTURES / "documents" / "行政处罚法(2021-01-22).md", FIXTURES / "documents")
    document = result.documents[0]
    assert document.version == "2021-01-22" and "origin" not in document.meta
    assert [article.number for article in document.articles] == [1, 2, 3, 39, 40, 41, 51, 52]
    assert [(d.code, d.line) for d in result.diagnostics] == [("article-sequence", 25), ("article-sequence", 37)]
