"""The kept converter gives each page the HTML and headings a fresh Python-Markdown converter gives it."""

from __future__ import annotations

import markdown

from writers.page_render.converter import _ReusingMarkdown
from writers.page_render.html_blocks import CLOSE, OPEN, HtmlBlocks

EXTENSIONS = ["tables", "attr_list", "toc"]
CONFIGS = {"toc": {"permalink": True}}
PAGES = [
    f"# 标题\n\n{OPEN}\n<table>\n<tr><td>a</td></tr>\n</table>\n{CLOSE}\n\n## 依据\n\n正文 *强调*\n\n## 依据\n\n### 第一条",
    "# 目录\n\n[TOC]\n\n## 一\n\n## 二\n\n> [TOC]",  # the marker, as a paragraph and inside a quote
    "## 无标记\n\n文中提到 [TOC] 一词\n\n## 结尾",
]


def test_the_kept_converter_gives_a_fresh_converters_html_and_headings() -> None:
    extensions = [*EXTENSIONS, HtmlBlocks()]
    kept = _ReusingMarkdown()
    for page in PAGES * 2:  # the second round on the kept, reset converter
        fresh = markdown.Markdown(extensions=extensions, extension_configs=CONFIGS)
        reused = kept.Markdown(extensions=extensions, extension_configs=CONFIGS)
        assert reused.convert(page) == fresh.convert(page)
        assert reused.toc_tokens == fresh.toc_tokens
        assert reused.toc == (fresh.toc if "[TOC]" in page else "<div></div>")  # the div only where it can be placed
    assert '<div class="toc">' in kept.Markdown(extensions=extensions, extension_configs=CONFIGS).convert(PAGES[1])
