"""The tantivy engine (compiled, the build's default): stores index documents in a schema derived from search/fields.py
as our analyzer's terms and matches them with BM25 and the same boosts; the update plan, hits and highlighting come from
the core (search/engine.py)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path

import tantivy
from whoosh import query as wq

from execution.collector import collector_paused
from execution.forked import forked_map, workers_for
from search.analysis import bigram_text, ngram_analyzer, normalize, word_terms
from search.documents import IndexDocument
from search.engine import (
    MAX_LIMIT,
    BuildStats,
    Hit,
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
from search.fields import Role, fields_of, make_schema
from search.query import ParsedText, SearchRequest, compile_request, parse_text

WORD_FIELDS = fields_of(Role.WORDS)
KEY_FIELDS = fields_of(Role.KEYS)
RAW_FIELDS = fields_of(Role.EXACT) + fields_of(Role.STORED)  # one raw term each, stored
MORE = "_more"  # suffix of the field holding a word field's unpositioned terms (prefix and wildcard queries)
STORED = "_text"  # suffix of the stored original of a word field
PROGRESS_EVERY = 1000
SHOWN_PAGE = 1024  # documents read at a time for their shown texts
PARALLEL_FROM = 2_000  # documents to write; fewer are analysed here (forking costs more than it saves)
ANALYSIS_CHUNK = 256  # documents a forked worker analyses at a time


def tantivy_schema() -> tantivy.Schema:
    """Word fields and body bigrams as whitespace-separated terms (tantivy tokenizes them), title n-grams pre-tokenized
    (unigrams share positions with bigrams), originals stored apart."""
    builder = tantivy.SchemaBuilder()
    for name in RAW_FIELDS:
        builder.add_text_field(name, stored=True, tokenizer_name="raw")
    for name in KEY_FIELDS:
        builder.add_text_field(name, stored=False, tokenizer_name="raw", index_option="basic")
    for name in WORD_FIELDS:
        builder.add_text_field(name, tokenizer_name="whitespace")
        builder.add_text_field(name + MORE, tokenizer_name="whitespace", index_option="basic")
        builder.add_bytes_field(name + STORED, stored=True)
    builder.add_text_field("title_ngram")
    builder.add_text_field("body_ngram", tokenizer_name="whitespace")
    return builder.build()


Analysis = tuple[tuple[str, ...], tuple[tuple[str, int, int, int], ...]]


def analysis(document: IndexDocument) -> Analysis:
    """What our analyzer makes of an index document: each word field's positioned and other terms (the body's
    bigrams after them), and the title's n-gram rows (text, position, start, end)."""
    terms: list[str] = []
    for name in WORD_FIELDS:
        normalized = normalize(document.get(name, ""))
        terms.extend(word_terms(normalized))
        if name == "body":
            terms.append(bigram_text(normalized))
    return tuple(terms), _title_rows(document.get("title", ""))


@lru_cache(maxsize=50_000)
def _title_rows(title: str) -> tuple[tuple[str, int, int, int], ...]:
    return tuple(ngram_analyzer(unigrams=True).rows(title, 0, 0, ""))


def _analyses(documents: Sequence[IndexDocument]) -> list[Analysis]:
    return [analysis(document) for document in documents]


def to_tantivy(document: IndexDocument, analysed: Analysis | None = None) -> tantivy.Document:
    """An index document as a tantivy document: raw filters and keys, word terms, n-grams, stored originals.
    `analysed`: its analysis, when a forked worker made it."""
    terms, rows = analysed or analysis(document)
    result = tantivy.Document()
    for name in RAW_FIELDS:
        result.add_text(name, document.get(name, ""))
    for name in KEY_FIELDS:
        for key in filter(None, document.get(name, "").split(",")):
            result.add_text(name, key)
    made = iter(terms)
    for name in WORD_FIELDS:
        result.add_text(name, next(made))
        result.add_text(name + MORE, next(made))
        result.add_bytes(name + STORED, document.get(name, "").encode())
        if name == "body":
            result.add_text("body_ngram", next(made))
    tokens = [tantivy.Token(text, position, start, end) for text, position, start, end in rows]
    result.add_pre_tokenized_text("title_ngram", tantivy.PreTokenizedString(document.get("title", ""), tokens))
    return result


