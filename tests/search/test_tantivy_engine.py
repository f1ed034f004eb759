"""The tantivy engine (the build's default) finds what the Whoosh engine finds; its index is incremental."""

from __future__ import annotations

from pathlib import Path

import pytest

from execution import forked
from schema.corpus import Corpus
from search import tantivy_engine
from search.analysis import bigram_text, ngram_analyzer, normalize
from search.documents import index_documents
from search.engine import IndexListing
from search.query import SearchRequest
from search.tantivy_engine import TantivyEngine, commit_stamp
from tests.search.conftest import searcher_of


def test_same_hits_as_whoosh_for_filters_scripts_phrases_and_ngrams(seed_outs: dict[str, Path]) -> None:
    tantivy_search, whoosh_search = searcher_of(seed_outs["tantivy"]), searcher_of(seed_outs["whoosh"])
    queries = (
        "電子政務", "服务 category:行政检查", "cites:汕府办[2007]392号 kind:power", '"行政 处罚"', "电子政务 NOT kind:power", "邮",
        "八十一", '"罚行"', "政务公开", "12345热线", "网上*",
    )
    for text in queries:
        assert {hit.id for hit in tantivy_search(text).hits} == {hit.id for hit in whoosh_search(text).hits}, text
    for text in ("行政*", "行政许*"):
        assert tantivy_search(text).total == whoosh_search(text).total > 0, text


def test_bigram_text_holds_the_ngram_tokenizers_terms_in_order() -> None:
    text = "第八十一条 行政机关，12345热线"
    grams = [token.text for token in ngram_analyzer(unigrams=False)(text)]
    assert [gram for gram in bigram_text(normalize(text)).split() if gram != "|"] == grams
    assert bigram_text(normalize(text)).split().count("|") == 3


def test_incremental_build(seed_corpus: Corpus, tmp_path: Path) -> None:
    documents = list(index_documents(seed_corpus))
    engine = TantivyEngine()
    first = engine.build(documents, tmp_path)
    assert first.added == len(documents) and engine.build(documents, tmp_path).unchanged == len(documents)
    changed = [{**documents[0], "body": documents[0]["body"] + " 新增", "digest": "changed"}, *documents[2:]]
    again = engine.build(changed, tmp_path)
    assert (again.updated, again.deleted, again.unchanged) == (1, 1, len(documents) - 2)
    assert engine.search(SearchRequest("新增", limit=100), tmp_path).total >= 1


def test_a_kept_listing_plans_what_reading_the_index_back_plans(seed_corpus: Corpus, tmp_path: Path) -> None:
    documents = list(index_documents(seed_corpus))
    engine, listing = TantivyEngine(), IndexListing()
    engine.build(documents, tmp_path, listing=listing)
    index = engine._index(tmp_path)
    assert listing.stamp == commit_stamp(tmp_path) != "" and listing.digests == engine._known(index)
    changed = [{**documents[0], "body": documents[0]["body"] + " 新增", "digest": "changed"}, *documents[2:]]
    again = engine.build(changed, tmp_path, listing=listing)
    assert (again.updated, again.deleted, again.unchanged) == (1, 1, len(documents) - 2)
    assert listing.digests == engine._known(index) and listing.stamp == commit_stamp(tmp_path)
    stale = IndexListing(listing.stamp, {})  # a listing that lies about the index's commit would plan wrongly ...
    engine.build(documents[:3], tmp_path)  # ... but a commit made without it moves the stamp, so it is not taken
    assert engine.build(documents[:3], tmp_path, listing=stale).unchanged == 3
    assert stale.digests == engine._known(index)


def test_documents_analysed_in_forked_workers_make_the_index_one_process_makes(
    seed_corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = list(index_documents(seed_corpus))
    TantivyEngine().build(documents, tmp_path / "one" / "index")
    monkeypatch.setattr(tantivy_engine, "PARALLEL_FROM", 2)
    monkeypatch.setattr(tantivy_engine, "ANALYSIS_CHUNK", 3)
    monkeypatch.setattr(forked, "cores", lambda: 2)
    TantivyEngine().build(documents, tmp_path / "two" / "index")
    one, two = searcher_of(tmp_path / "one"), searcher_of(tmp_path / "two")
    for text in ("電子政務", '"行政 处罚"', "第八十一条", "网上*", "title:管理", "罚行"):
        assert [(hit.id, hit.score, hit.snippet) for hit in one(text).hits] == [(hit.id, hit.score, hit.snippet) for hit in two(text).hits]
    shown = [sorted(TantivyEngine().shown_texts(tmp_path / name / "index")) for name in ("one", "two")]
    assert shown[0] == shown[1]
