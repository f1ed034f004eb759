"""The Whoosh engine: BM25F over word and n-gram fields (search/fields.py), incremental by content digest."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.highlight import ContextFragmenter, HtmlFormatter
from whoosh.searching import Hit as WhooshHit
from whoosh.searching import Searcher

from search.documents import IndexDocument
from search.engine import MAX_LIMIT, BuildStats, Hit, Results, claim, progress_bar, stable_top
from search.fields import SCHEMA_VERSION, make_schema
from search.query import SearchRequest, compile_request

INDEX_NAME = "quanze"


@dataclass
class WriterSettings:
    """Whoosh writer tuning: worker processes and memory per writer."""

    procs: int = 1
    limitmb: int = 256
    multisegment: bool = False


class WhooshEngine:
    """Whoosh + jieba: BM25F over word and n-gram fields, incremental by content digest."""

    name = "whoosh"
    signature = f"whoosh {SCHEMA_VERSION}"

    def __init__(self, settings: WriterSettings | None = None) -> None:
        self.settings = settings or WriterSettings()
        self._searchers: dict[Path, Searcher] = {}
        self._lock = threading.Lock()

    def _open_or_create(self, directory: Path) -> whoosh_index.Index:
        """The index in `directory`, recreated when another engine or schema version wrote it."""
        if claim(directory, self.signature) or not whoosh_index.exists_in(str(directory), INDEX_NAME):
            return whoosh_index.create_in(str(directory), make_schema(), indexname=INDEX_NAME)
        return whoosh_index.open_dir(str(directory), indexname=INDEX_NAME)

    def build(self, documents: Iterable[IndexDocument], directory: Path, *, show_progress: bool = False) -> BuildStats:
        documents = list(documents)
        index = self._open_or_create(directory)
        self._searchers.pop(directory, None)
        with index.searcher() as searcher:
            known = {fields["id"]: fields["digest"] for fields in searcher.all_stored_fields()}
        stats = BuildStats()
        changed = [document for document in documents if known.get(document["id"]) != document["digest"]]
        gone = set(known) - {document["id"] for document in documents}
        stats.unchanged = len(documents) - len(changed)
        if not changed and not gone:
            return stats
        writer = index.writer(procs=self.settings.procs, limitmb=self.settings.limitmb, multisegment=self.settings.multisegment)
        for identifier in gone:
            writer.delete_by_term("id", identifier)
        stats.deleted = len(gone)
        with progress_bar(len(changed), show_progress) as progress:
            task = progress.add_task("indexing", total=len(changed))
            for document in changed:
                self._write(writer, document, document["id"] in known)
                progress.advance(task)
        stats.updated = sum(1 for document in changed if document["id"] in known)
        stats.added = len(changed) - stats.updated
        writer.commit()
        return stats

    @staticmethod
    def _write(writer: object, document: IndexDocument, known: bool) -> None:
        fields = {**document, "title_ngram": document.get("title", ""), "body_ngram": document.get("body", "")}
        (writer.update_document if known else writer.add_document)(**fields)

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
            found = None

            def fetch(size: int) -> list[WhooshHit]:
                nonlocal found
                found = searcher.search(query, limit=size, terms=True)
                found.fragmenter = ContextFragmenter(maxchars=160, surround=40)
                found.formatter = HtmlFormatter(tagname="mark", between=" … ")
                return list(found)

            best = stable_top(fetch, min(request.limit, MAX_LIMIT), lambda hit: hit.score, lambda hit: hit["id"])
            return Results(total=len(found), hits=[_hit(hit) for hit in best])


def _hit(hit: WhooshHit) -> Hit:
    snippet = hit.highlights("body") or hit.highlights("title") or _escape(hit.get("body", "")[:160])
    return Hit(
        id=hit["id"],
        kind=hit["kind"],
        title=hit.get("title", ""),
        url=hit.get("url", ""),
        score=round(float(hit.score), 4),
        snippet=snippet,
        department=hit.get("department", ""),
        category=hit.get("category", ""),
        context=hit.get("context", ""),
        source=hit.get("source", ""),
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
