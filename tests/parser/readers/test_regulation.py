"""The regulation reader on the 管理办法 seed and small real excerpts: chapters, articles, anchors, preamble, debris."""

from __future__ import annotations

from pathlib import Path

import pytest

from parser.boilerplate import Line
from parser.readers.regulation import ARTICLE, HEADING, parse_provisions
from parser.registry import choose_reader, open_source
from parser.source import ReadResult
from pipeline.manifest import load_manifest
from tests.conftest import FIXTURES, SOURCES

SEED = "003_39746930e8c49978.txt"


def read(path: Path, root: Path) -> ReadResult:
    """Read a file the way the pipeline does: manifest entry, reader chosen by content."""
    source = open_source(path, root, load_manifest(root).get(path.relative_to(root).as_posix()))
    reader = choose_reader(source)
    assert reader is not None and reader.name == "regulation"
    return reader.read(source)


@pytest.fixture(scope="module")
def seed() -> ReadResult:
    return read(SOURCES / SEED, SOURCES)


def test_seed_has_seven_chapters_and_37_articles(seed: ReadResult) -> None:
    document = seed.documents[0]
    chapters = [node for node in document.body if node.level == "chapter"]
    assert [chapter.anchor for chapter in chapters] == [f"ch-{n}" for n in range(1, 8)]
    assert [chapter.title for chapter in chapters][:4] == ["总则", "事项管理", "综合服务窗口及工作人员管理", "后台职能部门及工作人员管理"]
    assert [article.number for article in document.articles] == list(range(1, 38))
    assert [article.anchor for article in document.articles] == [f"art-{n}" for n in range(1, 38)]
    assert sum(len(chapter.children) for chapter in chapters) == 37


def test_article_fields(seed: ReadResult) -> None:
    articles = {article.number: article for article in seed.documents[0].articles}
    third = articles[3]
    assert (third.label, third.chapter, third.line) == ("第三条", "第一章 总则", 8)
    assert third.text.startswith("市行政服务中心的职责和权限\n(一)在市委市政府的领导下")
    assert len(third.paragraphs) == 1 and third.paragraphs[0].count("\n") == 8
    assert articles[5].paragraphs[1] == "对确需进驻市行政服务中心集中办理的审批服务事项,经市行政服务中心审核报市政府批准,可进驻。"
    assert articles[20].chapter == "第四章 后台职能部门及工作人员管理"
    assert articles[37].text == "本办法自发布之日起施行。"


def test_items_nest_under_paragraphs_with_anchors(seed: ReadResult) -> None:
    third = seed.documents[0].body[0].children[2]
    assert third.level == "article" and third.anchor == "art-3"
    paragraph = third.children[0]
    assert [item.label for item in paragraph.children] == [f"({n})" for n in "一二三四五六七八"]
    assert paragraph.children[4].anchor == "art-3-p1-i5"
    assert paragraph.children[4].text.startswith("负责对市12345政府服务热线")


def test_preamble_kept_and_its_citation_found(seed: ReadResult) -> None:
    document = seed.documents[0]
    assert document.preamble.startswith("台山市人民政府行政服务中心(以下简称“市行政服务中心”)")
    assert document.preamble.endswith("制定本办法。")
    titles = [citation.title for citation in document.citations]
    assert titles[0] == "中华人民共和国行政许可法"
    assert "广东省人民政府办公厅关于开展行政审批标准化工作的通知" in titles


def test_portal_debris_and_footer_reported(seed: ReadResult) -> None:
    assert {(item.line, item.reason) for item in seed.residue} == {
        (1, "leave-site prompt"),
        (2, "leave-site prompt"),
        (118, "copyright footer"),
        (119, "contact line"),
    }
    page = seed.documents[0].meta["page"]
    assert page[0]["fields"]["生成日期"] == "2019-01-30 01:41:56"


def test_manifest_overrides_title(seed: ReadResult) -> None:
    document = seed.documents[0]
    assert document.title == "台山市行政服务中心管理办法"
    assert document.kind == "regulation" and document.script == "simplified"
    assert document.id.startswith("doc-") and len(document.id) == 14
    assert not [d for d in seed.diagnostics if d.code == "no-title"]


def test_excerpt_without_manifest_reports_missing_title_and_gaps() -> None:
    result = read(FIXTURES / "documents" / "regulation_portal.txt", FIXTURES / "documents")
    document = result.documents[0]
    assert document.title == "regulation_portal"
    codes = [(d.code, d.line) for d in result.diagnostics]
    assert ("no-title", 4) in codes
    assert ("article-sequence", 18) in codes  # the excerpt skips from 第三条 to 第五条
    assert [article.anchor for article in document.articles] == ["art-1", "art-2", "art-3", "art-5", "art-35", "art-36", "art-37"]
    assert {item.reason for item in result.residue} == {"leave-site prompt", "copyright footer", "contact line"}


