"""The default executor: a pool of worker processes on this machine, started when first needed and reused."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

from execution.executor import Executor

T = TypeVar("T")
R = TypeVar("R")


class LocalPool(Executor):
    """One worker process per core (or `processes`); a single item or a single slot runs in this process."""

    local_files = True

    def __init__(self, processes: int | None = None) -> None:
        self.slots = max(1, processes or os.cpu_count() or 1)
        self._pool: ProcessPoolExecutor | None = None

    def imap(self, function: Callable[[T], R], items: Sequence[T]) -> Iterator[R]:
        if self.slots == 1 or len(items) <= 1:
            return map(function, items)
        if self._pool is None:
            # The client may have paused its cyclic collector (pipeline/compile.py); forked workers collect as usual.
            self._pool = ProcessPoolExecutor(max_workers=self.slots, initializer=gc.enable)
        return self._pool.map(function, items)

    def describe(self) -> str:
        return f"local pool of {self.slots} processes"

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None
