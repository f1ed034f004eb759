"""The editors' lint report: the seed's real inconsistencies and nothing else; each check on a small real excerpt."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from build import main
from citations.find import find_citations
from passes.lint import lint_corpus
from passes.resolve import resolve_citations
from pipeline.compile import compile_corpus
from schema.corpus import Corpus
from schema.records import Diagnostic, Power, SourceRef
from tests.conftest import FIXTURES

POWER_LIST = "000_cc1d1db87604fe72.txt"
LINKING = FIXTURES / "linking"


def _key(finding: Diagnostic) -> tuple:
    return finding.code, finding.file, finding.line, finding.text


def test_seed_findings_are_the_real_inconsistencies_and_nothing_else(seed_corpus: Corpus) -> None:
    findings = lint_corpus(seed_corpus)
    actionable = {_key(f) for f in findings if f.level in ("error", "warning")}
    assert actionable == {
        ("doc-number-conflict", POWER_LIST, 97, "汕机〔2013〕82号"),
        ("supervision-phone-variant", POWER_LIST, 8, "123456"),
        ("supervision-phone-variant", POWER_LIST, 87, "88179829"),
        ("supervision-url-variant", POWER_LIST, 113, "http://www.stdzw.gov.cn/"),
    }
    conflict = next(f for f in findings if f.code == "doc-number-conflict")
    assert conflict.level == "error" and "issuer code missing a character" in conflict.message
    phone = next(f for f in findings if f.text == "123456")
    assert "市效能办" in phone.message and "12345 " in phone.message


def test_seed_address_variant_is_informational(seed_corpus: Corpus) -> None:
    addresses = [f for f in lint_corpus(seed_corpus) if f.code == "supervision-address-variant"]
    assert addresses and {f.level for f in addresses} == {"info"}
    assert {f.text for f in addresses} == {"汕头市龙湖区区长平路时代广场财政大楼北楼五楼"}


def _linking_copy(tmp_path: Path, edit: tuple[str, str]) -> Corpus:
    """The linking fixture pair with one real edit to the power-list excerpt."""
    sources = tmp_path / "sources"
    shutil.copytree(LINKING, sources)
    table = sources / "powerlist.tsv"
    text = table.read_text(encoding="utf-8")
    assert edit[0] in text
    table.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    return compile_corpus(sources)


def test_clean_linking_pair_has_no_findings() -> None:
    assert [f for f in lint_corpus(compile_corpus(LINKING)) if f.level != "info"] == []


def test_article_the_corpus_text_lacks(tmp_path: Path) -> None:
    corpus = _linking_copy(tmp_path, ("第八条 综合服务窗口", "第九十八条 综合服务窗口"))
    (finding,) = [f for f in lint_corpus(corpus) if f.code == "article-missing"]
    assert (finding.level, finding.file, finding.text) == ("error", "powerlist.tsv", "第九十八条")
    assert finding.line == next(p.source.line for p in corpus.powers if p.seq == "2")


def test_duplicate_power(tmp_path: Path) -> None:
    corpus = _linking_copy(tmp_path, ("2\t综合服务窗口受理", "2\t综合服务窗口的组织协调和监督管理"))
    (finding,) = [f for f in lint_corpus(corpus) if f.code == "duplicate-power"]
    assert finding.level == "error" and finding.text == "综合服务窗口的组织协调和监督管理"


def test_power_without_basis(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(LINKING, sources)
    table = sources / "powerlist.tsv"
    rows = table.read_text(encoding="utf-8").split("\n")
    index = next(i for i, row in enumerate(rows) if row.startswith("2\t"))
    cells = rows[index].split("\t")
    cells[2] = ""
    rows[index] = "\t".join(cells)
    table.write_text("\n".join(rows), encoding="utf-8")
    findings = [f for f in lint_corpus(compile_corpus(sources)) if f.code == "power-without-basis"]
    assert [(f.level, f.text) for f in findings] == [("warning", "综合服务窗口受理")]


def test_unparsable_citation_is_reported(tmp_path: Path) -> None:
    corpus = _linking_copy(tmp_path, ("《台山市行政服务中心管理办法》 第八条", "《台山市行政服务中心管理办法 第八条"))
    findings = [f for f in corpus.diagnostics if f.code == "citation-unparsable"]
    assert findings and findings[0].file == "powerlist.tsv" and findings[0].text.startswith("《台山市行政服务中心管理办法 第八条")


@pytest.mark.parametrize(("strict", "code"), [(False, 0), (True, 1)])
def test_check_command_json_and_strict(tmp_path: Path, capsys: pytest.CaptureFixture[str], strict: bool, code: int) -> None:
    _linking_copy(tmp_path, ("第八条 综合服务窗口", "第九十八条 综合服务窗口"))
    argv = ["check", "--sources", str(tmp_path / "sources"), "--out", str(tmp_path / "out"), "--json"] + (["--strict"] if strict else [])
    assert main(argv) == code
    report = json.loads(capsys.readouterr().out)
    assert report["counts"]["error"] == 1
    assert [f["code"] for f in report["findings"] if f["level"] == "error"] == ["article-missing"]


def test_check_command_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _linking_copy(tmp_path, ("2\t综合服务窗口受理", "2\t综合服务窗口的组织协调和监督管理"))
    assert main(["check", "--sources", str(tmp_path / "sources"), "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "powerlist.tsv:" in out and "error[duplicate-power]" in out


# --- real published lists -------------------------------------------------------------------------

REALWORLD = FIXTURES / "powerlist" / "realworld"


@pytest.fixture(scope="module")
def realworld() -> Corpus:
    return compile_corpus(REALWORLD)


@pytest.fixture(scope="module")
def realworld_findings(realworld: Corpus) -> list[Diagnostic]:
    return lint_corpus(realworld)


def test_seq_gaps_in_a_published_list(realworld_findings: list[Diagnostic]) -> None:
    """The 医疗保障局 list (read by hand) numbers 1–17 without gaps; no list of the six skips or repeats a 序号."""
    assert not [f for f in realworld_findings if f.code in {"seq-gap", "seq-duplicate"}]


def test_structure_warnings_of_the_readers_are_in_the_report(realworld: Corpus) -> None:
    codes = [f.code for f in realworld.diagnostics]
    assert codes.count("hidden-text") == 3 and codes.count("headerless-cell") == 1


def test_one_character_name_difference_is_informational_unless_a_known_variant(realworld_findings: list[Diagnostic]) -> None:
    [finding] = [f for f in realworld_findings if f.code == "name-variant"]
    assert finding.level == "info" and "假 / 劣" in finding.message  # 假种子 and 劣种子: two items of the 种子法


def _table_copy(tmp_path: Path, lines: list[str]) -> Corpus:
    sources = tmp_path / "sources"
    sources.mkdir()
    header = "序号\t事项名称\t权力类型\t实施依据\t责任事项内容"
    (sources / "list.tsv").write_text("\n".join(["克拉玛依市财政局权责清单", header, *lines]) + "\n", encoding="utf-8")
    return compile_corpus(sources)


def test_seq_gap_duplicate_variant_and_basis_across_tables(tmp_path: Path) -> None:
    """Rows of the 财政局 list (会计帐簿 spelt both ways, as lists do), one 序号 skipped, one repeated, a second table."""
    corpus = _table_copy(
        tmp_path,
        [
            "1\t对不依法设置会计账簿等行为的处罚\t行政处罚\t《中华人民共和国会计法》第四十二条\t1.立案",
            "3\t对不依法设置会计帐簿等行为的处罚\t行政处罚\t《中华人民共和国会计法》第四十二条\t1.立案",
            "3\t会计信息质量检查\t行政检查\t《中华人民共和国会计法》第三十三条\t1.检查",
            "表二、行政检查",
            "序号\t事项名称\t权力类型\t实施依据\t责任事项内容",
            "1\t会计信息质量检查\t行政检查\t《财政部门监督办法》第十七条\t1.检查",
        ],
    )
    findings = {f.code: f for f in lint_corpus(corpus) if f.level != "info" or f.code == "name-variant"}
    assert findings["seq-gap"].line == 4 and "序号 2 missing" in findings["seq-gap"].message
    assert findings["seq-duplicate"].line == 5 and "序号 3 is used twice" in findings["seq-duplicate"].message
    assert findings["name-variant"].level == "warning" and "账 / 帐" in findings["name-variant"].message
    assert findings["same-name-different-basis"].line == 8 and findings["same-name-different-basis"].text == "会计信息质量检查"


# Version drift, missing doc numbers and unparsable citations on rows cut from the Karamay workbooks.

KMY = "kmy_nyncj_2024.xls"


def _rows(cells: list[str]) -> Corpus:
    """A corpus of one power per 实施依据 cell, citations extracted and resolved as the build does."""
    corpus = Corpus()
    for line, cell in enumerate(cells, start=2):
        basis, problems = find_citations(cell, file=KMY, line=line)
        corpus.diagnostics.extend(problems)
        corpus.powers.append(Power(id=f"p-{line}", department="农业农村局", category="行政处罚", table=None, seq=str(line),
                                   name=f"事项{line}", basis=basis, basis_text=cell, source=SourceRef(file=KMY, line=line)))
    resolve_citations(corpus)
    return corpus


def _codes(corpus: Corpus, code: str) -> list[Diagnostic]:
    return [finding for finding in lint_corpus(corpus) if finding.code == code]


def test_version_drift_by_order_number() -> None:
    corpus = _rows(["【法律】《中华人民共和国行政处罚法》（2021年1月22日修订，中华人民共和国主席令第70号公布）\n    第四十条。",
                    "【法律】《中华人民共和国行政处罚法》（1996年3月17日通过，中华人民共和国主席令第63号公布）\n    第四十条。",
                    "【法律】《中华人民共和国行政处罚法》（中华人民共和国主席令第70号）\n    第四十四条。"])
    drift = _codes(corpus, "version-drift")
    assert [(d.level, d.line, d.text) for d in drift if "order" in d.message] == [("warning", 3, "主席令第63号")]
    assert _codes(corpus, "doc-number-conflict") == []


def test_version_drift_by_dates() -> None:
    corpus = _rows(["【法律】《中华人民共和国社会保险法》（2010年10月28日通过）\n    第八十七条。",
                    "【法律】《中华人民共和国社会保险法》（2010年10月28日通过，2018年12月29日修正）\n    第八十七条。",
                    "【法律】《中华人民共和国社会保险法》（自2019年1月1日起施行）\n    第八十七条。"])
    drift = _codes(corpus, "version-drift")
    assert [(d.line, d.text) for d in drift] == [(2, "2010-10-28")]
    assert "amended 2018-12-29" in drift[0].message and "lines 3" in drift[0].message


def test_doc_number_written_on_some_rows_only() -> None:
    corpus = _rows(["【法规】《农药管理条例》（1997年5月8日国务院令第216号发布，2017年3月16日予以修改）\n    第五十一条。",
                    "【法规】《农药管理条例》\n    第五十二条。"])
    missing = _codes(corpus, "doc-number-missing")
    assert [(d.level, d.line, d.text) for d in missing] == [("info", 3, "农药管理条例")]
    assert "国务院令第216号" in missing[0].message


def test_citations_that_still_do_not_parse_are_listed_with_their_text() -> None:
    corpus = _rows(["【规章】《植物检疫条例实施细则（农业部分）》（1995年2月25日农业农村部令第5号发布，2007年11月8日农业农村部第6"
        "号第3次修订）"])
    unparsable = [d for d in corpus.diagnostics if d.code == "citation-unparsable"]  # the report shows every diagnostic
    assert [(d.level, d.file, d.line) for d in unparsable] == [("warning", KMY, 2)]
    assert "农业农村部第6号第3次修订" in unparsable[0].text


def test_one_order_written_with_and_without_its_year_is_not_drift() -> None:
    corpus = _rows(["【规章】《政府采购质疑和投诉办法》（2017年12月26日财政部令第94号公布，自2018年3月1日起施行）\n    第三十六条。",
                    "【规章】《政府采购质疑和投诉办法》（财政部令2017年第94号）\n    第六条。"])
    assert _codes(corpus, "version-drift") == []


def test_an_undated_amendment_is_not_an_older_version() -> None:
    corpus = _rows(["【法规】《中华人民共和国企业所得税法实施条例》（国务院令2007年第512号，自2008年1月1日起施行。"
                    "《国务院关于修改部分行政法规的决定》（国务院令第714号）修正）\n    第八十四条第二款。",
                    "【法规】《中华人民共和国企业所得税法实施条例》（国务院令2007年第512号，《国务院关于修改部分行政法规的决定》"
                    "（2019年4月国务院令第714号修正）\n    第八十四条第二款。"])
    assert _codes(corpus, "version-drift") == []
