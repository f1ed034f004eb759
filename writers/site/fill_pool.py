"""Pages filled on every core: forked processes see the corpus the build holds (no record is shipped), each fills and
writes a share of the pages and sends back only their paths and digests.

A full build of a province fills 100,000 power pages, about a millisecond each, and thousands of instrument, document
and department pages with their cited-by lists, in one process while the other core idles. Forking after the records
exist costs nothing to ship; the records were moved out of the cyclic collector's reach (pipeline/compile.py, and
gc.freeze here), so a child copies only the memory pages whose reference counts it touches."""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from writers.site.sync import write_if_changed

PARALLEL_FROM = 2_000  # units; fewer are filled here (a fork and its start cost more than they save)
CHUNK = 128  # units a filler takes at a time: small enough that the fillers finish together, whatever the pages cost

Pages = Iterable[tuple[str, str]]  # page paths and their Markdown
Unit = Callable[[], Pages]  # one record's page with the lists it may have, or one site-wide page: filled when called


@dataclass(frozen=True)
class Written:
    """A page already written under OUT/docs (by a forked filler), with the SHA-256 of its Markdown."""

    digest: str


def write_page(docs: Path, path: str, markdown: str) -> str:
    """Write one page's Markdown (only when its bytes change); its digest."""
    encoded = markdown.encode("utf-8")
    write_if_changed(docs / path, encoded)
    return hashlib.sha256(encoded).hexdigest()


_SHARED: tuple[list[Unit], Path] | None = None  # what forked fillers read: set only around the fork


def _fill_chunk(start: int) -> list[list[tuple[str, str]]]:
    """Fill and write the CHUNK units from `start`; each one's page paths and digests, in order."""
    assert _SHARED is not None
    units, docs = _SHARED
    return [[(path, write_page(docs, path, markdown)) for path, markdown in unit()] for unit in units[start : start + CHUNK]]


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


Filled = Iterator[tuple[str, "str | Written"]]


def filled_pages(units: list[Unit], docs: Path, processes: int | None = None) -> Filled:
    """Each unit's page paths with their Markdown (filled here, for the caller to write) or, when there are many
    units, as Written by forked fillers (one per core, each taking the next CHUNK units when it is free); in the
    units' order either way, so the caller notes pages in the same order."""
    count = processes or _cores()
    if count < 2 or len(units) < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        for unit in units:
            yield from unit()
        return
    yield from _forked(units, docs, count)


def _forked(units: list[Unit], docs: Path, count: int) -> Filled:
    global _SHARED
    _SHARED = (units, docs)
    gc.freeze()  # what exists now is never scanned again, here or in the children: their memory stays shared
    try:
        with multiprocessing.get_context("fork").Pool(count) as pool:
            chunks = pool.map(_fill_chunk, range(0, len(units), CHUNK), chunksize=1)
    finally:
        _SHARED = None
    for chunk in chunks:
        for pages in chunk:
            for path, digest in pages:
                yield path, Written(digest)
