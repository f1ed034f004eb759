"""The query language: words, "phrases", AND/OR/NOT, field filters, cites:, article-precise lookups."""

from __future__ import annotations

import re
from dataclasses import dataclass

from whoosh import qparser
from whoosh.query import And, AndNot, ConstantScoreQuery, Every, NullQuery, Or, Prefix, Query, Term

from citations.articles import FORMAL_RE, parse_article_refs
from search.analysis import normalize, query_words
from search.documents import doc_number_key, unit_key
from search.fields import FIELD_BOOSTS, KINDS
from text.titles import title_key

MAX_QUERY_CHARS = 300
TEXT_FIELDS = list(FIELD_BOOSTS)
FILTER_FIELDS = ("kind", "category", "department", "cites", "doc", "source", "id", "level", "office")
FILTER_RE = re.compile(rf"(?P<neg>\bNOT\s+|-)?\b(?P<field>{'|'.join(FILTER_FIELDS)})[:：](?P<value>\"[^\"]*\"|[^\s\"()]+)")
TITLE_BEFORE_RE = re.compile(r"《?(?P<title>[^\s《》\"()]{2,60}?)》?\s*$")
CJK_RUN_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff0-9a-zA-Z]*[\u3400-\u9fff\uf900-\ufaff][\u3400-\u9fff\uf900-\ufaff0-9a-zA-Z]*")
OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
PLAIN_WORD_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff0-9a-zA-Z]+")  # a word the query parser reads as just a word
CITED_ARTICLE_BOOST = 80.0
OWN_ARTICLE_BOOST = 3.0
LOOKUP_TEXT_WEIGHT = 0.05


class QueryError(ValueError):
    """A query that cannot be run, with a message for the person who wrote it."""


@dataclass
class SearchRequest:
    text: str
    kind: str | None = None
    department: str | None = None
    category: str | None = None
    limit: int = 10


