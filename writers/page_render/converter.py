"""One Python-Markdown converter for all the pages of an mkdocs process, reset between pages, instead of a new one per page.

mkdocs makes a `markdown.Markdown` for every page it renders, and building one (loading the extensions, registering
their processors) cost about as much as converting a generated power page. The converter is the same for every page of
one config; `Markdown.reset()` clears what a conversion leaves behind (the HTML stash, references, the toc), and the
processors mkdocs adds for each page replace the previous page's under their fixed names, keeping their order.

The kept converter's toc pass also leaves out the table of contents as HTML (`md.toc`, a `<div>` built, prettified,
serialized and post-processed on every page) where nothing can take it: mkdocs reads a page's headings from
`md.toc_tokens` only, and the div lands in the page only in place of a paragraph holding the marker (`[TOC]`), which
a page whose Markdown lacks the marker cannot have. Headings, their ids and permalinks, and the tokens are unchanged."""

from __future__ import annotations

import types
from typing import Any
from xml.etree.ElementTree import Element

import markdown
from markdown.extensions.toc import TocTreeprocessor
from mkdocs.structure import pages


class _ReusingMarkdown(types.ModuleType):
    """`markdown` as mkdocs.structure.pages sees it: the same module, but `Markdown(...)` hands back the kept converter."""

    def __init__(self) -> None:
        super().__init__(markdown.__name__)
        self._kept: tuple[list[Any], markdown.Markdown] | None = None

    def __getattr__(self, name: str) -> Any:
        return getattr(markdown, name)

    def Markdown(self, *, extensions: list[Any], extension_configs: dict[str, Any]) -> markdown.Markdown:
        if self._kept is not None and self._kept[0] is extensions:
            return self._kept[1].reset()
        converter = markdown.Markdown(extensions=extensions, extension_configs=extension_configs)
        if "toc" in converter.treeprocessors and type(toc := converter.treeprocessors["toc"]) is TocTreeprocessor:
            toc.build_toc_div = types.MethodType(_toc_div_if_placed, toc)  # type: ignore[method-assign]
        self._kept = (extensions, converter)
        return converter


def _toc_div_if_placed(toc: TocTreeprocessor, toc_list: list[Any]) -> Element:
    """The toc's div where the page may hold its marker; elsewhere an empty div (see the module's docstring).

    `md.lines` is the page after the preprocessors, where every paragraph's text stands; the marker's paragraph
    needs it whole on one line."""
    if toc.marker and toc.marker in "\n".join(toc.md.lines):
        return TocTreeprocessor.build_toc_div(toc, toc_list)
    return Element("div")


def reuse_converter() -> None:
    """From now on, mkdocs renders every page with one converter per config (the list of extensions it is given)."""
    pages.markdown = _ReusingMarkdown()  # type: ignore[assignment]
