"""The previous build's instruments.jsonl lines by fingerprint (OUT/cache/instrument-lines.pickle), so a rebuild
copies the line of an instrument that cannot have changed instead of dumping it again (at 100,000 powers the file
is 145 MB, nearly all of it cited-by entries).

An instrument's line is a function of its record: its id and document_id, and what the registry took from its
citations, which is a function of where they are (passes/resolve.py: `Corpus.cited_by_digests`). Its fingerprint is
a hash of those three. The index describes one instruments.jsonl (inode, size, modification time) written by one
version of the code; with any other file or code it is not used."""

from __future__ import annotations

import hashlib
import os
import weakref
from collections.abc import Iterator
from pathlib import Path

from pipeline.power_lines import Place, lines_version
from schema.corpus import Corpus
from writers import kept
from writers.atomic import file_version
from writers.jsonl import KeptLine, line_digest, record_line

LINES_FILE = "instrument-lines.pickle"
INSTRUMENTS = "instruments"  # the collection (its data file, OUT/data/instruments.jsonl)
INSTRUMENTS_NAME = f"{INSTRUMENTS}.jsonl"
Kept = dict[bytes, tuple[Place, bytes]]  # fingerprint → place of its line and the line's digest


def fingerprint(corpus: Corpus, index: int) -> bytes | None:
    """The fingerprint of corpus.instruments[index]; None when the resolve pass left no digest of its citations."""
    instrument = corpus.instruments[index]
    cited = corpus.cited_by_digests.get(instrument.id)
    if cited is None:
        return None
    return hashlib.sha1(cited + f"\0{instrument.id}\0{instrument.document_id}".encode()).digest()


class InstrumentLines:
    """This build's instruments.jsonl lines, taken from the previous file where an instrument's fingerprint is there."""

    def __init__(self, cache_dir: Path, path: Path) -> None:
        self.index_path, self.path = cache_dir / LINES_FILE, path
        state = file_version(path)
        before = None if state is None else kept.load(self.index_path, (lines_version(), state), dict)
        self._before: Kept = before or {}
        self._fd = os.open(path, os.O_RDONLY) if self._before else None
        if self._fd is not None:
            weakref.finalize(self, os.close, self._fd)
        self._now: Kept = {}
        self.index_path.unlink(missing_ok=True)  # until the file it describes is written (a killed build keeps none)

    def lines(self, corpus: Corpus) -> Iterator[tuple[bytes, bytes] | KeptLine]:
        """Each instrument's line (writers.jsonl.record_line) as UTF-8 with its line digest, in corpus order: a kept
        one as the place of its line in the previous file (writers.jsonl.KeptLine)."""
        offset = 0
        for index, instrument in enumerate(corpus.instruments):
            print_ = fingerprint(corpus, index)
            known = self._before.get(print_) if print_ is not None else None
            line: tuple[bytes, bytes] | KeptLine
            if known is not None and self._fd is not None:
                (start, length), digest = known
                line = KeptLine(self._fd, start, length, digest)
            else:
                data = record_line(instrument).encode("utf-8")
                digest, length = line_digest(data + b"\n"), len(data)
                line = (data, digest)
            if print_ is not None:
                self._now[print_] = ((offset, length), digest)
            offset += length + 1
            yield line

    def save(self) -> None:
        """Keep the index of instruments.jsonl as this build wrote it."""
        state = file_version(self.path)
        if state is not None and self._now:
            kept.save(self.index_path, (lines_version(), state), self._now)
