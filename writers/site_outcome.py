"""What a site build did (MkDocs, Pagefind): kept out of writers.site, so a build with nothing to do can say
"unchanged" without loading the site writer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from writers.site.pagefind import PagefindRun


@dataclass
class MkDocsRun:
    """Outcome of one mkdocs build: exit code and the warnings/errors it logged."""

    returncode: int
    problems: list[str]
    rendered: int = 0  # pages rendered by this run
    reused: int = 0  # theme partials reused from an earlier page of the same mkdocs process instead of rendered again


@dataclass
class SiteBuild:
    pages: int
    run: MkDocsRun
    search: PagefindRun | None = None
    skipped: bool = False  # OUT/docs and OUT/mkdocs.yml unchanged since the last successful build: mkdocs and Pagefind not run

    @property
    def failed(self) -> bool:
        """MkDocs (strict) or Pagefind failed."""
        return self.run.returncode != 0 or (self.search is not None and self.search.returncode != 0)
