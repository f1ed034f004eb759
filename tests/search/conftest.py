"""The seed corpus indexed once per session (in a temporary OUT folder)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pipeline.corpus import Corpus
from search.index import INDEX_DIR, Hit, Results, default_engine, write_index
from search.query import SearchRequest


@pytest.fixture(scope="session")
def seed_out(seed_corpus: Corpus, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An OUT folder holding the index of the seed corpus."""
    out = tmp_path_factory.mktemp("out")
    write_index(seed_corpus, out)
    return out


@pytest.fixture(scope="session")
def seed_search(seed_out: Path):
    """search(text, **filters) → Results over the seed index."""

    def run(text: str, **options: object) -> Results:
        return default_engine().search(SearchRequest(text, **{"limit": 100, **options}), seed_out / INDEX_DIR)

    return run


RELEVANCE = Path(__file__).with_name("relevance.yml")
MIN_RECALL_AT_10 = 0.9
MIN_MRR = 0.75


def _matches(hit: Hit, expectation: dict[str, str]) -> bool:
    return hit.kind == expectation["kind"] and all(value in getattr(hit, key) for key, value in expectation.items() if key != "kind")


def _judge(hits: list[Hit], expected: list[dict[str, str]]) -> tuple[float, float]:
    """(recall@10, reciprocal rank of the first expected hit) of one query."""
    recall = sum(any(_matches(hit, e) for hit in hits[:10]) for e in expected) / len(expected)
    rank = next((i for i, hit in enumerate(hits, 1) if any(_matches(hit, e) for e in expected)), None)
    return recall, 1 / rank if rank else 0.0


@pytest.fixture(scope="session")
def relevance():
    """judge(search) → (recall@10, MRR, {query: (recall, reciprocal rank)}) over relevance.yml; floors as attributes."""
    cases = yaml.safe_load(RELEVANCE.read_text(encoding="utf-8"))["queries"]

    def judge(search) -> tuple[float, float, dict[str, tuple[float, float]]]:
        scores = {case["q"]: _judge(search(case["q"], limit=10).hits, case["expect"]) for case in cases}
        return sum(r for r, _ in scores.values()) / len(scores), sum(m for _, m in scores.values()) / len(scores), scores

    judge.cases, judge.min_recall, judge.min_mrr = cases, MIN_RECALL_AT_10, MIN_MRR
    return judge
