"""Reader for regulations (管理办法, 条例, 规定, 细则): preamble, 编/章/节/条/款/项/目, a stable anchor per article."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from parser.boilerplate import Line
from parser.document import document_title, make_document, scan_citations
from parser.front import doc_number_of, find_title, is_date_line, organizations, squeeze, title_text
from parser.outline import OutlineStack
from parser.page import Block, Page
from parser.source import ReadResult
from schema.records import Article, Diagnostic, Section
from text.dates import iso_date
from text.numerals import numeral_value, to_int
from text.script import to_simplified

NUMERAL = r"[零〇一二三四五六七八九十百千两\d]+"
ARTICLE = re.compile(rf"^第({NUMERAL})[条條](?:之({NUMERAL}))?(?![第之款项項])[\s\u3000]*")
HEADING = re.compile(rf"^第({NUMERAL})([编編章节節])[\s\u3000]*([^。，,；;：:]{{0,40}})$")
ITEM = re.compile(r"^([（(][一二三四五六七八九十]+[）)]|[㈠-㈩])[\s\u3000]*")
SUBITEM = re.compile(r"^(\d{1,2}[.．、])[\s\u3000]*")
TITLE = re.compile(r"(办法|条例|规定|细则|规则|决定|章程|制度|规范|通知)([（(][^）)]*[）)])?$")
HEADING_LEVELS = {"编": "part", "編": "part", "章": "chapter", "节": "section", "節": "section"}
LEVEL_RANK = {"part": 0, "chapter": 1, "section": 2}
ATTACHMENT = re.compile(r"^附件\s*\d*\s*[:：]")
MIN_ARTICLES = 3
ASCENDING_SHARE = 0.8  # share of article lines numbered above the previous one, for a regulation


@dataclass
class Provisions:
    """The parsed body of a regulation or statute."""

    preamble: list[Line] = field(default_factory=list)
    body: list[Section] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def open_heading(headings: OutlineStack, match: re.Match[str], line: Line, used: set[str]) -> None:
    """Close headings of the same or a lower rank, then open this one (a repeated number gets a unique anchor)."""
    level = HEADING_LEVELS[match.group(2)]
    while headings.stack and headings.stack[-1][0] >= LEVEL_RANK[level]:
        headings.stack.pop()
    parent = headings.innermost()
    node = heading_section(match, line, parent.anchor if parent else None)
    if node.anchor in used:
        node.anchor = next(f"{node.anchor}-dup{count}" for count in range(2, len(used) + 3) if f"{node.anchor}-dup{count}" not in used)
    used.add(node.anchor or "")
    headings.open(node, LEVEL_RANK[level])


def heading_name(headings: OutlineStack, level: str) -> str | None:
    node = headings.named(level)
    return f"{node.label} {node.title}".strip() if node else None


def _numbered(match: re.Match[str] | None, groups: tuple[int, ...]) -> re.Match[str] | None:
    """The match when its numerals read as numbers: 第十十条 is a line of text, not an article."""
    return match if match and all(match.group(group) is None or numeral_value(match.group(group)) is not None for group in groups) else None


def article_match(text: str) -> re.Match[str] | None:
    return _numbered(ARTICLE.match(text), (1, 2))


def heading_match(text: str) -> re.Match[str] | None:
    return _numbered(HEADING.match(text), (1,))


def heading_section(match: re.Match[str], line: Line, parent_anchor: str | None) -> Section:
    """A 编/章/节 heading node with its anchor (part-1, ch-2, ch-2-sec-3)."""
    level = HEADING_LEVELS[match.group(2)]
    number = to_int(match.group(1))
    short = {"part": "part", "chapter": "ch", "section": "sec"}[level]
    anchor = f"{parent_anchor}-{short}-{number}" if level == "section" and parent_anchor else f"{short}-{number}"
    label = line.text[: match.start(3)].strip() if match.group(3) else line.text.strip()
    return Section(level=level, label=label, title=(match.group(3) or "").strip() or None, anchor=anchor, line=line.number)


def article_anchor(number: int, suffix: int | None) -> str:
    return f"art-{number}-{suffix}" if suffix else f"art-{number}"


def split_paragraphs(anchor: str, lines: list[Line]) -> list[Section]:
    """款 (paragraph) nodes of an article, each holding its 项 (items) and 目 (sub-items)."""
    paragraphs: list[Section] = []
    for line in lines:
        item = ITEM.match(line.text)
        sub = SUBITEM.match(line.text)
        if item and paragraphs:
            parent = paragraphs[-1]
            node_anchor = f"{parent.anchor}-i{len(parent.children) + 1}"
            text = line.text[item.end():]
            parent.children.append(Section(level="item", label=item.group(1), anchor=node_anchor, text=text, line=line.number))
        elif sub and paragraphs and paragraphs[-1].children:
            parent = paragraphs[-1].children[-1]
            node_anchor = f"{parent.anchor}-s{len(parent.children) + 1}"
            text = line.text[sub.end():]
            parent.children.append(Section(level="subitem", label=sub.group(1), anchor=node_anchor, text=text, line=line.number))
        else:
            paragraphs.append(Section(level="paragraph", anchor=f"{anchor}-p{len(paragraphs) + 1}", text=line.text, line=line.number))
    return paragraphs


def paragraph_text(paragraph: Section) -> str:
    """A 款 with its items as written, one line each."""
    parts = [paragraph.text or ""]
    for item in paragraph.children:
        parts.append(f"{item.label}{item.text}")
        parts.extend(f"{sub.label}{sub.text}" for sub in item.children)
    return "\n".join(part for part in parts if part)


def build_article(match: re.Match[str], first: Line, rest: list[Line], headings: OutlineStack) -> tuple[Article, Section]:
    """The flat Article and the article node of the body tree."""
    number = to_int(match.group(1))
    suffix = to_int(match.group(2)) if match.group(2) else None
    anchor = article_anchor(number, suffix)
    label = first.text[: match.end()].strip()
    lead = first.text[match.end():].strip()
    content = ([Line(first.number, lead)] if lead else []) + rest
    paragraphs = split_paragraphs(anchor, content)
    node = Section(level="article", label=label, anchor=anchor, line=first.number, children=paragraphs)
    article = Article(
        number=number,
        suffix=suffix,
        label=label,
        anchor=anchor,
        chapter=heading_name(headings, "chapter"),
        section=heading_name(headings, "section"),
        text="\n".join(line.text for line in content),
        paragraphs=[paragraph_text(paragraph) for paragraph in paragraphs],
        line=first.number,
    )
    return article, node


def parse_provisions(lines: list[Line], file: str) -> Provisions:
    """Walk content lines into preamble, the 编/章/节 tree and its articles (each with 款/项/目)."""
    result = Provisions()
    headings = OutlineStack(body=result.body)
    used: set[str] = set()
    pending: tuple[re.Match[str], Line, list[Line]] | None = None

    def close_article() -> None:
        if pending is None:
            return
        article, node = build_article(*pending, headings)
        result.articles.append(article)
        headings.add(node)

    for line in lines:
        if heading := heading_match(line.text):
            close_article()
            pending = None
            open_heading(headings, heading, line, used)
        elif article := article_match(line.text):
            close_article()
            pending = (article, line, [])
        elif pending is not None:
            pending[2].append(line)
        elif headings.stack:
            headings.add(Section(level="paragraph", text=line.text, line=line.number))
        else:
            result.preamble.append(line)
    close_article()
    result.diagnostics = sequence_diagnostics(result.articles, file)
    dedupe_anchors(result)
    return result


def sequence_diagnostics(articles: list[Article], file: str) -> list[Diagnostic]:
    """Warn where article numbers skip, repeat or go backwards (inserted 之N articles excepted)."""
    diagnostics = []
    previous = 0
    for article in articles:
        if article.suffix is None and article.number != previous + 1:
            diagnostics.append(
                Diagnostic(level="warning", code="article-sequence", message=f"article {article.number} follows article {previous}",
                           file=file, line=article.line, text=article.label)
            )
        previous = article.number
    return diagnostics


def dedupe_anchors(provisions: Provisions) -> None:
    """A repeated article number keeps the first anchor; later ones get '-dupN' so anchors stay unique."""
    seen: dict[str, int] = {}
    for article in provisions.articles:
        count = seen.get(article.anchor, 0)
        seen[article.anchor] = count + 1
        if count:
            article.anchor = f"{article.anchor}-dup{count + 1}"


def is_title(line: Line) -> bool:
    """Short and ending like 办法/条例/规定 (spaces inside aside), and not an article."""
    return len(line.text) <= 60 and bool(TITLE.search(to_simplified(squeeze(line.text)))) and not article_match(line.text)


def split_front(lines: list[Line]) -> tuple[list[Line], Line | None, list[Line]]:
    """What issues the regulation (a 令 or 通知 before its title), its title line, and the remaining lines.

    The title is the last title line before the first heading or article: a wrapping 通知 has a title of its own first.
    """
    first = next((index for index, line in enumerate(lines) if heading_match(line.text) or article_match(line.text)), len(lines))
    titles = [index for index in range(first) if is_title(lines[index])]
    if not titles:
        return [], None, lines
    title = titles[-1]
    return lines[:title], lines[title], lines[title + 1:]


def issuing_document(lines: list[Line], tables: list[Block]) -> dict[str, Any] | None:
    """The 令 or 通知 that issues the regulation: its title, 发文字号, signing date, issuing bodies (also from a decree's
    header table, one body per line) and text as written."""
    if not lines:
        return None
    title_lines, _ = find_title(lines)
    number = next((found for line in lines if (found := doc_number_of(line.text))), None)
    dates = [iso_date(squeeze(line.text)) for line in lines if is_date_line(line.text)]
    cells = [part for table in tables for row in table.rows for cell in row for part in cell.text.split("\n")]
    bodies = list(dict.fromkeys(organizations(cells + [line.text for line in lines if line not in title_lines])))
    return {"title": title_text(title_lines), "doc_number": number, "date": dates[-1] if dates else None,
            "issuer": "、".join(bodies) or None, "text": "\n".join(line.text for line in lines), "line": lines[0].number}


def split_attachments(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """Attachment notes after the last article (附件：…) are not part of it."""
    last = max((index for index, line in enumerate(lines) if article_match(line.text)), default=len(lines))
    start = next((index for index in range(last + 1, len(lines)) if ATTACHMENT.match(lines[index].text)), len(lines))
    return lines[:start], lines[start:]


def sniff(page: Page) -> float:
    """Several lines starting 第X条 numbered in ascending order, and no markdown statute header."""
    if not page.text or "<!-- INFO END -->" in page.text:
        return 0.0
    numbers = [to_int(match.group(1)) for line in page.text.splitlines() if (match := article_match(line.strip()))]
    ascending = sum(later >= earlier for earlier, later in pairwise(numbers))
    if len(numbers) < MIN_ARTICLES or ascending < ASCENDING_SHARE * (len(numbers) - 1):
        return 0.0
    return min(0.5 + 0.01 * len(numbers), 0.8)


def read(page: Page) -> ReadResult:
    front, title_line, rest = split_front(page.lines())
    lines, attachments = split_attachments(rest)
    provisions = parse_provisions(lines, page.name)
    citations, citation_problems = scan_citations(front + lines + attachments, page.name)
    title, untitled = document_title(page, title_line.text if title_line else None, lines[0].number if lines else 1)
    diagnostics = provisions.diagnostics + citation_problems + untitled
    before_title = title_line.number if title_line else 0
    issued_by = issuing_document(front, [block for block in page.blocks if block.kind == "table" and block.line < before_title])
    meta: dict[str, Any] = {"page": page.metadata} if page.metadata else {}
    if issued_by:
        meta["issued_by"] = issued_by
    if attachments:
        meta["attachments"] = [{"line": line.number, "text": line.text} for line in attachments]
    document = make_document(
        page,
        kind="regulation",
        title=title,
        line=title_line.number if title_line else 1,
        preamble="\n".join(line.text for line in provisions.preamble) or None,
        body=provisions.body,
        articles=provisions.articles,
        citations=citations,
        doc_number=(issued_by or {}).get("doc_number"),
        issuer=(issued_by or {}).get("issuer"),
        date=(issued_by or {}).get("date"),
        meta=meta,
    )
    return ReadResult(kind="regulation", documents=[document], diagnostics=diagnostics, residue=list(page.chrome))
