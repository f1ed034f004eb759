"""The Whoosh engine: incremental builds."""

from __future__ import annotations

from pathlib import Path

from schema.corpus import Corpus
from search.documents import index_documents
from search.whoosh_engine import WhooshEngine


def test_incremental_build_reindexes_only_changed_records(seed_corpus: Corpus, tmp_path: Path) -> None:
    documents = list(index_documents(seed_corpus))
    engine = WhooshEngine()
    first = engine.build(documents, tmp_path)
    assert first.added == len(documents)
    assert engine.build(documents, tmp_path).unchanged == len(documents)
    changed = [{**documents[0], "body": documents[0]["body"] + " 新增", "digest": "changed"}, *documents[2:]]
    again = engine.build(changed, tmp_path)
    assert (again.updated, again.deleted, again.unchanged) == (1, 1, len(documents) - 2)
