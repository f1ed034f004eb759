"""JSON Lines writer: one record per line, UTF-8, not ASCII-escaped."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import NamedTuple

from pydantic import BaseModel

from schema.corpus import Corpus
from writers.background import BackgroundWriter
from writers.runs import RunSink


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


def write_lines(path: Path, lines: Iterable[Line], digests: list[bytes] | None = None, writer: BackgroundWriter | None = None) -> int:
    """Write record lines (see Line) to `path`; returns how many. Streams through a temporary file (100,000 powers are
    ~600 MB of JSON) and replaces `path` only when the bytes differ, so an unchanged file keeps its timestamp.
    `digests`: gets each line's line_digest, in order. `writer`: does the writes, copies and the replacement in its
    thread (the file is complete once it has waited), else they are done here."""
    count = 0
    with RunSink(path, writer) as sink:
        for line in lines:
            count += 1
            if type(line) is KeptLine:
                sink.copy(line.fd, line.offset, line.length + 1)  # the line and its newline
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
    return count


RecordDigests = dict[str, list[bytes]]  # collection → SHA-1 of each record's line, in the collection's order


def write_corpus(
    corpus: Corpus,
    data_dir: Path,
    lines: Mapping[str, Iterable[Line]] | None = None,
    digests: RecordDigests | None = None,
    writer: BackgroundWriter | None = None,
) -> dict[str, int]:
    """Every record file of the knowledge base under `data_dir` (OUT/data/); how many records each holds. `lines`: a
    collection's record lines when the caller makes them anyway (in the collection's order). `digests`: gets every
    collection's line digests (see write_lines). `writer`: writes the files in its thread (see write_lines)."""
    given = lines or {}
    counts = {}
    for name, records in corpus.collections().items():
        made = given[name] if name in given else (record_line(record) for record in records)
        kept = None if digests is None else digests.setdefault(name, [])
        counts[name] = write_lines(data_dir / f"{name}.jsonl", made, kept, writer)
    return counts
