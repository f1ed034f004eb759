"""The one outline builder: a stack of open headings by rank, and the headings Chinese documents number
(第X编/章/节, 一、, （一）/㈠), run-in headings included (一、heading。body)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parser.boilerplate import Line
from schema.records import Residue, Section

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
        return level, rank, label, rest, ""
    return None


def build_outline(lines: list[Line], file: str) -> tuple[list[Section], list[Residue]]:
    """Numbered headings nest by rank; run-in bodies and other lines are paragraphs of the innermost heading.

    The 。 that ends a run-in heading belongs to neither the heading nor its text: it is residue.
    """
    outline = OutlineStack()
    separators: list[Residue] = []
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
            separators.append(Residue(file=file, line=line.number, reason="run-in heading separator", text=RUN_IN_END))
    return outline.body, separators
