"""The second engine: tantivy with the same tokens and query language finds what the Whoosh engine finds."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.corpus import Corpus
from search.documents import index_documents
from search.query import SearchRequest
from search.tantivy_engine import TantivyEngine


@pytest.fixture(scope="module")
def tantivy_search(seed_corpus: Corpus, tmp_path_factory: pytest.TempPathFactory):
    engine, directory = TantivyEngine(procs=1), tmp_path_factory.mktemp("tantivy")
    stats = engine.build(index_documents(seed_corpus), directory)
    assert stats.added > 0 and engine.build(index_documents(seed_corpus), directory).unchanged == stats.added
    return lambda text, **options: engine.search(SearchRequest(text, **{"limit": 100, **options}), directory)


def test_same_hits_as_whoosh_for_filters_and_scripts(seed_search, tantivy_search) -> None:
    queries = ("電子政務", "服务 category:行政检查", "cites:汕府办[2007]392号 kind:power", '"行政 处罚"', "电子政务 NOT kind:power", "邮")
    for text in queries:
        assert {hit.id for hit in tantivy_search(text).hits} == {hit.id for hit in seed_search(text).hits}, text


def test_relevance_floors_hold(tantivy_search, relevance) -> None:
    recall, mrr, _ = relevance(tantivy_search)
    assert recall >= relevance.min_recall and mrr >= relevance.min_mrr


def test_incremental_build(seed_corpus: Corpus, tmp_path: Path) -> None:
    documents = list(index_documents(seed_corpus))
    engine = TantivyEngine(procs=1)
    engine.build(documents, tmp_path)
    changed = [{**documents[0], "body": documents[0]["body"] + " 新增", "digest": "changed"}, *documents[2:]]
    again = engine.build(changed, tmp_path)
    assert (again.updated, again.deleted, again.unchanged) == (1, 1, len(documents) - 2)
    assert engine.search(SearchRequest("新增", limit=100), tmp_path).total >= 1
