"""A source's signature changes exactly with what the resolve pass reads of it; an outcome put back into a fresh read
of the same sources gives the records the pass gives them."""

from __future__ import annotations

from passes.resolve import corpus_cells, resolve_citations, source_cells, source_records
from passes.resolved import put_outcome, record_citations, source_signature, take_outcome
from pipeline.read import read_sources
from schema.corpus import Corpus
from schema.records import assign
from tests.conftest import SOURCES

POWER_LIST = "000_cc1d1db87604fe72.txt"


def _read() -> Corpus:
    return read_sources(SOURCES)


def _list_signature(corpus: Corpus) -> bytes:
    index = next(number for number, summary in enumerate(corpus.summaries) if summary.file == POWER_LIST)
    return source_signature(source_cells(*source_records(corpus)[index]), "key")


def test_signature_follows_what_the_pass_reads() -> None:
    first, second = _read(), _read()
    assert _list_signature(first) == _list_signature(second)
    power = next(power for power in second.powers if power.source.file == POWER_LIST and power.basis)
    assign(power, department="另一个部门", name=power.name + "（修订）")  # fields the pass does not read
    assert _list_signature(first) == _list_signature(second)
    assign(power.basis[0], provision=(power.basis[0].provision or "") + "。")
    assert _list_signature(first) != _list_signature(second)


def test_signature_follows_the_text_of_duties_only_through_the_citations_found_in_it() -> None:
    first, second = _read(), _read()
    power = next(power for power in second.powers if power.source.file == POWER_LIST and any("《" in duty.text for duty in power.duties))
    duty = next(duty for duty in power.duties if "《" in duty.text)
    assign(duty, text=duty.text + "（已修订）")
    assert _list_signature(first) == _list_signature(second)
    assign(duty, text=duty.text.replace("《", "《暂行", 1))
    assert _list_signature(first) != _list_signature(second)


def test_a_source_with_documents_is_signed_by_its_read_key() -> None:
    corpus = _read()
    sources = corpus_cells(corpus)
    cells = next(cells for cells in sources if cells.documents)
    assert source_signature(cells, "one") != source_signature(cells, "two")


def test_an_outcome_put_back_gives_what_the_pass_gives() -> None:
    resolved, fresh = _read(), _read()
    resolve_citations(resolved)
    put_outcome(fresh, take_outcome(resolved))
    citations = list(record_citations(fresh))
    assert citations == list(record_citations(resolved))
    assert any(citation.target_document for citation in citations)
    assert all(citation.instrument_id for citation in citations if citation.title and citation.role != "certificate")
    assert {ref.link_status for citation in citations for ref in citation.article_refs} >= {"linked", "not_in_corpus"}
