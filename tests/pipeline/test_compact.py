"""Records sharing their fields-sets: the same records, in less memory."""

from __future__ import annotations

from pipeline.compact import FieldSets
from schema.corpus import Corpus
from schema.records import Citation, Power


def test_records_read_back_share_one_set_per_type_and_dump_the_same(seed_corpus: Corpus) -> None:
    powers = [Power.model_validate_json(power.model_dump_json()) for power in seed_corpus.powers]
    before = [power.model_dump_json() for power in powers]
    FieldSets().share(powers)
    assert [power.model_dump_json() for power in powers] == before
    assert len({id(power.__pydantic_fields_set__) for power in powers}) == 1
    citations = [citation for power in powers for citation in power.basis]
    assert len(citations) > 1 and len({id(citation.__pydantic_fields_set__) for citation in citations}) == 1


def test_records_made_with_different_fields_keep_sets_that_say_so() -> None:
    one, two, other = Citation(text="《甲法》"), Citation(text="《乙法》"), Citation(text="《丙法》", title="丙法")
    FieldSets().share([one, two, other])
    assert one.__pydantic_fields_set__ is two.__pydantic_fields_set__ == {"text"}
    assert other.model_fields_set == {"text", "title"}
    one.instrument_id = "ins-1"  # an assignment still works (and the shared set learns the name)
    assert one.instrument_id == "ins-1" and two.instrument_id is None
