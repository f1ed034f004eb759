"""The power-list reader on the seed (counts, cells, ids, nothing lost) and on every fixture format and bad input."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from parser.containers.choose import open_page
from parser.page import Page
from parser.readers.powerlist import read, sniff
from parser.registry import open_source
from parser.source import RawSource, ReadResult
from pipeline.read import read_file
from schema.records import Power

ROOT = Path(__file__).resolve().parents[3]
SOURCES = ROOT / "sources"
SEED = SOURCES / "000_cc1d1db87604fe72.txt"
FIXTURES = ROOT / "tests" / "fixtures" / "powerlist"


def load(path: Path, root: Path) -> Page:
    return open_source(path, root)


def read_path(path: Path, root: Path = FIXTURES) -> ReadResult:
    return read(load(path, root))


@pytest.fixture(scope="module")
def seed() -> ReadResult:
    return read_path(SEED, SOURCES)


@pytest.fixture(scope="module")
def seed_lines() -> list[str]:
    return SEED.read_text(encoding="utf-8").split("\n")


def data_lines(lines: list[str]) -> dict[int, list[str]]:
    """Seed lines whose first cell is a number: the power rows, by 1-based line number."""
    return {number: line.split("\t") for number, line in enumerate(lines, start=1) if re.match(r"\d+\t", line)}


# --- the seed -------------------------------------------------------------------------------------


def test_seed_has_40_powers_in_three_tables(seed: ReadResult) -> None:
    counts = Counter((power.table, power.category) for power in seed.powers)
    assert counts == {("表六", "行政检查"): 2, ("表九", "行政奖励"): 2, ("表十", "其他行政权力"): 36}
    assert {power.department for power in seed.powers} == {"汕头市行政服务中心管理办公室"}
    assert not [d for d in seed.diagnostics if d.level == "error"]


def test_seed_every_data_line_is_one_power(seed: ReadResult, seed_lines: list[str]) -> None:
    rows = data_lines(seed_lines)
    assert [power.source.line for power in seed.powers] == sorted(rows)
    assert [power.seq for power in seed.powers] == [rows[line][0] for line in sorted(rows)]


def test_seed_subitem_and_notes_only_where_the_source_has_them(seed: ReadResult, seed_lines: list[str]) -> None:
    rows = data_lines(seed_lines)
    for power in seed.powers:
        cells = rows[power.source.line]
        assert (power.notes is not None) == bool(re.sub(r"<[^>]+>", "", cells[-1]).strip())
        assert (power.subitem is not None) == (len(cells) == 7 and bool(cells[2].strip()))
    assert sum(power.notes is not None for power in seed.powers) > 0


def test_seed_duties_are_numbered_steps(seed: ReadResult) -> None:
    first = seed.powers[0]
    assert [duty.seq for duty in first.duties] == list(range(1, 8))
    assert [duty.label for duty in first.duties][:2] == ["通知责任", "预审责任"]
    assert first.duties[-1].text == "法律法规规章规定应履行的责任。"
    for power in seed.powers:
        assert power.duties, power.name
        assert all(duty.text for duty in power.duties), power.name
    last = seed.powers[-1]
    assert last.duties[0].label == "受理、发件责任"


def test_seed_accountability_split(seed: ReadResult) -> None:
    first = seed.powers[0].accountability
    assert [citation.title for citation in first.basis] == ["行政许可法", "行政处罚法", "行政机关公务员处分条例"]
    assert [s.org for s in first.supervision] == ["市效能办", "汕头市行政服务中心管理办公室监察室"]
    assert first.supervision[1].phones == ["88179852"]
    assert first.supervision[1].urls == ["http://www.stdzzw.gov.cn/"]
    assert first.supervision[0].address == "汕头市龙湖区区长平路时代广场财政大楼北楼五楼"
    variant = seed.powers[1].accountability  # （1）市效能办。电话：12345；地址：…
    assert variant.supervision[0].org == "市效能办" and variant.supervision[0].phones == ["12345"]
    for power in seed.powers:
        assert power.accountability.text and power.accountability.basis, power.name
        assert all(s.org and (s.phones or s.urls or s.address) for s in power.accountability.supervision), power.name


def test_seed_basis_citations(seed: ReadResult) -> None:
    first = seed.powers[0]
    assert [citation.kind for citation in first.basis] == ["政府规章", "规范性文件", "规范性文件"]
    assert first.basis[1].doc_number == "汕府〔2004〕135号"
    assert all(power.basis and power.basis_text for power in seed.powers)
    assert "<p>" not in "".join(power.basis_text or "" for power in seed.powers)


def test_seed_ids_unique_and_stable(seed: ReadResult) -> None:
    ids = [power.id for power in seed.powers]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"p-[0-9a-f]{12}", power_id) for power_id in ids)
    assert [power.id for power in read_path(SEED, SOURCES).powers] == ids


def test_ids_do_not_depend_on_line_numbers(seed: ReadResult) -> None:
    """The excerpt holds the same powers at other lines: same ids."""
    by_name = {power.name: power.id for power in seed.powers}
    excerpt = read_path(FIXTURES / "seed_excerpt.tsv")
    assert [by_name[power.name] for power in excerpt.powers] == [power.id for power in excerpt.powers]


def test_seed_page_break_headers_are_residue(seed: ReadResult, seed_lines: list[str]) -> None:
    structural = [(n, line.strip()) for n, line in enumerate(seed_lines, start=1) if line.strip() and not re.match(r"\d+\t", line)]
    repeated: list[int] = []
    seen: set[str] = set()
    heading = ""
    for number, text in structural:
        if text.startswith("表") and text != heading:
            heading, seen = text, {t for t in seen if not t.startswith("序号")}
        elif text in seen:
            repeated.append(number)
        seen.add(text)
    residue = {r.line: r for r in seed.residue}
    assert repeated and [r.line for r in seed.residue if r.reason == "page-break header"] == repeated
    assert all(residue[number].text.replace("\t", "") == seed_lines[number - 1].replace("\t", "").strip() for number in repeated)


def _chars(text: str | None) -> Counter[str]:
    return Counter(re.sub(r"\s", "", text or ""))


def _power_chars(power: Power) -> Counter[str]:
    texts = [power.seq, power.name, power.subitem, power.basis_text, power.accountability.text, power.notes, *power.extra.values()]
    counts = sum((_chars(text) for text in texts), Counter())
    for duty in power.duties:
        counts += _chars(f"{duty.seq or ''}{duty.label or ''}{duty.text}")
    return counts


MARKUP = re.compile(r"</?p>")  # HTML paragraph tags are markup, not content: they become the "\n" between paragraphs
DUTY_SEPARATORS = set(".．:：")  # "N." after a step number and ":" after a duty label are structure of Duty(seq, label, text)
LIST_WORD = "权责清单"  # the title is department + 权责清单; the department field holds the rest


def test_seed_nothing_lost(seed: ReadResult, seed_lines: list[str]) -> None:
    """Every non-whitespace character of every line is in a record field of that line's power or in a residue of that line."""
    powers = {power.source.line: power for power in seed.powers}
    residue: dict[int, Counter[str]] = {}
    for entry in seed.residue:
        residue[entry.line] = residue.get(entry.line, Counter()) + _chars(entry.text)
    places = Counter()
    for power in seed.powers:
        places += _chars(f"{power.department}{LIST_WORD}") | _chars(f"{power.table}、{power.category}")
    for number, line in enumerate(seed_lines, start=1):
        source = _chars(MARKUP.sub("", line))
        if not source:
            continue
        if number in powers:
            missing = source - _power_chars(powers[number])
            duties = len(powers[number].duties)
            assert set(missing) <= DUTY_SEPARATORS and sum(missing.values()) <= 2 * duties, (number, missing)
        elif number in residue:
            assert not source - residue[number], number
        else:  # the first title and each first table heading: in department / table / category
            assert not source - places, (number, line)
            assert line.strip().endswith(LIST_WORD) or re.match(r"表[一二三四五六七八九十]+、", line), line


