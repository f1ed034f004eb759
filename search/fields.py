"""The one field table of the search index, from which both engines' schemas derive, and the index format version."""

from __future__ import annotations

from enum import Enum

from whoosh.fields import ID, KEYWORD, STORED, TEXT, FieldType, Schema

from search.analysis import ngram_analyzer, word_analyzer

KINDS = ("power", "article", "section", "document", "instrument")
# BM25F field weights: a hit in the name outweighs one in the body; partial (n-gram) hits rank below whole words.
FIELD_BOOSTS = {"title": 4.0, "body": 1.0, "department": 1.0, "title_ngram": 0.8, "body_ngram": 0.25}
FORMAT_VERSION = "4"  # of the index both engines write: bump when a field or its analysis changes


class Role(Enum):
    """What a field of an index document is for."""

    EXACT = "exact"  # matched whole (filters), stored: id, kind, category, source, digest
    KEYS = "keys"  # a comma-separated list of keys matched whole, not stored: citation keys
    WORDS = "words"  # analyzed text (jieba words at sequential positions), stored: what a hit shows
    STORED = "stored"  # shown with a hit, never matched: url, context


FIELDS: dict[str, Role] = {
    "id": Role.EXACT,
    "kind": Role.EXACT,
    "title": Role.WORDS,
    "body": Role.WORDS,
    "department": Role.WORDS,
    "category": Role.EXACT,
    "cites": Role.KEYS,
    "doc_numbers": Role.KEYS,
    "articles": Role.KEYS,
    "article_key": Role.KEYS,
    "levels": Role.KEYS,
    "offices": Role.KEYS,
    "source": Role.EXACT,
    "url": Role.STORED,
    "context": Role.STORED,
    "digest": Role.EXACT,
}
# n-gram companions of word fields (partial words, single characters): name → (word field, with unigrams)
NGRAM_FIELDS: dict[str, tuple[str, bool]] = {"title_ngram": ("title", True), "body_ngram": ("body", False)}


def fields_of(role: Role) -> tuple[str, ...]:
    return tuple(name for name, field_role in FIELDS.items() if field_role is role)


def _words(stored: bool = False) -> TEXT:
    field = TEXT(analyzer=word_analyzer(), stored=stored, phrase=True)
    field.multitoken_query = "phrase"
    return field


def _ngrams(unigrams: bool) -> TEXT:
    field = TEXT(analyzer=ngram_analyzer(unigrams), phrase=True)
    field.multitoken_query = "phrase"
    return field


def _whoosh_field(name: str, role: Role) -> FieldType:
    if role is Role.EXACT:
        return ID(stored=True, unique=name == "id")
    if role is Role.KEYS:
        return KEYWORD(stored=True, commas=True)
    if role is Role.WORDS:
        return _words(stored=True)
    return STORED()


def make_schema() -> Schema:
    """The Whoosh schema of FIELDS (also what the query language compiles against, for both engines)."""
    schema = Schema()
    for name, role in FIELDS.items():
        schema.add(name, _whoosh_field(name, role))
    for name, (_, unigrams) in NGRAM_FIELDS.items():
        schema.add(name, _ngrams(unigrams))
    return schema
