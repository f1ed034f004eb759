"""The corpus held in less memory: records of one type with the same fields set share one fields-set object.

pydantic gives every model instance its own `__pydantic_fields_set__`, a set of 10 to 40 field names (700 to 2,300
bytes): at 10,000 powers 150,000 such sets held 140 MB, more than half of the records' memory, and at 100,000 powers
1.4 GB. Nothing in the build reads them (no dump excludes unset fields, and model equality ignores them), so records
whose sets are equal share one. An assignment to a field later adds its name to the shared set, which is harmless
for the same reason."""

from __future__ import annotations

import types
import typing
from collections.abc import Iterable
from functools import cache

from pydantic import BaseModel


@cache
def _shape(model: type[BaseModel]) -> tuple[int, tuple[str, ...]]:
    """How many fields `model` has, and those whose values may hold records (a record, or a list or dict of them)."""
    fields = model.model_fields
    return len(fields), tuple(name for name, info in fields.items() if _holds_models(info.annotation))


def _holds_models(annotation: object) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    if isinstance(annotation, str | typing.ForwardRef):  # a self reference such as Section.children
        return True
    return typing.get_origin(annotation) in (list, dict, typing.Union, types.UnionType) and any(
        _holds_models(argument) for argument in typing.get_args(annotation)
    )


class FieldSets:
    """One fields-set per record type and set of field names, shared by every record added."""

    def __init__(self) -> None:
        self._shared: dict[tuple[type[BaseModel], frozenset[str]], set[str]] = {}
        self._complete: dict[type[BaseModel], set[str]] = {}  # every field set: how records read back from JSON come

    def share(self, records: Iterable[BaseModel]) -> None:
        """Make `records` and every record inside them use the shared sets."""
        complete, shared, stack = self._complete, self._shared, list(records)
        while stack:
            record = stack.pop()
            kind = type(record)
            own = record.__pydantic_fields_set__
            count, nested = _shape(kind)
            # every field set (records read back from JSON): no need to hash the names
            common = complete.setdefault(kind, own) if len(own) == count else shared.setdefault((kind, frozenset(own)), own)
            if common is not own:
                object.__setattr__(record, "__pydantic_fields_set__", common)
            values = record.__dict__
            for name in nested:
                value = values[name]
                if isinstance(value, list):
                    if value and isinstance(value[0], BaseModel):
                        stack.extend(value)
                elif isinstance(value, BaseModel):
                    stack.append(value)
                elif isinstance(value, dict):
                    stack.extend(item for item in value.values() if isinstance(item, BaseModel))
