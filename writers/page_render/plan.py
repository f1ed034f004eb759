"""The contract between the site orchestrator and its MkDocs hook: which pages one mkdocs process renders, and what it reports back."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

PLAN_ENV = "QUANZE_RENDER_PLAN"  # path of the RenderPlan JSON; without it the hook leaves mkdocs alone


@dataclass
class RenderPlan:
    """Pages (by src_uri) one mkdocs process renders; only the first process also writes theme templates and static files."""

    pages: list[str]
    templates: bool
    static: bool
    report: str
    template_cache: str = ""  # folder for compiled theme templates, kept between runs (none: compile every run)
    listing: str = ""  # JSON list of every file of the docs folder: mkdocs then needs to hold only the plan's pages (see hook.py)

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(asdict(self), ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> RenderPlan:
        return cls(**json.loads(path.read_text(encoding="utf-8")))


@dataclass
class RenderedPage:
    """What a rendered page contributes to the whole site: its output file, anchors and links to anchors."""

    dest: str
    anchors: list[str]
    links: dict[str, dict[str, str]]  # target src_uri → {anchor: the link as written}


@dataclass
class RenderReport:
    """One mkdocs process's report: the order of every page and each rendered page."""

    order: list[str]
    pages: dict[str, RenderedPage] = field(default_factory=dict)
    complete: bool = True  # `order` holds every page (False: mkdocs held only the plan's pages and the nav's)
    reused: int = 0  # theme partials taken from an earlier page instead of rendered (writers/page_render/fragments.py)

    def save(self, path: Path) -> None:
        """As JSON, the pages' fields as they are (`asdict` deep-copies every list and dict: 2 s for 50,000 pages)."""
        report = {**vars(self), "pages": {name: vars(page) for name, page in self.pages.items()}}
        path.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> RenderReport:
        data = json.loads(path.read_text(encoding="utf-8"))
        pages = {name: RenderedPage(**page) for name, page in data.pop("pages").items()}
        return cls(**data, pages=pages)
