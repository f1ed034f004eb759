"""Pagefind: chunked static full-text indexes over OUT/site, so a query fetches only the chunks it needs.

A large site is indexed in shards: `pagefind/` holds every page but the power pages (and the UI), and each
`pagefind-powers-K/` about SHARD_PAGES power pages, chosen by a hash of the page's path. The full-text page and the
header search box of every page (writers/site/search_box.py) merge them (Pagefind's mergeIndex). A rebuild re-indexes
only the shards whose HTML files changed, and rewrites only the bundle files whose bytes changed."""

from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from execution.executor import Executor
from execution.local import LocalPool
from writers.site.search_box import write_search_box
from writers.site.sync import prune, stamp_fingerprint, write_if_changed

BUNDLE = "pagefind"
POWER_PAGES = "powers/"
BODY_ATTRIBUTE = b"data-pagefind-body"  # set by site/overrides/main.html on every page but those with `pagefind: false`
# A query fetches one index chunk (~20 KB) per word and bundle, whatever the bundle's size, so fewer, larger shards
# make queries lighter and a rebuild after an edit re-indexes more pages (2,000 power pages: a few seconds).
SHARD_PAGES = 2000
MAX_SHARDS = 16  # beyond, shards grow instead: at 100,000 powers a first query still fetches from only 17 bundles
STATE = "cache/pagefind.json"
EXCLUDE = ".headerlink"  # the headings' ¶ permalinks: not text, and they would end every result title
NOTES = ("Note: Pagefind doesn't support stemming", "Search will still work")  # expected for zh: jieba-rs segments, nothing stems


@dataclass
class PagefindRun:
    """Outcome of indexing: exit code, what Pagefind reported, the bundles' size, and the shards re-indexed."""

    returncode: int
    problems: list[str]
    files: int
    bytes: int
    indexed: list[str]

    def render(self) -> str:
        shards = f"{len(self.indexed)} bundle(s) re-indexed" if self.indexed else "no bundle changed"
        outcome = "" if self.returncode == 0 else " FAILED"
        return f"pagefind: {self.files} files, {self.bytes / 1024:.0f} KB in {BUNDLE}*/, {shards}{outcome}"


def shard_names(power_pages: int) -> list[str]:
    """The bundles of a site with this many power pages: `pagefind` alone, or with one shard per SHARD_PAGES power pages."""
    count = min(math.ceil(power_pages / SHARD_PAGES), MAX_SHARDS)
    return [BUNDLE] if count <= 1 else [BUNDLE, *(f"{BUNDLE}-powers-{number}" for number in range(count))]


def shard_of(page: str, shards: list[str]) -> str:
    """The bundle indexing `page` (an HTML path relative to OUT/site)."""
    if len(shards) == 1 or not page.startswith(POWER_PAGES):
        return shards[0]
    return shards[1 + int(hashlib.sha1(page.encode()).hexdigest(), 16) % (len(shards) - 1)]


def _indexed(path: Path, page: str) -> bool:
    """Whether Pagefind indexes the page: power pages always; others when the theme marked their content (the home,
    downloads and search pages opt out, and change with every build: they must not cost a re-index)."""
    return page.startswith(POWER_PAGES) or BODY_ATTRIBUTE in path.read_bytes()


def _site_pages(site: Path) -> Iterator[Path]:
    """Every HTML file of the site outside the bundles (which hold tens of thousands of files and no pages)."""
    for entry in sorted(site.iterdir()):
        if entry.is_file() and entry.suffix == ".html":
            yield entry
        elif entry.is_dir() and not entry.name.startswith(BUNDLE):
            yield from sorted(entry.rglob("*.html"))


