"""Reader for regulations (管理办法, 条例, 规定, 细则): preamble, 编/章/节/条/款/项/目, a stable anchor per article."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from parser.boilerplate import Line
from parser.document import document_title, make_document, scan_citations
from parser.page import Page
from parser.source import ReadResult
from schema.records import Article, Diagnostic, Section
from text.numerals import to_int
from text.script import to_simplified

NUMERAL = r"[零〇一二三四五六七八九十百千两\d]+"
ARTICLE = re.compile(rf"^第({NUMERAL})[条條](?:之({NUMERAL}))?(?![第之款项項])[\s\u3000]*")
HEADING = re.compile(rf"^第({NUMERAL})([编編章节節])[\s\u3000]*([^。，,；;：:]{{0,40}})$")
ITEM = re.compile(r"^([（(][一二三四五六七八九十]+[）)])[\s\u3000]*")
SUBITEM = re.compile(r"^(\d{1,2}[.．、])[\s\u3000]*")
TITLE = re.compile(r"(办法|条例|规定|细则|规则|决定|章程|制度|规范|通知)([（(][^）)]*[）)])?$")
HEADING_LEVELS = {"编": "part", "編": "part", "章": "chapter", "节": "section", "節": "section"}
LEVEL_RANK = {"part": 0, "chapter": 1, "section": 2}
MIN_ARTICLES = 3
ASCENDING_SHARE = 0.8  # share of article lines numbered above the previous one, for a regulation


@dataclass
class Provisions:
    """The parsed body of a regulation or statute."""

    preamble: list[Line] = field(default_factory=list)
    body: list[Section] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


@dataclass
class _Open:
    """The headings currently open (編/章/節) while walking the lines."""

    stack: list[Section] = field(default_factory=list)

    def attach(self, body: list[Section], node: Section) -> None:
        (self.stack[-1].children if self.stack else body).append(node)

    def open_heading(self, body: list[Section], match: re.Match[str], line: Line) -> None:
        """Close headings of the same or a lower rank, then open this one below what stays open."""
        level = HEADING_LEVELS[match.group(2)]
        while self.stack and LEVEL_RANK[self.stack[-1].level] >= LEVEL_RANK[level]:
            self.stack.pop()
        node = heading_section(match, line, self.stack[-1].anchor if self.stack else None)
        self.attach(body, node)
        self.stack.append(node)

    def named(self, level: str) -> str | None:
        node = next((node for node in self.stack if node.level == level), None)
        return f"{node.label} {node.title}".strip() if node else None


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


def build_article(match: re.Match[str], first: Line, rest: list[Line], headings: _Open) -> tuple[Article, Section]:
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
        chapter=headings.named("chapter"),
        section=headings.named("section"),
        text="\n".join(line.text for line in content),
        paragraphs=[paragraph_text(paragraph) for paragraph in paragraphs],
        line=first.number,
    )
    return article, node


def parse_provisions(lines: list[Line], file: str) -> Provisions:
    """Walk content lines into preamble, the 编/章/节 tree and its articles (each with 款/项/目)."""
    result = Provisions()
    headings = _Open()
    pending: tuple[re.Match[str], Line, list[Line]] | None = None

    def close_article() -> None:
        if pending is None:
            return
        article, node = build_article(*pending, headings)
        result.articles.append(article)
        headings.attach(result.body, node)

    for line in lines:
        if heading := HEADING.match(line.text):
            close_article()
            pending = None
            headings.open_heading(result.body, heading, line)
        elif article := ARTICLE.match(line.text):
            close_article()
            pending = (article, line, [])
        elif pending is not None:
            pending[2].append(line)
        elif headings.stack:
            headings.attach(result.body, Section(level="paragraph", text=line.text, line=line.number))
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


def split_title(lines: list[Line]) -> tuple[Line | None, list[Line]]:
    """The title line when the text starts with one (short, ends like 办法/条例/规定), and the remaining lines."""
    first = lines[0] if lines else None
    if first and len(first.text) <= 60 and TITLE.search(to_simplified(first.text)) and not ARTICLE.match(first.text):
        return first, lines[1:]
    return None, lines


def sniff(page: Page) -> float:
    """Several lines starting 第X条 numbered in ascending order, and no markdown statute header."""
    if not page.text or "<!-- INFO END -->" in page.text:
        return 0.0
    numbers = [to_int(match.group(1)) for line in page.text.splitlines() if (match := ARTICLE.match(line.strip()))]
    ascending = sum(later >= earlier for earlier, later in pairwise(numbers))
    if len(numbers) < MIN_ARTICLES or ascending < ASCENDING_SHARE * (len(numbers) - 1):
        return 0.0
    return min(0.5 + 0.01 * len(numbers), 0.8)


def read(page: Page) -> ReadResult:
    title_line, lines = split_title(page.lines())
    provisions = parse_provisions(lines, page.name)
    citations, citation_problems = scan_citations(lines, page.name)
    title, untitled = document_title(page, title_line.text if title_line else None, lines[0].number if lines else 1)
    diagnostics = provisions.diagnostics + citation_problems + untitled
    document = make_document(
        page,
        kind="regulation",
        title=title,
        line=title_line.number if title_line else 1,
        preamble="\n".join(line.text for line in provisions.preamble) or None,
        body=provisions.body,
        articles=provisions.articles,
        citations=citations,
        meta={"page": page.metadata} if page.metadata else {},
    )
    return ReadResult(kind="regulation", documents=[document], diagnostics=diagnostics, residue=list(page.chrome))