# --- formats --------------------------------------------------------------------------------------

FORMATS = [
    "powerlist.html",
    "powerlist.csv",
    "powerlist_gb18030.csv",
    "powerlist_utf16.csv",
    "powerlist.xlsx",
    "powerlist.xls",
    "powerlist_legacy.xlsx",
]


@pytest.fixture(scope="module")
def excerpt() -> ReadResult:
    return read_path(FIXTURES / "seed_excerpt.tsv")


@pytest.mark.parametrize("name", FORMATS)
def test_format_gives_the_same_powers_as_the_tsv(name: str, excerpt: ReadResult) -> None:
    result = read_path(FIXTURES / name)
    assert not [d for d in result.diagnostics if d.level == "error"], [d.render() for d in result.diagnostics]
    assert [p.name for p in result.powers] == [p.name for p in excerpt.powers]
    for power, expected in zip(result.powers, excerpt.powers, strict=True):
        assert power.department == expected.department
        assert power.seq == expected.seq
        assert power.basis_text == expected.basis_text
        assert power.basis == expected.basis
        assert power.duties == expected.duties
        assert power.accountability == expected.accountability
        assert power.notes == expected.notes  # 表十 rows 2 and 3 share a merged 备注 cell in HTML/XLSX/XLS


@pytest.mark.parametrize("name", ["powerlist.html", "powerlist.csv", "powerlist_gb18030.csv", "powerlist_utf16.csv"])
def test_text_formats_take_table_and_category_from_headings(name: str) -> None:
    powers = read_path(FIXTURES / name).powers
    assert [(p.table, p.category) for p in powers] == [("表六", "行政检查")] * 2 + [("表十", "其他行政权力")] * 4


