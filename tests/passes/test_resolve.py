"""The resolve pass on the real seed corpus and on the linking fixture pair (regulation + power-list excerpt)."""

from __future__ import annotations

from citations.find import find_citations
from passes.resolve import LinkedText, link_citation, numbering_since
from pipeline.compile import compile_corpus
from schema.corpus import Corpus
from schema.records import Citation, Document
from tests.conftest import FIXTURES

POWER_LIST = "000_cc1d1db87604fe72.txt"


def _power_citations(corpus: Corpus) -> list[Citation]:
    return [c for power in corpus.powers for c in power.basis + power.accountability.basis]


def _statute(corpus: Corpus, title: str) -> Document:
    return next(d for d in corpus.documents if d.kind == "statute" and d.title == title)


def _cited(corpus: Corpus, title: str) -> list[Citation]:
    return [c for c in _power_citations(corpus) if c.title == title]


def test_every_power_citation_has_an_instrument(seed_corpus: Corpus) -> None:
    ids = {instrument.id for instrument in seed_corpus.instruments}
    citations = _power_citations(seed_corpus)
    assert citations and all(c.instrument_id in ids for c in citations)


def test_short_law_title_links_to_the_statute_article(seed_corpus: Corpus) -> None:
    statute = _statute(seed_corpus, "中华人民共和国行政许可法")
    (citation,) = _cited(seed_corpus, "行政许可法")
    assert citation.target_document == statute.id
    (ref,) = citation.article_refs
    article = next(a for a in statute.articles if a.number == 73)
    assert (ref.article, ref.anchor, ref.link_status) == (73, article.anchor, "linked")


def test_regulation_and_power_list_cite_one_law_instrument(seed_corpus: Corpus) -> None:
    regulation = next(d for d in seed_corpus.documents if d.source.file.startswith("003_"))
    (full,) = [c for c in regulation.citations if c.title == "中华人民共和国行政许可法"]
    (short,) = _cited(seed_corpus, "行政许可法")
    assert full.instrument_id == short.instrument_id
    instrument = next(i for i in seed_corpus.instruments if i.id == full.instrument_id)
    assert instrument.document_id == _statute(seed_corpus, "中华人民共和国行政许可法").id
    assert {entry.record_kind for entry in instrument.cited_by} == {"power", "document"}


def test_named_older_version_links_the_statute_not_the_article(seed_corpus: Corpus) -> None:
    statute = _statute(seed_corpus, "中华人民共和国政府信息公开条例")
    (citation,) = _cited(seed_corpus, "中华人民共和国政府信息公开条例")
    assert citation.version == "2007"
    assert citation.target_document == statute.id
    assert [(ref.article, ref.anchor, ref.link_status) for ref in citation.article_refs] == [
        (4, None, "version_differs"),
        (15, None, "version_differs"),
    ]


def test_list_older_than_a_rewrite_is_not_linked_to_renumbered_articles(seed_corpus: Corpus) -> None:
    statute = _statute(seed_corpus, "中华人民共和国行政处罚法")
    assert numbering_since(statute) == 2021
    (citation,) = _cited(seed_corpus, "行政处罚法")
    assert citation.target_document == statute.id
    assert [(ref.article, ref.link_status) for ref in citation.article_refs] == [(60, "version_differs")]


def test_amendment_keeps_numbers_but_revision_does_not(seed_corpus: Corpus) -> None:
    licensing = _statute(seed_corpus, "中华人民共和国行政许可法")
    assert numbering_since(licensing) == 2003
    penalties = _statute(seed_corpus, "中华人民共和国行政处罚法")
    current = find_citations("①《行政处罚法》（2021年）第六十条", file="t", line=1)[0][0]
    link_citation(current, LinkedText(penalties), written=None)
    sixty = next(a for a in penalties.articles if a.number == 60)
    assert [(ref.anchor, ref.link_status) for ref in current.article_refs] == [(sixty.anchor, "linked")]
    amended = find_citations("①《行政许可法》（2010年）第七十三条", file="t", line=1)[0][0]
    link_citation(amended, LinkedText(licensing), written=None)
    assert [ref.link_status for ref in amended.article_refs] == ["linked"]


def test_discipline_regulation_articles_link(seed_corpus: Corpus) -> None:
    citations = _cited(seed_corpus, "行政机关公务员处分条例")
    assert len(citations) > 30
    statute = _statute(seed_corpus, "行政机关公务员处分条例")
    anchors = {a.number: a.anchor for a in statute.articles}
    for citation in citations:
        assert [(ref.anchor, ref.link_status) for ref in citation.article_refs] == [(anchors[21], "linked"), (anchors[23], "linked")]


def test_instruments_without_text_are_not_in_corpus(seed_corpus: Corpus) -> None:
    citations = _cited(seed_corpus, "汕头经济特区电子政务建设管理办法")
    refs = [ref for c in citations for ref in c.article_refs]
    assert refs and {ref.link_status for ref in refs} == {"not_in_corpus"}
    assert all(c.target_document is None for c in citations)


def test_establishment_notice_is_one_instrument_with_its_typo(seed_corpus: Corpus) -> None:
    (instrument,) = [i for i in seed_corpus.instruments if "汕机编〔2013〕82号" in i.doc_numbers]
    assert instrument.doc_numbers == ["汕机编〔2013〕82号", "汕机〔2013〕82号"]
    assert len(instrument.titles) >= 2
    typo = [entry for entry in instrument.cited_by if entry.doc_number == "汕机〔2013〕82号"]
    assert [(entry.file, entry.line, entry.field) for entry in typo] == [(POWER_LIST, 97, "notes")]
    same = [c for c in _power_citations(seed_corpus) if c.doc_number == "汕机编〔2013〕82号"]
    assert {c.instrument_id for c in same} == {instrument.id}


def test_cited_by_names_record_articles_provision_and_place(seed_corpus: Corpus) -> None:
    instrument = next(i for i in seed_corpus.instruments if i.doc_number == "2015年汕头市人民政府令第164号")
    first = instrument.cited_by[0]
    assert first.record_kind == "power" and first.record_id.startswith("p-")
    assert (first.file, first.line, first.articles) == (POWER_LIST, 8, ["第九条", "第十条"])
    assert first.provision.startswith("特区实行市级电子政务项目年度申报和专项申报制度。")


def test_linking_fixture_pair_links_both_articles_one_traditional() -> None:
    corpus = compile_corpus(FIXTURES / "linking")
    (regulation,) = corpus.documents
    refs = {ref.text: ref for power in corpus.powers for c in power.basis for ref in c.article_refs}
    anchors = {a.number: a.anchor for a in regulation.articles}
    assert (refs["第三條"].anchor, refs["第三條"].link_status) == (anchors[3], "linked")
    assert (refs["第八条"].anchor, refs["第八条"].link_status) == (anchors[8], "linked")
    instrument = next(i for i in corpus.instruments if i.document_id == regulation.id)
    assert len(instrument.cited_by) == 2
