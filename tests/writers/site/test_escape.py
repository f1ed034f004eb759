"""Source text renders as inert text; only http(s) addresses and phone numbers become links."""

from __future__ import annotations

import markdown

from writers.site.escape import anchor_id, html_lines, html_link, html_phone_link, html_text, html_url_link, lines, link, text, url_link


def _html(source: str) -> str:
    return markdown.markdown(source, extensions=["tables", "attr_list"])


def test_script_tag_is_escaped() -> None:
    html = _html(text("<script>alert(1)</script>"))
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_markdown_link_to_javascript_stays_text() -> None:
    html = _html(text("[点我](javascript:alert(1))"))
    assert "<a" not in html
    assert "[点我](javascript:alert(1))" in html


def test_markdown_punctuation_renders_literally() -> None:
    source = "1. *重点* _下划线_ #标题 `代码` {: #x } | 表格 |"
    assert _html(text(source)) == f"<p>{source}</p>"


def test_lines_keep_each_source_line() -> None:
    assert _html(lines("第一行\n- 第二行\n# 第三行")) == "<p>第一行<br>\n- 第二行<br>\n# 第三行</p>"


def test_javascript_url_is_not_linked() -> None:
    html = _html(url_link("javascript:alert(1)"))
    assert "<a" not in html and "javascript:alert(1)" in html


def test_http_url_is_linked() -> None:
    assert 'href="http://www.stdzzw.gov.cn/"' in _html(url_link("http://www.stdzzw.gov.cn/"))


def test_url_with_quote_is_not_linked() -> None:
    assert "<a" not in _html(url_link('http://x.cn/"onmouseover="alert(1)'))


def test_phone_becomes_tel_link() -> None:
    assert 'href="tel:075488179852"' in html_phone_link("0754-88179852")
    assert "<a" not in html_phone_link("请致电")


def test_html_text_is_escaped_and_one_line() -> None:
    assert html_text("<script>alert(1)</script>\n 下一行") == "&lt;script&gt;alert(1)&lt;/script&gt; 下一行"
    assert html_lines("第一行\n<b>第二行</b>\n\n") == "第一行<br>\n&lt;b&gt;第二行&lt;/b&gt;"


def test_html_url_link_only_links_http_addresses() -> None:
    assert "<a" not in html_url_link("javascript:alert(1)")
    assert "<a" not in html_url_link('http://x.cn/"onmouseover="alert(1)')
    assert html_url_link("http://www.stdzzw.gov.cn/") == (
        '<a href="http://www.stdzzw.gov.cn/" rel="nofollow noopener">http://www.stdzzw.gov.cn/</a>'
    )


def test_html_link_label_is_escaped() -> None:
    assert html_link("《办法》<b>", "../../instruments/a/") == '<a href="../../instruments/a/">《办法》&lt;b&gt;</a>'


def test_link_label_is_escaped() -> None:
    assert _html(link("《办法》<b>", "../instruments/a.md")) == '<p><a href="../instruments/a.md">《办法》&lt;b&gt;</a></p>'


def test_anchor_ids_must_be_safe() -> None:
    assert anchor_id("art-81") == "art-81"
    assert anchor_id('x" onclick="y') is None