def check_syntax(text: str) -> None:
    """Raise QueryError for what the parser would silently misread: long, unbalanced, dangling operators."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"the query is {len(text)} characters long; at most {MAX_QUERY_CHARS} are allowed")
    if text.count('"') % 2:
        raise QueryError('unbalanced quote: every phrase needs an opening and a closing "')
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            raise QueryError("a closing parenthesis ) has no opening (")
    if depth:
        raise QueryError("an opening parenthesis ( is not closed")
    words = text.replace("(", " ").replace(")", " ").split()
    if words and (words[-1] in OPERATORS or words[0] in OPERATORS - {"NOT"}):
        raise QueryError(f"the operator {words[-1] if words[-1] in OPERATORS else words[0]} needs a term on each side")


def _unquote(value: str) -> str:
    return value[1:-1] if value.startswith('"') and value.endswith('"') else value


def filter_query(field: str, value: str, schema: object) -> Query:
    """One field filter as a query; unknown kinds are an error."""
    value = _unquote(value).strip()
    if field == "kind":
        if value not in KINDS:
            raise QueryError(f"unknown kind {value!r}; use one of {', '.join(KINDS)}")
        return Term("kind", value)
    if field == "category":
        return Term("category", normalize(value))
    if field == "department":
        return qparser.QueryParser("department", schema).parse(f'"{value}"')
    if field == "cites":
        return Or([Term("cites", key) for key in dict.fromkeys([value, title_key(value), doc_number_key(value)])])
    if field == "doc":
        return Term("doc_numbers", doc_number_key(value))
    if field == "source":
        return Prefix("source", value)
    if field in ("level", "office"):  # 实施层级 / 承办机构 or 行使主体 of a power, as written (script and spaces aside)
        return Term(f"{field}s", unit_key(value))
    return Term(field, value)


def extract_filters(text: str, schema: object) -> tuple[str, list[tuple[str, Query]], list[Query]]:
    """Split field filters out of the text: (remaining text, [(field, query)], negated queries)."""
    filters: list[tuple[str, Query]] = []
    negated: list[Query] = []
    for match in FILTER_RE.finditer(text):
        query = filter_query(match["field"], match["value"], schema)
        if match["neg"]:
            negated.append(query)
        else:
            filters.append((match["field"], query))
    return FILTER_RE.sub(" ", text).strip(), filters, negated


def article_lookups(text: str) -> list[tuple[int, int, list[Query]]]:
    """Article-precise lookups: 行政许可法 第七十三条 → (span, [cited key 行政许可法#73 (high), own article key (low)])."""
    lookups: list[tuple[int, int, list[Query]]] = []
    for match in FORMAL_RE.finditer(normalize(text)):
        before = TITLE_BEFORE_RE.search(text[: match.start()])
        if not before:
            continue
        name = title_key(before["title"])
        terms: list[Query] = []
        for ref in parse_article_refs(normalize(match.group())):
            if ref.article is not None:
                key = f"{name}#{ref.article}"
                terms += [Term("articles", key, boost=CITED_ARTICLE_BOOST), Term("article_key", key, boost=OWN_ARTICLE_BOOST)]
        if terms:
            lookups.append((before.start(), match.end(), terms))
    return lookups


def spaced(text: str) -> str:
    """Unquoted CJK runs cut into words, so each word may match in any field (run-together queries)."""
    pieces = re.split(r'("[^"]*")', text)
    return "".join(piece if piece.startswith('"') else CJK_RUN_RE.sub(_cut, piece) for piece in pieces)


def _cut(run: re.Match[str]) -> str:
    return " ".join(query_words(run.group()))


def text_query(text: str, schema: object, weight: float = 1.0) -> Query | None:
    """Words, phrases and operators over the word and n-gram fields, BM25F-weighted (times `weight`)."""
    if not text.strip():
        return None
    boosts = {field: boost * weight for field, boost in FIELD_BOOSTS.items()}
    words = spaced(text)
    query = plain_words_query(words, schema, boosts)
    query = parsed_query(words, schema, boosts) if query is False else query
    if query is None or query is NullQuery:
        raise QueryError(f"the query {text!r} has no searchable words")
    return query


def parsed_query(text: str, schema: object, boosts: dict[str, float]) -> Query:
    """Whoosh's query parser over the text fields (every word in each field, all words required)."""
    parser = qparser.MultifieldParser(TEXT_FIELDS, schema, fieldboosts=boosts, group=qparser.AndGroup)
    parser.remove_plugin_class(qparser.FieldsPlugin)
    return parser.parse(text)


def plain_words_query(text: str, schema: object, boosts: dict[str, float]) -> Query | bool:
    """What parsed_query gives for a text of plain words only (no operator, quote, group, field, wildcard or boost),
    built from the parser's own term_query (each field's analyzer and multitoken rule) without its tagging and
    filtering passes: 0.2 against 0.5 ms a text on the relevance queries (a first ask parses each text once). False
    for any other text."""
    words = text.split()
    if not words or any(word.upper() in OPERATORS or not PLAIN_WORD_RE.fullmatch(word) for word in words):
        return False
    parser = qparser.QueryParser(None, schema, plugins=[])
    groups = [[parser.term_query(name, word, Term, boost=boosts[name]) for name in TEXT_FIELDS] for word in words]
    return And([Or([query for query in group if query is not None]) for group in groups]).normalize()


def _combined(request: SearchRequest, filters: list[tuple[str, Query]], schema: object) -> Query | None:
    for field, value in (("kind", request.kind), ("department", request.department), ("category", request.category)):
        if value:
            filters.append((field, filter_query(field, value, schema)))
    by_field: dict[str, list[Query]] = {}
    for field, query in filters:
        by_field.setdefault(field, []).append(query)
    groups = [queries[0] if len(queries) == 1 else Or(queries) for queries in by_field.values()]
    return And(groups) if len(groups) > 1 else (groups[0] if groups else None)


def _lookup_query(text: str, schema: object) -> Query | None:
    """Text with its article lookups: each lookup matches by key or, weakly, by its words; the rest must match."""
    lookups = article_lookups(text)
    rest, position, parts = [], 0, []
    for start, end, terms in lookups:
        rest.append(text[position:start])
        parts.append(Or([*terms, text_query(text[start:end], schema, LOOKUP_TEXT_WEIGHT)]))
        position = end
    words = text_query(" ".join([*rest, text[position:]]), schema)
    parts = [words, *parts] if words is not None else parts
    return And(parts) if len(parts) > 1 else (parts[0] if parts else None)


@dataclass(frozen=True)
class ParsedText:
    """What a query text says, apart from a request's own filters: its words, its filters, its negated filters."""

    words: Query | None
    filters: tuple[tuple[str, Query], ...]
    negated: tuple[Query, ...]


def parse_text(text: str, schema: object) -> ParsedText:
    """The query text parsed (the costly part of compiling a request); QueryError when it cannot be run."""
    check_syntax(text)
    remaining, filters, negated = extract_filters(text, schema)
    return ParsedText(_lookup_query(remaining, schema), tuple(filters), tuple(negated))


def compile_request(request: SearchRequest, schema: object, parsed: ParsedText | None = None) -> Query:
    """The Whoosh query of a request (filters restrict without scoring); QueryError when it cannot be run. `parsed`:
    parse_text of the request's text, when the caller keeps it."""
    parsed = parsed or parse_text(request.text, schema)
    query, negated = parsed.words, list(parsed.negated)
    combined_filter = _combined(request, list(parsed.filters), schema)
    if query is None and combined_filter is None and not negated:
        raise QueryError("the query is empty")
    query = query or Every()
    if combined_filter is not None:
        query = And([query, ConstantScoreQuery(combined_filter, 0.0)])
    return AndNot(query, Or(negated)) if negated else query
