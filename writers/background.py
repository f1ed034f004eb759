"""File work beside the build: one thread that runs file jobs (writes, kernel copies, renames) in the order given.

A one-row rebuild copies most of its 600 MB of data files in the kernel (os.copy_file_range and os.write release the
GIL), so the main thread can go on with work that needs its Python meanwhile. What the thread writes is read only
through a PendingFiles, whose ready() waits for it: the wait is explicit, never a file read too early."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType

QUEUED_JOBS = 64  # jobs waiting at most (a full build's data writes are 1 MB each): the producer waits beyond them
Job = Callable[[], object]


class BackgroundWriter:
    """Runs jobs in order in its own thread (inline, as they are given, when `threaded` is False). The first error is
    kept, the jobs after it are dropped (but for those given as `always`: closing descriptors), and wait() raises
    it: a failed copy fails the build with its own message."""

    def __init__(self, threaded: bool = True) -> None:
        self.threaded = threaded
        self._jobs: queue.Queue[tuple[Job, bool] | None] = queue.Queue(QUEUED_JOBS)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._work, name="quanze-files", daemon=True) if threaded else None
        if self._thread is not None:
            self._thread.start()

    def submit(self, job: Job, always: bool = False) -> None:
        """Run `job` after every job given before it; `always`: even after an error."""
        if self._thread is None:
            job()
        else:
            self._jobs.put((job, always))

    def wait(self) -> None:
        """Return once every job given so far has run; raise the first error one of them raised."""
        if self._thread is not None:
            self._jobs.join()
        if self._error is not None:
            raise self._error

    def close(self) -> None:
        """Let the jobs given so far run, then stop the thread (errors are left to wait())."""
        if self._thread is not None and self._thread.is_alive():
            self._jobs.put(None)
            self._thread.join()

    def __enter__(self) -> BackgroundWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        self.close()

    def _work(self) -> None:
        while True:
            item = self._jobs.get()
            try:
                if item is None:
                    return
                job, always = item
                if self._error is None or always:
                    job()
            except BaseException as error:  # kept for wait(), which raises it in the build's thread
                self._error = error
            finally:
                self._jobs.task_done()


class PendingFiles:
    """Files under `folder` that a BackgroundWriter is writing (the build's OUT/data): whoever reads them takes the
    folder from ready(), which waits for the writer and then runs the `then` steps once (what describes the files
    as written: their line indexes, the data stamp)."""

    def __init__(self, folder: Path, writer: BackgroundWriter | None = None, then: Sequence[Callable[[], object]] = ()) -> None:
        self.folder, self._writer, self._then = folder, writer, list(then)

    def ready(self) -> Path:
        """The folder, its files complete."""
        if self._writer is not None:
            self._writer.wait()
            self._writer = None
        while self._then:
            self._then.pop(0)()
        return self.folder
