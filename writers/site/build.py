"""Render OUT/mkdocs.yml from the editors' root mkdocs.yml and build OUT/site with `mkdocs build --strict`, page by page."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import yaml

from writers.page_render.plan import PLAN_ENV, RenderPlan, RenderReport
from writers.site.page_state import SiteState, broken_anchor_links, drop_removed, layout_fingerprint, page_digests, stale_pages
from writers.site.sync import write_if_changed

ROOT = Path(__file__).resolve().parents[2]
EDITORS_CONFIG = ROOT / "mkdocs.yml"
ASSETS = ROOT / "site"
HOOK = Path(__file__).resolve().parents[1] / "page_render" / "hook.py"
PARALLEL_FROM = 200  # pages; fewer are rendered in one process (a second one costs its start-up)
MAX_PROCESSES = 2
LUNR_SEARCH = ("search", "material/search")


@dataclass
class MkDocsRun:
    """Outcome of one mkdocs build: exit code and the warnings/errors it logged."""

    returncode: int
    problems: list[str]
    rendered: int = 0  # pages rendered by this run


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


def _mkdocs(config: Path, plan: Path, log: IO[bytes]) -> subprocess.Popen[bytes]:
    """`mkdocs build --strict --dirty` with the hook reading `plan`, logging to `log`; any warning fails the build.

    The log is a file, not a pipe: mkdocs lists every page outside the nav, and a full pipe would stall a process
    while another is being waited for."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--dirty", "-f", str(config)]
    environment = {**os.environ, PLAN_ENV: str(plan)}
    return subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT, env=environment)


def _read(log: IO[bytes]) -> str:
    log.seek(0)
    return log.read().decode("utf-8", errors="replace")


def _problems(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(("WARNING", "ERROR")) or "Aborted" in line]


def _plans(out: Path, pages: list[str], templates: bool) -> list[RenderPlan]:
    """One plan per process: the pages dealt round-robin; the first process also writes templates and static files."""
    count = min(os.cpu_count() or 1, MAX_PROCESSES) if len(pages) >= PARALLEL_FROM else 1
    return [
        RenderPlan(pages[number::count], templates and number == 0, number == 0, str(out / "cache" / f"render-report-{number}.json"))
        for number in range(count)
    ]


def _run(out: Path, config: Path, plans: list[RenderPlan]) -> tuple[int, list[str], list[RenderReport]]:
    """Run the plans in parallel mkdocs processes; exit code, problems and reports."""
    processes = []
    with contextlib.ExitStack() as logs:
        for number, plan in enumerate(plans):
            path = out / "cache" / f"render-plan-{number}.json"
            plan.save(path)
            Path(plan.report).unlink(missing_ok=True)
            log = logs.enter_context(tempfile.TemporaryFile())
            processes.append((_mkdocs(config, path, log), log))
        code = max(process.wait() for process, _ in processes)
        problems = [problem for _, log in processes for problem in _problems(_read(log))]
    reports = [RenderReport.load(Path(plan.report)) for plan in plans] if code == 0 else []
    return code, problems, reports


def site_layout(config: Path) -> str:
    """Fingerprint of what every page depends on besides its Markdown (OUT/mkdocs.yml, theme overrides, hook, versions)."""
    return layout_fingerprint(config, Path(site_config([])["theme"]["custom_dir"]))


def render_site(out: Path, config: Path, digests: dict[str, str] | None = None) -> MkDocsRun:
    """OUT/site from OUT/docs: only pages whose Markdown changed are rendered, unless the layout changed (then all of them).

    `digests` are the pages' digests when the caller has them (page_digests of OUT/docs)."""
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
    code, problems, reports = _run(out, config, _plans(out, stale, bool(removed or added)))
    if code != 0:
        return MkDocsRun(code, problems, len(stale))
    for report in reports:
        state.merge(report, digests)
    state.layout = layout
    broken = broken_anchor_links(state)
    state.save(out)
    return MkDocsRun(1 if broken else 0, problems + broken, len(stale))