def tantivy_documents(documents: Sequence[IndexDocument]) -> Iterator[tantivy.Document]:
    """The documents as tantivy documents, in order; many are analysed in forked workers (one per core), made into
    tantivy documents here as the workers' chunks come back (a tantivy document pickles slower than it is made)."""
    count = workers_for(len(documents), PARALLEL_FROM)
    if not count:
        yield from map(to_tantivy, documents)
        return
    chunks = forked_map(_analyses, documents, ANALYSIS_CHUNK, count)
    for start, analysed in zip(range(0, len(documents), ANALYSIS_CHUNK), chunks, strict=True):
        yield from map(to_tantivy, documents[start : start + ANALYSIS_CHUNK], analysed)


def commit_stamp(directory: Path) -> str:
    """The index's state as tantivy's meta.json names it (its segments, their deletes and the commit's opstamp):
    rewritten by every commit and merge; "" when there is none."""
    meta = directory / "meta.json"
    return hashlib.sha256(meta.read_bytes()).hexdigest() if meta.is_file() else ""



class TantivyEngine:
    """tantivy-py: our analyzer's tokens, the same query language (compiled Whoosh queries translated), BM25 with field boosts."""

    name = "tantivy"
    signature = engine_signature(name)

    def __init__(self, heap_mb: int = 256) -> None:
        self.heap_mb = heap_mb
        self._indexes: dict[Path, tantivy.Index] = {}

    def _index(self, directory: Path) -> tantivy.Index:
        """The index in `directory` (created there when there is none)."""
        if directory not in self._indexes:
            self._indexes[directory] = tantivy.Index(SCHEMA, str(directory))
        return self._indexes[directory]

    def _known(self, index: tantivy.Index) -> dict[str, str]:
        searcher = index.searcher()
        if not searcher.num_docs:
            return {}
        hits = searcher.search(tantivy.Query.all_query(), limit=searcher.num_docs, count=False).hits
        stored = (searcher.doc(address) for _, address in hits)
        return {doc.get_first("id"): doc.get_first("digest") for doc in stored}

    def build(
        self,
        documents: Iterable[IndexDocument | KnownDocument],
        directory: Path,
        *,
        show_progress: bool = False,
        listing: IndexListing | None = None,
    ) -> BuildStats:
        """Update the index in `directory`; rebuilt beside it and swapped in when another engine or format wrote it.
        `listing`: the digests by id as the last build left the index, taken when the index is still at that commit."""
        with claimed(directory, self.signature) as target:
            stats = self._write(documents, target, show_progress, listing or IndexListing())
            if target != directory:  # the folder is about to take the index's place: open it there afresh
                self._indexes.pop(target, None)
                self._indexes.pop(directory, None)
        return stats

    def _write(
        self, documents: Iterable[IndexDocument | KnownDocument], directory: Path, show_progress: bool, listing: IndexListing
    ) -> BuildStats:
        index = self._index(directory)
        stamp = commit_stamp(directory)
        known = dict(listing.digests) if listing.stamp and listing.stamp == stamp else self._known(index)
        plan = UpdatePlan.of(known, documents)
        if plan.empty:
            listing.after(plan, known, stamp)
            return plan.stats()
        writer = index.writer(heap_size=self.heap_mb * 2**20)
        writer.garbage_collect_files()  # a killed build's uncommitted files would collide with this commit's names
        for identifier in [*plan.delete, *(document["id"] for document in plan.replace)]:
            writer.delete_documents_by_term("id", identifier)
        writes = plan.writes
        with collector_paused(), progress_bar(len(writes), show_progress) as progress:
            task = progress.add_task("indexing", total=len(writes))
            for number, document in enumerate(tantivy_documents(writes), 1):
                writer.add_document(document)
                if number % PROGRESS_EVERY == 0 or number == len(writes):
                    progress.update(task, completed=number)
            writer.commit()
            writer.wait_merging_threads()
        index.reload()
        listing.after(plan, known, commit_stamp(directory))
        return plan.stats()

    def search(self, request: SearchRequest, directory: Path) -> Results:
        searcher = self._index(directory).searcher()
        query, terms = compiled(request.text, request.kind, request.department, request.category)
        total = 0

        def fetch(size: int) -> list[tuple[float, tantivy.Document]]:
            nonlocal total
            found = searcher.search(query, limit=size)
            total = found.count or 0
            return [(score, searcher.doc(address)) for score, address in found.hits]

        best = stable_top(fetch, min(request.limit, MAX_LIMIT), lambda hit: hit[0], lambda hit: hit[1].get_first("id"))
        return Results(total=total, hits=[_hit(doc, score, terms) for score, doc in best])

    def shown_texts(self, directory: Path) -> Iterator[str]:
        searcher = self._index(directory).searcher()
        for offset in range(0, searcher.num_docs, SHOWN_PAGE):
            for _, address in searcher.search(tantivy.Query.all_query(), limit=SHOWN_PAGE, count=False, offset=offset).hits:
                doc = searcher.doc(address)
                yield from ((doc.get_first(name + STORED) or b"").decode() for name in ("body", "title"))


