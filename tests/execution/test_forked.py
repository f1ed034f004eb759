"""forked_map: the chunks' results in order, from workers that see the caller's list and function unpickled."""

from __future__ import annotations

import os

from execution import forked
from execution.forked import forked_map


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
