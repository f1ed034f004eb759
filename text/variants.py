"""Character pairs lists write for the same word (variant and commonly confused forms): 帐册/账册, 其它/其他."""

from __future__ import annotations

# Each pair: two characters that stand for one another in official text (异体字, 通假 usage, frequent confusion).
VARIANT_PAIRS = frozenset(
    frozenset(pair)
    for pair in ("帐账", "他它", "象像", "作做", "订定", "须需", "分份", "划画", "制製", "汇滙", "倂并", "厘釐")
)


def are_variants(first: str, second: str) -> bool:
    """Two characters lists use for one another."""
    return frozenset((first, second)) in VARIANT_PAIRS
