"""A second engine beside Whoosh: tantivy (compiled) fed with the same analyzer's tokens and the same query language."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from multiprocessing import Pool
from pathlib import Path

import tantivy
from whoosh import query as wq
from whoosh.highlight import ContextFragmenter, HtmlFormatter, highlight

from search.analysis import ngram_analyzer, word_analyzer
from search.documents import IndexDocument
from search.fields import make_schema
from search.index import MAX_LIMIT, BuildStats, Hit, Results
from search.query import SearchRequest, compile_request

WORD_FIELDS = ("title", "body", "department")
NGRAM_FIELDS = {"title_ngram": ("title", True), "body_ngram": ("body", False)}
KEY_FIELDS = ("cites", "doc_numbers", "articles", "article_key")
RAW_FIELDS = ("id", "kind", "category", "source", "url", "context", "digest")
TokenRow = tuple[str, int, int, int]


def tantivy_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    for name in RAW_FIELDS:
        builder.add_text_field(name, stored=True, tokenizer_name="raw")
    for name in KEY_FIELDS:
        builder.add_text_field(name, stored=False, tokenizer_name="raw", index_option="basic")
    for name in (*WORD_FIELDS, *NGRAM_FIELDS):
        builder.add_text_field(name, stored=name in WORD_FIELDS)
    return builder.build()


def _rows(analyzer: object, text: str) -> list[TokenRow]:
    return [(t.text, t.pos, t.startchar, t.endchar) for t in analyzer(text, positions=True, chars=True)]


def tokenize(document: IndexDocument) -> dict[str, list[TokenRow]]:
    """Every analyzed field of a document as plain token rows (picklable, so segmentation runs in worker processes)."""
    rows = {name: _rows(word_analyzer(), document.get(name, "")) for name in WORD_FIELDS}
    for name, (source, unigrams) in NGRAM_FIELDS.items():
        rows[name] = _rows(ngram_analyzer(unigrams), document.get(source, ""))
    return rows


def _document(document: IndexDocument, rows: dict[str, list[TokenRow]]) -> tantivy.Document:
    result = tantivy.Document()
    for name in RAW_FIELDS:
        result.add_text(name, document.get(name, ""))
    for name in KEY_FIELDS:
        for key in filter(None, document.get(name, "").split(",")):
            result.add_text(name, key)
    for name, tokens in rows.items():
        text = document.get(NGRAM_FIELDS[name][0] if name in NGRAM_FIELDS else name, "")
        result.add_pre_tokenized_text(name, tantivy.PreTokenizedString(text, [tantivy.Token(*row) for row in tokens]))
    return result


class TantivyEngine:
    """tantivy-py: same tokens (segmented in `procs` processes), same query language, BM25 with the same field boosts."""

    def __init__(self, procs: int = 1, heap_mb: int = 256) -> None:
        self.procs, self.heap_mb = procs, heap_mb
        self._indexes: dict[Path, tantivy.Index] = {}
        self._query_schema = make_schema()

    def _index(self, directory: Path) -> tantivy.Index:
        if directory not in self._indexes:
            directory.mkdir(parents=True, exist_ok=True)
            self._indexes[directory] = tantivy.Index(tantivy_schema(), str(directory))
        return self._indexes[directory]

    def _known(self, index: tantivy.Index) -> dict[str, str]:
        searcher = index.searcher()
        if not searcher.num_docs:
            return {}
        hits = searcher.search(tantivy.Query.all_query(), limit=searcher.num_docs, count=False).hits
        stored = (searcher.doc(address) for _, address in hits)
        return {doc.get_first("id"): doc.get_first("digest") for doc in stored}

    def build(self, documents: Iterable[IndexDocument], directory: Path, *, show_progress: bool = False) -> BuildStats:
        documents = list(documents)
        index = self._index(directory)
        known = self._known(index)
        changed = [d for d in documents if known.get(d["id"]) != d["digest"]]
        gone = set(known) - {d["id"] for d in documents}
        stats = BuildStats(unchanged=len(documents) - len(changed), deleted=len(gone))
        if not changed and not gone:
            return stats
        writer = index.writer(heap_size=self.heap_mb * 2**20)
        for identifier in gone | {d["id"] for d in changed if d["id"] in known}:
            writer.delete_documents_by_term("id", identifier)
        for document, rows in zip(changed, self._tokenized(changed), strict=True):
            writer.add_document(_document(document, rows))
        writer.commit()
        writer.wait_merging_threads()
        index.reload()
        stats.updated = sum(1 for d in changed if d["id"] in known)
        stats.added = len(changed) - stats.updated
        return stats

    def _tokenized(self, documents: list[IndexDocument]) -> Iterator[dict[str, list[TokenRow]]]:
        """Token rows of each document, in worker processes when procs > 1 (pays off only on idle cores)."""
        if self.procs <= 1:
            yield from map(tokenize, documents)
            return
        with Pool(self.procs) as pool:
            yield from pool.imap(tokenize, documents, chunksize=64)

    def search(self, request: SearchRequest, directory: Path) -> Results:
        index = self._index(directory)
        whoosh_query = compile_request(request, self._query_schema)
        searcher = index.searcher()
        found = searcher.search(convert(whoosh_query, index.schema), limit=min(request.limit, MAX_LIMIT))
        terms = {text for field, text in whoosh_query.all_terms() if field == "body"}
        hits = [_hit(searcher.doc(address), score, terms) for score, address in found.hits]
        return Results(total=found.count or 0, hits=hits)


def _hit(doc: tantivy.Document, score: float, terms: set[str]) -> Hit:
    first = {name: doc.get_first(name) or "" for name in (*RAW_FIELDS, *WORD_FIELDS)}
    body = first["body"]
    fragmenter, formatter = ContextFragmenter(maxchars=160, surround=40), HtmlFormatter(tagname="mark", between=" … ")
    snippet = highlight(body, terms, word_analyzer(), fragmenter, formatter)
    return Hit(
        id=first["id"], kind=first["kind"], title=first["title"], url=first["url"], score=round(score, 4),
        snippet=snippet or body[:160], department=first["department"], category=first["category"], context=first["context"],
        source=first["source"],
    )


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
        return _boosted(Q.regex_query(schema, query.fieldname, pattern), query.boost)
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
