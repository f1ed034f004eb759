"""Article references (第二十二条第二款, 第二十一、二十三条, 第四点（二）) → ArticleRef with numbers."""

from __future__ import annotations

import re

from schema.records import ArticleRef
from text.numerals import to_int

NUM = r"[零〇一二三四五六七八九十百千两0-9０-９]+"
_SEP = r"\s*[、，,和及与或至]\s*"
_ARTICLE = rf"第\s*{NUM}(?:{_SEP}(?:第\s*)?{NUM})*\s*[条條](?:\s*之\s*{NUM})?"
_PARAGRAPH = rf"第\s*{NUM}\s*款"
_ITEM = rf"第?\s*[（(]?\s*{NUM}\s*[)）]?\s*[项項]"
_SUBITEM = rf"第\s*{NUM}\s*目"
_GROUP = rf"{_ARTICLE}(?:\s*{_PARAGRAPH}(?:{_SEP}{_PARAGRAPH})*)?(?:\s*{_ITEM}(?:{_SEP}{_ITEM})*)?(?:\s*{_SUBITEM})?"
FORMAL_RE = re.compile(rf"{_GROUP}(?:{_SEP}{_GROUP})*")
GROUP_RE = re.compile(_GROUP)

_CNUM = r"[一二三四五六七八九十]+"
_BRACKETED = rf"[（(]\s*{_CNUM}\s*[)）]"
_HEADING = r"[^\s，,。；;：:（()）、《》]{2,20}?"
INFORMAL_RE = re.compile(
    rf"第{NUM}大?点(?:\s*中)?(?:\s*(?:{_HEADING}中?\s*)?(?:{_BRACKETED}|第{NUM}小点))?"
    rf"|{_CNUM}、{_HEADING}[。\s]*中?\s*{_BRACKETED}"
    rf"|第{NUM}[编章节部](?:分)?(?:\s*第{NUM}[章节])*"
)
MAX_RANGE = 200


def _numbers(part: str) -> list[int]:
    """Numbers of a list such as 二十一、二十三 or 六至九 (ranges expanded)."""
    numbers: list[int] = []
    tokens = re.split(r"\s*([、，,和及与或至])\s*", part)
    for index in range(0, len(tokens), 2):
        value = to_int(re.sub(r"[第（()）\s]", "", tokens[index]))
        if index and tokens[index - 1] == "至" and numbers and 0 < value - numbers[-1] <= MAX_RANGE:
            numbers.extend(range(numbers[-1] + 1, value + 1))
        else:
            numbers.append(value)
    return numbers


def _list_of(pattern: str, marker: str, text: str) -> list[int]:
    """Numbers of the 款/项/目 list in text (e.g. 第一项、第二项 → [1, 2])."""
    match = re.search(rf"{pattern}(?:{_SEP}{pattern})*", text)
    if not match:
        return []
    return _numbers(re.sub(rf"\s*[{marker}]", "", match.group()))


def parse_group(text: str) -> list[ArticleRef]:
    """One article group (第四十条第一项、第二项) → one ArticleRef per article × paragraph × item."""
    article = re.match(_ARTICLE, text)
    assert article is not None, text
    head, _, suffix = article.group().partition("之")
    articles = _numbers(re.sub(r"[条條\s]", "", head)[1:])
    rest = text[article.end():]
    paragraphs = _list_of(_PARAGRAPH, "款", rest) or [None]
    items = _list_of(_ITEM, "项項", rest) or [None]
    subitems = _list_of(_SUBITEM, "目", rest) or [None]
    refs = []
    for number in articles:
        last = number == articles[-1]
        for paragraph in paragraphs if last else [None]:
            for item in items if last else [None]:
                refs.append(
                    ArticleRef(
                        text=text,
                        article=number,
                        article_suffix=to_int(suffix) if suffix else None,
                        paragraph=paragraph,
                        item=item,
                        subitem=subitems[0] if last else None,
                    )
                )
    return refs


def parse_article_refs(text: str) -> list[ArticleRef]:
    """All ArticleRefs of a formal reference as written (第三十九条和第四十条第一项、第二项; 第六条至第九条 expanded)."""
    refs: list[ArticleRef] = []
    end = 0
    for group in GROUP_RE.finditer(text):
        found = parse_group(group.group())
        ranged = "至" in text[end:group.start()] and refs and refs[-1].article is not None
        if ranged and found[0].article is not None and 0 < found[0].article - refs[-1].article <= MAX_RANGE:
            between = range(refs[-1].article + 1, found[0].article)
            refs.extend(ArticleRef(text=text, article=number) for number in between)
        refs.extend(found)
        end = group.end()
    return refs


def informal_ref(text: str) -> ArticleRef:
    """A point, section or chapter reference (第四点（二）, 二、主要任务（四）, 第二章第三节): kept as written, not numbered."""
    return ArticleRef(text=text, informal=True)


def match_reference(text: str, pos: int = 0) -> tuple[str, list[ArticleRef]] | None:
    """The article reference starting exactly at pos (formal first, then informal), with its refs."""
    formal = FORMAL_RE.match(text, pos)
    if formal:
        return formal.group(), parse_article_refs(formal.group())
    informal = INFORMAL_RE.match(text, pos)
    if informal:
        return informal.group().rstrip(), [informal_ref(informal.group().rstrip())]
    return None
