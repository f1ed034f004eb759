"""The editors' lint report: the seed's real inconsistencies and nothing else; each check on a small real excerpt."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from build import main
from passes.lint import lint_corpus
from pipeline.compile import compile_corpus
from schema.corpus import Corpus
from schema.records import Diagnostic
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
    findings = [f for f in lint_corpus(corpus) if f.code == "citation-unparsable"]
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
