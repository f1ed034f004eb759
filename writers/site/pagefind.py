"""Pagefind: chunked static full-text indexes over OUT/site, so a query fetches only the chunks it needs.

A large site is indexed in shards: `pagefind/` holds every page but the power pages (and the UI), and each
`pagefind-powers-K/` about SHARD_PAGES power pages, chosen by a hash of the page's path, so an edited page costs the
re-index of its shard only. The header search box of every page (writers/site/search_box.py) merges them all on a site
of few shards; beyond ROUTE_ABOVE it searches the main bundle and the router (writers/site/pagefind_router.py) first,
then only the shards the router names, a few at a time. The full-text page merges them all (Pagefind's mergeIndex).
A rebuild re-indexes only the shards whose HTML files changed (and the router when their words did), and rewrites
only the bundle files whose bytes changed."""

from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
import subprocess
import tempfile
from contextlib import nullcontext
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pagefind.service import get_executable

from execution.executor import Executor
from execution.local import LocalPool
from writers.atomic import PARTIAL_PREFIX, copy_folder
from writers.site.pagefind_pages import POWER_PAGES, marked_pages, power_page_names, signature, site_pages
from writers.site.pagefind_router import ROUTER, ChunkWords, bundle_words, chunk_words, page_name, router_page, routes, words_of
from writers.site.pagefind_stage import staged_page
from writers.site.search_box import write_search_box, written_routes
from writers.site.sync import files_under, prune, prune_listed, stamp, write_if_changed

BUNDLE = "pagefind"
# A rebuild after an edit re-indexes the edited page's shard: 2,000 power pages take a few seconds. The number of
# shards does not weigh on the header box, which fetches from those the router names only.
SHARD_PAGES = 2000
# Up to this many power shards the box merges them all, as it would search them all anyway (search-box.js searches up
# to six shards the router names at once): a router would only add its chunks and a round trip.
ROUTE_ABOVE = 6
WORDS = "cache/pagefind-words"  # each power shard's words (the router's pages), kept to rebuild the router after an edit
STATE = "cache/pagefind.json"
KEPT = "cache/pagefind-pages.json"  # which pages other than power pages are marked (by stamp), and each bundle's size
EXCLUDE = ".headerlink"  # the headings' ¶ permalinks: not text, and they would end every result title
SCRATCH = "/dev/shm"
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
    count = math.ceil(power_pages / SHARD_PAGES)
    return [BUNDLE] if count <= 1 else [BUNDLE, *(f"{BUNDLE}-powers-{number}" for number in range(count))]


def shard_of(page: str, shards: list[str]) -> str:
    """The bundle indexing `page` (an HTML path relative to OUT/site)."""
    if len(shards) == 1 or not page.startswith(POWER_PAGES):
        return shards[0]
    return shards[1 + int.from_bytes(hashlib.sha1(page.encode()).digest(), "big") % (len(shards) - 1)]


def _path_order(pages: list[str]) -> list[str]:
    return sorted(pages, key=lambda page: page.split("/"))


@dataclass
class _Listing:
    """The pages of each shard (in path order), its signature (EXCLUDE and the pages' stamps), which pages other than
    power pages are marked (by `page stamp`), and a digest of each shard's page names."""

    pages: dict[str, list[str]]
    signatures: dict[str, str]
    marked: dict[str, bool]
    members: dict[str, str]


def _members(pages: list[str]) -> str:
    return hashlib.sha256("\n".join(pages).encode()).hexdigest()


def _walked(site: Path, shards: list[str], kept: dict[str, bool]) -> _Listing:
    """Every page walked and stamped."""
    stamps = site_pages(site, BUNDLE)
    marked = marked_pages(site, stamps, kept)
    grouped: dict[str, list[str]] = {shard: [] for shard in shards}
    for page in _path_order(list(stamps)):
        if page.startswith(POWER_PAGES) or marked[f"{page} {stamps[page]}"]:
            grouped[shard_of(page, shards)].append(page)
    signatures = {name: EXCLUDE + signature(pages, stamps) for name, pages in grouped.items()}
    return _Listing(grouped, signatures, marked, {name: _members(pages) for name, pages in grouped.items()})


