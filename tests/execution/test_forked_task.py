"""One function in a forked child beside the caller: it sees the caller's memory at the fork, its result or its
error comes back, and the caller's state is left as it was."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from execution.forked_task import ForkedTask, ForkedTaskError, can_fork_beside

pytestmark = pytest.mark.skipif(not can_fork_beside(), reason="needs fork and two cores")


def test_the_child_sees_memory_as_at_the_fork_and_returns_its_result_while_the_caller_goes_on(tmp_path: Path) -> None:
    records = [{"id": f"p{number}", "name": "行政许可"} for number in range(10_000)]

    def work() -> tuple[int, int, int]:
        (tmp_path / "child").write_text(str(os.getpid()))
        records.append({"id": "only in the child"})
        return os.getpid(), len(records), sum(len(record["id"]) for record in records)

    task = ForkedTask(work)
    records.append({"id": "only here"})  # the caller goes on; the child never sees this
    pid, count, characters = task.result()
    assert pid != os.getpid() and (tmp_path / "child").read_text() == str(pid)
    assert count == 10_001 and characters == sum(len(f"p{number}") for number in range(10_000)) + len("only in the child")
    assert len(records) == 10_001 and records[-1] == {"id": "only here"}
    assert task.result() == (pid, count, characters)  # taken once, kept


def test_an_error_in_the_child_is_raised_by_result_with_its_message_and_traceback() -> None:
    def fails() -> None:
        raise ValueError("unknown search engine 'lucene'")

    task = ForkedTask(fails)
    with pytest.raises(ForkedTaskError, match=r"(?s)Traceback.*in fails.*ValueError: unknown search engine 'lucene'"):
        task.result()


def test_a_child_that_dies_without_a_result_is_reported() -> None:
    task = ForkedTask(lambda: os._exit(3))
    with pytest.raises(ForkedTaskError, match="without a result \\(exit status 3\\)"):
        task.result()


def test_wait_ends_the_child_and_keeps_its_outcome(tmp_path: Path) -> None:
    def work() -> str:
        (tmp_path / "done").write_text("yes")
        return "written"

    task = ForkedTask(work)
    task.wait()
    assert (tmp_path / "done").read_text() == "yes"
    assert task.result() == "written"
