"""What every engine shares (the core): the stable cut of the best hits, the update plan, hits and highlighting."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from schema.corpus import Corpus
from search import tantivy_engine
from search.documents import index_documents
from search.engine import BuildStats, KnownDocument, UpdatePlan, stable_top
from search.index import INDEX_DIR, engine_of
from search.query import SearchRequest

HITS = [(5.0, "d"), (3.0, "c"), (3.0, "a"), (3.0, "e"), (3.0, "b"), (1.0, "f")]


def _engine(order: list[tuple[float, str]]):
    """fetch(size) of an engine that returns tied hits in `order`'s order; records the sizes asked for."""
    asked: list[int] = []

    def fetch(size: int) -> list[tuple[float, str]]:
        asked.append(size)
        return sorted(order, key=lambda hit: -hit[0])[:size]

    return fetch, asked


def test_ties_cut_and_ordered_by_id_whatever_order_the_engine_has() -> None:
    first, asked = _engine(HITS)
    second, _ = _engine(list(reversed(HITS)))
    top = [stable_top(fetch, 3, lambda hit: hit[0], lambda hit: hit[1]) for fetch in (first, second)]
    assert top[0] == top[1] == [(5.0, "d"), (3.0, "a"), (3.0, "b")]
    assert asked == [4, 16]  # the third hit tied with the ones after it: more were fetched


def test_no_tie_at_the_cut_fetches_once() -> None:
    fetch, asked = _engine(HITS)
    assert stable_top(fetch, 1, lambda hit: hit[0], lambda hit: hit[1]) == [(5.0, "d")]
    assert stable_top(fetch, 10, lambda hit: hit[0], lambda hit: hit[1])[-1] == (1.0, "f")
    assert asked == [2, 11]


def test_update_plan_adds_replaces_and_deletes_by_digest() -> None:
    known = {"a": "1", "b": "2", "gone": "3"}
    plan = UpdatePlan.of(known, [{"id": "a", "digest": "1"}, {"id": "b", "digest": "9"}, {"id": "new", "digest": "4"}])
    assert ([d["id"] for d in plan.add], [d["id"] for d in plan.replace], plan.delete, plan.unchanged) == (["new"], ["b"], ["gone"], 1)
    assert plan.stats() == BuildStats(added=1, updated=1, unchanged=1, deleted=1)
    assert UpdatePlan.of({"a": "1"}, [{"id": "a", "digest": "1"}]).empty


def test_both_engines_show_the_same_hit_for_the_same_query(seed_outs: dict[str, Path]) -> None:
    """Hit mapping and highlighting live in the core: a query matching only a title gets one snippet on both engines."""
    answers = {}
    for name, out in seed_outs.items():
        index = out / INDEX_DIR
        answers[name] = engine_of(index).search(SearchRequest("行政服务中心 kind:instrument", limit=5), index).hits
    shown = {name: {hit.id: (hit.title, hit.snippet, hit.url) for hit in hits} for name, hits in answers.items()}
    both = shown["tantivy"].keys() & shown["whoosh"].keys()
    assert len(both) >= 3  # the engines score differently (BM25 and BM25F); the hits they share must look the same
    assert all("<mark" in shown["tantivy"][hit][1] for hit in both)
    assert {hit: shown["tantivy"][hit] for hit in both} == {hit: shown["whoosh"][hit] for hit in both}


def test_shown_texts_are_each_documents_body_and_title_once(
    seed_corpus: Corpus, seed_outs: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the server segments ahead of the first searches: every index document's stored body and title, once, on
    both engines (tantivy's read a page at a time: here pages smaller than the index, so the paging is crossed)."""
    monkeypatch.setattr(tantivy_engine, "SHOWN_PAGE", 97)
    expected = Counter(text for document in index_documents(seed_corpus) for text in (document["body"], document["title"]))
    for name, out in seed_outs.items():
        assert Counter(engine_of(out / INDEX_DIR).shown_texts(out / INDEX_DIR)) == expected, name


def test_a_known_document_is_made_only_when_the_index_lacks_its_digest() -> None:
    """A one-row rebuild's saving: a power whose digest the index holds is counted unchanged without being made."""
    made: list[str] = []

    def maker(doc_id: str, digest: str):
        return lambda: made.append(doc_id) or {"id": doc_id, "digest": digest}

    known = {"same": "1", "changed": "2", "gone": "3"}
    entries = [KnownDocument(doc_id, digest, maker(doc_id, digest)) for doc_id, digest in (("same", "1"), ("changed", "9"), ("new", "4"))]
    plan = UpdatePlan.of(known, entries)
    assert made == ["changed", "new"]
    assert [d["id"] for d in plan.add] == ["new"] and [d["id"] for d in plan.replace] == ["changed"]
    assert plan.delete == ["gone"] and plan.unchanged == 1