def _named(site: Path, shards: list[str], kept: dict[str, Any], known: dict[str, str], written: set[str]) -> _Listing:
    """The pages other than power pages walked and stamped, the power pages named (power_page_names): a power shard whose
    names are those of the last run and none of whose pages this build wrote keeps its signature, the others' pages
    are stamped."""
    stamps = site_pages(site, BUNDLE, powers=False)
    marked = marked_pages(site, stamps, kept.get("marked", {}))
    grouped: dict[str, list[str]] = {shard: [] for shard in shards}
    for page in [*(page for page in stamps if marked[f"{page} {stamps[page]}"]), *power_page_names(site)]:
        grouped[shard_of(page, shards)].append(page)
    grouped = {name: _path_order(pages) for name, pages in grouped.items()}  # as _walked orders them: the stage's order
    members = {name: _members(pages) for name, pages in grouped.items()}
    touched = {shard_of(page, shards) for page in written if page.startswith(POWER_PAGES)} | {shards[0]}
    signatures = {}
    for name, pages in grouped.items():
        if name in known and name not in touched and members[name] == kept.get("members", {}).get(name):
            signatures[name] = known[name]
            continue
        stamps.update((page, stamp(os.stat(site / page))) for page in pages if page not in stamps)
        signatures[name] = EXCLUDE + signature(pages, stamps)
    return _Listing(grouped, signatures, marked, members)


def _listing(site: Path, shards: list[str], kept: dict[str, Any], known: dict[str, str], written: set[str] | None) -> _Listing:
    """The site's pages by shard: from the pages this build wrote (`written`) when every page written before was
    indexed by the last run, and that run named its shards' pages; else walked."""
    if written is None or "members" not in kept:
        return _walked(site, shards, kept.get("marked", {}))
    return _named(site, shards, kept, known, written)


def _bundle_size(bundle: Path) -> list[int]:
    """A bundle's files and bytes."""
    sizes = [os.path.getsize(os.path.join(top, name)) for top, _, files in os.walk(bundle) for name in files]
    return [len(sizes), sum(sizes)]


@dataclass
class ShardJob:
    """One bundle to index: from the pages of `site` (OUT/site, seen by the worker), else from their shipped HTML (as
    staged_page cut them; the router's pages as made)."""

    name: str
    pages: list[str]
    site: str | None = None
    html: dict[str, bytes] | None = None
    words: bool = False  # also read back the words of the bundle made (a power shard's, for the router)
    chunks: ChunkWords | None = None  # the words of the published bundle's chunks, kept: not decoded again


@dataclass
class ShardOutcome:
    """Pagefind's exit code and output lines, (shipped jobs) the bundle's files by path, the words of its index chunks
    when asked, and the bundle's files and bytes (measured where it was made, in parallel)."""

    returncode: int
    lines: list[str]
    bundle: dict[str, bytes] = field(default_factory=dict)
    words: ChunkWords | None = None
    size: list[int] | None = None


def _scratch() -> str | None:
    """Where a shard is staged and indexed: in memory where the system has it (the 2,000 folders of a power shard's
    stage took 6.3 s to remove on an ext4 disk mounted with `discard`, 0.1 s on tmpfs), else the temporary folder.
    Pagefind's bytes depend on the order a folder lists the pages in: tmpfs lists them as they were made (in path
    order, by index_shard), ext4 in an order hashed with a seed of the disk's."""
    return SCRATCH if os.path.isdir(SCRATCH) and os.access(SCRATCH, os.W_OK) else None


@lru_cache(maxsize=1)
def _pagefind() -> str:
    """The Pagefind binary (what `python -m pagefind` would exec, without starting Python for each bundle)."""
    binary = get_executable()
    if binary is None:
        raise FileNotFoundError("Pagefind's binary: pagefind_bin_extended is not installed")
    return str(binary)


def _stage(job: ShardJob, stage: Path) -> None:
    """The job's pages, as Pagefind is given them, written in path order (see _scratch)."""
    for page in job.pages:
        target = stage / page
        target.parent.mkdir(parents=True, exist_ok=True)
        if job.html is None:
            assert job.site is not None
            target.write_bytes(staged_page((Path(job.site) / page).read_bytes()))
        else:
            target.write_bytes(job.html[page])


def index_shard(job: ShardJob) -> ShardOutcome:
    """Index one shard (module level, so executors can send it to their workers): in place, the bundle is synced into
    OUT/site; shipped, its files come back as bytes."""
    with tempfile.TemporaryDirectory(prefix="quanze-pagefind-", dir=_scratch()) as work:
        stage, output = Path(work) / "stage", Path(work) / "out"
        _stage(job, stage)
        command = [_pagefind(), "--site", str(stage), "--output-path", str(output), "--quiet", "--exclude-selectors", EXCLUDE]
        run = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
        outcome = ShardOutcome(run.returncode, run.stdout.splitlines())
        if run.returncode == 0:
            outcome.size = _bundle_size(output)
        if run.returncode == 0 and job.words:
            outcome.words = chunk_words(output, job.chunks)
        if run.returncode == 0 and job.site is not None:
            _place(output, Path(job.site) / job.name)
        elif run.returncode == 0:
            outcome.bundle = {path.relative_to(output).as_posix(): path.read_bytes() for path in output.rglob("*") if path.is_file()}
    return outcome


