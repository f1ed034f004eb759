"""Blocks, 子项, banners and headers on small excerpts of published workbooks (XLS, XLSX, HTML), and bad input."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import Workbook

from parser.containers.choose import open_page
from parser.readers.powerlist import read
from parser.registry import open_source
from parser.source import RawSource, ReadResult

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "powerlist"


def read_fixture(name: str) -> ReadResult:
    return read(open_source(FIXTURES / name, FIXTURES))


def comparable(result: ReadResult) -> list[dict]:
    return [power.model_dump(exclude={"source": {"file"}}) for power in result.powers]


@pytest.mark.parametrize("name", ["merged_blocks", "subitems", "banner_rows", "line_breaks"])
def test_xls_and_xlsx_excerpts_give_the_same_records(name: str) -> None:
    assert comparable(read_fixture(f"excerpt_{name}.xls")) == comparable(read_fixture(f"excerpt_{name}.xlsx"))


@pytest.mark.parametrize("suffix", ["xls", "xlsx"])
def test_merged_blocks_are_one_record_each(suffix: str) -> None:
    result = read_fixture(f"excerpt_merged_blocks.{suffix}")
    assert [(p.seq, p.name, p.source.line) for p in result.powers] == [
        ("1", "对违反科技成果管理规定行为的处罚", 3),
        ("2", "技术合同认定登记", 5),
    ]
    assert [p.category for p in result.powers] == ["行政处罚", "行政确认"]
    assert all(p.executing_body == "市科技局" and p.level == "地州市级" and p.remedy for p in result.powers)
    assert {p.department for p in result.powers} == {"克拉玛依市科学技术局"}
    assert [r.reason for r in result.residue] == ["list title", "header row"]


@pytest.mark.parametrize("name", ["excerpt_subitems.xls", "excerpt_subitems.xlsx", "excerpt_subitems.html"])
def test_subitem_rows_under_a_merged_name(name: str) -> None:
    result = read_fixture(name)
    assert [(p.seq, p.subitem_seq, p.subitem) for p in result.powers] == [
        ("1", "1", "新建民用建筑防空地下室同步建设审批"),
        ("1", "2", "新建民用建筑防空地下室易地建设审批"),
        ("2", None, None),
        ("3", None, None),
    ]
    first, second = result.powers[:2]
    assert first.name == second.name == "应建防空地下室的民用建筑项目报建审批" and first.item_id == second.item_id
    assert first.scope != second.scope and first.duties != second.duties  # each 子项 its own cells
    assert result.powers[2].item_id is None and result.powers[2].subitem is None  # 子项名称 "无"
    assert {p.category for p in result.powers} == {"行政许可"}


def test_subitems_packed_in_one_cell() -> None:
    result = read_fixture("excerpt_packed_subitems.xlsx")
    assert [(p.subitem_seq, p.subitem) for p in result.powers] == [
        ("1", "新建民用建筑防空地下室同步建设审批"),
        ("2", "新建民用建筑防空地下室易地建设审批"),
    ]
    assert result.powers[0].basis == result.powers[1].basis and result.powers[0].item_id == result.powers[1].item_id


@pytest.mark.parametrize("suffix", ["xls", "xlsx"])
def test_banner_rows_above_the_header(suffix: str) -> None:
    result = read_fixture(f"excerpt_banner_rows.{suffix}")
    assert [p.name for p in result.powers] == ["对执行财政法规情况以及财政、财务管理事项的检查", "对不依法设置会计账簿等行为的处罚"]
    assert {p.department for p in result.powers} == {"克拉玛依市财政局"}
    reasons = [(r.line, r.reason) for r in result.residue]
    assert reasons[:3] == [(1, "text outside the tables"), (2, "list title"), (3, "header row")]
    assert (6, "text outside the tables") in reasons  # the footnote
    assert [r.text for r in result.residue if r.reason == "cell in a column without a header"] == ["行政许可", "行政检查"]
    assert all(p.extra == {} for p in result.powers)


@pytest.mark.parametrize("suffix", ["xls", "xlsx"])
def test_line_broken_headers_and_cells(suffix: str) -> None:
    result = read_fixture(f"excerpt_line_breaks.{suffix}")
    first = result.powers[0]
    assert first.name == "对拒绝配合统计调查、农业普查、经济普查、人口普查和统计检查的单位和个体工商户的处罚"
    assert first.executing_body == "市统计局" and first.level == "市级" and first.category == "行政处罚"
    assert not [d for d in result.diagnostics if d.code == "unknown-column"]
    assert [d.group for d in first.duties] == ["直接实施责任", "直接实施责任", "指导监督责任", "指导监督责任"]


# --- bad input ------------------------------------------------------------------------------------

HEADER = ["序号", "事项名称", "子项名称", "权力类型", "实施依据", "责任事项内容"]


def workbook_source(name: str, sheet: str, rows: list[list[str | None]], merges: list[str] = ()) -> RawSource:  # type: ignore[assignment]
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    for row in rows:
        worksheet.append(row)
    for merge in merges:
        worksheet.merge_cells(merge)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return RawSource(path=FIXTURES / name, name=name, data=buffer.getvalue(), text=None, encoding=None)


def read_raw(source: RawSource) -> ReadResult:
    return read(open_page(source))


def text_source(name: str, lines: list[str]) -> RawSource:
    text = "\n".join(lines) + "\n"
    return RawSource(path=FIXTURES / name, name=name, data=text.encode(), text=text, encoding="utf-8")


def test_a_merged_block_spanning_two_names_is_a_warning() -> None:
    rows = [
        HEADER,
        ["1", "技术合同认定登记", None, "行政确认", "《民法典》", "1.受理"],
        [None, "科技企业孵化器初审", None, "行政确认", "《办法》", "1.初审"],
    ]
    result = read_raw(workbook_source("merged.xlsx", "确认", rows, ["A2:A3"]))
    [warning] = [d for d in result.diagnostics if d.code == "merged-names"]
    assert (warning.file, warning.line, warning.level) == ("merged.xlsx", 3, "warning")
    assert "sheet '确认', row 3" in warning.message and "科技企业孵化器初审" in (warning.text or "")
    assert [p.name for p in result.powers] == ["技术合同认定登记", "科技企业孵化器初审"]


def test_a_subitem_row_before_any_item() -> None:
    result = read_raw(
        text_source(
            "early.tsv",
            ["\t".join(HEADER), "\t\t新建审批\t行政许可\t《人民防空法》\t1.受理", "1\t拆除审批\t无\t行政许可\t《人民防空法》\t1.受理"],
        )
    )
    [warning] = [d for d in result.diagnostics if d.code == "subitem-before-item"]
    assert (warning.line, warning.level) == (2, "warning") and "新建审批" in (warning.text or "")
    assert [p.name for p in result.powers] == ["拆除审批"]
    assert [r.line for r in result.residue if r.reason == "子项 row before any item"] == [2]


def test_a_header_without_a_name_column() -> None:
    result = read_raw(text_source("nameless.tsv", ["序号\t权力类型\t实施依据\t备注", "1\t行政许可\t《人民防空法》\t"]))
    [warning] = [d for d in result.diagnostics if d.code == "header-without-name"]
    assert warning.line == 1 and warning.text == "序号\t权力类型\t实施依据\t备注"
    assert not result.powers and not [d for d in result.diagnostics if d.code == "no-powers"]


def test_a_count_that_disagrees_names_the_sheet() -> None:
    rows = [HEADER, ["1", "拆除人民防空工程的审批", "无", "行政许可", "《人民防空法》", "1.受理"]]
    result = read_raw(workbook_source("count.xlsx", "行政许可（3项）", rows))
    [warning] = [d for d in result.diagnostics if d.code == "count-mismatch"]
    assert warning.level == "warning" and "'行政许可（3项）' says 3 items but 1 were read" in warning.message
    assert len(result.powers) == 1


def test_continuation_rows_in_text_add_to_their_item() -> None:
    """A row with empty 序号 and 名称 (no 子项) adds its cells to the item above: one record, both rows' text."""
    lines = [
        "\t".join(HEADER),
        "1\t对渔业资源增殖保护费的征收\t\t行政征收\t《渔业法》\t1.制定征收标准。",
        "\t\t\t\t《渔业资源增殖保护费征收使用办法》\t2.公开征收标准。",
    ]
    [power] = read_raw(text_source("continued.tsv", lines)).powers
    assert power.basis_text == "《渔业法》\n《渔业资源增殖保护费征收使用办法》"
    assert [d.seq for d in power.duties] == [1, 2]


