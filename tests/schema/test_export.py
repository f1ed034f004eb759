"""The checked-in JSON Schemas match the record types, and real records validate against them."""

from __future__ import annotations

import json

import jsonschema
import pytest

from schema.corpus import Corpus
from schema.export import EXPORTED, SCHEMA_DIR, schema_text


@pytest.mark.parametrize("name", sorted(EXPORTED))
def test_checked_in_schema_is_current(name: str) -> None:
    path = SCHEMA_DIR / f"{name}.schema.json"
    assert path.read_text(encoding="utf-8") == schema_text(EXPORTED[name]), f"run: python -m schema.export ({path.name} is stale)"


def test_seed_records_validate_against_exported_schemas(seed_corpus: Corpus) -> None:
    groups = {"power": seed_corpus.powers, "document": seed_corpus.documents, "instrument": seed_corpus.instruments}
    assert seed_corpus.powers, "the seed power list produced no powers"
    for name, records in groups.items():
        schema = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
        validator = jsonschema.Draft202012Validator(schema)
        for record in records:
            errors = list(validator.iter_errors(record.model_dump(mode="json")))
            assert not errors, f"{name} {record.id}: {errors[0].message}"


def test_schema_rejects_a_power_without_name() -> None:
    schema = json.loads((SCHEMA_DIR / "power.schema.json").read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        nameless = {"id": "p-1", "department": None, "category": None, "table": None, "seq": None, "source": {"file": "x", "line": 1}}
        jsonschema.validate(nameless, schema)
