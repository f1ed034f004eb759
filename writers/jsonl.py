"""JSON Lines writer: one record per line, UTF-8, not ASCII-escaped."""

from __future__ import annotations

import filecmp
import hashlib
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import NamedTuple

from pydantic import BaseModel

from schema.corpus import Corpus
from writers.atomic import partial_path


class KeptLine(NamedTuple):
    """A line of an earlier file, still open as `fd`: its place there (without its newline) and its line_digest. A run
    of such lines that follow each other there is copied by the kernel (os.copy_file_range), not read and written
    again: at 100,000 powers a one-row rebuild copies 600 MB of powers.jsonl."""

    fd: int
    offset: int
    length: int
    digest: bytes


# A record line as writers take it: record_line's text, its UTF-8 bytes, those bytes with their line_digest (a writer
# that kept the digest of an unchanged line need not hash it again), or a line of an earlier file.
Line = str | bytes | tuple[bytes, bytes] | KeptLine
BUFFER_BYTES = 1 << 20


def record_line(record: BaseModel) -> str:
    """A record as one JSON Lines line: pydantic's compact JSON, fields in schema order, UTF-8 text unescaped."""
    return record.model_dump_json()


def write_jsonl(path: Path, records: Iterable[BaseModel]) -> int:
    """Write records to `path`, one line each; returns how many (see write_lines)."""
    return write_lines(path, (record_line(record) for record in records))


def line_digest(data: bytes) -> bytes:
    """A record's identity for later writers that key their outputs by it: the SHA-1 of its line as written (with "\n")."""
    return hashlib.sha1(data).digest()


def record_digest(record: BaseModel) -> bytes:
    """line_digest of the line write_lines would write for `record`."""
    return line_digest((record_line(record) + "\n").encode("utf-8"))


def write_lines(path: Path, lines: Iterable[Line], digests: list[bytes] | None = None) -> int:
    """Write record lines (see Line) to `path`; returns how many. Streams through a temporary file (100,000 powers are
    ~600 MB of JSON) and replaces `path` only when the bytes differ, so an unchanged file keeps its timestamp.
    `digests`: gets each line's line_digest, in order."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = partial_path(path)
    count = 0
    with _LineSink(partial) as sink:
        for line in lines:
            count += 1
            if type(line) is KeptLine:
                sink.copy(line)
                if digests is not None:
                    digests.append(line.digest)
                continue
            known = None
            if isinstance(line, tuple):
                line, known = line
            data = line + b"\n" if isinstance(line, bytes) else (line + "\n").encode("utf-8")
            if digests is not None:
                digests.append(known or line_digest(data))
            sink.write(data)
    if path.is_file() and filecmp.cmp(path, partial, shallow=False):  # sizes first, then the bytes
        partial.unlink()
    else:
        partial.replace(path)
    return count


class _LineSink:
    """A new file taking lines: bytes gathered into large writes, kept lines into runs the kernel copies."""

    def __init__(self, path: Path) -> None:
        self.fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        self.buffer: list[bytes] = []
        self.buffered = 0
        self.run: tuple[int, int, int] | None = None  # descriptor, start and end of the pending run of kept lines

    def __enter__(self) -> _LineSink:
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if exc[0] is None:
                self._flush_run()
                self._flush()
        finally:
            os.close(self.fd)

    def write(self, data: bytes) -> None:
        self._flush_run()
        self.buffer.append(data)
        self.buffered += len(data)
        if self.buffered >= BUFFER_BYTES:
            self._flush()

    def copy(self, line: KeptLine) -> None:
        run, end = self.run, line.offset + line.length + 1  # the line and its newline
        if run is not None and run[0] == line.fd and run[2] == line.offset:
            self.run = (run[0], run[1], end)
            return
        self._flush_run()
        self._flush()
        self.run = (line.fd, line.offset, end)

    def _flush(self) -> None:
        if self.buffer:
            _write_all(self.fd, b"".join(self.buffer))
            self.buffer, self.buffered = [], 0

    def _flush_run(self) -> None:
        if self.run is not None:
            source, start, end = self.run
            self.run = None
            _copy_range(source, self.fd, start, end - start)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _copy_range(source: int, target: int, offset: int, length: int) -> None:
    """Append `length` bytes of `source` from `offset` to `target`: in the kernel where it can, else read and written."""
    copy = getattr(os, "copy_file_range", None)
    while length > 0 and copy is not None:
        try:
            copied = copy(source, target, length, offset)
        except OSError:  # a file system or kernel without it: the bytes go through here
            break
        if copied == 0:
            raise OSError(f"the earlier file ends before the kept line at {offset}")
        offset, length = offset + copied, length - copied
    while length > 0:
        data = os.pread(source, min(length, BUFFER_BYTES), offset)
        if not data:
            raise OSError(f"the earlier file ends before the kept line at {offset}")
        _write_all(target, data)
        offset, length = offset + len(data), length - len(data)


RecordDigests = dict[str, list[bytes]]  # collection → SHA-1 of each record's line, in the collection's order


def write_corpus(
    corpus: Corpus, data_dir: Path, lines: Mapping[str, Iterable[Line]] | None = None, digests: RecordDigests | None = None
) -> dict[str, int]:
    """Every record file of the knowledge base under `data_dir` (OUT/data/); how many records each holds. `lines`: a
    collection's record lines when the caller makes them anyway (in the collection's order). `digests`: gets every
    collection's line digests (see write_lines)."""
    given = lines or {}
    counts = {}
    for name, records in corpus.collections().items():
        made = given[name] if name in given else (record_line(record) for record in records)
        counts[name] = write_lines(data_dir / f"{name}.jsonl", made, None if digests is None else digests.setdefault(name, []))
    return counts