@pytest.mark.parametrize("name", ["powerlist.xlsx", "powerlist.xls", "powerlist_legacy.xlsx"])
def test_spreadsheets_take_category_from_sheet_names(name: str) -> None:
    result = read_path(FIXTURES / name)
    assert [(p.category, p.source.sheet) for p in result.powers] == [("行政检查", "行政检查")] * 2 + [("其他行政权力", "其他")] * 4
    assert [p.source.line for p in result.powers] == [3, 4, 3, 4, 5, 6]
    assert [r.reason for r in result.residue].count("header row") == 2


def test_legacy_xls_named_xlsx_is_read_as_xls() -> None:
    assert (FIXTURES / "powerlist_legacy.xlsx").read_bytes()[:4] == b"\xd0\xcf\x11\xe0"
    assert len(read_path(FIXTURES / "powerlist_legacy.xlsx").powers) == 6


def test_html_page_text_outside_tables_is_residue() -> None:
    result = read_path(FIXTURES / "powerlist.html")
    outside = [r.text for r in result.residue if r.reason == "text outside the tables"]
    assert outside == ["首页 > 权责清单", "版权所有 汕头市人民政府"]


# --- bad input ------------------------------------------------------------------------------------


def test_wrong_cell_count_and_empty_name() -> None:
    result = read_path(FIXTURES / "bad_rows.tsv")
    diagnostics = {d.code: d for d in result.diagnostics}
    assert diagnostics["cell-count"].line == 7 and diagnostics["cell-count"].level == "warning"
    assert diagnostics["cell-count"].file == "bad_rows.tsv" and diagnostics["cell-count"].text.startswith("2\t对行政服务事项")
    assert diagnostics["empty-name"].line == 8 and diagnostics["empty-name"].level == "error"
    assert [p.source.line for p in result.powers] == [6, 7]
    assert [r.line for r in result.residue if r.reason == "row without 职权名称"] == [8]


def test_time_limit_column_is_a_field() -> None:
    result = read_path(FIXTURES / "unknown_column.tsv")
    assert result.powers[0].time_limit == "15个工作日" and result.powers[0].extra == {}
    assert not [d for d in result.diagnostics if d.code == "unknown-column"]


def test_unknown_column_is_kept_in_extra() -> None:
    text = (FIXTURES / "unknown_column.tsv").read_text(encoding="utf-8").replace("办理时限", "受理地点")
    source = RawSource(path=FIXTURES / "unknown.tsv", name="unknown.tsv", data=text.encode(), text=text, encoding="utf-8")
    result = read(open_page(source))
    assert result.powers[0].extra == {"受理地点": "15个工作日"}
    warning = next(d for d in result.diagnostics if d.code == "unknown-column")
    assert (warning.line, warning.level) == (3, "warning") and "受理地点" in warning.message


def test_rows_without_header_are_reported_and_kept() -> None:
    source = load(FIXTURES / "no_header.tsv", FIXTURES)
    assert sniff(source) > 0
    result = read(source)
    assert not result.powers
    assert [d.line for d in result.diagnostics if d.code == "no-header"] == [3, 4]
    assert [r.line for r in result.residue if r.reason == "row before any header row"] == [3, 4]


