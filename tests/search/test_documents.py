"""Records → index documents: one per power, article (statutes, regulations), section, document, instrument."""

from __future__ import annotations

from collections import Counter

import pytest

from execution import forked
from passes.pages import record_pages
from schema.corpus import Corpus, load_corpus
from search import documents as search_documents
from search.digests import DigestMemo
from search.documents import doc_number_key, index_documents, index_entries, with_digest
from text.titles import title_key
from writers.jsonl import write_corpus


def test_doc_number_keys() -> None:
    assert doc_number_key("汕府办[2007]392號") == "汕府办〔2007〕392号"
    assert doc_number_key("不是文号") == "不是文号"


def test_every_record_becomes_index_documents_with_site_urls(seed_corpus: Corpus) -> None:
    documents = list(index_documents(seed_corpus))
    kinds = Counter(document["kind"] for document in documents)
    assert kinds["power"] == len(seed_corpus.powers)
    assert kinds["document"] == len(seed_corpus.documents)
    assert kinds["instrument"] == len(seed_corpus.instruments)
    statutes = [d for d in seed_corpus.documents if d.kind in {"statute", "regulation"} and d.articles]
    assert kinds["article"] == sum(len(d.articles) for d in statutes)
    assert len({document["id"] for document in documents}) == len(documents)
    power = seed_corpus.powers[0]
    entry = next(d for d in documents if d["id"] == power.id)
    assert entry["url"] == f"powers/{power.id}/" and entry["title"].startswith(power.name)
    article = next(d for d in documents if d["kind"] == "article")
    assert article["url"].startswith("documents/") and "/#" in article["url"]


def test_power_citation_keys_hold_titles_doc_numbers_and_articles(seed_corpus: Corpus) -> None:
    documents = {d["id"]: d for d in index_documents(seed_corpus)}
    for power in seed_corpus.powers:
        entry = documents[power.id]
        for citation in power.basis + power.accountability.basis:
            if citation.title:
                assert title_key(citation.title) in entry["cites"].split(",")
            if citation.doc_number:
                assert doc_number_key(citation.doc_number) in entry["doc_numbers"].split(",")
            for ref in citation.article_refs:
                if citation.title and ref.article:
                    assert f"{title_key(citation.title)}#{ref.article}" in entry["articles"].split(",")


def test_digest_changes_with_content_only() -> None:
    first = with_digest({"id": "a", "body": "电子政务"})
    assert first["digest"] == with_digest({"body": "电子政务", "id": "a"})["digest"]
    assert first["digest"] != with_digest({"id": "a", "body": "電子政務"})["digest"]


def test_records_read_back_from_jsonl_give_the_same_documents(seed_corpus: Corpus, tmp_path) -> None:
    write_corpus(seed_corpus, tmp_path)
    assert list(index_documents(load_corpus(tmp_path))) == list(index_documents(seed_corpus))


def test_power_documents_made_in_forked_workers_are_the_ones_made_here(seed_corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    pages, prints = record_pages(seed_corpus), [bytes([number]) for number in range(len(seed_corpus.powers))]
    here, memo = list(index_entries(seed_corpus, pages, prints, DigestMemo())), DigestMemo()
    monkeypatch.setattr(search_documents, "PARALLEL_FROM", 2)
    monkeypatch.setattr(search_documents, "MADE_CHUNK", 2)
    monkeypatch.setattr(forked, "cores", lambda: 2)
    assert list(index_entries(seed_corpus, pages, prints, memo)) == here == list(index_documents(seed_corpus, pages))
    assert len(memo.now) == len(seed_corpus.powers)
