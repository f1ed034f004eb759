"""Cell text as a reader sees it: the line breaks and spaces a workbook's layout puts inside words undone.

Spreadsheets exported from government systems break cell text at the column width ("对拒绝\\n配合统\\n计调查") and
pad it with layout spaces, em-spaces and NBSP ("1983年12月8 日", "《 中华人民共和国"). A break is kept where the
next line starts a numbered entry (1. 一、 （一） ① 第X条), a 【tag】, a new citation (《) or where the line before it
ends a sentence; every other break, and every space between two CJK characters, inside 《》 or a number, goes.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Width-and-layout spaces that stand for one ordinary space.
_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t]")
_CJK = r"\u3400-\u9fff\uf900-\ufaff"
# A space is layout between CJK characters and digits, after an opening bracket or a comma, before any full-width
# punctuation; after a sentence end (。；) or a closing bracket it may separate sentences, and stays.
_LEFT = rf"{_CJK}0-9、，：（《“「『【〔‘"
_RIGHT = rf"{_CJK}0-9、，。；：！？）》」』】〕”’"
_SPACE_INSIDE = re.compile(rf"(?<=[{_LEFT}]) +(?=[{_RIGHT}])")
_TITLE = re.compile(r"《[^《》]*》")
_TITLE_SPACE = re.compile(r"(?<![A-Za-z0-9]) +| +(?![A-Za-z0-9])")
# A space after an article or item label separates the label from its text: the author's, kept.
LABEL_WIDTH = 32  # an article or item label is never longer (第一百二十三条 is 7)
_LABEL_END = re.compile(r"第[一二三四五六七八九十百千零〇两\d]+[条條款项項章节節目]$|[】\]]$")
_ENTRY = re.compile(
    r"^(?:\d{1,3}\s*[.．、,，](?!\d)|[一二三四五六七八九十]{1,3}\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]"
    r"|[①-⑳㈠-㈩]|第[一二三四五六七八九十百零〇\d]+[条條章节節款项項]|【|《|\[|附件|备注|注[:：])"
)
_SENTENCE_END = re.compile(r"(?:[。；;！!？?：:]|号[)）])$")  # a sentence, or a citation closing on its 文号


def normalize_spaces(text: str) -> str:
    """Em-, en-, NBSP, full-width and other width spaces as plain spaces; CRLF as LF."""
    return _SPACES.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))


def tighten(line: str) -> str:
    """One line without layout spaces: none between CJK characters, full-width punctuation or digits (except after a label)."""
    line = line.strip()
    # Only the label's own width before a space is searched: the whole prefix made each line quadratic in its spaces.
    line = _SPACE_INSIDE.sub(lambda space: " " if _LABEL_END.search(line[max(0, space.start() - LABEL_WIDTH) : space.start()]) else "",
                             line)  # fmt: skip
    return _TITLE.sub(lambda title: _TITLE_SPACE.sub("", title.group()), line)


def keeps_break(before: str, after: str) -> bool:
    """A break between two lines is the author's when the second starts an entry or the first ends a sentence."""
    return bool(_ENTRY.match(after) or _SENTENCE_END.search(before))


@lru_cache(maxsize=65_536)  # lists repeat the same cells (追责对象范围, 承办机构) on hundreds of rows
def reflow(text: str) -> str:
    """The text as a reader sees it: layout breaks and spaces removed, the author's breaks kept, blank lines dropped."""
    lines = [tighten(line) for line in normalize_spaces(text).split("\n")]
    lines = [line for line in lines if line]
    if not lines:
        return ""
    out = [lines[0]]
    for line in lines[1:]:
        if keeps_break(out[-1], line):
            out.append(line)
        else:
            joiner = " " if re.search(r"[A-Za-z0-9]$", out[-1]) and re.match(r"[A-Za-z]", line) else ""
            out[-1] = tighten(out[-1] + joiner + line)
    return "\n".join(out)


@lru_cache(maxsize=65_536)
def one_line(text: str) -> str:
    """A name, category or heading as one line: reflowed, every remaining break joined."""
    return tighten("".join(reflow(text).split("\n")))
