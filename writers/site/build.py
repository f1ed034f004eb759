"""Render OUT/mkdocs.yml from the editors' root mkdocs.yml and build OUT/site with `mkdocs build --strict`, page by page."""

from __future__ import annotations

import json
import shutil
from contextlib import nullcontext
from pathlib import Path
from typing import Any

import yaml

from execution.executor import Executor
from execution.local import LocalPool
from writers.atomic import write_bytes
from writers.page_render.job import RenderJob, Shipped, render
from writers.page_render.plan import RenderPlan, RenderReport
from writers.site.page_state import SiteState, broken_anchor_links, drop_removed, layout_fingerprint, page_digests, stale_pages
from writers.site.sync import write_if_changed
from writers.site_outcome import MkDocsRun

ROOT = Path(__file__).resolve().parents[2]
EDITORS_CONFIG = ROOT / "mkdocs.yml"
ASSETS = ROOT / "site"
HOOK = Path(__file__).resolve().parents[1] / "page_render" / "hook.py"
PARALLEL_FROM = 200  # pages; fewer are rendered in one process (a second one costs its start-up)
LUNR_SEARCH = ("search", "material/search")
LISTING = "cache/docs-files.json"  # every file of OUT/docs, for mkdocs processes that render a few pages


def _without_lunr_search(plugins: list[Any] | None) -> list[Any]:
    """The editors' plugins but MkDocs' lunr search (the header box uses Pagefind); a list even when empty, since MkDocs
    adds `search` when the key is absent."""
    names = [plugin if isinstance(plugin, str) else next(iter(plugin)) for plugin in plugins or []]
    return [plugin for plugin, name in zip(plugins or [], names, strict=True) if name not in LUNR_SEARCH]


def site_config(nav: list[Any]) -> dict[str, Any]:
    """The editors' config with the generated nav, OUT/docs and OUT/site relative to OUT/mkdocs.yml (Zensical needs them relative)."""
    config = yaml.safe_load(EDITORS_CONFIG.read_text(encoding="utf-8"))
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"
    config["theme"]["custom_dir"] = str((ROOT / config["theme"]["custom_dir"]).resolve())
    config["plugins"] = _without_lunr_search(config.get("plugins"))
    config["nav"] = nav
    config["hooks"] = [str(HOOK)]
    return config


def write_config(out: Path, nav: list[Any]) -> Path:
    """OUT/mkdocs.yml, rewritten only when its bytes change."""
    path = out / "mkdocs.yml"
    write_if_changed(path, yaml.safe_dump(site_config(nav), allow_unicode=True, sort_keys=False).encode("utf-8"))
    return path


def _problems(log: str) -> list[str]:
    return [line for line in log.splitlines() if line.startswith(("WARNING", "ERROR")) or "Aborted" in line]


def _plans(pages: list[str], templates: bool, slots: int, listing: str = "") -> list[RenderPlan]:
    """One plan per slot: the pages dealt round-robin; the first plan also writes templates and static files.
    `listing`: the file listing OUT/docs, for plans that render a few pages (their mkdocs holds only those)."""
    count = slots if len(pages) >= PARALLEL_FROM else 1
    few = "" if count > 1 else listing
    return [RenderPlan(pages[number::count], templates and number == 0, number == 0, "", listing=few) for number in range(count)]


def _shipped(config: Path, files: list[str], plan: RenderPlan) -> Shipped:
    """A plan's inputs for a worker that cannot see OUT: the config, the paths of OUT/docs, the plan's Markdown."""
    docs = config.parent / "docs"
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    return Shipped(settings, str(ROOT), files, {name: (docs / name).read_bytes() for name in plan.pages})


def _jobs(config: Path, plans: list[RenderPlan], executor: Executor) -> tuple[list[RenderJob], list[RenderJob]]:
    """Jobs for the executor and jobs run here: on a cluster, templates and static files (which need OUT/docs whole)
    are written here and only pages travel."""
    if executor.local_files:
        return [RenderJob(plan, config=str(config)) for plan in plans], []
    docs = config.parent / "docs"
    files = sorted(path.relative_to(docs).as_posix() for path in docs.rglob("*") if path.is_file())
    here = [RenderJob(RenderPlan([], plans[0].templates, True, ""), config=str(config))]
    remote = [RenderJob(RenderPlan(plan.pages, False, False, ""), shipped=_shipped(config, files, plan)) for plan in plans if plan.pages]
    return remote, here


def _run(out: Path, config: Path, plans: list[RenderPlan], executor: Executor) -> tuple[int, list[str], list[RenderReport]]:
    """Render the plans on the executor (and here); exit code, problems and reports. Shipped HTML is written into OUT/site."""
    remote, here = _jobs(config, plans, executor)
    outcomes = [*executor.map(render, remote), *map(render, here)]
    for outcome in outcomes:
        for dest, html in outcome.html.items():
            write_bytes(out / "site" / dest, html)  # replaced, never changed in place: OUT/public shares the file
    code = max(outcome.returncode for outcome in outcomes)
    problems = [problem for outcome in outcomes for problem in _problems(outcome.log)]
    reports = [outcome.report for outcome in outcomes if outcome.report is not None] if code == 0 else []
    return code, problems, reports


def site_layout(config: Path) -> str:
    """Fingerprint of what every page depends on besides its Markdown (OUT/mkdocs.yml, theme overrides, hook, versions)."""
    return layout_fingerprint(config, Path(site_config([])["theme"]["custom_dir"]))


def _listing(out: Path, digests: dict[str, str], others: list[str] | None) -> str:
    """OUT/cache/docs-files.json: every file of OUT/docs, when the caller knows them (its pages and `others`)."""
    if others is None:
        return ""
    path = out / LISTING
    write_if_changed(path, json.dumps(sorted([*digests, *others]), ensure_ascii=False).encode("utf-8"))
    return str(path)


def render_site(
    out: Path, config: Path, digests: dict[str, str] | None = None, executor: Executor | None = None, others: list[str] | None = None
) -> MkDocsRun:
    """OUT/site from OUT/docs: only pages whose Markdown changed are rendered, unless the layout changed (then all of them).

    `digests` are the pages' digests when the caller has them (page_digests of OUT/docs); the pages are rendered on
    `executor` (a local pool unless given), one mkdocs process per slot. `others`: the files of OUT/docs that are not
    pages (relative paths), when the caller knows them."""
    site = out / "site"
    (out / "cache").mkdir(parents=True, exist_ok=True)
    state, digests = SiteState.load(out), digests if digests is not None else page_digests(out / "docs")
    layout = site_layout(config)
    if state.layout != layout or not (site / "index.html").is_file():
        shutil.rmtree(site, ignore_errors=True)
        state = SiteState()
    removed = drop_removed(state, digests, site)
    added = set(digests) - set(state.pages)
    stale = stale_pages(state, digests, site)
    with nullcontext(executor) if executor is not None else LocalPool() as pool:
        plans = _plans(stale, bool(removed or added), pool.slots, _listing(out, digests, others) if pool.local_files else "")
        code, problems, reports = _run(out, config, plans, pool)
    if code != 0:
        return MkDocsRun(code, problems, len(stale))
    checked, merged = state.checked, set[str]()
    for report in reports:
        merged |= state.merge(report, digests)
    broken = broken_anchor_links(state, merged if state.checked else None)
    state.checked = not broken
    if stale or removed or state.layout != layout or state.checked != checked:
        state.layout = layout
        state.save(out)
    return MkDocsRun(1 if broken else 0, problems + broken, len(stale), sum(report.reused for report in reports))
