"""Fuzzing harness: mutants of the real sources and fixtures, read through the build's own per-source entry point
(parser.registry.read_source: container choice by content, the container, the reader, the limits).

A crash is an exception escaping read_source, a reader that raised (`reader-failed`), or a container that failed
with a programming error (IndexError, KeyError, …) rather than refusing the file; a hang is a read stopped by its time
budget (`source-too-slow`). Broken files refused with a diagnostic are the expected outcome, not findings.
"""

from __future__ import annotations

import hashlib
import io
import random
import time
import traceback
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from parser.registry import read_source

ROOT = Path(__file__).resolve().parents[2]
CORPUS_FOLDERS = (ROOT / "sources", ROOT / "tests" / "fixtures")
SOURCE_SUFFIXES = {".txt", ".md", ".html", ".htm", ".tsv", ".csv", ".xlsx", ".xls", ".docx", ".doc", ".pdf"}
CRASHERS = Path(__file__).with_name("crashers")
HANG_SECONDS = 20.0
BUG_ERRORS = (
    "IndexError", "KeyError", "TypeError", "AttributeError", "AssertionError", "RecursionError", "ZeroDivisionError",
    "UnboundLocalError", "NameError", "StopIteration", "UnicodeDecodeError", "UnicodeEncodeError",
)  # fmt: skip
# Hostile fragments an editor's download may hold: span and nesting bombs, magic bytes, huge numbers, odd encodings.
TOKENS = (
    b'<td rowspan="999999" colspan="99999">', b"<table><tr><td>", b"</td></tr></table>", b"<div>" * 400,
    b"<![CDATA[", b"<!--", b"&#xFFFF;", b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"\r", b"\t" * 50, b"PK\x03\x04",
    b"%PDF-1.4", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "第九九九九九九九九九九条".encode(), "〔2008〕".encode(),
    "（一）".encode(), "《》".encode(), b"9" * 40, "职权名称\t职权类别\t实施依据\n".encode(), b'"' * 3, b",,,,",
)  # fmt: skip


def corpus() -> list[Path]:
    """Every real source and fixture file a reader may be given, in a stable order."""
    found = [path for folder in CORPUS_FOLDERS for path in folder.rglob("*") if path.is_file() and path.suffix.lower() in SOURCE_SUFFIXES]
    return sorted(path for path in found if "crashers" not in path.parts)


def container_kind(path: Path) -> str:
    """A coarse kind for spreading the slice over every container: by suffix (the reader kit itself ignores it)."""
    return {".htm": "html", ".md": "txt", ".csv": "tsv"}.get(path.suffix.lower(), path.suffix.lower().lstrip("."))


# Mutation operators: (bytes, rng, other corpus bytes) → bytes.
def flip_bits(data: bytes, rng: random.Random, other: bytes) -> bytes:
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if buffer:
            buffer[rng.randrange(len(buffer))] ^= 1 << rng.randrange(8)
    return bytes(buffer)


def random_bytes(data: bytes, rng: random.Random, other: bytes) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.randbytes(rng.randint(1, 64)) + data[at + rng.randint(0, 64) :]


def delete_span(data: bytes, rng: random.Random, other: bytes) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + data[at + rng.randint(1, max(1, len(data) // 4)) :]


def duplicate_span(data: bytes, rng: random.Random, other: bytes) -> bytes:
    at, size = rng.randrange(len(data) + 1), rng.randint(1, 4096)
    return data[:at] + data[at : at + size] * rng.randint(2, 50) + data[at:]


def insert_token(data: bytes, rng: random.Random, other: bytes) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.choice(TOKENS) * rng.choice((1, 1, 2, 100)) + data[at:]


def truncate(data: bytes, rng: random.Random, other: bytes) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def splice(data: bytes, rng: random.Random, other: bytes) -> bytes:
    return data[: rng.randrange(len(data) + 1)] + other[rng.randrange(len(other) + 1) :]


BYTE_OPERATORS: tuple[Callable[[bytes, random.Random, bytes], bytes], ...] = (
    flip_bits, random_bytes, delete_span, duplicate_span, insert_token, truncate, splice,
)  # fmt: skip


def mutate_member(data: bytes, rng: random.Random, other: bytes) -> bytes:
    """For an xlsx/docx: mutate the bytes of one XML part and zip it up again, so the XML readers see the mutant
    (byte mutations of the archive mostly stop at its checksums)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = [(member, archive.read(member)) for member in archive.infolist()]
    except Exception:  # an archive an earlier mutation broke (bad header, zlib error, …) is mutated as bytes
        return flip_bits(data, rng, other)
    chosen = rng.randrange(len(members)) if members else -1
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, (member, content) in enumerate(members):
            if number == chosen:
                content = rng.choice(BYTE_OPERATORS)(content, rng, other)
            archive.writestr(member.filename, content)
    return output.getvalue()


def mutate(data: bytes, rng: random.Random, other: bytes) -> bytes:
    """One to three mutations; archives mostly inside a part."""
    for _ in range(rng.randint(1, 3)):
        if data.startswith(b"PK\x03\x04") and rng.random() < 0.7:
            data = mutate_member(data, rng, other)
        else:
            data = rng.choice(BYTE_OPERATORS)(data, rng, other)
    return data


def save_finding(kind: str, seed: Path, data: bytes, folder: Path) -> Path:
    """Keep a crashing or hanging input under `folder`, named as the regression fixtures in crashers/ are."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{kind}-{hashlib.sha256(data).hexdigest()[:12]}{seed.suffix}"
    path.write_bytes(data)
    return path


@dataclass
class Outcome:
    """What reading one input gave: ok (records or diagnostics), a crash or a hang, how long it took."""

    status: str
    seconds: float
    codes: list[str] = field(default_factory=list)
    detail: str = ""


def read_input(name: str, data: bytes, hang_seconds: float = HANG_SECONDS) -> Outcome:
    """Read `data` as the source `name` through read_source (nothing is written to disk) and classify the result."""
    root = Path("/fuzz-sources")
    started = time.perf_counter()
    try:
        result = read_source(root / name, root, {"limits": {"seconds": hang_seconds}}, data)
    except BaseException as error:  # anything escaping the entry point is the finding
        if isinstance(error, KeyboardInterrupt):
            raise
        return Outcome("crash", time.perf_counter() - started, [type(error).__name__], traceback.format_exc(limit=-8))
    seconds = time.perf_counter() - started
    codes = [diagnostic.code for diagnostic in result.diagnostics if diagnostic.level == "error"]
    for diagnostic in result.diagnostics:
        if diagnostic.code == "source-too-slow":
            return Outcome("hang", seconds, codes, diagnostic.message)
        programming_error = diagnostic.code == "unreadable" and any(f"{bug}(" in diagnostic.message for bug in BUG_ERRORS)
        if diagnostic.code == "reader-failed" or programming_error:
            return Outcome("crash", seconds, codes, diagnostic.message)
    return Outcome("ok", seconds, codes)
