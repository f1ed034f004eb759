"""Citations found in running text (a power's duties and notes), kept between builds under OUT/cache/.

The resolve pass reads such text with `citations.find.find_citations` on every build, cell by cell (the resolve
stage with and without the kept state: benchmarks/README.md, "One-row rebuild: the corpus-wide passes"). What it
finds depends only on the text, the file and line its diagnostics name, and the code, so a rebuild takes the results
of unchanged cells from here. Each result is kept pickled as it was found, before the passes fill in its citations,
and handed out as fresh objects."""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

from citations.find import find_citations
from pipeline.cache import STORED_FORMAT, code_version
from schema.records import Citation, Diagnostic
from writers import kept

FOUND_FILE = "found-citations.pickle"


def _key(text: str, file: str, line: int | None) -> bytes:
    return hashlib.sha1(f"{file}\0{line}\0{text}".encode()).digest()


class FoundCitations:
    """`find_citations` over cells of text, answered from the previous build's results where the cell is the same."""

    def __init__(self, folder: Path | None) -> None:
        self.path = folder / FOUND_FILE if folder is not None else None
        self.version = f"{code_version()} {STORED_FORMAT}"
        self._before: dict[bytes, bytes] = kept.load(self.path, self.version, dict) or {}
        self._used: dict[bytes, bytes] = {}

    def __call__(self, text: str, file: str, line: int | None) -> tuple[list[Citation], list[Diagnostic]]:
        """What `find_citations` finds in `text` (a cell of `file` at `line`)."""
        key = _key(text, file, line)
        blob = self._used.get(key) or self._before.get(key)
        if blob is None:
            blob = pickle.dumps(find_citations(text, file=file, line=line), protocol=pickle.HIGHEST_PROTOCOL)  # type: ignore[arg-type]
        self._used[key] = blob
        return pickle.loads(blob)

    def save(self) -> None:
        """Keep this build's cells (only those: an edited or removed cell's result goes), when they differ from the stored ones."""
        if self.path is not None and self._used.keys() != self._before.keys():
            kept.save(self.path, self.version, self._used)
