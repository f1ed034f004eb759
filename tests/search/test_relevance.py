"""Relevance on the seeds: recall@10 and MRR over tests/search/relevance.yml, with floors stated in the README."""

from __future__ import annotations

from pathlib import Path

from search.index import INDEX_DIR, engine_of


def test_relevance_set_is_large_enough(relevance) -> None:
    assert len(relevance.cases) >= 30


def test_recall_at_10_and_mrr(seed_out: Path, seed_search, relevance, capsys) -> None:
    recall, mrr, scores = relevance(seed_search)
    with capsys.disabled():
        print(f"\nrelevance ({engine_of(seed_out / INDEX_DIR).name}): {len(scores)} queries, recall@10 {recall:.3f}, MRR {mrr:.3f}")
        for query, (r, m) in scores.items():
            if r < 1 or m < 1:
                print(f"  {query}: recall {r:.2f}, RR {m:.2f}")
    assert recall >= relevance.min_recall
    assert mrr >= relevance.min_mrr
