"""JSON Lines writer: one record per line, UTF-8, not ASCII-escaped."""

from __future__ import annotations

import filecmp
import hashlib
from collections.abc import Iterable, Mapping
from pathlib import Path

from pydantic import BaseModel

from schema.corpus import Corpus
from writers.atomic import partial_path

# A record line as writers take it: record_line's text, its UTF-8 bytes, or those bytes with their line_digest (a
# writer that kept the digest of an unchanged line need not hash it again).
Line = str | bytes | tuple[bytes, bytes]


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
    ~300 MB of JSON) and replaces `path` only when the bytes differ, so an unchanged file keeps its timestamp.
    `digests`: gets each line's line_digest, in order."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = partial_path(path)
    count = 0
    with partial.open("wb") as stream:
        for line in lines:
            known = None
            if isinstance(line, tuple):
                line, known = line
            data = line + b"\n" if isinstance(line, bytes) else (line + "\n").encode("utf-8")
            if digests is not None:
                digests.append(known or line_digest(data))
            stream.write(data)
            count += 1
    if path.is_file() and filecmp.cmp(path, partial, shallow=False):  # sizes first, then the bytes
        partial.unlink()
    else:
        partial.replace(path)
    return count


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
