"""Word .docx: the 辽宁 办法 whose chapter labels partly exist only as Word numbering, tables with merges, bad files."""

from __future__ import annotations

import pytest

from parser.registry import open_source
from parser.source import ReadResult
from tests.parser.containers.conftest import CONTAINERS, read

BANFA = "ln_qiye_jishu_chuangxin_zhuanxiang_zijin_banfa.docx"


@pytest.fixture(scope="module")
def banfa() -> ReadResult:
    return read(BANFA)


def test_ten_chapters_two_of_them_labelled_only_by_numbering(banfa: ReadResult) -> None:
    [document] = banfa.documents
    chapters = [section for section in document.body if section.level == "chapter"]
    assert len(chapters) == 10
    assert [(chapters[0].label, chapters[0].title), (chapters[2].label, chapters[2].title)] == [
        ("第一章", "总则"), ("第二章", "支持引进海外先进适用技术")]  # as Word shows them: its numbering counts 1, 2
    numbered = [block for block in open_source(CONTAINERS / BANFA, CONTAINERS).blocks if block.label]
    assert [block.label for block in numbered] == ["第一章", "第二章"]
    assert len({chapter.anchor for chapter in chapters}) == 10


def test_55_articles_and_run_in_labels(banfa: ReadResult) -> None:
    document = banfa.documents[0]
    assert [article.number for article in document.articles] == list(range(1, 56))
    assert document.body[-1].label == "第十章" and document.body[-1].title == "附则"
    article = next(article for article in document.articles if article.number == 44)
    assert article.label == "第四十四条" and article.text.startswith("符合")


def test_repealed_instruments_are_cited_with_their_doc_numbers(banfa: ReadResult) -> None:
    article = next(article for article in banfa.documents[0].articles if article.number == 54)
    assert "辽财企〔2014〕517号" in article.text
    assert "辽财企〔2014〕517号" in {citation.doc_number for citation in banfa.documents[0].citations}


def test_no_title_inside_the_file_falls_back_to_the_file_name_with_one_warning(banfa: ReadResult) -> None:
    assert banfa.documents[0].title == BANFA.removesuffix(".docx")
    assert [d.code for d in banfa.diagnostics].count("no-title") == 1


def test_table_cells_keep_paragraphs_and_vertical_merges_become_spans() -> None:
    page = open_source(CONTAINERS / "powerlist.docx", CONTAINERS)
    tables = [block for block in page.blocks if block.kind == "table"]
    assert [len(table.rows) for table in tables] == [3, 5]
    spans = [cell.row_span for row in tables[1].rows for cell in row]
    assert spans.count(2) == 1 and tables[1].rows[2][-1].row_span == 2 and len(tables[1].rows[3]) == len(tables[1].rows[1]) - 1
    assert "\n" in tables[0].rows[1][2].text  # 依据 holds several paragraphs


@pytest.mark.parametrize(("name", "code", "cause"), [("truncated.docx", "unreadable", "corrupt"),
                                                     ("encrypted.docx", "encrypted", "password")])
def test_broken_and_encrypted_files_are_errors_naming_the_cause(name: str, code: str, cause: str) -> None:
    result = read(name)
    assert not result.documents and not result.powers
    [error] = result.diagnostics
    assert (error.level, error.code, error.file) == ("error", code, name) and cause in error.message
