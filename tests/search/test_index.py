"""The seed index (each engine): what legal staff must find, filters, cites:; which engine writes and reads OUT/index."""

from __future__ import annotations

from pathlib import Path

import pytest

from schema.corpus import Corpus
from search.documents import index_documents
from search.index import (
    DEFAULT_ENGINE,
    ENGINE_VARIABLE,
    ENGINES,
    INDEX_DIR,
    engine_named,
    engine_of,
    index_exists,
    write_index,
)
from search.query import SearchRequest
from text.titles import title_key


def _ids(results) -> set[str]:
    return {hit.id for hit in results.hits}


def _powers_mentioning(corpus: Corpus, *variants: str) -> set[str]:
    return {p.id for p in corpus.powers if any(v in p.model_dump_json() for v in variants)}


def test_dianzi_zhengwu_finds_power_rows_and_yearbook_sections(seed_corpus: Corpus, seed_search) -> None:
    found = _ids(seed_search("电子政务"))
    rows = {p.id for p in seed_corpus.powers if "电子政务" in p.name}
    assert rows and rows <= found
    report = next(d for d in seed_corpus.documents if d.kind == "report")
    assert any(i.startswith(report.id + "#") for i in found)


def test_traditional_query_finds_the_same_plus_the_traditional_notice(seed_corpus: Corpus, seed_search) -> None:
    simplified, traditional = seed_search("电子政务"), seed_search("電子政務")
    assert _ids(simplified) <= _ids(traditional)
    notice = next(d for d in seed_corpus.documents if d.script == "traditional")
    assert any(i.startswith(notice.id) for i in _ids(traditional))
    assert [hit.id for hit in simplified.hits][:5] == [hit.id for hit in traditional.hits][:5]


def test_category_filter_narrows_to_that_category(seed_corpus: Corpus, seed_search) -> None:
    everything = seed_search("服务")
    inspections = seed_search("服务 category:行政检查")
    assert 0 < inspections.total < everything.total
    expected = {p.id for p in seed_corpus.powers if p.category == "行政检查"}
    assert _ids(inspections) <= expected
    assert _ids(seed_search("服务", category="行政检查")) == _ids(inspections)


def test_department_filter_narrows(seed_search) -> None:
    everything = seed_search("行政机关")
    narrowed = seed_search('行政机关 department:"汕头市行政服务中心管理办公室"')
    assert 0 < narrowed.total < everything.total
    assert all("汕头市行政服务中心管理办公室" in hit.department for hit in narrowed.hits)


def test_source_filter_keeps_one_file(seed_search) -> None:
    hits = seed_search("电子政务 source:002_48a076c1b87035bb.txt").hits
    assert hits and all(hit.source.startswith("002_48a076c1b87035bb.txt:") for hit in hits)


def test_kind_filter_and_negation(seed_search) -> None:
    assert {hit.kind for hit in seed_search("行政许可 kind:article").hits} == {"article"}
    assert "power" not in {hit.kind for hit in seed_search("电子政务 NOT kind:power").hits}


def test_cites_finds_exactly_the_powers_citing_an_instrument(seed_corpus: Corpus, seed_search) -> None:
    def citing(predicate) -> set[str]:
        return {p.id for p in seed_corpus.powers if any(predicate(c) for c in p.basis + p.accountability.basis)}

    by_number = citing(lambda c: c.doc_number == "汕府办〔2007〕392号")
    assert by_number
    assert _ids(seed_search("cites:汕府办[2007]392号 kind:power")) == by_number
    assert _ids(seed_search("cites:汕府办（2007）392號 kind:power")) == by_number
    by_title = citing(lambda c: c.title and title_key(c.title) == "行政许可法")
    assert _ids(seed_search("cites:《中华人民共和国行政许可法》 kind:power")) == by_title


