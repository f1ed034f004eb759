"""Writer-made HTML blocks pass to the output unparsed, giving the same HTML as Python-Markdown's raw-HTML handling."""

from __future__ import annotations

from xml.etree.ElementTree import Element

import markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString
from mkdocs.structure.pages import _RawHTMLPreprocessor

from writers.page_render.html_blocks import CLOSE, OPEN, HtmlBlocks

EXTENSIONS = ["tables", "attr_list", "toc"]
BLOCKS = [
    '<p><a href="../../">首页</a> › 表四</p>',
    "<table>\n<thead>\n<tr>\n<th>项目</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>a &amp; b</td>\n</tr>\n</tbody>\n</table>",
    "<ol>\n<li>\n<p>［法律］《行政许可法》</p>\n<blockquote>\n<p>条文。</p>\n</blockquote>\n</li>\n</ol>",
]


def _page(blocks: list[str], marked: bool) -> str:
    wrap = (lambda block: f"{OPEN}\n{block}\n{CLOSE}") if marked else (lambda block: block)
    return "\n\n".join(["# 标题", wrap(blocks[0]), "## 依据", *map(wrap, blocks[1:]), "## 来源"])


def test_marked_blocks_render_as_raw_html_blocks_do() -> None:
    plain = markdown.markdown(_page(BLOCKS, marked=False), extensions=EXTENSIONS)
    fast = markdown.markdown(_page(BLOCKS, marked=True), extensions=[*EXTENSIONS, HtmlBlocks()])
    assert fast == plain
    assert "<!--" not in fast and '<h2 id="_2">依据</h2>' in fast


def test_blocks_are_not_parsed_as_markdown() -> None:
    page = f"{OPEN}\n<p>*不是强调* [不是链接](x.md)</p>\n{CLOSE}"
    assert markdown.markdown(page, extensions=[HtmlBlocks()]) == "<p>*不是强调* [不是链接](x.md)</p>"


def test_a_block_with_an_id_is_left_to_markdowns_html_parsing() -> None:
    """mkdocs collects a page's anchors while parsing raw HTML; a stashed block would hide its ids."""
    page = f'{OPEN}\n<p id="art-3">第三条</p>\n{CLOSE}'
    converter = markdown.Markdown(extensions=[HtmlBlocks()])
    anchors = _RawHTMLPreprocessor()
    anchors._register(converter)
    assert converter.convert(page) == '<p id="art-3">第三条</p>'
    assert anchors.present_anchor_ids == {"art-3"}


def test_the_inline_pass_skips_the_stashed_blocks_paragraphs_only() -> None:
    """What the inline pass is handed: a stashed block's paragraph as atomic text, a heading's text still to parse."""
    seen: list[tuple[str, bool]] = []

    class Spy(Treeprocessor):
        def run(self, root: Element) -> None:
            seen.extend((element.tag, isinstance(element.text, AtomicString)) for element in root)

    converter = markdown.Markdown(extensions=[*EXTENSIONS, HtmlBlocks()])
    converter.treeprocessors.register(Spy(converter), "spy", 20.5)  # after the marking (21), before the inline pass (20)
    converter.convert(_page(BLOCKS, marked=True) + f"\n\n{OPEN}\n<p id=\"art-1\">第一条</p>\n{CLOSE}")
    assert seen == [("h1", False), ("p", True), ("h2", False), ("p", True), ("p", True), ("h2", False), ("p", False)]
