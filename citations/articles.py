"""Article references as 依据 cells write them → ArticleRef with numbers.

Articles 第二十二条, 第22条, 第十条之一; lists 第二、三、四条 and 第九条、第十条; ranges 第三十九至第五十条, 第十条至第十五条
(every article in between); 款 (第一、三款, 末款), 项 (第（五）项, 第（一）、（二）项), 目; chapters and sections 第五章, 第五章第三节;
annex items 附件第3项; a 款 written alone after an article (第二条第一款：…；第四款：…) belongs to that article.
Points of notices (第四点（二）, 二、主要任务（四）) and parts (第二编, 第三部分) are kept as written, not numbered.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from schema.records import ArticleRef
from text.numerals import to_int

NUM = r"[零〇○一二三四五六七八九十百千两0-9０-９]+"
_LIST = r"\s*[、，,和及与或]\s*"
_RANGE = r"\s*(?:至|到|—|－|-|~|～)\s*"
_SEP = rf"(?:{_LIST}|{_RANGE})"
_ARTICLE = rf"第\s*{NUM}(?:{_SEP}(?:第\s*)?{NUM})*\s*[条條](?:\s*之\s*{NUM})?"
_ONE_PARAGRAPH = rf"第\s*{NUM}(?:{_SEP}(?:第\s*)?{NUM})*\s*款"
_PARAGRAPH = rf"(?:{_ONE_PARAGRAPH}(?:{_SEP}{_ONE_PARAGRAPH})*|末\s*款)"
_ITEM_NUM = rf"(?:[（(]\s*{NUM}\s*[)）]|{NUM})"
_ONE_ITEM = rf"第?\s*{_ITEM_NUM}(?:{_SEP}(?:第\s*)?{_ITEM_NUM})*\s*[项項]"
_ITEM = rf"{_ONE_ITEM}(?:{_SEP}{_ONE_ITEM})*"
_GLUE = r"\s*[:：]?\s*"  # 第一条:第（七）项 — a label's colon before the 款 or 项 it narrows to
_SUBITEM = rf"第\s*{NUM}\s*目"
ARTICLE_UNIT = rf"{_ARTICLE}(?:{_GLUE}{_PARAGRAPH})?(?:{_GLUE}{_ITEM})?(?:\s*{_SUBITEM})?"
CHAPTER_UNIT = rf"第\s*{NUM}\s*章(?:\s*第\s*{NUM}\s*节)?|第\s*{NUM}\s*节"
ANNEX_UNIT = rf"附\s*件\s*(?:{NUM})?(?:\s*第\s*{NUM}\s*[项条])?"
PARAGRAPH_UNIT = rf"{_PARAGRAPH}(?:\s*{_ITEM})?"
UNIT_RE = re.compile(rf"(?P<article>{ARTICLE_UNIT})|(?P<chapter>{CHAPTER_UNIT})|(?P<annex>{ANNEX_UNIT})")
PARAGRAPH_UNIT_RE = re.compile(PARAGRAPH_UNIT)
SEP_RE = re.compile(_SEP)
RANGE_RE = re.compile(_RANGE)
FORMAL_RE = re.compile(rf"(?:{ARTICLE_UNIT}|{CHAPTER_UNIT})(?:{_SEP}(?:{ARTICLE_UNIT}|{CHAPTER_UNIT}))*")

_CNUM = r"[一二三四五六七八九十]+"
_BRACKETED = rf"[（(]\s*{_CNUM}\s*[)）]"
_HEADING = r"[^\s，,。；;：:（()）、《》]{2,20}?"
INFORMAL_RE = re.compile(
    rf"第{NUM}大?点(?:\s*中)?(?:\s*(?:{_HEADING}中?\s*)?(?:{_BRACKETED}|第{NUM}小点))?"
    rf"|{_CNUM}、{_HEADING}[。\s]*中?\s*{_BRACKETED}"
    rf"|第{NUM}(?:编|部分)(?:\s*第{NUM}[章节])*"
)
MAX_RANGE = 200
SPLIT_RE = re.compile(rf"({_SEP})")
LAST_PARAGRAPH_RE = re.compile(rf"{_GLUE}末\s*款")
GLUED_PARAGRAPH_RE = re.compile(rf"{_GLUE}{_PARAGRAPH}")
CHAPTER_NUMBER_RE = re.compile(rf"第\s*({NUM})\s*章")
SECTION_NUMBER_RE = re.compile(rf"第\s*({NUM})\s*节")
ANNEX_NUMBER_RE = re.compile(rf"附\s*件\s*({NUM})")
ANNEX_ITEM_RE = re.compile(rf"第\s*({NUM})\s*[项条]")


def _numbers(part: str) -> list[int]:
    """Numbers of a list such as 二十一、二十三 or 六至九 (ranges expanded)."""
    numbers: list[int] = []
    tokens = SPLIT_RE.split(part)
    for index in range(0, len(tokens), 2):
        value = to_int(re.sub(r"[第（()）\s]", "", tokens[index]))
        ranged = index and RANGE_RE.fullmatch(tokens[index - 1])
        if ranged and numbers and 0 < value - numbers[-1] <= MAX_RANGE:
            numbers.extend(range(numbers[-1] + 1, value + 1))
        else:
            numbers.append(value)
    return numbers


def _list_of(pattern: str, marker: str, text: str) -> list[int]:
    """Numbers of the 款/项/目 lists in text (第一项、第二项 → [1, 2]; 第一、三款 → [1, 3])."""
    match = re.search(pattern, text)
    if not match:
        return []
    return _numbers(re.sub(rf"\s*[{marker}]", "", match.group()).strip("、，,:： "))


def _paragraphs(rest: str) -> tuple[list[int | None], bool]:
    """The 款 numbers after an article, and whether the reference is to its last paragraph (末款)."""
    if LAST_PARAGRAPH_RE.match(rest):
        return [None], True
    paragraph = GLUED_PARAGRAPH_RE.match(rest)
    if not paragraph:
        return [None], False
    written = re.sub(r"\s*款\s*", "", paragraph.group()).replace("第", "").strip("、，,:： ")
    return list(_numbers(written)) or [None], False


def _after_paragraph(rest: str) -> str:
    paragraph = GLUED_PARAGRAPH_RE.match(rest)
    return rest[paragraph.end():] if paragraph else rest


def parse_group(text: str) -> list[ArticleRef]:
    """One article unit (第四十条第一项、第二项) → one ArticleRef per article × paragraph × item."""
    article = re.match(_ARTICLE, text)
    assert article is not None, text
    head, _, suffix = article.group().partition("之")
    articles = _numbers(re.sub(r"[条條\s]", "", head)[1:])
    rest = text[article.end():]
    paragraphs, last = _paragraphs(rest)
    after = _after_paragraph(rest)
    items = _list_of(rf"^{_GLUE}{_ITEM}", "项項", after) or [None]
    subitems = _list_of(_SUBITEM, "目", after) or [None]
    refs = []
    for number in articles:
        final = number == articles[-1]
        for paragraph in paragraphs if final else [None]:
            for item in items if final else [None]:
                refs.append(ArticleRef(
                    text=text, article=number, article_suffix=to_int(suffix) if suffix else None, paragraph=paragraph,
                    item=item, subitem=subitems[0] if final else None, last_paragraph=last and final,
                ))
    return refs


def _chapter_refs(text: str) -> list[ArticleRef]:
    chapter = CHAPTER_NUMBER_RE.match(text)
    section = SECTION_NUMBER_RE.search(text)
    return [ArticleRef(text=text, chapter=to_int(chapter.group(1)) if chapter else None,
                       section=to_int(section.group(1)) if section else None)]


def _annex_refs(text: str) -> list[ArticleRef]:
    annex = ANNEX_NUMBER_RE.match(text)
    item = ANNEX_ITEM_RE.search(text)
    return [ArticleRef(text=text, annex=to_int(annex.group(1)) if annex else 1, annex_item=to_int(item.group(1)) if item else None)]


def _paragraph_refs(text: str, article: ArticleRef) -> list[ArticleRef]:
    """A 款 written alone (…；第四款：) → refs of the article named before it."""
    paragraphs, last = _paragraphs(text)
    items = _list_of(rf"^\s*{_ITEM}", "项項", _after_paragraph(text)) or [None]
    return [ArticleRef(text=text, article=article.article, article_suffix=article.article_suffix, paragraph=paragraph, item=item,
                       last_paragraph=last) for paragraph in paragraphs for item in items]


def _unit_refs(match: re.Match[str]) -> list[ArticleRef]:
    if match.group("article"):
        return parse_group(match.group())
    if match.group("chapter"):
        return _chapter_refs(match.group())
    return _annex_refs(match.group())


def _expand_range(previous: ArticleRef, found: list[ArticleRef], text: str) -> list[ArticleRef]:
    """第六条至第八条: the articles strictly between two units joined by 至."""
    first = found[0]
    if previous.article is None or first.article is None or not 0 < first.article - previous.article <= MAX_RANGE:
        return []
    return [ArticleRef(text=text, article=number) for number in range(previous.article + 1, first.article)]


def _readable(read: Callable[..., list[ArticleRef]], *args: object) -> list[ArticleRef]:
    """The refs `read` finds, or none when a number in the unit does not read (第十十条, 第二十9条): the reference
    ends before it and the text stays as written."""
    try:
        return read(*args)
    except ValueError:
        return []


def match_reference(text: str, pos: int = 0, *, article: ArticleRef | None = None) -> tuple[str, list[ArticleRef]] | None:
    """The reference starting exactly at pos (units joined by 、，和 and 至; else a point or part), with its refs.

    `article` is the article named just before (a lone 款 such as 第四款 refers to it).
    """
    refs: list[ArticleRef] = []
    end = pos
    while True:
        gap = SEP_RE.match(text, end) if refs else None
        start = gap.end() if gap else end
        unit = UNIT_RE.match(text, start)
        if unit is None and not refs and article is not None and article.article is not None:
            lone = PARAGRAPH_UNIT_RE.match(text, start)
            if lone and (paragraph_refs := _readable(_paragraph_refs, lone.group(), article)):
                return lone.group(), paragraph_refs
        if unit is None or (refs and not gap):
            break
        found = _readable(_unit_refs, unit)
        if not found:
            break
        if gap and RANGE_RE.fullmatch(gap.group()):
            refs.extend(_expand_range(refs[-1], found, text[pos : unit.end()]))
        refs.extend(found)
        end = unit.end()
    if refs:
        return text[pos:end], refs
    informal = INFORMAL_RE.match(text, pos)
    if informal:
        return informal.group().rstrip(), [informal_ref(informal.group().rstrip())]
    return None


def parse_article_refs(text: str) -> list[ArticleRef]:
    """All ArticleRefs of a reference as written (第三十九条和第四十条第一项、第二项; 第六条至第九条 expanded)."""
    refs: list[ArticleRef] = []
    pos = 0
    while pos < len(text):
        found = match_reference(text, pos)
        if found and not found[1][0].informal:
            refs.extend(found[1])
            pos += max(1, len(found[0]))
        else:
            pos += 1
    return refs


def informal_ref(text: str) -> ArticleRef:
    """A point or part reference (第四点（二）, 二、主要任务（四）, 第三部分): kept as written, not numbered."""
    return ArticleRef(text=text, informal=True)
