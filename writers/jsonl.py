"""JSON Lines writer: one record per line, UTF-8, not ASCII-escaped."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel

from pipeline.corpus import Corpus


def record_line(record: BaseModel) -> str:
    """A record as one JSON Lines line: pydantic's compact JSON, fields in schema order, UTF-8 text unescaped."""
    return record.model_dump_json()


def write_jsonl(path: Path, records: Iterable[BaseModel]) -> int:
    """Write records to `path`; returns how many. Rewrites only when the bytes change."""
    lines = [record_line(record) for record in records]
    payload = ("\n".join(lines) + "\n" if lines else "").encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_bytes() != payload:
        path.write_bytes(payload)
    return len(lines)


def write_corpus(corpus: Corpus, data_dir: Path) -> dict[str, int]:
    """Every record file of the knowledge base under OUT/data/."""
    return {
        "powers": write_jsonl(data_dir / "powers.jsonl", corpus.powers),
        "documents": write_jsonl(data_dir / "documents.jsonl", corpus.documents),
        "instruments": write_jsonl(data_dir / "instruments.jsonl", corpus.instruments),
        "diagnostics": write_jsonl(data_dir / "diagnostics.jsonl", corpus.diagnostics),
        "residue": write_jsonl(data_dir / "residue.jsonl", corpus.residue),
    }
