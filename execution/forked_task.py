"""One function run in a forked child beside the caller, which goes on with other work and takes the result later.

The child sees the caller's memory as it is at the fork (the records, the record pages), so nothing is shipped to it;
only its result travels back, pickled through a pipe. What exists is moved out of the cyclic collector's reach first
(gc.freeze, as execution/forked.py does), so the child copies only the memory pages it writes to. The child ends
with os._exit: it never runs the caller's pending cleanup (its `with` blocks, atexit handlers, buffered output)."""

from __future__ import annotations

import gc
import os
import pickle
import sys
import traceback
from collections.abc import Callable
from typing import Generic, TypeVar

from execution.forked import can_fork, cores

R = TypeVar("R")


def can_fork_beside() -> bool:
    """Whether a child can run beside this process on a core of its own: the system forks and there are two cores."""
    return can_fork() and cores() >= 2


class ForkedTaskError(RuntimeError):
    """The child failed: its error, with the child's traceback in the message."""


class ForkedTask(Generic[R]):
    """`function()` in a forked child, started at once; result() waits for it and returns what it returned, or raises
    its error (as a ForkedTaskError naming it, with the child's traceback)."""

    def __init__(self, function: Callable[[], R]) -> None:
        gc.freeze()
        read, write = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            os.close(read)
            _child(function, write)
        os.close(write)
        self._pid, self._read = pid, read
        self._result: tuple[bool, object] | None = None

    def wait(self) -> None:
        """Wait for the child to end, keeping its outcome for result() (a caller that fails waits so: no child
        outlives it, writing on)."""
        if self._result is None:
            with os.fdopen(self._read, "rb") as stream:
                payload = stream.read()  # before waitpid: a child blocked on a full pipe would never end
            _, status = os.waitpid(self._pid, 0)
            self._result = pickle.loads(payload) if payload else (False, f"the child ended without a result ({_ended(status)})")

    def result(self) -> R:
        """What the function returned in the child (waits for it)."""
        self.wait()
        assert self._result is not None
        done, value = self._result
        if not done:
            raise ForkedTaskError(str(value))
        return value  # type: ignore[return-value]


def _child(function: Callable[[], R], write: int) -> None:
    """The child's whole life: run, send the outcome, end without unwinding the caller's stack."""
    outcome: tuple[bool, object] = (False, "")
    try:
        try:
            outcome = (True, function())
            payload = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:
            outcome = (False, traceback.format_exc())
            payload = pickle.dumps(outcome)
        with os.fdopen(write, "wb") as stream:
            stream.write(payload)
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(0 if outcome[0] else 1)


def _ended(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"killed by signal {os.WTERMSIG(status)}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"
