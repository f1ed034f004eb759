"""Which line of the previous build's powers.jsonl each power was written from (OUT/cache/power-lines.pickle), so a
rebuild copies the lines of powers that cannot have changed instead of dumping every record again.

A power's line is a function of its record, and a record is the reader's (the same for the same source read key and
place in the source: the read cache hands out that very result) plus what the resolve pass fills into its citations
(instrument ids, target documents, article anchors and link status). Its fingerprint is a hash of those, so equal
fingerprints mean equal lines. The index also holds each line's power id and place, so the change report does not
scan the previous file for them. It describes one powers.jsonl (inode, size, modification time) written by one
version of the code; with any other file or code it is not used."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.cache import RECORD_CODE_FILES, RECORD_CODE_PACKAGES, STORED_FORMAT, code_version
from schema.corpus import Corpus
from schema.records import Power
from writers import kept
from writers.atomic import file_version

LINES_FILE = "power-lines.pickle"
Place = tuple[int, int]  # offset and length (without the newline) of a line in powers.jsonl


def lines_version() -> str:
    return f"{code_version(RECORD_CODE_PACKAGES, RECORD_CODE_FILES)} {STORED_FORMAT}"


def _fingerprint(key: str, index: int, power: Power) -> bytes:
    """The record's identity: its source's read key, its place among that source's powers, what the passes filled in."""
    parts = [key, str(index)]
    for citation in (*power.basis, *power.accountability.basis, *power.duty_basis):
        parts += ("\1", citation.instrument_id or "", citation.target_document or "")
        for ref in citation.article_refs:
            parts += (ref.anchor or "", ref.link_status or "")
    return hashlib.sha1("\0".join(parts).encode("utf-8")).digest()


def fingerprints(corpus: Corpus, keys: list[str]) -> list[bytes]:
    """Every power's fingerprint, in corpus order; `keys`: the read key of each source, in the summaries' order."""
    found: list[bytes] = []
    powers = iter(corpus.powers)
    for key, summary in zip(keys, corpus.summaries, strict=True):
        found.extend(_fingerprint(key, index, next(powers)) for index in range(summary.powers))
    if len(found) != len(corpus.powers):
        raise ValueError("the sources' power counts do not add up to the corpus")
    return found


@dataclass
class LineIndex:
    """Power id, place, fingerprint and line digest (writers.jsonl.line_digest) of every line of one powers.jsonl, in
    file order."""

    ids: list[str] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    prints: list[bytes] = field(default_factory=list)
    digests: list[bytes] = field(default_factory=list)

    def add(self, power_id: str, place: Place, fingerprint: bytes, digest: bytes) -> None:
        self.ids.append(power_id)
        self.places.append(place)
        self.prints.append(fingerprint)
        self.digests.append(digest)

    def by_id(self) -> dict[str, Place]:
        """The place of each id (the last line of an id, as a scan of the file finds it)."""
        return dict(zip(self.ids, self.places, strict=True))

    def by_fingerprint(self) -> dict[bytes, tuple[Place, bytes]]:
        """The place and line digest of each fingerprint's line."""
        return dict(zip(self.prints, zip(self.places, self.digests, strict=True), strict=True))

    def __iter__(self) -> Iterator[tuple[str, Place, bytes]]:
        return zip(self.ids, self.places, self.prints, strict=True)


def load_index(cache_dir: Path, powers_file: Path) -> LineIndex | None:
    """The index of `powers_file` as the last build left it; None when absent, damaged, or of another file or code."""
    state = file_version(powers_file)
    return None if state is None else kept.load(cache_dir / LINES_FILE, (lines_version(), state), LineIndex)


def forget_index(cache_dir: Path) -> None:
    """Drop the index before powers.jsonl is rewritten: a build killed in between must not leave it describing another file."""
    (cache_dir / LINES_FILE).unlink(missing_ok=True)


def save_index(cache_dir: Path, powers_file: Path, index: LineIndex) -> None:
    """Keep the index of `powers_file` as this build wrote it."""
    state = file_version(powers_file)
    if state is not None:
        kept.save(cache_dir / LINES_FILE, (lines_version(), state), index)


def read_place(fd: int, place: Place) -> bytes:
    return os.pread(fd, place[1], place[0])
