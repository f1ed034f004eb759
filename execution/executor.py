"""The executor interface the build's parallel stages use: one function mapped over many items, results in order."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from types import TracebackType
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


class Executor(ABC):
    """Runs a module-level function over items in parallel; tasks must be picklable and import only project code."""

    slots: int  # tasks that run at once
    local_files: bool  # tasks see the client's file system (read and write OUT in place); else inputs travel as bytes

    @abstractmethod
    def imap(self, function: Callable[[T], R], items: Sequence[T]) -> Iterator[R]:
        """`function` over `items`, yielded in the items' order as they finish."""

    def map(self, function: Callable[[T], R], items: Sequence[T]) -> list[R]:
        return list(self.imap(function, items))

    @abstractmethod
    def describe(self) -> str:
        """One line for the build log: where the tasks run."""

    @abstractmethod
    def close(self) -> None:
        """Release processes or the connection (the executor is not used afterwards)."""

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        self.close()


def connect(cluster: str | None = None, processes: int | None = None) -> Executor:
    """The executor for a build: a Dask cluster when `cluster` names a scheduler (tcp://HOST:PORT), else a local pool."""
    if cluster:
        from execution.cluster import DaskCluster  # dask is imported only by cluster builds

        return DaskCluster(cluster)
    from execution.local import LocalPool

    return LocalPool(processes)
