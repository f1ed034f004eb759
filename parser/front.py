"""The front matter of Chinese official documents: a title printed over several lines with spaces inside (关于…的 /
通      知), 发文字号 lines (邯组通字〔2018〕39号, 第　20　号), date lines (2013年2月4日, 二○一八年六月十六日), issuing bodies."""

from __future__ import annotations

import re

from citations.doc_numbers import normalize_doc_number
from parser.boilerplate import Line
from text.dates import iso_date
from text.script import to_simplified

DOC_TYPES = ("通知|通报|决定|意见|办法|规定|条例|细则|规则|方案|规划|报告|批复|函|公告|通告|纪要|制度|规范|章程|决议|命令|令|指引|准则"
             "|要点|计划|总结|说明|答复|请示|公报|规程|标准|清单|目录")
TITLE_END = re.compile(rf"(?:{DOC_TYPES})(?:[（(][^）)]*[）)])?$")
NOT_TITLE = re.compile(r"[。；;：:！？]|^\S{0,12}[〔\[［﹝(（]\d{4}[〕\]］﹞)）]\S*号$|^\d{4}\s*年|^第\s*\S+\s*号$")
TITLE_MAX_LENGTH = 60
TITLE_WINDOW = 12
TITLE_MAX_LINES = 4
SPACES = re.compile(r"[\s\u3000]+")

DOC_NUMBER = re.compile(r"^\S{1,12}[〔\[［﹝(（]\d{4}[〕\]］﹞)）]\d+号$")
DECREE_NUMBER = re.compile(r"^第\d+号$")
DATE_LINE_MAX = 12


def squeeze(text: str) -> str:
    """A line without its spaces (titles are printed with spaces between characters: 通      知)."""
    return SPACES.sub("", text)


def title_like(text: str) -> bool:
    """Short, no sentence punctuation, not a document number or a date."""
    compact = to_simplified(squeeze(text))
    return 0 < len(compact) <= TITLE_MAX_LENGTH and not NOT_TITLE.search(compact)


def find_title(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """The title's lines (up to four short lines ending in a document type such as 通知 or 办法) and the other lines."""
    for end in range(min(TITLE_WINDOW, len(lines))):
        if not (title_like(lines[end].text) and TITLE_END.search(to_simplified(squeeze(lines[end].text)))):
            continue
        start = end
        while start > 0 and end - start < TITLE_MAX_LINES - 1 and title_like(lines[start - 1].text) \
                and not TITLE_END.search(to_simplified(squeeze(lines[start - 1].text))):
            start -= 1
        return lines[start:end + 1], lines[:start] + lines[end + 1:]
    return [], lines


def title_text(lines: list[Line]) -> str | None:
    """The title as one string: its lines joined, the spaces that spread it across the page removed."""
    return "".join(squeeze(line.text) for line in lines) or None


def is_date_line(text: str) -> bool:
    """A line that is only a date (2018年6月16日, 二○一八年六月十六日), spaces aside."""
    compact = squeeze(text)
    return len(compact) <= DATE_LINE_MAX and iso_date(compact) is not None


def doc_number_of(text: str) -> str | None:
    """The 发文字号 a line consists of, normalized (〔〕 brackets; a decree's 第N号 without its spaces), else None."""
    compact = to_simplified(squeeze(text))
    if DOC_NUMBER.match(compact):
        return normalize_doc_number(compact)
    return compact if DECREE_NUMBER.match(compact) else None


ORGANIZATION = re.compile(r"(部|委员会|委|厅|局|办公室|办公厅|政府|总局|署|院|行|会|中心)$")
ORGANIZATION_MAX_LENGTH = 30


def organizations(texts: list[str]) -> list[str]:
    """The lines that name an issuing body (…部, …委员会, …人民政府办公室), spaces removed, in order."""
    names = [to_simplified(squeeze(text)) for text in texts]
    return [name for name in names if len(name) <= ORGANIZATION_MAX_LENGTH and ORGANIZATION.search(name)
            and not NOT_TITLE.search(name)]
