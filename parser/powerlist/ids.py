"""Stable power ids: a hash of what identifies a power, never of its position in the file."""

from __future__ import annotations

import hashlib
from collections import Counter

from schema.records import Power


def power_key(power: Power) -> str:
    return "\x1f".join(part or "" for part in (power.department, power.table or power.category, power.name, power.subitem))


def assign_ids(powers: list[Power]) -> list[Power]:
    """Give each power "p-" + 12 hex of sha1(key); the n-th duplicate of a key (n ≥ 2) hashes key + "#n"."""
    seen: Counter[str] = Counter()
    for power in powers:
        key = power_key(power)
        seen[key] += 1
        unique = key if seen[key] == 1 else f"{key}#{seen[key]}"
        power.id = "p-" + hashlib.sha1(unique.encode("utf-8")).hexdigest()[:12]
    return powers
