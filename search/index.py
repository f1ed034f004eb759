"""The search engine interface and its Whoosh implementation: incremental index build in OUT/index/, search."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from whoosh import index as whoosh_index
from whoosh.highlight import ContextFragmenter, HtmlFormatter
from whoosh.searching import Hit as WhooshHit
from whoosh.searching import Searcher

from pipeline.corpus import Corpus
from search.documents import IndexDocument, index_documents
from search.fields import SCHEMA_VERSION, make_schema
from search.query import SearchRequest, compile_request

INDEX_DIR = "index"
INDEX_NAME = "quanze"
VERSION_FILE = "SCHEMA_VERSION"
PROGRESS_THRESHOLD = 2000
MAX_LIMIT = 100


@dataclass
class BuildStats:
    """What an index build did."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0

    def render(self) -> str:
        return f"index: {self.added} added, {self.updated} updated, {self.deleted} deleted, {self.unchanged} unchanged"


@dataclass
class Hit:
    """One search result, enough to show it without opening the records."""

    id: str
    kind: str
    title: str
    url: str
    score: float
    snippet: str
    department: str = ""
    category: str = ""
    context: str = ""
    source: str = ""


@dataclass
class Results:
    total: int
    hits: list[Hit] = field(default_factory=list)


class SearchEngine(Protocol):
    """What any engine offers: build an index from index documents, answer a request."""

    def build(self, documents: Iterable[IndexDocument], directory: Path, *, show_progress: bool = False) -> BuildStats: ...

    def search(self, request: SearchRequest, directory: Path) -> Results: ...


@dataclass
class WriterSettings:
    """Whoosh writer tuning: worker processes and memory per writer."""

    procs: int = 1
    limitmb: int = 256
    multisegment: bool = False


def _open_or_create(directory: Path) -> whoosh_index.Index:
    """The index in `directory`, recreated when the schema version changed."""
    version_file = directory / VERSION_FILE
    current = version_file.read_text().strip() if version_file.exists() else None
    if current != SCHEMA_VERSION or not whoosh_index.exists_in(str(directory), INDEX_NAME):
        shutil.rmtree(directory, ignore_errors=True)
        directory.mkdir(parents=True)
        created = whoosh_index.create_in(str(directory), make_schema(), indexname=INDEX_NAME)
        version_file.write_text(SCHEMA_VERSION + "\n")
        return created
    return whoosh_index.open_dir(str(directory), indexname=INDEX_NAME)


def _progress(total: int, enabled: bool) -> Progress:
    return Progress(
        TextColumn("indexing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), disable=not enabled or total < PROGRESS_THRESHOLD
    )


class WhooshEngine:
    """Whoosh + jieba: BM25F over word and n-gram fields, incremental by content digest."""

    def __init__(self, settings: WriterSettings | None = None) -> None:
        self.settings = settings or WriterSettings()
        self._searchers: dict[Path, Searcher] = {}
        self._lock = threading.Lock()

    def build(self, documents: Iterable[IndexDocument], directory: Path, *, show_progress: bool = False) -> BuildStats:
        documents = list(documents)
        index = _open_or_create(directory)
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
        with _progress(len(changed), show_progress) as progress:
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
            found = searcher.search(query, limit=min(request.limit, MAX_LIMIT), terms=True)
            found.fragmenter = ContextFragmenter(maxchars=160, surround=40)
            found.formatter = HtmlFormatter(tagname="mark", between=" … ")
            return Results(total=len(found), hits=[_hit(hit) for hit in found])


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


def default_engine() -> SearchEngine:
    """The engine the CLI, the build and the server use."""
    return WhooshEngine()


def index_exists(directory: Path) -> bool:
    return whoosh_index.exists_in(str(directory), INDEX_NAME)


def write_index(corpus: Corpus, out: Path) -> BuildStats:
    """The index writer of the build: OUT/index from the corpus records, re-indexing only changed records."""
    return default_engine().build(index_documents(corpus), out / INDEX_DIR, show_progress=True)
