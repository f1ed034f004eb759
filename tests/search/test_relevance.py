"""Relevance on the seeds: recall@10 and MRR over tests/search/relevance.yml, with floors stated in the README."""

from __future__ import annotations

from pathlib import Path

import yaml

from search.index import Hit

RELEVANCE = Path(__file__).with_name("relevance.yml")
MIN_RECALL_AT_10 = 0.9
MIN_MRR = 0.75


def _matches(hit: Hit, expectation: dict[str, str]) -> bool:
    return hit.kind == expectation["kind"] and all(value in getattr(hit, key) for key, value in expectation.items() if key != "kind")


def _judge(hits: list[Hit], expected: list[dict[str, str]]) -> tuple[float, float]:
    """(recall@10, reciprocal rank of the first expected hit) of one query."""
    top = hits[:10]
    recall = sum(any(_matches(hit, e) for hit in top) for e in expected) / len(expected)
    rank = next((i for i, hit in enumerate(hits, 1) if any(_matches(hit, e) for e in expected)), None)
    return recall, 1 / rank if rank else 0.0


def test_relevance_set_is_large_enough() -> None:
    assert len(yaml.safe_load(RELEVANCE.read_text(encoding="utf-8"))["queries"]) >= 30


def test_recall_at_10_and_mrr(seed_search, capsys) -> None:
    cases = yaml.safe_load(RELEVANCE.read_text(encoding="utf-8"))["queries"]
    scores = {case["q"]: _judge(seed_search(case["q"], limit=10).hits, case["expect"]) for case in cases}
    recall = sum(r for r, _ in scores.values()) / len(scores)
    mrr = sum(m for _, m in scores.values()) / len(scores)
    with capsys.disabled():
        print(f"\nrelevance: {len(scores)} queries, recall@10 {recall:.3f}, MRR {mrr:.3f}")
        for query, (r, m) in scores.items():
            if r < 1 or m < 1:
                print(f"  {query}: recall {r:.2f}, RR {m:.2f}")
    assert recall >= MIN_RECALL_AT_10
    assert mrr >= MIN_MRR
