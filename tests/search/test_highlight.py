"""Highlighting: the passages Whoosh's ContextFragmenter, scorer and HtmlFormatter would give, marked by our analyzer."""

from __future__ import annotations

import html
import random

from whoosh.highlight import ContextFragmenter, HtmlFormatter, highlight

from schema.corpus import Corpus
from search.analysis import word_analyzer
from search.documents import index_documents
from search.engine import query_terms
from search.fields import make_schema
from search.highlight import BETWEEN, SNIPPET_CHARS, SNIPPET_SURROUND, TOKEN_CACHE, snippet, text_tokens, tokenize_ahead
from search.query import SearchRequest, compile_request


def whoosh_snippet(body: str, title: str, terms: dict[str, set[str]]) -> str:
    """The reference: Whoosh's own highlighter over the same analyzer (what the hits showed before)."""
    formatter = HtmlFormatter(tagname="mark", between=BETWEEN)
    for name, text in (("body", body), ("title", title)):
        if text and terms.get(name):
            fragmenter = ContextFragmenter(maxchars=SNIPPET_CHARS, surround=SNIPPET_SURROUND)
            marked = highlight(text, terms[name], word_analyzer(), fragmenter, formatter)
            if "<mark" in marked:
                return marked
    return html.escape(body[:SNIPPET_CHARS], quote=False)


def test_a_title_only_match_is_highlighted_in_the_title() -> None:
    terms = query_terms(compile_request(SearchRequest("电子政务"), make_schema()))
    marked = snippet("条文正文没有这个词。", "电子政务项目审核", terms)
    assert marked.startswith("<mark") and marked.endswith("政务</mark>项目审核")
    assert snippet("<b>正文</b>", "标题", {}) == "&lt;b&gt;正文&lt;/b&gt;"


def test_traditional_text_is_marked_for_a_simplified_query() -> None:
    terms = query_terms(compile_request(SearchRequest("电子政务"), make_schema()))
    marked = snippet("推進電子政務建設。", "", terms)  # a passage ends with its last word
    assert marked == '推進<mark class="match term0">電子</mark><mark class="match term1">政務</mark>建設'


def test_passages_equal_whoosh_highlighter_on_the_seed_records(seed_corpus: Corpus) -> None:
    """Every seed record's body and title, with query terms drawn from real queries and from its own words (both
    scripts), gives exactly the snippet of Whoosh's highlighter."""
    documents = list(index_documents(seed_corpus))
    schema = make_schema()
    queries = ["电子政务", "行政許可法 第七十三條", "监督检查", "預付卡 kind:power", "行政处罚 OR 行政强制", '"政府信息公开"']
    termsets = [query_terms(compile_request(SearchRequest(query), schema)) for query in queries]
    rng = random.Random(16)
    for document in rng.sample(documents, 60):
        words = list(text_tokens(document["body"])[0]) or ["无"]
        picked = set(rng.sample(words, min(len(words), rng.randint(1, 4))))
        termsets.append({"body": picked, "title": picked})
    compared = 0
    for terms in termsets:
        for document in documents:
            body, title = document.get("body", ""), document.get("title", "")
            assert snippet(body, title, terms) == whoosh_snippet(body, title, terms), (terms, document["id"])
            compared += "<mark" in snippet(body, title, terms)
    assert compared > 500  # most comparisons mark something


def test_tokenizing_ahead_fills_the_cache_and_stops_at_its_bounds() -> None:
    """The server's start-up pass: texts tokenized ahead are answered from the cache; it stops when time is up and
    when it has tokenized as many texts as the cache holds (the rest would only push out the first ones)."""
    texts = [f"第{number}条 行政处罚决定" for number in range(TOKEN_CACHE + 50)]
    text_tokens.cache_clear()
    assert tokenize_ahead(iter(texts), 0.0) == 0 and text_tokens.cache_info().currsize == 0
    assert tokenize_ahead(iter(["", *texts[:3]]), 60.0) == 3
    before = text_tokens.cache_info()
    text_tokens(texts[2])
    assert text_tokens.cache_info().hits == before.hits + 1
    text_tokens.cache_clear()
    assert tokenize_ahead(iter(texts), 60.0) == TOKEN_CACHE == text_tokens.cache_info().currsize
