"""The Whoosh engine: stores index documents in the schema derived from search/fields.py and matches with BM25F;
the update plan, hits and highlighting come from the core (search/engine.py)."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.searching import Hit as WhooshHit
from whoosh.searching import Searcher

from search.documents import IndexDocument
from search.engine import (
    MAX_LIMIT,
    BuildStats,
    IndexListing,
    KnownDocument,
    Results,
    UpdatePlan,
    claimed,
    engine_signature,
    hit_of,
    progress_bar,
    query_terms,
    stable_top,
)
from search.fields import NGRAM_FIELDS, make_schema
from search.query import SearchRequest, compile_request

INDEX_NAME = "quanze"


@dataclass
class WriterSettings:
    """Whoosh writer tuning: worker processes and memory per writer."""

    procs: int = 1
    limitmb: int = 256
    multisegment: bool = False


class WhooshEngine:
    """Whoosh + jieba: BM25F over word and n-gram fields."""

    name = "whoosh"
    signature = engine_signature(name)

    def __init__(self, settings: WriterSettings | None = None) -> None:
        self.settings = settings or WriterSettings()
        self._searchers: dict[Path, Searcher] = {}
        self._lock = threading.Lock()

    @staticmethod
    def _open_or_create(directory: Path) -> whoosh_index.Index:
        if not whoosh_index.exists_in(str(directory), INDEX_NAME):
            return whoosh_index.create_in(str(directory), make_schema(), indexname=INDEX_NAME)
        return whoosh_index.open_dir(str(directory), indexname=INDEX_NAME)

    def build(
        self,
        documents: Iterable[IndexDocument | KnownDocument],
        directory: Path,
        *,
        show_progress: bool = False,
        listing: IndexListing | None = None,
    ) -> BuildStats:
        """Update the index in `directory`; rebuilt beside it and swapped in when another engine or schema version wrote it.
        `listing` is not used: Whoosh lists its stored digests from its own files."""
        with claimed(directory, self.signature) as target:
            stats = self._write(documents, target, show_progress)
        self._searchers.pop(directory, None)
        return stats

    def _write(self, documents: Iterable[IndexDocument | KnownDocument], directory: Path, show_progress: bool) -> BuildStats:
        index = self._open_or_create(directory)
        with index.searcher() as searcher:
            plan = UpdatePlan.of({fields["id"]: fields["digest"] for fields in searcher.all_stored_fields()}, documents)
        if plan.empty:
            return plan.stats()
        writer = index.writer(procs=self.settings.procs, limitmb=self.settings.limitmb, multisegment=self.settings.multisegment)
        for identifier in plan.delete:
            writer.delete_by_term("id", identifier)
        with progress_bar(len(plan.writes), show_progress) as progress:
            task = progress.add_task("indexing", total=len(plan.writes))
            for document in plan.replace:
                writer.update_document(**_stored(document))
                progress.advance(task)
            for document in plan.add:
                writer.add_document(**_stored(document))
                progress.advance(task)
        writer.commit()
        return plan.stats()

    def _searcher(self, directory: Path) -> Searcher:
        """An open searcher of the index in `directory`, kept between queries and refreshed when the index changed."""
        searcher = self._searchers.get(directory)
        if searcher is None:
            searcher = whoosh_index.open_dir(str(directory), indexname=INDEX_NAME).searcher()
        self._searchers[directory] = searcher = searcher.refresh()
        return searcher

    def search(self, request: SearchRequest, directory: Path) -> Results:
        with self._lock:
            searcher = self._searcher(directory)
            query = compile_request(request, searcher.schema)
            total = 0

            def fetch(size: int) -> list[WhooshHit]:
                nonlocal total
                found = searcher.search(query, limit=size)
                total = len(found)
                return list(found)

            best = stable_top(fetch, min(request.limit, MAX_LIMIT), lambda hit: hit.score, lambda hit: hit["id"])
            terms = query_terms(query)
            return Results(total=total, hits=[hit_of(hit.fields(), hit.score, terms) for hit in best])

    def shown_texts(self, directory: Path) -> Iterator[str]:
        with self._lock:
            searcher = self._searcher(directory)
        for fields in searcher.all_stored_fields():
            yield from (fields.get(name, "") for name in ("body", "title"))


def _stored(document: IndexDocument) -> IndexDocument:
    """The document with its n-gram companions, which Whoosh analyzes from the word fields' text."""
    return {**document, **{name: document.get(source, "") for name, (source, _) in NGRAM_FIELDS.items()}}