def test_title_line_is_read_from_text() -> None:
    result = read(FIXTURES / "linking" / "台山市行政服务中心管理办法.txt", FIXTURES / "linking")
    document = result.documents[0]
    assert document.title == "台山市行政服务中心管理办法"
    assert document.source.line == 1
    assert len(document.articles) == 8
    assert result.diagnostics == []


@pytest.mark.parametrize(
    ("line", "level", "label", "title"),
    [
        ("第一章总则", "章", "一", "总则"),
        ("第二章 事项管理", "章", "二", "事项管理"),
        ("第三节　听证", "节", "三", "听证"),
        ("第一編 總則", "編", "一", "總則"),
    ],
)
def test_headings_with_or_without_space(line: str, level: str, label: str, title: str) -> None:
    match = HEADING.match(line)
    assert match and (match.group(2), match.group(1), match.group(3)) == (level, label, title)


def test_heading_pattern_rejects_sentences() -> None:
    assert HEADING.match("第一章规定的事项，由市行政服务中心负责。") is None
    assert ARTICLE.match("第三条第二款规定的情形") is None


def test_a_label_whose_number_does_not_read_is_text_of_the_article_before() -> None:
    """第十十条 (a typo, or a damaged file) is no article: its line stays in the article before it."""
    lines = [Line(1, "第一条 本办法适用于全市。"), Line(2, "第十十条 另有规定的除外。"), Line(3, "第二条 自公布之日起施行。")]
    provisions = parse_provisions(lines, "x.txt")
    assert [article.number for article in provisions.articles] == [1, 2]
    assert "第十十条 另有规定的除外。" in provisions.articles[0].text


def test_inserted_article_and_traditional_labels() -> None:
    lines = [
        Line(1, "第一章 總則"),
        Line(2, "第十條 本辦法適用於市行政服務中心服務大廳。"),
        Line(3, "第十條之一 綜合服務窗口的職責為："),
        Line(4, "（一）提供諮詢導辦；"),
        Line(5, "1. 複雜事項提請相關部門諮詢解答。"),
        Line(6, "第十一條 本辦法自發布之日起施行。"),
    ]
    provisions = parse_provisions(lines, "t.txt")
    assert [(a.label, a.number, a.suffix, a.anchor) for a in provisions.articles] == [
        ("第十條", 10, None, "art-10"),
        ("第十條之一", 10, 1, "art-10-1"),
        ("第十一條", 11, None, "art-11"),
    ]
    inserted = provisions.body[0].children[1]
    item = inserted.children[0].children[0]
    assert (item.label, item.anchor, item.children[0].label, item.children[0].anchor) == (
        "（一）",
        "art-10-1-p1-i1",
        "1.",
        "art-10-1-p1-i1-s1",
    )
    assert [(d.code, d.line) for d in provisions.diagnostics] == [("article-sequence", 2)]  # starts at 10; 之一 and 11 are in order


WRAPPED = """某市人民政府办公室关于印发某市政务服务管理办法的通知
某府办〔2020〕12号
各区人民政府，市政府各部门：
《某市政务服务管理办法》已经市人民政府同意，现印发给你们，请认真贯彻执行。
某市人民政府办公室
二○二○年三月五日
某市政务服务管理办法
（2020年2月20日市人民政府第10次常务会议通过）
第一章 总则
第一条 为了规范政务服务，制定本办法。
第二条 本办法适用于本市行政区域内的政务服务活动。
第三条 本办法自印发之日起施行。
"""


def test_a_notice_wrapping_the_regulation_it_issues(tmp_path: Path) -> None:
    """Both recognised: the 办法 is the regulation, with the notice's doc number and date (○ as zero); the notice is kept."""
    (tmp_path / "wrapped.txt").write_text(WRAPPED, encoding="utf-8")
    result = read(tmp_path / "wrapped.txt", tmp_path)
    [document] = result.documents
    assert (document.kind, document.title) == ("regulation", "某市政务服务管理办法")
    assert (document.doc_number, document.date, document.issuer) == ("某府办〔2020〕12号", "2020-03-05", "某市人民政府办公室")
    issued_by = document.meta["issued_by"]
    assert issued_by["title"] == "某市人民政府办公室关于印发某市政务服务管理办法的通知"
    assert "现印发给你们" in issued_by["text"]
    assert document.preamble == "（2020年2月20日市人民政府第10次常务会议通过）"  # the editorial preface before 第一章
    assert [article.number for article in document.articles] == [1, 2, 3]
