"""What the site holds page by page (OUT/cache/site-pages.json): source digest, output file, anchors and links.

It lets a rebuild render only the pages whose Markdown changed, and still validate every anchor link over the whole site."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from writers.page_render.plan import RenderedPage, RenderReport
from writers.site.sync import fingerprint, write_if_changed

STATE = "cache/site-pages.json"
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
        path = out / STATE
        if not path.is_file():
            return cls()
        data = json.loads(path.read_text(encoding="utf-8"))
        try:
            pages = {name: PageRecord(page["digest"], RenderedPage(**page["rendered"])) for name, page in data.pop("pages").items()}
            return cls(**data, pages=pages)
        except TypeError:  # written by an earlier version of this code: start over (a full render)
            return cls()

    def save(self, out: Path) -> None:
        """Pages in name order."""
        pages = {name: {"digest": self.pages[name].digest, "rendered": vars(self.pages[name].rendered)} for name in sorted(self.pages)}
        data = {"layout": self.layout, "order": self.order, "pages": pages}
        write_if_changed(out / STATE, json.dumps(data, ensure_ascii=False).encode("utf-8"))

    def merge(self, report: RenderReport, digests: dict[str, str]) -> None:
        """Take in what one mkdocs process rendered."""
        if report.complete:
            self.order = report.order
        for name, rendered in report.pages.items():
            self.pages[name] = PageRecord(digests[name], rendered)


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
    """Pages to render: new, changed, or whose output file is missing."""
    return [
        name for name, digest in digests.items()
        if name not in state.pages or state.pages[name].digest != digest or not (site / state.pages[name].rendered.dest).is_file()
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
    problems = []
    for name in state.order:
        record = state.pages.get(name)
        for target, anchors in (record.rendered.links if record else {}).items():
            if target not in state.pages:
                continue
            present = set(state.pages[target].rendered.anchors)
            problems += [_missing_anchor(name, target, anchor, written) for anchor, written in anchors.items() if anchor not in present]
    return problems