def _pages_by_shard(site: Path, shards: list[str]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {shard: [] for shard in shards}
    for path in _site_pages(site):
        page = path.relative_to(site).as_posix()
        if _indexed(path, page):
            grouped[shard_of(page, shards)].append(page)
    return grouped


@dataclass
class ShardJob:
    """One bundle to index: with `site` (OUT/site, seen by the worker) in place, else from the pages' shipped HTML."""

    name: str
    pages: list[str]
    site: str | None = None
    html: dict[str, bytes] | None = None


@dataclass
class ShardOutcome:
    """Pagefind's exit code and output lines, and (shipped jobs) the bundle's files by path."""

    returncode: int
    lines: list[str]
    bundle: dict[str, bytes] = field(default_factory=dict)


def index_shard(job: ShardJob) -> ShardOutcome:
    """Index one shard (module level, so executors can send it to their workers): in place, the bundle is synced into
    OUT/site; shipped, its files come back as bytes."""
    with tempfile.TemporaryDirectory(prefix="quanze-pagefind-") as work:
        stage, output = Path(work) / "stage", Path(work) / "out"
        for page in job.pages:
            target = stage / page
            target.parent.mkdir(parents=True, exist_ok=True)
            if job.html is None:
                assert job.site is not None
                os.link(Path(job.site) / page, target)  # a tree of hard links: Pagefind indexes it as if it were the site
            else:
                target.write_bytes(job.html[page])
        command = [sys.executable, "-m", "pagefind", "--site", str(stage), "--output-path", str(output), "--quiet"]
        command += ["--exclude-selectors", EXCLUDE]
        run = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
        outcome = ShardOutcome(run.returncode, run.stdout.splitlines())
        if run.returncode == 0 and job.site is not None:
            _sync(output, Path(job.site) / job.name)
        elif run.returncode == 0:
            outcome.bundle = {path.relative_to(output).as_posix(): path.read_bytes() for path in output.rglob("*") if path.is_file()}
    return outcome


def _sync(output: Path, bundle: Path) -> None:
    """Copy a fresh bundle over the published one, writing only files whose bytes differ, dropping the rest."""
    made = {bundle / path.relative_to(output) for path in output.rglob("*") if path.is_file()}
    for target in made:
        write_if_changed(target, (output / target.relative_to(bundle)).read_bytes())
    prune(bundle, made)


def _store(bundle: Path, files: dict[str, bytes]) -> None:
    """A shipped bundle over the published one, writing only files whose bytes differ, dropping the rest."""
    for name, data in files.items():
        write_if_changed(bundle / name, data)
    prune(bundle, {bundle / name for name in files})


def _job(site: Path, name: str, pages: list[str], executor: Executor) -> ShardJob:
    if executor.local_files:
        return ShardJob(name, pages, site=str(site))
    return ShardJob(name, pages, html={page: (site / page).read_bytes() for page in pages})


def _index(site: Path, shards: dict[str, list[str]], executor: Executor) -> tuple[int, list[str]]:
    """Index the given shards on the executor; exit code and problems. A shard without pages has no bundle."""
    for name in [name for name, pages in shards.items() if not pages]:
        shutil.rmtree(site / name, ignore_errors=True)
    jobs = [_job(site, name, pages, executor) for name, pages in shards.items() if pages]
    code, problems = 0, []
    for job, outcome in zip(jobs, executor.imap(index_shard, jobs), strict=True):
        problems += [line for line in outcome.lines if line.strip() and not line.startswith(NOTES)]
        code = max(code, outcome.returncode)
        if outcome.returncode == 0 and job.site is None:
            _store(site / job.name, outcome.bundle)
    return code, problems


def _drop_other_bundles(site: Path, shards: list[str]) -> None:
    for path in site.glob(f"{BUNDLE}*"):
        if path.is_dir() and path.name not in shards:
            shutil.rmtree(path)


def index_site(site: Path, power_pages: int, executor: Executor | None = None) -> PagefindRun:
    """Index OUT/site's marked pages (data-pagefind-body) into its bundles, re-indexing only shards whose pages changed
    (on `executor`, a local pool unless given)."""
    shards = shard_names(power_pages)
    state_path = site.parent / STATE
    known = json.loads(state_path.read_text(encoding="utf-8")) if state_path.is_file() else {}
    pages = _pages_by_shard(site, shards)
    signatures = {name: EXCLUDE + stamp_fingerprint(site, [site / page for page in pages[name]]) for name in shards}
    stale = {name: pages[name] for name in shards if known.get(name) != signatures[name] or (pages[name] and not (site / name).is_dir())}
    _drop_other_bundles(site, shards)
    with nullcontext(executor) if executor is not None else LocalPool() as pool:
        code, problems = _index(site, stale, pool)
    if code == 0:
        state_path.parent.mkdir(parents=True, exist_ok=True)
        write_if_changed(state_path, json.dumps(signatures, sort_keys=True).encode("utf-8"))
    write_search_box(site, shards)
    bundle = [path for name in shards if (site / name).is_dir() for path in (site / name).rglob("*") if path.is_file()]
    return PagefindRun(code, problems, len(bundle), sum(path.stat().st_size for path in bundle), sorted(stale))
