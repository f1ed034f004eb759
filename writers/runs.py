"""A new file made of new bytes and of ranges of earlier files: the ranges that follow each other in one earlier file
are copied as one run by the kernel (os.copy_file_range), not read and written again. At 100,000 powers a one-row
rebuild takes most of powers.jsonl (600 MB) and of the downloads' powers.csv from their previous versions so."""

from __future__ import annotations

import filecmp
import os
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from writers.atomic import partial_path
from writers.background import BackgroundWriter

BUFFER_BYTES = 1 << 20


class RunSink:
    """The new version of `path`, written beside it: new bytes gathered into large writes, ranges into runs. Closed
    without an error, it replaces `path` when its bytes differ (an unchanged file keeps its timestamp).

    With a `writer`, the writes, copies and the replacement are its jobs, run in its thread in order; the earlier
    files' descriptors are duplicated for them, so they stay open until then whatever their owners do."""

    def __init__(self, path: Path, writer: BackgroundWriter | None = None, replaced: Callable[[Path], object] | None = None) -> None:
        """`replaced`: called with `path` when it was replaced (in the writer's thread when there is one)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path, self.partial, self.replaced = path, partial_path(path), replaced
        self.writer = writer or BackgroundWriter(threaded=False)
        self.fd = os.open(self.partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        self.buffer: list[bytes] = []
        self.buffered = 0
        self.run: tuple[int, int, int] | None = None  # descriptor, start and end of the pending run
        self.sources: dict[int, int] = {}  # an earlier file's descriptor → the one the jobs copy from
        self.size = 0  # bytes taken so far

    def __enter__(self) -> RunSink:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        try:
            if kind is None:
                self._flush_run()
                self._flush()
                self.writer.submit(self._replace)
        finally:
            self.writer.submit(self._close, always=True)

    def write(self, data: bytes) -> None:
        """Append new bytes."""
        self._flush_run()
        self.buffer.append(data)
        self.buffered += len(data)
        self.size += len(data)
        if self.buffered >= BUFFER_BYTES:
            self._flush()

    def copy(self, source: int, offset: int, length: int) -> None:
        """Append `length` bytes of the earlier file open as `source`, from `offset`."""
        self.size += length
        run = self.run
        if run is not None and run[0] == source and run[2] == offset:
            self.run = (source, run[1], offset + length)
            return
        self._flush_run()
        self._flush()
        self.run = (source, offset, offset + length)

    def _flush(self) -> None:
        if self.buffer:
            data, target = b"".join(self.buffer), self.fd
            self.writer.submit(lambda: write_all(target, data))
            self.buffer, self.buffered = [], 0

    def _flush_run(self) -> None:
        if self.run is not None:
            source, start, end = self.run
            self.run = None
            if source not in self.sources:
                self.sources[source] = os.dup(source) if self.writer.threaded else source
            copied, target = self.sources[source], self.fd
            self.writer.submit(lambda: copy_range(copied, target, start, end - start))

    def _close(self) -> None:
        os.close(self.fd)
        if self.writer.threaded:
            for copied in self.sources.values():
                os.close(copied)

    def _replace(self) -> None:
        if self.path.is_file() and filecmp.cmp(self.path, self.partial, shallow=False):  # sizes first, then the bytes
            self.partial.unlink()
            return
        self.partial.replace(self.path)
        if self.replaced is not None:
            self.replaced(self.path)


def write_all(fd: int, data: bytes) -> None:
    """Write every byte of `data` to `fd`."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def copy_range(source: int, target: int, offset: int, length: int) -> None:
    """Append `length` bytes of `source` from `offset` to `target`: in the kernel where it can, else read and written."""
    copy = getattr(os, "copy_file_range", None)
    while length > 0 and copy is not None:
        try:
            copied = copy(source, target, length, offset)
        except OSError:  # a file system or kernel without it: the bytes go through here
            break
        if copied == 0:
            raise OSError(f"the earlier file ends before the kept range at {offset}")
        offset, length = offset + copied, length - copied
    while length > 0:
        data = os.pread(source, min(length, BUFFER_BYTES), offset)
        if not data:
            raise OSError(f"the earlier file ends before the kept range at {offset}")
        write_all(target, data)
        offset, length = offset + len(data), length - len(data)
