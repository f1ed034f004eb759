"""The report reader on the yearbook seed and an excerpt of it."""

from __future__ import annotations

from pathlib import Path

from parser.registry import choose_reader, open_source
from parser.source import ReadResult
from schema.records import Section
from tests.conftest import FIXTURES, SOURCES


def read(path: Path) -> ReadResult:
    source = open_source(path, path.parent)
    reader = choose_reader(source)
    assert reader is not None and reader.name == "report"
    return reader.read(source)


def topics(nodes: list[Section]) -> list[Section]:
    return [node for parent in nodes for node in ([parent] if parent.level == "topic" else topics(parent.children))]


def test_yearbook_sections() -> None:
    result = read(SOURCES / "002_48a076c1b87035bb.txt")
    document = result.documents[0]
    assert document.title == "信息公开年报(市行政服务中心管理办公室2016年年鉴材料)"
    assert (document.date, document.issuer) == ("2017-03-30", "汕头市行政服务中心管理办公室")
    parts = document.body
    assert [part.title for part in parts] == ["汕头市行政服务中心管理办公室 年鉴材料之一", "汕头市行政服务中心管理办公室 年鉴材料之二"]
    assert [heading.title for part in parts for heading in part.children] == ["政务服务工作情况", "电子政务工作情况"]
    found = topics(parts)
    assert [topic.title for topic in found] == [
        "概况",
        "行政服务中心建设",
        "电子政务建设",
        "12345服务热线建设",
        "公共资源交易平台建设",
        "“一门式一网式”政务服务系统建设",
        "组织、文化建设",
        "概况",
        "“汕头政府在线”建设",
        "电子政务建设管理",
        "网上办事分厅建设",
        "“一门式一网式”系统建设",
    ]
    online = found[8]
    assert len(online.children) == 2 and online.children[1].text.startswith("项目建设取得显著成效:实现了全市134个部门、4500位公务员")
    assert "3176个人员" in found[2].text


def test_debris_reported_and_citations_found() -> None:
    result = read(SOURCES / "002_48a076c1b87035bb.txt")
    assert {item.reason for item in result.residue} >= {
        "navigation crumbs",
        "share widget",
        "font-size widget",
        "qr-code caption",
        "leave-site prompt",
    }
    titles = {citation.title for citation in result.documents[0].citations}
    assert "汕头市12345政府服务热线管理办法" in titles


def test_excerpt() -> None:
    result = read(FIXTURES / "documents" / "report_yearbook.txt")
    assert [topic.title for topic in topics(result.documents[0].body)] == ["概况", "行政服务中心建设", "概况"]
    assert result.diagnostics == []
