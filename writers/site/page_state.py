"""What the site holds page by page (OUT/cache/site-pages.pickle): source digest, output file, anchors and links.

It lets a rebuild render only the pages whose Markdown changed, and still validate every anchor link over the whole site."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from execution.collector import collector_paused
from writers import kept
from writers.page_render.plan import RenderedPage, RenderReport
from writers.site.sync import fingerprint

STATE = "cache/site-pages.pickle"
STATE_VERSION = 2  # of the shape of SiteState and its records: a state of another version is not taken back
LAYOUT_PACKAGES = ("mkdocs", "mkdocs-material", "pymdown-extensions", "markdown")
WRITERS = Path(__file__).resolve().parents[1]
# under writers/
LAYOUT_CODE = (
    "page_render/hook.py", "page_render/converter.py", "page_render/fragments.py", "page_render/html_blocks.py",
    "page_render/plan.py", "page_render/job.py", "site/page_state.py",
)


@dataclass
class PageRecord:
    """One page as last rendered: the digest of its Markdown and what rendering it gave."""

    digest: str
    rendered: RenderedPage


@dataclass
class SiteState:
    """Every page of OUT/site as last rendered, and the layout (config, theme, versions) they were rendered with."""

    layout: str = ""
    order: list[str] = field(default_factory=list)
    pages: dict[str, PageRecord] = field(default_factory=dict)

    @classmethod
    def load(cls, out: Path) -> SiteState:
        """The state the last render left (none: a fresh one, so every page is rendered)."""
        with collector_paused():
            kept_state = kept.load(out / STATE, STATE_VERSION, tuple)
            if kept_state is None:
                return cls()
            layout, order, pages = kept_state
            return cls(layout, order, {name: PageRecord(digest, RenderedPage(*rendered)) for name, (digest, *rendered) in pages.items()})

    def save(self, out: Path) -> None:
        """Kept as a pickle of plain tuples (writers/kept.py): a province's state holds 100,000 pages, and as JSON or as
        pickled objects it took seconds each way."""
        with collector_paused():
            pages = {name: (page.digest, *_fields(page.rendered)) for name, page in self.pages.items()}
            kept.save(out / STATE, STATE_VERSION, (self.layout, self.order, pages))

    def merge(self, report: RenderReport, digests: dict[str, str]) -> None:
        """Take in what one mkdocs process rendered. A page's links to its own anchors (the headings' permalinks) are
        left out: its anchors and links are replaced together, so such a link cannot break."""
        if report.complete:
            self.order = report.order
        for name, rendered in report.pages.items():
            links = {target: _outside(links, rendered.anchors) if target == name else links for target, links in rendered.links.items()}
            rendered = RenderedPage(rendered.dest, rendered.anchors, {target: anchors for target, anchors in links.items() if anchors})
            self.pages[name] = PageRecord(digests[name], rendered)


def _outside(links: dict[str, str], anchors: list[str]) -> dict[str, str]:
    """The links to anchors that are not among `anchors`."""
    present = set(anchors)
    return {anchor: written for anchor, written in links.items() if anchor not in present}


def _fields(rendered: RenderedPage) -> tuple[str, list[str], dict[str, dict[str, str]]]:
    return rendered.dest, rendered.anchors, rendered.links


def page_digests(docs: Path) -> dict[str, str]:
    """SHA-256 of every Markdown page under OUT/docs, by its path relative to it (mkdocs' src_uri)."""
    return {path.relative_to(docs).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(docs.rglob("*.md"))}


def layout_fingerprint(config: Path, overrides: Path) -> str:
    """What every page's HTML depends on besides its own Markdown: config and nav, theme overrides, hook code, package versions."""
    code = [WRITERS / name for name in LAYOUT_CODE]
    files = fingerprint(config.parent, [config]) + fingerprint(overrides, [p for p in overrides.rglob("*") if p.is_file()])
    files += fingerprint(WRITERS, code)
    return hashlib.sha256((files + "".join(version(name) for name in LAYOUT_PACKAGES)).encode()).hexdigest()


def stale_pages(state: SiteState, digests: dict[str, str], site: Path) -> list[str]:
    """Pages to render: new, changed, or whose output file is missing (os.path on strings: a province has 100,000 outputs)."""
    folder, pages = str(site), state.pages
    return [
        name for name, digest in digests.items()
        if name not in pages or pages[name].digest != digest or not os.path.isfile(os.path.join(folder, pages[name].rendered.dest))
    ]


def drop_removed(state: SiteState, digests: dict[str, str], site: Path) -> list[str]:
    """Forget pages whose Markdown is gone and delete their output files; returns their names."""
    removed = sorted(set(state.pages) - set(digests))
    for name in removed:
        output = site / state.pages.pop(name).rendered.dest
        output.unlink(missing_ok=True)
        if output.parent != site and output.parent.is_dir() and not any(output.parent.iterdir()):
            output.parent.rmdir()
    state.order = [name for name in state.order if name not in removed]
    return removed


def _missing_anchor(page: str, target: str, anchor: str, written: str) -> str:
    """The warning mkdocs itself logs for a link to an anchor that is not there."""
    where = "there is no such anchor on this page" if target == page else f"the doc '{target}' does not contain an anchor '#{anchor}'"
    return f"WARNING -  Doc file '{page}' contains a link '{written}', but {where}."


def broken_anchor_links(state: SiteState) -> list[str]:
    """mkdocs' anchor check over the whole site: every link to page#anchor needs that anchor on that page."""
    problems, present = [], _Anchors(state)
    for name in state.order:
        record = state.pages.get(name)
        for target, anchors in (record.rendered.links if record else {}).items():
            if target not in state.pages:
                continue
            missing = [(anchor, written) for anchor, written in anchors.items() if anchor not in present[target]]
            problems += [_missing_anchor(name, target, anchor, written) for anchor, written in missing]
    return problems


class _Anchors(dict[str, set[str]]):
    """Each page's anchors as a set, made when a link first asks for it."""

    def __init__(self, state: SiteState) -> None:
        super().__init__()
        self._state = state

    def __missing__(self, page: str) -> set[str]:
        self[page] = set(self._state.pages[page].rendered.anchors)
        return self[page]
