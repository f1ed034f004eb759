"""Saved web pages: the 国务院公报 page on www.gov.cn (main content, hidden print copy, chrome), a 政府信息公开 box, a shell."""

from __future__ import annotations

from pathlib import Path

import pytest

from parser.containers.html import is_html_page
from parser.registry import read_source
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
    bodies = document.issuer.split("、")  # the decree header prints one character per element: 中 华 人 民 …
    assert len(bodies) == 8 and bodies[0] == "中华人民共和国国家发展和改革委员会" and bodies[-1] == "中华人民共和国商务部"


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


def test_layout_tables_are_walked_into_data_tables_kept(tmp_path: Path) -> None:
    """A portal laid out with nested tables: the regulation inside is running text, the fee table inside it a table."""
    page = """<!DOCTYPE html><html><head><title>某市政府网</title></head><body>
<table width="980"><tr><td><a href="/">首页</a> | <a href="/zwgk/">政务公开</a> | <a href="/bsfw/">办事服务</a></td></tr>
<tr><td><table width="100%"><tr><td class="title">某市政务服务管理办法</td></tr>
<tr><td class="content"><p>第一条　为了规范政务服务，提高行政效能，根据有关法律法规，结合本市实际，制定本办法。</p>
<p>第二条　本办法适用于本市行政区域内的政务服务活动，法律法规另有规定的从其规定。</p>
<p>第三条　政务服务收费按下表执行，未列明的事项不得收费，不得变相收费。</p>
<table border="1"><tr><th>事项</th><th>收费</th></tr><tr><td>证照工本费</td><td>不收费</td></tr></table>
<p>第四条　本办法自印发之日起施行，由市政务服务管理办公室负责解释。</p></td></tr></table></td></tr>
<tr><td>版权所有：某市人民政府办公室　ICP备00000000号</td></tr></table></body></html>"""
    (tmp_path / "layout.html").write_text(page, encoding="utf-8")
    result = read_source(tmp_path / "layout.html", tmp_path)
    [document] = result.documents
    assert (document.kind, document.title) == ("regulation", "某市政务服务管理办法")
    assert [article.number for article in document.articles] == [1, 2, 3, 4]
    assert document.meta["tables"][0]["rows"] == [["事项", "收费"], ["证照工本费", "不收费"]]
    assert "版权所有" not in document.model_dump_json()


def test_xhtml_with_an_encoding_declaration_is_read(tmp_path: Path) -> None:
    page = ('<?xml version="1.0" encoding="gb2312"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><head><title>t</title></head>'
            "<body><div><p>第一条　为了规范政务服务，制定本办法。</p><p>第二条　本办法适用于本市。</p>"
            "<p>第三条　本办法自印发之日起施行。</p></div></body></html>")
    (tmp_path / "x.html").write_bytes(page.encode("gb18030"))
    [document] = read_source(tmp_path / "x.html", tmp_path).documents
    assert [article.number for article in document.articles] == [1, 2, 3]