def test_same_name_different_seq_stays_two_records() -> None:
    lines = [
        "\t".join(HEADER),
        "1\t农药经营许可\t\t行政许可\t《农药管理条例》\t1.受理",
        "2\t农药经营许可\t\t行政许可\t《农药管理条例》\t1.受理",
    ]
    powers = read_raw(text_source("twice.tsv", lines)).powers
    assert [p.seq for p in powers] == ["1", "2"] and len({p.id for p in powers}) == 2


def test_a_wide_sheet_with_duplicated_trailing_headers_and_an_empty_sheet() -> None:
    """A sheet 255 columns wide whose last headers repeat 备注 (cells empty), after an empty sheet; and a category
    name left in the header row (its column's cells are residue, not a field)."""
    header = [*HEADER, "备注", *[None] * 240, "备注", "备注", "行政许可"]
    row = ["1", "拆除人民防空工程的审批", "无", "行政许可", "《人民防空法》", "1.受理", None, *[None] * 242, "行政检查"]
    workbook = Workbook()
    workbook.active.title = "Sheet1"
    sheet = workbook.create_sheet("Sheet2")
    sheet.append(["克拉玛依市国防动员办公室权责清单"])
    sheet.append(header)
    sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    source = RawSource(path=FIXTURES / "wide.xlsx", name="wide.xlsx", data=buffer.getvalue(), text=None, encoding=None)
    result = read_raw(source)
    [power] = result.powers
    assert power.extra == {} and power.notes is None and power.department == "克拉玛依市国防动员办公室"
    assert not [d for d in result.diagnostics if d.code in {"unknown-column", "no-powers"}]
    assert [r.text for r in result.residue if r.reason == "category cell in the header row"] == ["行政许可"]
    assert [r.text for r in result.residue if r.reason == "cell in a column without a header"] == ["行政检查"]
