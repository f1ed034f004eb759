"""File jobs beside the build: run in order in one thread; an error is raised where the build waits; the files are
read through PendingFiles, which waits for them."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from writers.background import QUEUED_JOBS, BackgroundWriter, PendingFiles


def test_jobs_run_in_order_in_another_thread_and_wait_returns_once_they_have(tmp_path: Path) -> None:
    done: list[tuple[int, str]] = []
    gate = threading.Event()
    with BackgroundWriter() as writer:
        writer.submit(gate.wait)  # holds the thread back: nothing after it has run yet
        for number in range(QUEUED_JOBS - 1):  # the gate and these fill the queue, never more
            writer.submit(lambda number=number: done.append((number, threading.current_thread().name)))
        assert done == []
        gate.set()
        writer.wait()
        assert [number for number, _ in done] == list(range(QUEUED_JOBS - 1))
        assert {name for _, name in done} == {"quanze-files"}


def test_the_first_error_is_raised_by_wait_and_later_jobs_are_dropped_but_for_the_ones_that_always_run() -> None:
    ran: list[str] = []

    def fails() -> None:
        raise OSError("copy_file_range: no space left on device")

    with BackgroundWriter() as writer:
        writer.submit(lambda: ran.append("before"))
        writer.submit(fails)
        writer.submit(lambda: ran.append("dropped"))
        writer.submit(lambda: ran.append("closed"), always=True)
        with pytest.raises(OSError, match="no space left on device"):
            writer.wait()
        with pytest.raises(OSError, match="no space left on device"):  # and again: the error is not forgotten
            writer.wait()
    assert ran == ["before", "closed"]


def test_an_inline_writer_runs_each_job_as_it_is_given() -> None:
    ran: list[str] = []
    writer = BackgroundWriter(threaded=False)
    writer.submit(lambda: ran.append(threading.current_thread().name))
    assert ran == [threading.current_thread().name]


def test_pending_files_are_handed_out_once_written_and_described_once(tmp_path: Path) -> None:
    described: list[bool] = []
    gate = threading.Event()
    with BackgroundWriter() as writer:
        writer.submit(gate.wait)
        writer.submit(lambda: (tmp_path / "powers.jsonl").write_text("{}\n"))
        pending = PendingFiles(tmp_path, writer, [lambda: described.append((tmp_path / "powers.jsonl").is_file())])
        threading.Timer(0.2, gate.set).start()
        assert pending.ready() == tmp_path and (tmp_path / "powers.jsonl").read_text() == "{}\n"
        assert pending.ready() == tmp_path
    assert described == [True]


def test_pending_files_raise_the_writers_error_every_time_they_are_asked_for(tmp_path: Path) -> None:
    def fails() -> None:
        raise OSError("the earlier file ends before the kept range at 42")

    with BackgroundWriter() as writer:
        writer.submit(fails)
        pending = PendingFiles(tmp_path, writer, [lambda: pytest.fail("the files were never written")])
        for _ in range(2):
            with pytest.raises(OSError, match="kept range at 42"):
                pending.ready()
