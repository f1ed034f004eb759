"""What every engine shares: the stable cut of the best hits."""

from __future__ import annotations

from search.engine import stable_top

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
