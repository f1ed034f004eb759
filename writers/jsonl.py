"""JSON Lines writer: one record per line, UTF-8, not ASCII-escaped."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel

from schema.corpus import Corpus
from writers.atomic import partial_path


def record_line(record: BaseModel) -> str:
    """A record as one JSON Lines line: pydantic's compact JSON, fields in schema order, UTF-8 text unescaped."""
    return record.model_dump_json()


def _digest(path: Path) -> str:
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def write_jsonl(path: Path, records: Iterable[BaseModel]) -> int:
    """Write records to `path`, one line each; returns how many. Streams through a temporary file (100,000 powers are
    ~300 MB of JSON) and replaces `path` only when the bytes differ, so an unchanged file keeps its timestamp."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = partial_path(path)
    digest, count = hashlib.sha256(), 0
    with partial.open("wb") as stream:
        for record in records:
            line = (record_line(record) + "\n").encode("utf-8")
            digest.update(line)
            stream.write(line)
            count += 1
    if path.is_file() and _digest(path) == digest.hexdigest():
        partial.unlink()
    else:
        partial.replace(path)
    return count


def write_corpus(corpus: Corpus, data_dir: Path) -> dict[str, int]:
    """Every record file of the knowledge base under `data_dir` (OUT/data/); how many records each holds."""
    return {name: write_jsonl(data_dir / f"{name}.jsonl", records) for name, records in corpus.collections().items()}