def _place(output: Path, bundle: Path) -> None:
    """The bundle made in `output` published as `bundle`: copied whole when it is new (Pagefind writing it straight
    onto the disk cost 0.7 s more system time a shard than writing it in memory), else synced."""
    if bundle.exists():
        _sync(output, bundle)
    else:
        copy_folder(output, bundle)


def _sync(output: Path, bundle: Path) -> None:
    """Copy a fresh bundle over the published one, writing only files whose bytes differ, dropping the rest (names
    from os.scandir, not pathlib: a shard's bundle holds 2,000 files)."""
    made = files_under(output)
    for name in made:
        write_if_changed(bundle / name, (output / name).read_bytes())
    prune_listed(bundle, files_under(bundle), made)


def _store(bundle: Path, files: dict[str, bytes]) -> None:
    """A shipped bundle over the published one, writing only files whose bytes differ, dropping the rest."""
    for name, data in files.items():
        write_if_changed(bundle / name, data)
    prune(bundle, {bundle / name for name in files})


def _chunks_path(site: Path, shard: str) -> Path:
    return site.parent / WORDS / f"{shard}.chunks.json"


def _job(site: Path, name: str, pages: list[str], executor: Executor, words: bool) -> ShardJob:
    kept = _chunks_path(site, name)
    chunks = json.loads(kept.read_text(encoding="utf-8")) if words and kept.is_file() else None
    if executor.local_files:
        return ShardJob(name, pages, site=str(site), words=words, chunks=chunks)
    html = {page: staged_page((site / page).read_bytes()) for page in pages}
    return ShardJob(name, pages, html=html, words=words, chunks=chunks)


@dataclass
class _Indexed:
    code: int = 0
    problems: list[str] = field(default_factory=list)
    words: dict[str, ChunkWords] = field(default_factory=dict)  # of the power shards re-indexed, by chunk
    sizes: dict[str, list[int]] = field(default_factory=dict)  # of the bundles re-indexed
    router: bool = False  # whether the router was rebuilt

    def add(self, site: Path, job: ShardJob, outcome: ShardOutcome) -> None:
        self.problems += [line for line in outcome.lines if line.strip() and not line.startswith(NOTES)]
        self.code = max(self.code, outcome.returncode)
        if outcome.returncode == 0 and job.site is None:
            _store(site / job.name, outcome.bundle)
        if outcome.words is not None:
            self.words[job.name] = outcome.words
        if outcome.size is not None:
            self.sizes[job.name] = outcome.size


def _index(site: Path, shards: dict[str, list[str]], executor: Executor, routed: bool) -> _Indexed:
    """Index the given shards on the executor (reading back the power shards' words when the site is `routed`). A shard
    without pages has no bundle."""
    for name in [name for name, pages in shards.items() if not pages]:
        shutil.rmtree(site / name, ignore_errors=True)
    jobs = [_job(site, name, pages, executor, routed and name != BUNDLE) for name, pages in shards.items() if pages]
    indexed = _Indexed()
    for job, outcome in zip(jobs, executor.imap(index_shard, jobs), strict=True):
        indexed.add(site, job, outcome)
    return indexed


def _shard_words(site: Path, shards: list[str], fresh: dict[str, ChunkWords]) -> dict[str, list[str]]:
    """Every power shard's words: as just read back (kept with their chunks'), else as kept from the run that made the
    shard (else read now)."""
    kept = site.parent / WORDS
    words = {}
    for shard in shards[1:]:
        if not (site / shard).is_dir():
            continue
        path = kept / f"{shard}.txt"
        if shard in fresh:
            words[shard] = words_of(fresh[shard])
            write_if_changed(path, "\n".join(words[shard]).encode("utf-8"))
            write_if_changed(_chunks_path(site, shard), json.dumps(fresh[shard], sort_keys=True, ensure_ascii=False).encode("utf-8"))
        elif path.is_file():
            words[shard] = path.read_text(encoding="utf-8").split("\n")
        else:
            words[shard] = bundle_words(site / shard)
            write_if_changed(path, "\n".join(words[shard]).encode("utf-8"))
    if kept.is_dir():
        prune(kept, {kept / f"{shard}.txt" for shard in words} | {_chunks_path(site, shard) for shard in words})
    return words