def test_undecodable_bytes_are_reported_and_the_row_kept() -> None:
    result = read_file(FIXTURES / "undecodable.tsv", FIXTURES, {})
    encoding = [d for d in result.diagnostics if d.code == "encoding"]
    assert encoding and encoding[0].line == 4 and "\ufffd" in (encoding[0].text or "")
    assert len(result.powers) == 1 and "\ufffd" in result.powers[0].name


def test_empty_file_is_an_error_not_a_crash() -> None:
    result = read_file(FIXTURES / "empty.tsv", FIXTURES, {})
    assert [d.code for d in result.diagnostics] == ["empty-file"] and not result.powers


def test_broken_workbook_is_a_diagnostic() -> None:
    data = (FIXTURES / "powerlist.xlsx").read_bytes()[:2000]
    source = RawSource(path=FIXTURES / "broken.xlsx", name="broken.xlsx", data=data, text=None, encoding=None)
    result = read(open_page(source))
    assert [d.code for d in result.diagnostics] == ["unreadable"] and not result.powers


# --- sniffing -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(path.name for path in SOURCES.glob("00[1-4]_*.txt")))
def test_other_documents_score_zero(name: str) -> None:
    assert sniff(load(SOURCES / name, SOURCES)) == 0


@pytest.mark.parametrize("name", ["seed_excerpt.tsv", *FORMATS])
def test_power_lists_score_high(name: str) -> None:
    assert sniff(load(FIXTURES / name, FIXTURES)) >= 0.9


def test_synonym_columns_department_category_and_split_accountability(excerpt: ReadResult) -> None:
    """编号/事项名称/权力类型/实施依据/问责依据/监督方式/实施主体/承办机构: the same powers, department and category from columns."""
    result = read_path(FIXTURES / "synonyms.csv")
    assert not result.diagnostics
    assert [p.name for p in result.powers] == [p.name for p in excerpt.powers]
    assert [p.category for p in result.powers] == [p.category for p in excerpt.powers]
    assert {p.department for p in result.powers} == {"汕头市行政服务中心管理办公室"}
    for power, expected in zip(result.powers, excerpt.powers, strict=True):
        assert power.basis == expected.basis and power.duties == expected.duties
        assert power.accountability.basis == expected.accountability.basis
        assert power.accountability.supervision == expected.accountability.supervision
        assert power.office == expected.notes and power.extra == {}
        assert power.executing_body == "汕头市行政服务中心管理办公室"  # no title: the department is the one body named


def test_subitem_rows_carry_the_power_name_down() -> None:
    """A 子项 row with empty 序号 and 职权名称 belongs to the power above it (a common spreadsheet layout)."""
    lines = (FIXTURES / "seed_excerpt.tsv").read_text(encoding="utf-8").split("\n")
    header, first = lines[11], lines[12]
    cells = first.split("\t")
    main = "\t".join([*cells[:2], "编制方案", *cells[3:]])
    sub = "\t".join(["", "", "技术标准", *cells[3:]])
    text = "\n".join([lines[0], lines[9], header, main, sub]) + "\n"
    source = RawSource(path=FIXTURES / "subitems.tsv", name="subitems.tsv", data=text.encode(), text=text, encoding="utf-8")
    powers = read(open_page(source)).powers
    assert [(p.seq, p.name, p.subitem) for p in powers] == [("1", cells[1], "编制方案"), ("1", cells[1], "技术标准")]
    assert len({p.id for p in powers}) == 2


def test_traditional_script_list_reads_like_the_simplified_one(excerpt: ReadResult) -> None:
    """權責清單 with 序號/職權名稱 headers: same structure, text kept as written, category in the controlled (simplified) form."""
    result = read_path(FIXTURES / "seed_excerpt_traditional.tsv")
    assert not [d for d in result.diagnostics if d.level == "error"], [d.render() for d in result.diagnostics]
    assert len(result.powers) == len(excerpt.powers)
    assert {p.department for p in result.powers} == {"汕頭市行政服務中心管理辦公室"}
    assert [(p.table, p.category) for p in result.powers] == [(p.table, p.category) for p in excerpt.powers]
    assert [len(p.duties) for p in result.powers] == [len(p.duties) for p in excerpt.powers]
    assert [len(p.basis) for p in result.powers] == [len(p.basis) for p in excerpt.powers]
    assert result.powers[0].name.startswith("對電子政務")
