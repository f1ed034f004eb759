"""A function mapped over chunks of a list the build holds, in forked processes that see the list in memory.

The parallel stages that work on records already in memory (filling pages, analysing index documents) would spend
more shipping the records to a pool than working on them. Forked after the records exist, a process sees them as
they are; what exists is moved out of the cyclic collector's reach first (gc.freeze; the records were frozen already
after reading, pipeline/compile.py), so a child copies only the memory pages whose reference counts it touches. Only
each chunk's result travels back."""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_SHARED: tuple[Callable[[Sequence[Any]], Any], Sequence[Any], int] | None = None  # what the children read: set only around the fork


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def can_fork(processes: int) -> bool:
    """Whether `processes` forked workers can run here (two or more, on a system that forks)."""
    return processes >= 2 and "fork" in multiprocessing.get_all_start_methods()


def _run(start: int) -> Any:
    assert _SHARED is not None
    function, items, chunk = _SHARED
    return function(items[start : start + chunk])


def forked_map(function: Callable[[Sequence[T]], R], items: Sequence[T], chunk: int, processes: int) -> Iterator[R]:
    """`function` over the consecutive `chunk`-long slices of `items`, in `processes` forked workers that each take
    the next slice when free (so they finish together, whatever a slice costs); the results in the slices' order, as
    they come (the caller works on the first ones while the workers go on). `function` and `items` are not pickled:
    the workers see them as they are at the fork."""
    global _SHARED
    _SHARED = (function, items, chunk)
    gc.freeze()  # what exists now is never scanned again, here or in the children: their memory stays shared
    try:
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            yield from pool.imap(_run, range(0, len(items), chunk), chunksize=1)
    finally:
        _SHARED = None
