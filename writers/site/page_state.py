"""What the site holds page by page (OUT/cache/site-pages.pickle): source digest, output file, anchors and links.

It lets a rebuild render only the pages whose Markdown changed, and still validate every anchor link over the whole site."""

from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from execution.collector import collector_paused
from writers import kept
from writers.page_render.plan import RenderedPage, RenderReport
from writers.site.sync import fingerprint

STATE = "cache/site-pages.pickle"
STATE_VERSION = 3  # of the shape of SiteState and its records: a state of another version is not taken back
LAYOUT_PACKAGES = ("mkdocs", "mkdocs-material", "pymdown-extensions", "markdown")
WRITERS = Path(__file__).resolve().parents[1]
# under writers/
LAYOUT_CODE = (
    "page_render/hook.py", "page_render/converter.py", "page_render/fragments.py", "page_render/html_blocks.py",
    "page_render/plan.py", "page_render/job.py", "site/page_state.py",
)


def _encoded(digest: str, rendered: RenderedPage) -> str:
    """A page's record as one string (digest, output file, then anchors and links as JSON): a province's state holds
    100,000 pages, kept as a handful of objects each (tuples, lists and dicts of strings) it took seconds to pickle and
    unpickle; as one string each it takes a tenth of that, and only the pages a check reads are decoded."""
    shape = json.dumps([rendered.anchors, rendered.links], ensure_ascii=False, separators=(",", ":"))
    return f"{digest}\t{rendered.dest}\t{shape}"


def _digest(record: str) -> str:
    return record.partition("\t")[0]


def _dest(record: str) -> str:
    return record.split("\t", 2)[1]


def _rendered(record: str) -> RenderedPage:
    _, dest, shape = record.split("\t", 2)
    anchors, links = json.loads(shape)
    return RenderedPage(dest, anchors, links)


@dataclass
class SiteState:
    """Every page of OUT/site as last rendered (its Markdown's digest and what rendering it gave, encoded: `digest`,
    `rendered`), and the layout (config, theme, versions) they were rendered with. `checked`: every link to an anchor
    the pages hold was found valid, so a rebuild that keeps every anchor needs to check only the links it rendered."""

    layout: str = ""
    order: list[str] = field(default_factory=list)
    pages: dict[str, str] = field(default_factory=dict)
    checked: bool = False
    merged: dict[str, RenderedPage] = field(default_factory=dict)  # the pages merged in this run: not decoded again

    @classmethod
    def load(cls, out: Path) -> SiteState:
        """The state the last render left (none: a fresh one, so every page is rendered)."""
        with collector_paused():
            kept_state = kept.load(out / STATE, STATE_VERSION, tuple)
            if kept_state is None:
                return cls()
            layout, order, pages, checked = kept_state
            return cls(layout, order.split("\n") if order else [], pages, checked)

    def save(self, out: Path) -> None:
        """Kept as a pickle of strings (writers/kept.py), the order as one."""
        with collector_paused():
            kept.save(out / STATE, STATE_VERSION, (self.layout, "\n".join(self.order), self.pages, self.checked))

    def digest(self, page: str) -> str:
        """The digest of the Markdown the page was last rendered from."""
        return _digest(self.pages[page])

    def rendered(self, page: str) -> RenderedPage:
        """What the page's last rendering gave."""
        return self.merged[page] if page in self.merged else _rendered(self.pages[page])

    def merge(self, report: RenderReport, digests: dict[str, str]) -> set[str]:
        """Take in what one mkdocs process rendered; the pages taken. A page's links to its own anchors (the headings'
        permalinks) are left out: its anchors and links are replaced together, so such a link cannot break. A page that
        is new or lost an anchor leaves the state unchecked: a link elsewhere may now miss."""
        if report.complete:
            self.order = report.order
        for name, rendered in report.pages.items():
            links = {target: _outside(links, rendered.anchors) if target == name else links for target, links in rendered.links.items()}
            rendered = RenderedPage(rendered.dest, rendered.anchors, {target: anchors for target, anchors in links.items() if anchors})
            before = self.pages.get(name)
            if before is None or not set(_rendered(before).anchors) <= set(rendered.anchors):
                self.checked = False
            self.pages[name], self.merged[name] = _encoded(digests[name], rendered), rendered
        return set(report.pages)


def _outside(links: dict[str, str], anchors: list[str]) -> dict[str, str]:
    """The links to anchors that are not among `anchors`."""
    present = set(anchors)
    return {anchor: written for anchor, written in links.items() if anchor not in present}


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
    """Pages to render: new, changed, or whose output file is missing (each looked up from the open site folder, not
    from the root: a province has 100,000 outputs, and a lookup's cost is the path's folders)."""
    if not site.is_dir():
        return list(digests)
    pages, stale, folder = state.pages, [], os.open(site, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for name, digest in digests.items():
            record = pages.get(name)
            if record is None or _digest(record) != digest or not _is_file(_dest(record), folder):
                stale.append(name)
    finally:
        os.close(folder)
    return stale


def _is_file(path: str, folder: int) -> bool:
    try:
        return stat.S_ISREG(os.stat(path, dir_fd=folder).st_mode)
    except OSError:
        return False


def drop_removed(state: SiteState, digests: dict[str, str], site: Path) -> list[str]:
    """Forget pages whose Markdown is gone and delete their output files; returns their names."""
    removed = sorted(set(state.pages) - set(digests))
    for name in removed:
        output = site / _dest(state.pages.pop(name))
        output.unlink(missing_ok=True)
        if output.parent != site and output.parent.is_dir() and not any(output.parent.iterdir()):
            output.parent.rmdir()
    state.order = [name for name in state.order if name not in removed]
    return removed


def _missing_anchor(page: str, target: str, anchor: str, written: str) -> str:
    """The warning mkdocs itself logs for a link to an anchor that is not there."""
    where = "there is no such anchor on this page" if target == page else f"the doc '{target}' does not contain an anchor '#{anchor}'"
    return f"WARNING -  Doc file '{page}' contains a link '{written}', but {where}."


def broken_anchor_links(state: SiteState, pages: set[str] | None = None) -> list[str]:
    """mkdocs' anchor check over the whole site: every link to page#anchor needs that anchor on that page. `pages`:
    check only these pages' links (enough when the state is `checked` but for them)."""
    problems, present = [], _Anchors(state)
    for name in state.order if pages is None else [name for name in state.order if name in pages]:
        record = state.pages.get(name)
        for target, anchors in (state.rendered(name).links if record else {}).items():
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
        self[page] = set(self._state.rendered(page).anchors)
        return self[page]
