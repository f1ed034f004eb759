"""Pages filled on every core: forked processes see the corpus the build holds (no record is shipped), each fills and
writes a share of the pages and sends back only their paths and digests (execution/forked.py).

A full build of a province fills 100,000 power pages, about a millisecond each, and thousands of instrument, document
and department pages with their cited-by lists: in one process, the other core idles."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from execution.forked import forked_map, workers_for
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


Filled = Iterator[tuple[str, "str | Written"]]


def filled_pages(units: list[Unit], docs: Path, processes: int | None = None) -> Filled:
    """Each unit's page paths with their Markdown (filled here, for the caller to write) or, when there are many
    units, as Written by forked fillers (one per core, each taking the next CHUNK units when it is free); in the
    units' order either way, so the caller notes pages in the same order."""
    count = workers_for(len(units), PARALLEL_FROM, processes)
    if not count:
        for unit in units:
            yield from unit()
        return

    def fill(chunk: Sequence[Unit]) -> list[tuple[str, str]]:
        return [(path, write_page(docs, path, markdown)) for unit in chunk for path, markdown in unit()]

    for chunk in forked_map(fill, units, CHUNK, count):
        for path, digest in chunk:
            yield path, Written(digest)
