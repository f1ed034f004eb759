"""One mkdocs process's work as a task for an executor (execution/): render a plan's pages in OUT itself, or, on a
worker that cannot see OUT, in a private workspace made from shipped Markdown, returning the HTML as bytes."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from writers.page_render.plan import PLAN_ENV, RenderPlan, RenderReport

PROJECT = Path(__file__).resolve().parents[2]  # this checkout: mkdocs runs here, so the hook imports its own code
TEMPLATE_CACHE = "cache/templates"  # compiled theme templates, under OUT
WORKER_TEMPLATE_CACHE = "quanze-templates"  # the same on a worker without OUT, under its temporary folder


@dataclass
class Shipped:
    """What a worker without OUT needs: the site config, every file of OUT/docs by path, and the Markdown it renders.

    Pages it does not render are empty placeholders: mkdocs needs them to exist (nav, link checks) but does not read
    them in a --dirty build when the plan leaves them out."""

    config: dict[str, Any]
    root: str  # the client's project root: paths under it in `config` are moved under this worker's checkout
    files: list[str]
    markdown: dict[str, bytes]


@dataclass
class RenderJob:
    """A plan and where to render it: with `config` (OUT/mkdocs.yml, seen by the worker) in OUT itself, or from `shipped` inputs."""

    plan: RenderPlan
    config: str | None = None
    shipped: Shipped | None = None


@dataclass
class RenderOutcome:
    """mkdocs' exit code and log, the hook's report, and (shipped renders) each rendered page's HTML by its path under OUT/site."""

    returncode: int
    log: str
    report: RenderReport | None
    html: dict[str, bytes] = field(default_factory=dict)


def render(job: RenderJob) -> RenderOutcome:
    """Run one mkdocs process for `job` (module level, so executors can send it to their workers)."""
    with tempfile.TemporaryDirectory(prefix="quanze-render-") as work:
        if job.shipped is None:
            assert job.config is not None
            config = Path(job.config)
            return _mkdocs(config, job.plan, Path(work), config.parent / TEMPLATE_CACHE)
        return _render_shipped(job.plan, job.shipped, Path(work))


def _mkdocs(config: Path, plan: RenderPlan, work: Path, templates: Path) -> RenderOutcome:
    """`mkdocs build --strict --dirty` with the hook following `plan`, compiled templates kept in `templates`; any
    warning fails the build.

    The log is a file, not a pipe: mkdocs lists every page outside the nav, and a full pipe would stall the process."""
    plan = RenderPlan(plan.pages, plan.templates, plan.static, str(work / "report.json"), str(templates), plan.listing)
    plan.save(work / "plan.json")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--dirty", "-f", str(config)]
    environment = {**os.environ, PLAN_ENV: str(work / "plan.json")}
    with (work / "mkdocs.log").open("w+b") as log:
        code = subprocess.run(command, stdout=log, stderr=subprocess.STDOUT, cwd=PROJECT, env=environment, check=False).returncode
        log.seek(0)
        text = log.read().decode("utf-8", errors="replace")
    report = RenderReport.load(Path(plan.report)) if code == 0 else None
    return RenderOutcome(code, text, report)


def _rebased(value: Any, root: str) -> Any:
    """`value` with every path under the client's project root moved under this checkout."""
    if isinstance(value, dict):
        return {key: _rebased(item, root) for key, item in value.items()}
    if isinstance(value, list):
        return [_rebased(item, root) for item in value]
    if isinstance(value, str) and value.startswith(root + "/"):
        return str(PROJECT / value[len(root) + 1:])
    return value


def _render_shipped(plan: RenderPlan, shipped: Shipped, work: Path) -> RenderOutcome:
    """Lay out OUT/docs from the shipped inputs in `work`, render there, and bring the pages' HTML back."""
    docs = work / "docs"
    for name in shipped.files:
        path = docs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(shipped.markdown.get(name, b""))
    config = work / "mkdocs.yml"
    config.write_text(yaml.safe_dump(_rebased(shipped.config, shipped.root), allow_unicode=True, sort_keys=False), encoding="utf-8")
    outcome = _mkdocs(config, plan, work, Path(tempfile.gettempdir()) / WORKER_TEMPLATE_CACHE)
    if outcome.report is not None:
        outcome.html = {page.dest: (work / "site" / page.dest).read_bytes() for page in outcome.report.pages.values()}
    return outcome
