"""One Python-Markdown converter for all the pages of an mkdocs process, reset between pages, instead of a new one per page.

mkdocs makes a `markdown.Markdown` for every page it renders, and building one (loading the extensions, registering
their processors) cost about as much as converting a generated power page. The converter is the same for every page of
one config; `Markdown.reset()` clears what a conversion leaves behind (the HTML stash, references, the toc), and the
processors mkdocs adds for each page replace the previous page's under their fixed names, keeping their order."""

from __future__ import annotations

import types
from typing import Any

import markdown
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
        self._kept = (extensions, converter)
        return converter


def reuse_converter() -> None:
    """From now on, mkdocs renders every page with one converter per config (the list of extensions it is given)."""
    pages.markdown = _ReusingMarkdown()  # type: ignore[assignment]
