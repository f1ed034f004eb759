"""The seed corpus indexed once per session by each engine (in temporary OUT folders); seed tests run on both engines."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from schema.corpus import Corpus
from search.engine import Hit, Results
from search.index import ENGINES, INDEX_DIR, engine_of, write_index
from search.query import SearchRequest


@pytest.fixture(scope="session")
def seed_outs(seed_corpus: Corpus, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Engine name → an OUT folder holding that engine's index of the seed corpus."""
    outs = {}
    for name in ENGINES:
        outs[name] = tmp_path_factory.mktemp(f"out-{name}")
        write_index(seed_corpus, outs[name], engine=name)
    return outs


@pytest.fixture(scope="session", params=list(ENGINES))
def seed_out(request: pytest.FixtureRequest, seed_outs: dict[str, Path]) -> Path:
    """An OUT folder holding the seed index (once per engine)."""
    return seed_outs[request.param]


def searcher_of(out: Path):
    """search(text, **filters) → Results over the index in OUT/index, with the engine that wrote it."""
    engine = engine_of(out / INDEX_DIR)

    def run(text: str, **options: object) -> Results:
        return engine.search(SearchRequest(text, **{"limit": 100, **options}), out / INDEX_DIR)

    return run


@pytest.fixture(scope="session")
def seed_search(seed_out: Path):
    """search(text, **filters) → Results over the seed index."""
    return searcher_of(seed_out)


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
