"""权力类型: the national vocabulary, what lists add to it, and counts written beside a category ("行政处罚（254项）")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from text.layout import one_line
from text.numerals import numeral_value
from text.script import to_simplified

NATIONAL = ("行政许可", "行政处罚", "行政强制", "行政征收", "行政给付", "行政检查", "行政确认", "行政奖励", "行政裁决", "其他行政权力")
# Categories lists add to the national ten (provincial catalogues, service lists).
ADDED = ("公共服务", "行政征用", "行政备案", "行政监督", "行政指导", "行政协议", "内部审批", "审核转报", "行政规划")
# Names lists write for a national category.
ALIASES = {
    "其他": "其他行政权力",
    "其他类别": "其他行政权力",
    "其他权力": "其他行政权力",
    "其他职权": "其他行政权力",
    "其他行政职权": "其他行政权力",
    "其他行政权利": "其他行政权力",
    "其它行政权力": "其他行政权力",
    "其它": "其他行政权力",
}
_COUNT = re.compile(r"[（(]\s*(?:共\s*)?(?P<count>[\d一二三四五六七八九十百千零〇两]+)\s*[项个条]\s*[)）]")
_NUMBERING = re.compile(r"^(?:表\s*[一二三四五六七八九十\d]+|[一二三四五六七八九十\d]+)\s*[、.．:：\s]\s*")
_BRACKETS = re.compile(r"[（(][^（()）]*[)）]")


@dataclass(frozen=True)
class Category:
    """A category read from a cell, heading or sheet name: vocabulary form, text as written, count if any."""

    name: str
    written: str
    count: int | None
    known: bool


def _bare(text: str) -> str:
    """Without numbering, counts, parenthetical remarks and a trailing 类."""
    bare = _NUMBERING.sub("", _COUNT.sub("", one_line(text)))
    bare = _BRACKETS.sub("", bare).strip()
    return bare[:-1] if bare.endswith("类") and len(bare) > 3 else bare


def vocabulary_form(text: str) -> str | None:
    """The national (or added) category a text names, in simplified script; None if it names none."""
    bare = to_simplified(_bare(text))
    bare = ALIASES.get(bare, bare)
    return bare if bare in NATIONAL or bare in ADDED else None


def read_category(text: str) -> Category | None:
    """A cell's category: the vocabulary form if it names one, else its cleaned text (known=False)."""
    written = text.strip()
    if not written:
        return None
    count = _COUNT.search(one_line(text))
    form = vocabulary_form(text)
    number = numeral_value(count.group("count")) if count else None
    return Category(name=form or _bare(text), written=written, count=number, known=form is not None)


def category_in(text: str) -> Category | None:
    """A category named by a sheet name, heading or title: the whole text, or its parenthetical (…（行政检查类）)."""
    whole = read_category(text)
    if whole and whole.known:
        return whole
    for inner in re.findall(r"[（(]([^（()）]+)[)）]", one_line(text)):
        form = vocabulary_form(inner)
        if form:
            return Category(name=form, written=text.strip(), count=whole.count if whole else None, known=True)
    return None