QUERY_SCHEMA = make_schema()
SCHEMA = tantivy_schema()


@lru_cache(maxsize=4096)
def compiled(text: str, kind: str | None, department: str | None, category: str | None) -> tuple[tantivy.Query, dict[str, set[str]]]:
    """A request's tantivy query and the terms its hits are highlighted with, once per text and filters (a request
    that only asks for more hits reuses it); the text is parsed once for all filters (the Whoosh query parser costs
    more than the search)."""
    request = SearchRequest(text, kind=kind, department=department, category=category)
    whoosh_query = compile_request(request, QUERY_SCHEMA, _parsed(text))
    return convert(whoosh_query, SCHEMA), query_terms(whoosh_query)


@lru_cache(maxsize=4096)
def _parsed(text: str) -> ParsedText:
    return parse_text(text, QUERY_SCHEMA)


def _hit(doc: tantivy.Document, score: float, terms: dict[str, set[str]]) -> Hit:
    stored = {name: doc.get_first(name) or "" for name in RAW_FIELDS}
    stored.update({name: (doc.get_first(name + STORED) or b"").decode() for name in WORD_FIELDS})
    return hit_of(stored, score, terms)


def _boosted(query: tantivy.Query, boost: float) -> tantivy.Query:
    return query if boost == 1.0 else tantivy.Query.boost_query(query, boost)


def convert(query: wq.Query, schema: tantivy.Schema) -> tantivy.Query:
    """A compiled Whoosh query as the equivalent tantivy query."""
    Q, Occur = tantivy.Query, tantivy.Occur
    if query is wq.NullQuery:
        return Q.empty_query()
    if isinstance(query, wq.Term):
        return _boosted(Q.term_query(schema, query.fieldname, query.text), query.boost)
    if isinstance(query, wq.Phrase):
        return _boosted(Q.phrase_query(schema, query.fieldname, list(query.words)), query.boost)
    if isinstance(query, wq.Prefix | wq.Wildcard):
        pattern = re.escape(query.text).replace(r"\*", ".*").replace(r"\?", ".")
        pattern += ".*" if isinstance(query, wq.Prefix) else ""
        fields = [query.fieldname, query.fieldname + MORE] if query.fieldname in WORD_FIELDS else [query.fieldname]
        expanded = Q.boolean_query([(Occur.Should, Q.regex_query(schema, field, pattern)) for field in fields])
        return _boosted(expanded, query.boost)
    if isinstance(query, wq.ConstantScoreQuery):
        return Q.const_score_query(convert(query.child, schema), query.score)
    if isinstance(query, wq.AndNot):
        return Q.boolean_query([(Occur.Must, convert(query.a, schema)), (Occur.MustNot, convert(query.b, schema))])
    if isinstance(query, wq.Not):
        return Q.boolean_query([(Occur.Must, Q.all_query()), (Occur.MustNot, convert(query.query, schema))])
    if isinstance(query, wq.Every):
        return Q.all_query()
    if isinstance(query, wq.And | wq.Or | wq.DisjunctionMax):
        occur = Occur.Must if isinstance(query, wq.And) else Occur.Should
        return _boosted(Q.boolean_query([(occur, convert(child, schema)) for child in query.subqueries]), query.boost)
    raise TypeError(f"no tantivy equivalent for {type(query).__name__}")
