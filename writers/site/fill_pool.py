"""Power pages filled on every core: forked processes see the corpus the build holds (no record is shipped), each
fills and writes a share of the pages and sends back only their paths and digests.

A full build of a province fills 100,000 power pages, about a millisecond each, in one process while the other core
idles. Forking after the records exist costs nothing to ship; the records were moved out of the cyclic collector's
reach (pipeline/compile.py, and gc.freeze here), so a child copies only the memory pages whose reference counts it
touches."""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from schema.records import Power
from writers.site.powers import power_pages
from writers.site.sitemap import SiteMap
from writers.site.sync import write_if_changed

PARALLEL_FROM = 2_000  # pages; fewer are filled here (a fork and its start cost more than they save)


@dataclass(frozen=True)
class Written:
    """A page already written under OUT/docs (by a forked filler), with the SHA-256 of its Markdown."""

    digest: str


def write_page(docs: Path, path: str, markdown: str) -> str:
    """Write one page's Markdown (only when its bytes change); its digest."""
    encoded = markdown.encode("utf-8")
    write_if_changed(docs / path, encoded)
    return hashlib.sha256(encoded).hexdigest()


_SHARED: tuple[list[Power], SiteMap, Path, int] | None = None  # what forked fillers read: set only around the fork


def _fill_share(share: int) -> list[tuple[str, str]]:
    """Fill and write every `count`-th power page starting at `share`; their paths and digests, in order."""
    assert _SHARED is not None
    powers, sitemap, docs, count = _SHARED
    return [(path, write_page(docs, path, markdown)) for path, markdown in power_pages(powers[share::count], sitemap)]


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


Filled = Iterator[tuple[str, "str | Written"]]


def filled_power_pages(powers: list[Power], sitemap: SiteMap, docs: Path, processes: int | None = None) -> Filled:
    """Each power's page path with its Markdown (filled here, for the caller to write) or, when there are many, as
    Written by forked fillers; in the powers' order either way, so the caller notes pages in the same order."""
    count = processes or _cores()
    if count < 2 or len(powers) < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        yield from power_pages(powers, sitemap)
        return
    yield from _forked(powers, sitemap, docs, count)


def _forked(powers: list[Power], sitemap: SiteMap, docs: Path, count: int) -> Iterator[tuple[str, Written]]:
    global _SHARED
    _SHARED = (powers, sitemap, docs, count)
    gc.freeze()  # what exists now is never scanned again, here or in the children: their memory stays shared
    try:
        with multiprocessing.get_context("fork").Pool(count - 1) as pool:
            others = pool.map_async(_fill_share, range(1, count))
            shares = [_fill_share(0), *others.get()]
    finally:
        _SHARED = None
    for number in range(len(powers)):
        path, digest = shares[number % count][number // count]
        yield path, Written(digest)
