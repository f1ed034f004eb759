"""The hand-labelled evaluation set (tests/citations/eval/): the extractor stays above the README's floors."""

from __future__ import annotations

import pytest

from schema.records import ArticleRef
from tests.citations.eval.score import load, parse_label, ref_token, score

FLOORS = {"found": 0.97, "titles": 0.95, "doc numbers": 0.95, "article sets": 0.90}


@pytest.fixture(scope="module")
def report():
    return score()


def test_the_set_holds_at_least_200_real_cells() -> None:
    cells = load()
    assert len(cells) >= 200
    assert sum(len(labels) for _, _, labels in cells) >= 400
    assert len({cell_id.split("/")[0] for cell_id, _, _ in cells}) >= 8  # six workbooks, the seed, one public list


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_f1_above_floor(report, metric: str) -> None:
    count = report.counts[metric]
    assert count.f1() >= FLOORS[metric], f"{metric}: P {count.precision():.3f} R {count.recall():.3f}"


def test_label_notation() -> None:
    label = parse_label("法律 | 中华人民共和国行政处罚法 | - | 39~41 2.p1 16.p1.i7 ch5 annex1.i181")
    assert label.kind == "法律" and label.doc_number is None and label.role == "cited"
    assert label.articles == {"39", "40", "41", "2.p1", "16.p1.i7", "ch5", "annex1.i181"}
    assert parse_label("~ | 关于修改部分法律的决定 | 主席令第18号 | | amending").role == "amending"


def test_reference_notation() -> None:
    assert ref_token(ArticleRef(text="", article=16, paragraph=1, item=7)) == "16.p1.i7"
    assert ref_token(ArticleRef(text="", article=10, article_suffix=1)) == "10-1"
    assert ref_token(ArticleRef(text="", chapter=5, section=3)) == "ch5.s3"
    assert ref_token(ArticleRef(text="", annex=2, annex_item=28)) == "annex2.i28"
    assert ref_token(ArticleRef(text="", informal=True)) is None
