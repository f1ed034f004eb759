"""The index schema: searchable, filter, citation and display fields."""

from __future__ import annotations

from search.fields import FIELD_BOOSTS, make_schema


def test_schema_has_the_fields_a_hit_and_a_filter_need() -> None:
    schema = make_schema()
    for name in ("id", "kind", "title", "body", "department", "category", "cites", "doc_numbers", "articles", "source", "url", "digest"):
        assert name in schema.names()
    assert {name for name in schema.names() if schema[name].stored} >= {"id", "kind", "title", "url", "body", "source", "category"}


def test_word_and_ngram_fields_build_phrases_from_multi_token_words() -> None:
    schema = make_schema()
    assert all(schema[name].multitoken_query == "phrase" for name in FIELD_BOOSTS)


def test_names_outweigh_bodies_and_whole_words_outweigh_ngrams() -> None:
    assert FIELD_BOOSTS["title"] > FIELD_BOOSTS["body"] > FIELD_BOOSTS["body_ngram"]
    assert FIELD_BOOSTS["title"] > FIELD_BOOSTS["title_ngram"]
