"""forked_map: the chunks' results in order, from workers that see the caller's list and function unpickled."""

from __future__ import annotations

import os
import time
from pathlib import Path

from execution import forked
from execution.forked import AHEAD, forked_map


def test_chunks_come_back_in_order_from_forked_workers_that_see_the_callers_objects() -> None:
    items = list(range(23))
    offset = 1000  # a closure's value: nothing is pickled, the workers see it at the fork

    def work(chunk: list[int]) -> tuple[int, list[int]]:
        return os.getpid(), [item + offset for item in chunk]

    results = list(forked_map(work, items, 5, 2))
    assert [value for _, values in results for value in values] == [item + offset for item in items]
    assert [len(values) for _, values in results] == [5, 5, 5, 5, 3]
    assert os.getpid() not in {pid for pid, _ in results}
    assert forked._SHARED is None  # nothing is kept for a later fork


def test_the_workers_run_at_most_a_few_slices_ahead_of_the_caller(tmp_path: Path) -> None:
    started = tmp_path / "started"

    def work(chunk: list[int]) -> int:
        descriptor = os.open(started, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
        os.write(descriptor, b"x")
        os.close(descriptor)
        return chunk[0]

    results = forked_map(work, list(range(100)), 1, 2)
    assert next(results) == 0
    time.sleep(0.5)  # time enough for idle workers to run every slice they were handed
    assert len(started.read_bytes()) <= 2 * AHEAD + 1, "a slow caller does not let results pile up"
    assert list(results) == list(range(1, 100))
    assert len(started.read_bytes()) == 100