def test_article_lookup_ranks_the_citing_powers_first(seed_corpus: Corpus, seed_search) -> None:
    citing = {
        p.id
        for p in seed_corpus.powers
        for c in p.accountability.basis + p.basis
        if c.title and title_key(c.title) == "行政机关公务员处分条例" and any(r.article == 23 for r in c.article_refs)
    }
    hits = seed_search("《行政机关公务员处分条例》第二十三条").hits
    assert citing and {hit.id for hit in hits[: len(citing)]} == citing
    assert any(hit.kind == "article" and hit.title.endswith("第二十三条") for hit in hits[len(citing):])


def test_phrase_single_character_and_numeral_queries(seed_search) -> None:
    assert seed_search('"行政 处罚"').total > 0
    assert any(hit.title.endswith("第八十一条") for hit in seed_search("八十一").hits)
    assert any("第81条" not in hit.title and hit.title.endswith("第八十一条") for hit in seed_search("第81条").hits)
    assert seed_search("邮").total > 0


def test_build_writes_with_tantivy_unless_the_environment_names_whoosh(
    seed_corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert DEFAULT_ENGINE == engine_named().name == "tantivy"
    write_index(seed_corpus, tmp_path)
    assert engine_of(tmp_path / INDEX_DIR).name == "tantivy" and index_exists(tmp_path / INDEX_DIR)
    monkeypatch.setenv(ENGINE_VARIABLE, "whoosh")
    stats = write_index(seed_corpus, tmp_path)
    assert stats.added == len(list(index_documents(seed_corpus))), "another engine's index is rebuilt, not read"
    assert engine_of(tmp_path / INDEX_DIR).name == "whoosh" and index_exists(tmp_path / INDEX_DIR)
    assert engine_of(tmp_path / INDEX_DIR).search(SearchRequest("电子政务"), tmp_path / INDEX_DIR).total > 0
    monkeypatch.setenv(ENGINE_VARIABLE, "lucene")
    with pytest.raises(ValueError, match="unknown search engine"):
        write_index(seed_corpus, tmp_path)


@pytest.mark.parametrize(("first", "second"), [("whoosh", "tantivy"), ("tantivy", "whoosh")])
def test_an_engine_switch_replaces_the_index_in_one_swap(seed_corpus: Corpus, tmp_path: Path, first: str, second: str) -> None:
    """While the other engine's index is built beside it, OUT/index still answers with the old one (what serve reads);
    then the new one takes its place whole, and what a killed switch left beside it is dropped."""
    index = tmp_path / INDEX_DIR
    write_index(seed_corpus, tmp_path, engine=first)
    (tmp_path / ".quanze-partial-1-index").mkdir()  # a killed switch's staged folder
    seen_during = []

    def documents():
        seen_during.append((engine_of(index).name, engine_of(index).search(SearchRequest("电子政务"), index).total))
        yield from index_documents(seed_corpus)

    engine_named(second).build(documents(), index)
    assert seen_during[0][0] == first and seen_during[0][1] > 0
    assert engine_of(index).name == second and index_exists(index)
    assert engine_of(index).search(SearchRequest("电子政务"), index).total == seen_during[0][1]
    assert [path.name for path in tmp_path.iterdir()] == [INDEX_DIR]


def test_an_index_of_an_older_format_is_not_opened(seed_corpus: Corpus, tmp_path: Path) -> None:
    write_index(seed_corpus, tmp_path)
    (tmp_path / INDEX_DIR / "ENGINE").write_text("tantivy 0\n", encoding="utf-8")
    assert not index_exists(tmp_path / INDEX_DIR) and not index_exists(tmp_path / "missing")


@pytest.mark.parametrize("name", ENGINES)
def test_whole_words_rank_above_partial_matches(name: str, tmp_path: Path) -> None:
    """行政 inside 推行政务 (cut 推行/政务) is only an n-gram match; 行政许可证件 holds the word 行政."""
    engine = engine_named(name)
    partial = {"id": "partial", "kind": "section", "title": "", "body": "服务模式，推行政务公开、网络问政", "digest": "1"}
    whole = {"id": "whole", "kind": "section", "title": "", "body": "颁发行政许可证件的，应当", "digest": "2"}
    engine.build([partial, whole], tmp_path)
    hits = engine.search(SearchRequest("行政"), tmp_path).hits
    assert [hit.id for hit in hits] == ["whole", "partial"]
