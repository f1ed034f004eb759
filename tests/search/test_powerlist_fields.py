"""The national template's fields in the index (each engine), on the published Karamay workbooks."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.compile import compile_corpus
from schema.corpus import Corpus
from search.documents import index_documents
from search.index import ENGINES, write_index
from tests.search.conftest import searcher_of

REALWORLD = Path(__file__).resolve().parents[1] / "fixtures" / "powerlist" / "realworld"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return compile_corpus(REALWORLD)


@pytest.fixture(scope="module", params=list(ENGINES))
def search(request: pytest.FixtureRequest, corpus: Corpus, tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp(f"kmy-{request.param}")
    write_index(corpus, out, engine=request.param)
    return searcher_of(out)


def _ids(results) -> set[str]:
    return {hit.id for hit in results.hits}


def test_level_filter_finds_the_item_written_at_county_level(corpus: Corpus, search) -> None:
    """Only the 行政征收 item of the 农业农村局 lists a 县市区级 row (read by hand)."""
    [levy] = [p for p in corpus.powers if p.category == "行政征收" and p.department == "市农业农村局"]
    assert _ids(search("渔业资源 level:县市区级", kind="power")) == {levy.id}


def test_office_filter_matches_one_unit_of_a_list_of_units(corpus: Corpus, search) -> None:
    """tjj's 承办机构 names four units separated by 、; a filter on one of them finds its three items."""
    expected = {p.id for p in corpus.powers if p.office and "综合核算科" in p.office}
    assert len(expected) == 3 and _ids(search("统计 office:综合核算科")) == expected


def test_accountability_circumstances_are_searchable(corpus: Corpus, search) -> None:
    expected = {p.id for p in corpus.powers if "罚缴分离" in (p.accountability.circumstances_text or "")}
    assert expected and expected <= _ids(search('"罚缴分离"', kind="power"))


def test_index_document_keys(corpus: Corpus) -> None:
    levy = next(d for d in index_documents(corpus) if d["kind"] == "power" and "县市区级" in d["levels"])
    assert levy["levels"] == "自治区级,县市区级,地州市级"
    assert "县市区农业农村局" in levy["offices"].split(",")
