"""The encyclopedia entry reader on the entry seed and an excerpt of it."""

from __future__ import annotations

from pathlib import Path

from parser.registry import choose_reader, open_source
from parser.source import ReadResult
from tests.conftest import FIXTURES, SOURCES


def read(path: Path) -> ReadResult:
    source = open_source(path, path.parent)
    reader = choose_reader(source)
    assert reader is not None and reader.name == "entry"
    return reader.read(source)


def test_entry_title_and_body() -> None:
    result = read(SOURCES / "004_c86c78b8268190ff.txt")
    document = result.documents[0]
    assert (document.kind, document.title) == ("entry", "石狮市行政服务中心")
    [body] = document.body
    assert (body.level, body.label) == ("field", "释义")
    assert body.text.startswith("机构概况石狮市行政服务中心位于石狮市区东港路")
    assert body.text.endswith(
        "受理上述工作人员不服效能问题投诉处理的申诉。 3、负责对进驻忠信各单位工作人员的行为规范、工作守则的监督检查和群众投诉处理。"
    )


def test_site_debris_and_table_markup_reported() -> None:
    result = read(SOURCES / "004_c86c78b8268190ff.txt")
    assert [(item.line, item.reason) for item in result.residue] == [
        (3, "site blurb"),
        (4, "separator"),
        (5, "site blurb"),
        (1, "table markup"),
        (2, "table markup"),
    ]


def test_excerpt() -> None:
    result = read(FIXTURES / "documents" / "entry_encyclopedia.txt")
    assert result.documents[0].title == "石狮市行政服务中心"
    assert result.documents[0].body[0].text.endswith("为基本")
