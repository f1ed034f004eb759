"""Legal-database exports: the 【发布部门】【发文字号】【发布日期】 header fills the document's fields and is not body text."""

from __future__ import annotations

from parser.containers.export import is_export
from parser.registry import open_source
from tests.parser.containers.conftest import CONTAINERS, read


def test_header_fills_the_fields_and_the_body_is_the_regulation() -> None:
    result = read("export_fabao.txt")
    [document] = result.documents
    assert (document.kind, document.title) == ("regulation", "电子招标投标办法")
    assert (document.issuer, document.date) == ("国家发展和改革委员会", "2013-02-04")
    assert document.doc_number == "中华人民共和国国家发展和改革委员会令第20号"
    assert [article.number for article in document.articles] == [1, 2, 3, 4]
    [header] = [row for row in document.meta["page"] if "时效性" in row["fields"]]
    assert header["fields"]["效力级别"] == "部门规章"


def test_header_lines_are_not_body_text() -> None:
    page = open_source(CONTAINERS / "export_fabao.txt", CONTAINERS)
    assert page.container == "export" and not any(block.text.startswith("【") for block in page.blocks)
    assert "【" not in page.text  # so the 【topic】 report reader is not tempted


def test_two_header_lines_make_an_export_one_does_not() -> None:
    assert is_export("标题\n【发布部门】某部\n【发布日期】2013.02.04\n正文")
    assert not is_export("【概况】2016年，市行政办以高效服务为核心。\n【发布部门】某部")
