"""Python-Markdown extension: blocks of writer-made HTML passed to the output as they are, without parsing them.

A generated page marks each block of HTML it composed (tables, lists, quotes; escaped by the site writer) with a line
`<!-- html -->` before it and `<!-- /html -->` after it. Python-Markdown would pass the block through anyway, as raw
HTML, but only after running Python's HTML parser over it twice (its own raw-HTML pass and mkdocs' anchor pass), which
was most of what rendering a power page cost. Here the block goes straight into the HTML stash, so the page's HTML is
the same and comes without those parses. mkdocs learns a page's anchors from that parse, so a block holding an `id`
is left to it. Without this extension the markers are HTML comments and the blocks raw HTML: the page still renders.

A stashed block stands in the tree as a paragraph holding only its placeholder, in which no inline pattern can match;
such paragraphs are marked atomic so that the inline pass (most of a page's text nodes are these) skips them."""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

OPEN, CLOSE = "<!-- html -->", "<!-- /html -->"
_BLOCK = re.compile(f"^{re.escape(OPEN)}\n(.*?)\n{re.escape(CLOSE)}$", re.MULTILINE | re.DOTALL)
_ID = re.compile(r"\sid=")
PRIORITY = 25  # before mkdocs' anchor pass over raw HTML (21) and Python-Markdown's raw-HTML pass (20)
ATOMIC_PRIORITY = 21  # just before Python-Markdown's inline pass (20)


class _Stash(Preprocessor):
    def __init__(self, md: Markdown) -> None:
        super().__init__(md)
        self.placeholders: set[str] = set()  # of this conversion's stashed blocks

    def run(self, lines: list[str]) -> list[str]:
        self.placeholders = set()
        source = "\n".join(lines)
        if OPEN not in source:
            return lines
        return _BLOCK.sub(self._stashed, source).split("\n")

    def _stashed(self, match: re.Match[str]) -> str:
        block = match.group(1)
        if _ID.search(block):
            return block
        placeholder = self.md.htmlStash.store(block + "\n")  # as Python-Markdown stashes a raw block: with its line end
        self.placeholders.add(placeholder)
        return f"\n{placeholder}\n"


class _Atomic(Treeprocessor):
    """Mark the paragraphs that hold only a stashed block's placeholder as atomic text (no inline pattern to try)."""

    def __init__(self, md: Markdown, stash: _Stash) -> None:
        super().__init__(md)
        self.stash = stash

    def run(self, root: Element) -> None:
        placeholders = self.stash.placeholders
        if not placeholders:
            return
        for element in root:
            if element.tag == "p" and element.text in placeholders and not len(element):
                element.text = AtomicString(element.text)


class HtmlBlocks(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        stash = _Stash(md)
        md.preprocessors.register(stash, "quanze_html_blocks", PRIORITY)
        md.treeprocessors.register(_Atomic(md, stash), "quanze_atomic_blocks", ATOMIC_PRIORITY)
