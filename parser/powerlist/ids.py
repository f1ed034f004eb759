"""Stable power ids: a hash of what identifies a power, never of its position in the file."""

from __future__ import annotations

import hashlib
from collections import Counter

from schema.records import Power


def power_key(power: Power, subitem: bool = True) -> str:
    parts = (power.department, power.table or power.category, power.name, power.subitem if subitem else None)
    return "\x1f".join(part or "" for part in parts)


def _hash(key: str) -> str:
    return "p-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def assign_ids(powers: list[Power]) -> list[Power]:
    """Give each power "p-" + 12 hex of sha1(key); the n-th duplicate of a key (n ≥ 2) hashes key + "#n".

    A 子项 record's `item_id` is the id its item would have without 子项 (the key without the 子项 name).
    """
    seen: Counter[str] = Counter()
    for power in powers:
        key = power_key(power)
        seen[key] += 1
        power.id = _hash(key if seen[key] == 1 else f"{key}#{seen[key]}")
        if power.subitem:
            power.item_id = _hash(power_key(power, subitem=False))
    return powers
