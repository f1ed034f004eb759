"""The Whoosh schema of the search index: one entry per power, article, section, document or instrument."""

from __future__ import annotations

from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

from search.analysis import ngram_analyzer, word_analyzer

KINDS = ("power", "article", "section", "document", "instrument")
# BM25F field weights: a hit in the name outweighs one in the body; partial (n-gram) hits rank below whole words.
FIELD_BOOSTS = {"title": 4.0, "body": 1.0, "department": 1.0, "title_ngram": 0.8, "body_ngram": 0.25}
SCHEMA_VERSION = "3"


def _words(stored: bool = False) -> TEXT:
    field = TEXT(analyzer=word_analyzer(), stored=stored, phrase=True)
    field.multitoken_query = "phrase"
    return field


def _ngrams(unigrams: bool) -> TEXT:
    field = TEXT(analyzer=ngram_analyzer(unigrams), phrase=True)
    field.multitoken_query = "phrase"
    return field


def make_schema() -> Schema:
    """Fields: searchable text (words and n-grams), exact filters, citation keys and what a hit shows."""
    return Schema(
        id=ID(stored=True, unique=True),
        kind=ID(stored=True),
        title=_words(stored=True),
        body=_words(stored=True),
        department=_words(stored=True),
        title_ngram=_ngrams(unigrams=True),
        body_ngram=_ngrams(unigrams=False),
        category=ID(stored=True),
        cites=KEYWORD(stored=True, commas=True),
        doc_numbers=KEYWORD(stored=True, commas=True),
        articles=KEYWORD(stored=True, commas=True),
        article_key=KEYWORD(stored=True, commas=True),
        levels=KEYWORD(stored=True, commas=True),
        offices=KEYWORD(stored=True, commas=True),
        source=ID(stored=True),
        url=STORED,
        context=STORED,
        digest=ID(stored=True),
    )
