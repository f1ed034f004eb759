"""Records made without validation (Record.trusted) are the records validation makes."""

from __future__ import annotations

import pytest

from schema.corpus import Corpus
from schema.records import CitedBy


def test_trusted_cited_by_entries_equal_validated_ones(seed_corpus: Corpus) -> None:
    entries = [entry for instrument in seed_corpus.instruments for entry in instrument.cited_by]
    assert len(entries) > 100
    for entry in entries:
        validated = CitedBy(**dict(entry))
        assert entry == validated
        assert entry.model_dump_json() == validated.model_dump_json()
        assert CitedBy.model_validate_json(entry.model_dump_json()) == entry


def test_trusted_needs_every_field() -> None:
    values = {"record_id": "p-1", "record_kind": "power", "file": "a.txt"}
    with pytest.raises(ValueError, match="needs every field"):
        CitedBy.trusted(values, set(values))
