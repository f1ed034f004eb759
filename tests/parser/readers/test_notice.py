"""The 三定 notice reader on the traditional-script seed and an excerpt of it."""

from __future__ import annotations

from pathlib import Path

import pytest

from parser.registry import choose_reader, open_source
from parser.source import ReadResult
from tests.conftest import FIXTURES, SOURCES


def read(path: Path) -> ReadResult:
    source = open_source(path, path.parent)
    reader = choose_reader(source)
    assert reader is not None and reader.name == "notice"
    return reader.read(source)


@pytest.fixture(scope="module")
def seed() -> ReadResult:
    return read(SOURCES / "001_90ab5478764d6aa0.txt")


def test_header(seed: ReadResult) -> None:
    document = seed.documents[0]
    header = document.meta["header"]
    assert header["doc_number"] == "穗府辦〔2015〕37號"
    assert document.doc_number == "穗府办〔2015〕37号"
    assert document.title.startswith("廣州市人民政府辦公廳關于印發")
    assert document.title_simplified.startswith("广州市人民政府办公厅关于印发")
    assert header["addressees"] == "各區、縣級市人民政府,市政府各部門、各直屬機構"
    assert (document.issuer, document.date) == ("廣州市人民政府辦公廳", "2015-07-20")
    assert header["regulation_title"] == "廣州市人民政府政務管理辦公室主要職責內設機構和人員編制規定"
    assert document.script == "traditional"
    assert document.preamble.startswith("根據省委、省政府批準")


def test_sections(seed: ReadResult) -> None:
    body = seed.documents[0].body
    assert [node.label + node.title for node in body] == [
        "一、職能轉變",
        "二、主要職責",
        "三、內設機構",
        "四、人員編制",
        "五、其他事項",
        "六、附則",
    ]
    [printed] = seed.documents[0].meta["printed"]
    assert (printed["by"], printed["date"], printed["line"]) == ("廣州市人民政府辦公廳秘書處", "2015-07-24", 44)


def test_ten_main_duties(seed: ReadResult) -> None:
    duties = seed.documents[0].meta["main_duties"]
    assert len(duties) == 10
    assert duties[-1] == "承辦市委、市政府交辦的其他事項。"


def test_five_internal_units_with_duties(seed: ReadResult) -> None:
    units = seed.documents[0].meta["internal_units"]
    assert [unit["name"] for unit in units] == [
        "綜合處",
        "審批協調處",
        "政務服務監督管理處",
        "政府服務熱線管理處(社區網格化管理處)",
        "電子政務處",
    ]
    assert all(unit["duties"] for unit in units)
    assert units[0]["duties"][0] == "負責督辦重大工作事項"
    assert not [d for d in seed.diagnostics if d.code == "unit-count"]


def test_staffing_numbers(seed: ReadResult) -> None:
    staffing = seed.documents[0].meta["staffing"]
    assert staffing["total"] == 31
    counts = {post["post"]: post["count"] for post in staffing["posts"]}
    assert (counts["主任"], counts["副主任"], counts["正處級領導職數"], counts["副處級領導職數"]) == (1, 3, 6, 5)


def test_citation_in_running_text(seed: ReadResult) -> None:
    assert [citation.title for citation in seed.documents[0].citations] == ["廣州市人民政府政務管理辦公室主要職責內設機構和人員編制規定"]


def test_excerpt_reports_declared_unit_count_mismatch() -> None:
    result = read(FIXTURES / "documents" / "notice_traditional.txt")
    meta = result.documents[0].meta
    assert [unit["name"] for unit in meta["internal_units"]] == ["綜合處", "審批協調處"]
    assert meta["staffing"]["total"] == 31
    assert [(d.code, d.line) for d in result.diagnostics] == [("unit-count", 12)]
