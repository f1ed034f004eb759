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
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from itertools import islice
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")
AHEAD = 4  # slices per worker handed out before the caller has taken the first result

_SHARED: tuple[Callable[[Sequence[Any]], Any], Sequence[Any], int] | None = None  # what the children read: set only around the fork


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def can_fork() -> bool:
    """Whether this system starts processes by fork (a child that sees the parent's memory as it is)."""
    return "fork" in multiprocessing.get_all_start_methods()


def workers_for(items: int, parallel_from: int, processes: int | None = None) -> int:
    """How many forked workers `items` units of work get: `processes` (else one per core) when they are at least
    `parallel_from` and this system forks, else 0 (fewer are done in the caller: a fork and its start cost more)."""
    count = processes or cores()
    return count if items >= parallel_from and count >= 2 and can_fork() else 0


def _run(start: int) -> Any:
    assert _SHARED is not None
    function, items, chunk = _SHARED
    return function(items[start : start + chunk])


def forked_map(function: Callable[[Sequence[T]], R], items: Sequence[T], chunk: int, processes: int) -> Iterator[R]:
    """`function` over the consecutive `chunk`-long slices of `items`, in `processes` forked workers that each take
    the next slice when free (so they finish together, whatever a slice costs); the results in the slices' order, as
    they come (the caller works on the first ones while the workers go on, at most AHEAD slices per worker ahead of
    it: results the caller is slower to take do not pile up in memory). `function` and `items` are not pickled: the
    workers see them as they are at the fork."""
    global _SHARED
    _SHARED = (function, items, chunk)
    gc.freeze()  # what exists now is never scanned again, here or in the children: their memory stays shared
    try:
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            starts = iter(range(0, len(items), chunk))
            pending = deque(pool.apply_async(_run, (start,)) for start in islice(starts, processes * AHEAD))
            while pending:
                result = pending.popleft().get()
                pending.extend(pool.apply_async(_run, (start,)) for start in islice(starts, 1))
                yield result
    finally:
        _SHARED = None
