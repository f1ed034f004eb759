"""Saved web pages: the 国务院公报 page on www.gov.cn (main content, hidden print copy, chrome), a 政府信息公开 box, a shell."""

from __future__ import annotations

import pytest

from parser.containers.html import is_html_page
from parser.source import ReadResult
from tests.parser.containers.conftest import read

GONGBAO = "gov_gongbao_dianzi_zhaobiao_banfa_2013.html"
CHROME = ("首页 > 国务院公报", "字号", "默认 大 超大", "网站标识码", "京ICP备05070218号", "版权所有", "国务院客户端")


@pytest.fixture(scope="module")
def gongbao() -> ReadResult:
    return read(GONGBAO)


def test_gongbao_page_is_one_regulation_with_its_decree_number_and_date(gongbao: ReadResult) -> None:
    [document] = gongbao.documents
    assert (document.kind, document.title) == ("regulation", "电子招标投标办法")
    assert (document.doc_number, document.date) == ("第20号", "2013-02-04")
    assert "现予发布" in document.meta["issued_by"]["text"]


def test_gongbao_has_nine_chapters_and_66_articles_each_once(gongbao: ReadResult) -> None:
    [document] = gongbao.documents
    chapters = [section for section in document.body if section.level == "chapter"]
    assert [chapter.label for chapter in chapters] == [f"第{n}章" for n in "一二三四五六七八九"]
    assert [article.number for article in document.articles] == list(range(1, 67))
    assert not [d for d in gongbao.diagnostics if d.code == "article-sequence"]


def test_labels_in_their_own_element_join_their_text(gongbao: ReadResult) -> None:
    """<strong>第一条</strong>　为了…: one article whose text starts after the label."""
    first = gongbao.documents[0].articles[0]
    assert first.label == "第一条" and first.text.startswith("为了规范电子招标投标活动")


def test_attachment_note_is_not_part_of_the_last_article(gongbao: ReadResult) -> None:
    document = gongbao.documents[0]
    assert document.articles[-1].text == "本办法自2013年5月1日起施行。"
    assert document.meta["attachments"][0]["text"].startswith("附件：《电子招标投标系统技术规范")


def test_no_page_chrome_in_the_record_and_all_of_it_reported(gongbao: ReadResult) -> None:
    record = gongbao.documents[0].model_dump_json()
    residue = " ".join(item.text.replace("\xa0", " ") for item in gongbao.residue)
    for chrome in CHROME:
        assert chrome not in record, chrome
        assert chrome in residue, chrome


def test_hidden_print_copy_is_residue_not_a_second_body(gongbao: ReadResult) -> None:
    hidden = [item.text for item in gongbao.residue if item.reason == "hidden element"]
    assert sum(text.startswith("第六十六条") for text in hidden) == 1
    assert len(gongbao.documents) == 1


def test_information_disclosure_box_fills_fields_and_title_above_the_article_is_kept() -> None:
    result = read("regulation_box.html")
    [document] = result.documents
    assert document.title == "电子招标投标办法" and len(document.articles) == 4
    assert (document.issuer, document.date, document.doc_number) == ("国家发展和改革委员会", "2013-02-04", "第20号")
    [box] = document.meta["page"]
    assert box["fields"]["索引号"] == "000013338/2013-00089" and box["fields"]["主题分类"] == "综合政务"
    residue = " ".join(item.text for item in result.residue)
    assert "相关链接" in residue and "打印本页" in residue and "京ICP备05052393号" in residue


def test_the_manifest_still_wins_over_the_box() -> None:
    document = read("regulation_box.html", {"date": "2013-02-21"}).documents[0]
    assert document.date == "2013-02-21"


def test_page_without_document_text_is_an_error_and_no_record() -> None:
    """A JavaScript shell saved before it loaded: never a document titled with the site name."""
    result = read("shell.html")
    assert not result.documents and not result.powers
    assert [(d.level, d.message) for d in result.diagnostics] == [("error", "no document text found")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("<!DOCTYPE html><html><body><p>x</p></body></html>", True), ("\ufeff <html lang='zh'>", True),
     ("<!-- saved --><html>", True), ("<table><tr><td>序号</td></tr></table>", False), ("序号\t职权名称", False)],
)
def test_whole_pages_are_html_pages_fragments_stay_text(text: str, expected: bool) -> None:
    assert is_html_page(text.lstrip("\ufeff")) is expected