def _route(site: Path, shards: list[str], stale: dict[str, list[str]], known: dict[str, str], executor: Executor, indexed: _Indexed) -> str:
    """Rebuild the router when the shards' words changed (or it is missing), noting it in `indexed`; its signature."""
    # No power shard re-indexed: their words are as signed. Reading and hashing them would take 0.24 s of a no-change
    # rebuild's 0.6 s at 100,000 powers.
    if ROUTER in known and (site / ROUTER).is_dir() and stale.keys() <= {BUNDLE}:
        return known[ROUTER]
    words = _shard_words(site, shards, indexed.words)
    signature = hashlib.sha256(json.dumps(words, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()
    if known.get(ROUTER) == signature and (site / ROUTER).is_dir():
        return signature
    html = {page_name(shard): router_page(shard_words) for shard, shard_words in words.items()}
    job = ShardJob(ROUTER, sorted(html), html=html)
    for outcome in executor.imap(index_shard, [job]):
        indexed.add(site, job, outcome)
    indexed.router = True
    return signature


def _routes(site: Path, rebuilt: bool) -> dict[str, str]:
    """The router's page ids and shards: as the setup file holds them unless the router was just rebuilt (reading its
    fragments, each holding a shard's words, took 0.1 s of a no-change rebuild at 100,000 powers)."""
    return (None if rebuilt else written_routes(site)) or routes(site / ROUTER)


def _sizes(site: Path, bundles: list[str], reindexed: list[str], indexed: _Indexed, kept: dict[str, list[int]]) -> dict[str, list[int]]:
    """Each bundle's files and bytes: as measured where it was re-indexed, else as kept unless it was re-indexed, else
    measured now (listing the 100,000 files of a province's bundles took 4 s)."""
    made = [name for name in bundles if (site / name).is_dir()]
    known = {name: size for name, size in kept.items() if name not in reindexed} | indexed.sizes
    return {name: known[name] if name in known else _bundle_size(site / name) for name in made}


def _drop_other_bundles(site: Path, keep: list[str]) -> None:
    """Bundles the site no longer has, and those a killed build left half made (named by partial_path)."""
    for path in [*site.glob(f"{BUNDLE}*"), *site.glob(f"{PARTIAL_PREFIX}*{BUNDLE}*")]:
        if path.is_dir() and path.name not in keep:
            shutil.rmtree(path)


def index_site(site: Path, power_pages: int, executor: Executor | None = None, written: set[str] | None = None) -> PagefindRun:
    """Index OUT/site's marked pages (data-pagefind-body) into its bundles, re-indexing only shards whose pages changed
    (on `executor`, a local pool unless given). `written`: the site's pages written since the last run of index_site
    that succeeded (paths relative to the site, written_pages), when the caller knows that nothing else wrote one;
    the power pages are then not walked."""
    shards = shard_names(power_pages)
    state_path, kept_path = site.parent / STATE, site.parent / KEPT
    known = json.loads(state_path.read_text(encoding="utf-8")) if state_path.is_file() else {}
    kept = json.loads(kept_path.read_text(encoding="utf-8")) if kept_path.is_file() else {}
    listing = _listing(site, shards, kept, known, written)
    pages, signatures = listing.pages, listing.signatures
    stale = {name: pages[name] for name in shards if known.get(name) != signatures[name] or (pages[name] and not (site / name).is_dir())}
    routed = len(shards) - 1 > ROUTE_ABOVE
    _drop_other_bundles(site, [*shards, ROUTER] if routed else shards)
    with nullcontext(executor) if executor is not None else LocalPool() as pool:
        indexed = _index(site, stale, pool, routed)
        if routed and indexed.code == 0:
            signatures[ROUTER] = _route(site, shards, stale, known, pool, indexed)
    if not routed:
        shutil.rmtree(site.parent / WORDS, ignore_errors=True)
    reindexed = sorted([*stale, *([ROUTER] if indexed.router else [])])
    sizes = _sizes(site, [*shards, ROUTER], reindexed, indexed, kept.get("bundles", {}))
    if indexed.code == 0:
        state_path.parent.mkdir(parents=True, exist_ok=True)
        write_if_changed(state_path, json.dumps(signatures, sort_keys=True).encode("utf-8"))
        kept = {"marked": listing.marked, "bundles": sizes, "members": listing.members}
        write_if_changed(kept_path, json.dumps(kept, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    write_search_box(site, shards, _routes(site, indexed.router) if routed and (site / ROUTER).is_dir() else {})
    files, size = (sum(column) for column in zip(*sizes.values(), strict=True)) if sizes else (0, 0)
    return PagefindRun(indexed.code, indexed.problems, files, size, reindexed)
