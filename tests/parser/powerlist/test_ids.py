from __future__ import annotations

from parser.powerlist.ids import assign_ids
from schema.records import Power, SourceRef


def power(name: str, line: int, subitem: str | None = None) -> Power:
    source = SourceRef(file="f", line=line)
    return Power(id="", department="部门", category="其他", table="表十", seq=None, name=name, subitem=subitem, source=source)


def test_ids_depend_on_identity_not_position() -> None:
    first = assign_ids([power("甲", 3), power("乙", 4)])
    moved = assign_ids([power("乙", 40), power("甲", 90)])
    assert {p.name: p.id for p in first} == {p.name: p.id for p in moved}


def test_duplicates_and_subitems_are_distinct_and_deterministic() -> None:
    ids = [p.id for p in assign_ids([power("甲", 1), power("甲", 2), power("甲", 3, "子项")])]
    assert len(set(ids)) == 3
    assert ids == [p.id for p in assign_ids([power("甲", 7), power("甲", 8), power("甲", 9, "子项")])]
