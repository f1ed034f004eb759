"""Query language: syntax errors, filters, cites: normalization, article-precise lookups."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml
from whoosh.query import Term

from schema.corpus import Corpus
from search.documents import index_documents
from search.fields import FIELD_BOOSTS, make_schema
from search.highlight import text_tokens
from search.query import (
    LOOKUP_TEXT_WEIGHT,
    QueryError,
    SearchRequest,
    article_lookups,
    check_syntax,
    compile_request,
    extract_filters,
    parsed_query,
    plain_words_query,
    spaced,
)
from text.script import character_folds

RELEVANCE = Path(__file__).with_name("relevance.yml")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('"行政 处罚', "unbalanced quote"),
        ("(电子政务 OR 政务服务", "not closed"),
        ("电子政务)", "no opening"),
        ("电子政务 AND", "needs a term"),
        ("OR 电子政务", "needs a term"),
        ("电" * 301, "at most 300"),
    ],
)
def test_malformed_queries_get_a_clear_message(text: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        check_syntax(text)


def test_empty_and_unknown_kind_are_errors() -> None:
    schema = make_schema()
    with pytest.raises(QueryError, match="empty"):
        compile_request(SearchRequest("   "), schema)
    with pytest.raises(QueryError, match="unknown kind"):
        compile_request(SearchRequest("电子政务 kind:law"), schema)


def test_filters_are_split_from_the_words() -> None:
    text = '投诉 category:行政检查 department:"汕头市行政服务中心管理办公室" NOT kind:article'
    remaining, filters, negated = extract_filters(text, make_schema())
    assert remaining == "投诉"
    assert [field for field, _ in filters] == ["category", "department"]
    assert negated == [Term("kind", "article")]


def test_cites_normalizes_doc_number_brackets_and_titles() -> None:
    _, filters, _ = extract_filters("cites:汕府[2008]130號", make_schema())
    assert Term("cites", "汕府〔2008〕130号") in filters[0][1].subqueries
    _, filters, _ = extract_filters("cites:《中华人民共和国行政许可法》", make_schema())
    assert Term("cites", "行政许可法") in filters[0][1].subqueries


def test_article_lookups_key_the_instrument_and_article_number() -> None:
    text = "投诉 《行政许可法》第七十三条"
    [(start, end, terms)] = article_lookups(text)
    assert text[start:end] == "《行政许可法》第七十三条"
    assert {term.text for term in terms} == {"行政许可法#73"}
    keys = [term.text for _, _, terms in article_lookups("行政机关公务员处分条例 第二十一、二十三条") for term in terms]
    assert "行政机关公务员处分条例#21" in keys and "行政机关公务员处分条例#23" in keys
    assert article_lookups("第七十三条") == []


def test_source_filter_is_a_file_prefix() -> None:
    _, [(field, query)], _ = extract_filters("电子政务 source:000_cc1d1db87604fe72.txt", make_schema())
    assert field == "source" and query.text == "000_cc1d1db87604fe72.txt"


def test_plain_words_are_the_query_the_parser_makes(seed_corpus: Corpus) -> None:
    """Texts of plain words (the search box's usual query) give exactly the parser's query, built without it: the
    relevance queries and random runs of the seed records' own words, in both scripts, with ASCII and numerals; with
    the fields' boosts and with the weaker ones of an article lookup's words."""
    schema = make_schema()
    weights = [{name: boost * weight for name, boost in FIELD_BOOSTS.items()} for weight in (1.0, LOOKUP_TEXT_WEIGHT)]
    texts = [extract_filters(case["q"], schema)[0] for case in yaml.safe_load(RELEVANCE.read_text(encoding="utf-8"))["queries"]]
    words = sorted({word for document in index_documents(seed_corpus) for word in text_tokens(document["body"])[0]})
    traditional = character_folds("s2t")
    rng = random.Random(16)
    for _ in range(300):
        picked = rng.sample(words, rng.randint(1, 4))
        texts += [" ".join(picked), "".join(picked), "".join(traditional.get(char, char) for char in " ".join(picked))]
    texts += ["IP地址 12345", "第七十三条", "二十三 条", "and 电子", "ａｂｃ 电子"]
    compared = 0
    for text in texts:
        for boosts in weights:
            built = plain_words_query(spaced(text), schema, boosts)
            if built is not False:
                assert built == parsed_query(spaced(text), schema, boosts), text
                compared += 1
    assert compared > 800


NOT_PLAIN = ['"行政 处罚"', "行政 OR 处罚", "行政 AND 处罚", "NOT 处罚", "(行政)", "行政*", "行政^2", "title:行政", "《条例》", ""]


@pytest.mark.parametrize("text", NOT_PLAIN)
def test_anything_but_plain_words_goes_to_the_parser(text: str) -> None:
    assert plain_words_query(spaced(text), make_schema(), dict(FIELD_BOOSTS)) is False
