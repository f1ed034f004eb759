"""The one outline builder: a stack of open headings by rank, the title (possibly split over lines) at the top, and the
headings Chinese documents number (第X编/章/节, 一、, （一）/㈠, 1.), run-in headings included (一、heading。body)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parser.boilerplate import Line
from schema.records import Section
from text.script import to_simplified

DOC_TYPES = ("通知|通报|决定|意见|办法|规定|条例|细则|规则|方案|规划|报告|批复|函|公告|通告|纪要|制度|规范|章程|决议|命令|令|指引|准则"
             "|要点|计划|总结|说明|答复|请示|公报|规程|标准|清单|目录")
TITLE_END = re.compile(rf"(?:{DOC_TYPES})(?:[（(][^）)]*[）)])?$")
NOT_TITLE = re.compile(r"[。；;：:！？]|^\S{0,12}[〔\[［﹝(（]\d{4}[〕\]］﹞)）]\S*号$|^\d{4}\s*年|^第\s*\S+\s*号$")
TITLE_MAX_LENGTH = 60
TITLE_WINDOW = 12
TITLE_MAX_LINES = 4
SPACES = re.compile(r"[\s\u3000]+")

NUMERAL = r"[零〇一二三四五六七八九十百千两\d]+"
RANKS: tuple[tuple[str, re.Pattern[str], int], ...] = (
    ("part", re.compile(rf"^第{NUMERAL}[编編](?=[\s\u3000]|$|[^。，,；;]{{1,30}}$)"), 0),
    ("chapter", re.compile(rf"^第{NUMERAL}章(?=[\s\u3000]|$|[^。，,；;]{{1,30}}$)"), 1),
    ("section", re.compile(rf"^第{NUMERAL}[节節](?=[\s\u3000]|$|[^。，,；;]{{1,30}}$)"), 2),
    ("heading", re.compile(r"^[一二三四五六七八九十]+[、.．]"), 3),
    ("item", re.compile(r"^(?:[（(][一二三四五六七八九十]+[）)]|[㈠-㈩])"), 4),
)
RUN_IN_END = "。"
RUN_IN_MAX = 60


def squeeze(text: str) -> str:
    """A line without its spaces (titles are printed with spaces between characters: 通      知)."""
    return SPACES.sub("", text)


def title_like(text: str) -> bool:
    return 0 < len(squeeze(text)) <= TITLE_MAX_LENGTH and not NOT_TITLE.search(squeeze(text))


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


@dataclass
class OutlineStack:
    """The headings open while walking a document: a new heading closes those of the same or a lower rank."""

    body: list[Section] = field(default_factory=list)
    stack: list[tuple[int, Section]] = field(default_factory=list)

    def open(self, node: Section, rank: int) -> None:
        while self.stack and self.stack[-1][0] >= rank:
            self.stack.pop()
        self.add(node)
        self.stack.append((rank, node))

    def add(self, node: Section) -> None:
        """Attach below the innermost open heading (or at the top)."""
        (self.stack[-1][1].children if self.stack else self.body).append(node)

    def innermost(self) -> Section | None:
        return self.stack[-1][1] if self.stack else None

    def named(self, level: str) -> Section | None:
        return next((node for _, node in self.stack if node.level == level), None)


def heading_of(text: str) -> tuple[str, int, str, str, str] | None:
    """(level, rank, label, title, run-in body) of a numbered heading line, or None for running text."""
    for level, pattern, rank in RANKS:
        if not (match := pattern.match(text)):
            continue
        label, rest = text[: match.end()], text[match.end():].strip()
        head, sep, body = rest.partition(RUN_IN_END)
        if sep and body.strip() and len(head) <= RUN_IN_MAX:
            return level, rank, label, head.strip(), body.strip()
        if level in {"heading", "item"} and len(rest) > RUN_IN_MAX:
            return None  # a numbered sentence, not a heading
        return level, rank, label, rest.rstrip(RUN_IN_END), ""
    return None


def build_outline(lines: list[Line]) -> list[Section]:
    """Numbered headings nest by rank; run-in bodies and other lines are paragraphs of the innermost heading."""
    outline = OutlineStack()
    counts: dict[str, int] = {}
    for line in lines:
        heading = heading_of(line.text)
        if heading is None:
            outline.add(Section(level="paragraph", text=line.text, line=line.number))
            continue
        level, rank, label, title, body = heading
        counts[level] = counts.get(level, 0) + 1
        parent = outline.innermost()
        anchor = f"{parent.anchor}-{counts[level]}" if parent is not None and rank > 2 and parent.anchor else f"{level[0]}-{counts[level]}"
        node = Section(level=level, label=label, title=title or None, anchor=anchor, line=line.number)
        outline.open(node, rank)
        if body:
            node.children.append(Section(level="paragraph", text=body, line=line.number))
    return outline.body
