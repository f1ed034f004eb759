"""The six published Karamay workbooks (tests/fixtures/powerlist/realworld): exactly the records read by hand.

Counts, names, 子项 and columns below come from reading the workbooks in a spreadsheet program (see the
README beside them), never from running the reader.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from parser.powerlist.categories import ADDED, NATIONAL
from parser.readers.powerlist import read
from parser.registry import open_source
from parser.source import ReadResult
from schema.records import Power

REALWORLD = Path(__file__).resolve().parents[2] / "fixtures" / "powerlist" / "realworld"
KJJ = "克拉玛依市科学技术局2024年权责清单.xls"
TJJ = "2025年克拉玛依市统计局权责清单.xlsx"
RFB = "国动办权责清单公示.xlsx"
CZJ = "克拉玛依市财政局2025年权责清单.xlsx"
YBJ = "克拉玛依市医疗保障局2024年权责清单.xls"
NYNCJ = "2024年市农业农村局权责清单.xls"
RECORDS = {KJJ: 4, TJJ: 3, RFB: 18, CZJ: 19, YBJ: 17, NYNCJ: 310}
DEPARTMENTS = {
    KJJ: "克拉玛依市科学技术局",
    TJJ: "克拉玛依市统计局",
    RFB: "克拉玛依市人防系统",
    CZJ: "克拉玛依市财政局",
    YBJ: "克拉玛依市医疗保障局",
    NYNCJ: "市农业农村局",  # no title row: the file name's pattern
}
# The national template's columns each workbook has (beyond 序号, 事项名称, 权力类型, 实施依据, 责任事项内容).
TEMPLATE = ("executing_body", "office", "duty_basis_text", "accountability.targets", "accountability.circumstances")
WITH_LEVEL = {KJJ, TJJ, RFB, NYNCJ}
# Template cells the department left empty.
EMPTY_CELLS = {(NYNCJ, 155): ("duty_basis_text", "accountability.circumstances")}


def read_workbook(name: str) -> ReadResult:
    return read(open_source(REALWORLD / name, REALWORLD))


@pytest.fixture(scope="module", params=sorted(RECORDS))
def workbook(request: pytest.FixtureRequest) -> tuple[str, ReadResult]:
    return request.param, read_workbook(request.param)


def value(power: Power, path: str) -> object:
    target: object = power
    for part in path.split("."):
        target = getattr(target, part)
    return target


def test_exactly_the_records_read_by_hand(workbook: tuple[str, ReadResult]) -> None:
    name, result = workbook
    assert len(result.powers) == RECORDS[name]
    assert {power.department for power in result.powers} == {DEPARTMENTS[name]}
    assert len({power.id for power in result.powers}) == len(result.powers)
    assert not [d for d in result.diagnostics if d.level == "error"]
    assert not [d for d in result.diagnostics if d.code == "count-mismatch"], "every count in a sheet name matches"


def test_names_subitems_and_categories_read_as_one_line(workbook: tuple[str, ReadResult]) -> None:
    _, result = workbook
    for power in result.powers:
        for text in (power.name, power.subitem or "", power.category or "", power.seq or ""):
            assert "\n" not in text and "  " not in text and "\u3000" not in text, text
        assert power.category in NATIONAL + ADDED
        assert power.subitem not in {"无", "/", "—"}


def test_template_columns_land_in_their_fields(workbook: tuple[str, ReadResult]) -> None:
    name, result = workbook
    for power in result.powers:
        assert power.extra == {}, power.extra
        empty = EMPTY_CELLS.get((name, power.source.line), ())
        for path in TEMPLATE:
            assert bool(value(power, path)) == (path not in empty), (power.name, path)
        assert power.basis_text and power.duties
        assert not power.accountability.circumstances or power.accountability.circumstances[0].seq in {"1", "一", None}
        assert all(entry.text for entry in power.accountability.circumstances + power.accountability.targets)
        assert bool(power.level) == (name in WITH_LEVEL)
        assert bool(power.department_duty) == (name in WITH_LEVEL)


def test_kjj_each_item_is_a_block_of_merged_rows() -> None:
    result = read_workbook(KJJ)
    assert [(p.seq, p.name, p.category) for p in result.powers] == [
        ("1", "对违反科技成果管理规定行为的处罚", "行政处罚"),
        ("2", "技术合同认定登记", "行政确认"),  # 行政\n确认 in the cell
        ("3", "自治区级科技企业孵化器初审", "行政确认"),
        ("4", "自治区科学技术奖组织提名", "其他行政权力"),
    ]
    assert [p.source.line for p in result.powers] == [3, 5, 7, 9]
    first = result.powers[0]
    assert first.level == "地州市级" and first.scope == "负责本级违反科技成果管理规定行为的处罚"
    assert first.remedy == "向作出具体行政行为的行政执法部门同级人民政府申请行政复议；向有管辖权的人民法院提起行政诉讼。"
    assert [e.text for e in first.accountability.targets] == ["具体承办人", "内设机构负责人", "单位法定代表人或分管领导。"]
    assert len(first.accountability.circumstances) == 6 and first.accountability.circumstances[0].text == "没有法定依据实行行政处罚的。"
    assert result.powers[3].executing_body == "市人民政府"  # differs from the department: kept as written
    hidden = [(d.line, d.message) for d in result.diagnostics if d.code == "hidden-text"]
    assert [line for line, _ in hidden] == [4, 6, 6] and "column 14" in hidden[0][1]
    assert sum(r.reason == "text hidden under a merged cell" for r in result.residue) == 3


def test_tjj_line_breaks_inside_words_are_undone() -> None:
    result = read_workbook(TJJ)
    first = result.powers[0]
    assert first.name == "对拒绝配合统计调查、农业普查、经济普查、人口普查和统计检查的单位和个体工商户的处罚"
    assert result.powers[2].name == "对统计违法行为或者核查统计数据方面的检查"
    assert [p.category for p in result.powers] == ["行政处罚", "行政处罚", "行政检查"]
    assert first.executing_body == "市统计局" and first.office == "政策法规科、社会经济统计科、社会经济普查科、综合核算科"
    assert [(d.seq, d.group) for d in first.duties] == [(1, "直接实施责任"), (2, "直接实施责任"), (3, "指导监督责任"), (4, "指导监督责任")]
    assert first.duties[0].text == "执行上级统计部门制定的行政处罚标准规范，也可结合本地实际，细化、量化行政处罚裁量基准的具体标准。"
    assert all("责任" not in duty.text[:8] for duty in first.duties)  # no group label inside a duty
    assert [e.text for e in first.accountability.targets] == ["具体承办人", "内设机构负责人", "单位法定代表人或分管领导。"]
    assert [p.source.line for p in result.powers] == [3, 5, 7]


def test_rfb_subitems_are_records_linked_to_their_item() -> None:
    result = read_workbook(RFB)
    by_sheet = [p.source.sheet for p in result.powers]
    assert [by_sheet.count(sheet) for sheet in dict.fromkeys(by_sheet)] == [3, 4, 1, 5, 5]
    first, second = (p for p in result.powers if p.subitem)
    assert first.name == second.name == "应建防空地下室的民用建筑项目报建审批"
    assert (first.seq, first.subitem_seq, first.subitem) == ("1", "1", "新建民用建筑防空地下室同步建设审批")
    assert (second.seq, second.subitem_seq, second.subitem) == ("1", "2", "新建民用建筑防空地下室易地建设审批")
    assert first.item_id == second.item_id and first.id != second.id and first.item_id not in {first.id, second.id}
    assert first.scope == "负责行政区域内新建民用建筑防空地下室同步建设审批"
    assert second.scope == "负责行政区域内新建民用防空地下室易地建设审批。"
    assert sum(p.subitem is not None for p in result.powers) == 2
    assert sum(r.reason == "子项 cell saying there is no 子项" for r in result.residue) == 16


def test_czj_banner_rows_and_the_column_without_header() -> None:
    result = read_workbook(CZJ)
    assert [r.text for r in result.residue[:2]] == ["附件", "克拉玛依市财政局2025年权责清单"]
    lookup = [r.text for r in result.residue if r.reason == "cell in a column without a header"]
    assert lookup == [
        "行政许可",
        "行政检查",
        "行政处罚",
        "行政强制",
        "行政给付",
        "行政确认",
        "行政奖励",
        "行政裁决",
        "行政征收",
        "其他类别",
    ]
    assert [d.code for d in result.diagnostics if d.code == "headerless-cell"] == ["headerless-cell"]
    assert result.powers[0].level is None and result.powers[0].executing_body == "克拉玛依市财政局"
    assert result.residue[-1].text.startswith("备注：包括市、区两")  # the footnote under the table


def test_ybj_wide_sheet_reads_its_fifteen_columns() -> None:
    result = read_workbook(YBJ)
    assert [p.seq for p in result.powers] == [str(n) for n in range(1, 18)]
    assert result.powers[16].name == "医疗保险稽核" and result.powers[16].category == "行政检查"
    assert result.powers[14].category == "行政奖励"


def test_nyncj_sheets_counts_and_a_row_repeated_per_level() -> None:
    result = read_workbook(NYNCJ)
    sheets = [p.source.sheet for p in result.powers]
    counts = {sheet: sheets.count(sheet) for sheet in dict.fromkeys(sheets)}
    assert list(counts.values()) == [10, 21, 254, 1, 1, 2, 17, 1, 3]  # 行政许可（11项）: 序号 "2,3" numbers two
    licence = [p for p in result.powers if p.category == "行政许可"]
    assert licence[1].seq == "2,3" and licence[1].name.startswith("农业植物及其产品调运检疫及植物检疫证书签发（两项：")
    [levy] = [p for p in result.powers if p.category == "行政征收"]
    assert levy.level == "自治区级\n县市区级\n地州市级"
    assert levy.executing_body == "自治区农业农村厅\n县市区农业农村局\n地州市农业农村局"
    assert levy.source.line == 2
    assert all(p.department == "市农业农村局" for p in result.powers)  # never 地州市农业农村局 (a level) from 行使主体
    untyped = [p for p in result.powers if p.category_text and "项" in p.category_text]
    assert untyped and all(p.category == p.category_text.split("（")[0] for p in untyped)  # empty cell: the sheet's category
