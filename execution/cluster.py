"""A Dask distributed cluster as executor: tasks go to the workers of a scheduler the operator started.

Only function references and their arguments travel: every worker must run the same checkout of the project
(importable, e.g. through PYTHONPATH) in the same environment, which `DaskCluster` checks on connecting."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from distributed import Client

from execution.checkout import checkout_digest
from execution.executor import Executor

T = TypeVar("T")
R = TypeVar("R")
CONNECT_TIMEOUT = "30s"


class ClusterMismatch(RuntimeError):
    """A worker runs other code than the client, or reaches no worker at all."""


class DaskCluster(Executor):
    """Tasks on the workers of the scheduler at `address`; inputs and outputs travel as bytes (no shared file system)."""

    local_files = False

    def __init__(self, address: str) -> None:
        self.address = address
        self.client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
        threads = self.client.nthreads()
        if not threads:
            self.client.close()
            raise ClusterMismatch(f"{address}: the scheduler has no workers")
        self.slots = sum(threads.values())
        self.workers = len(threads)
        self._check_code()

    def _check_code(self) -> None:
        """Refuse workers whose checkout differs from the client's: their results would not be this build's."""
        mine = checkout_digest()
        theirs = self.client.run(checkout_digest)
        different = sorted(worker for worker, digest in theirs.items() if digest != mine)
        if different:
            self.client.close()
            raise ClusterMismatch(f"{self.address}: workers {', '.join(different)} run another checkout of the project")

    def imap(self, function: Callable[[T], R], items: Sequence[T]) -> Iterator[R]:
        futures = self.client.map(function, list(items), pure=False)
        try:
            for future in futures:
                yield future.result()
                future.release()
        finally:
            self.client.cancel([future for future in futures if not future.done()])

    def describe(self) -> str:
        return f"Dask cluster {self.address}: {self.workers} workers, {self.slots} threads"

    def close(self) -> None:
        self.client.close()
