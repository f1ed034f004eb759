"""Saved web pages: the main content found, page chrome and hidden copies reported, the 政府信息公开 box read as fields.

Main content is the element holding the most running text (a readability-style score: sentence text counts for the
element that holds it and its parent in full and for further ancestors less and less, scaled down by the share of
link text), so navigation, link lists and footers fall outside it. Text outside it is chrome, except a heading near
it (the title portals print above the article). Elements hidden with `display:none` (print copies, share blurbs)
are dropped before anything is read and reported as residue.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

import lxml.html
from lxml.etree import ParserError, _Element

from parser import limits
from parser.boilerplate import chrome_reason
from parser.containers.error import ContainerError
from parser.page import Block, Cell, Page
from parser.source import RawSource
from parser.tables.html import html_rows
from schema.records import Residue
from text.dates import find_date

SKIPPED = {"script", "style", "template", "head", "iframe", "object", "svg"}
BLOCKS = {
    "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "dir", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr",
    "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "ul", "caption", "tr", "td", "th", "html",
}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
LAYOUT_CONTENT = HEADINGS | {"ul", "ol", "form", "iframe", "article", "section", "nav"}
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
CHROME_HINT = re.compile(r"share|print|font|fontsize|switchsize|toolbar|pagination|related|qrcode|ewm|crumb|breadcrumb|footer|nav|menu",
                         re.IGNORECASE)
TITLE_HINT = re.compile(r"title|tit\b|headline|biaoti", re.IGNORECASE)
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
HTML_WHITESPACE = re.compile(r"[ \t\n\r\f]+")
SENTENCE_PUNCTUATION = re.compile(r"[，。；：、,.;]")
MIN_RUN = 10
BOX_KEYS = ("索引号", "发布机构", "发文机关", "成文日期", "发文字号", "文号", "主题分类", "主题词", "发布日期", "生成日期",
            "公开方式", "公开范围", "有效性", "体裁分类", "组配分类", "名称", "标题", "信息来源")
BOX_KEY = re.compile(r"(" + "|".join(sorted(BOX_KEYS, key=len, reverse=True)) + r")\s*[:：]?")
BOX_MIN_KEYS = 3
BOX_MAX_TEXT = 800
HTML_START = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta)[\s>]",
                        re.IGNORECASE | re.DOTALL)


def is_html_page(text: str) -> bool:
    """A whole HTML document (a bare <table> fragment in a text file stays a text grid)."""
    return bool(HTML_START.match(text[:4000]))


@dataclass
class Run:
    """A stretch of running text between block boundaries: its text, line, the block element holding it, link chars."""

    text: str
    line: int
    owner: _Element
    link_chars: int = 0
    table: Block | None = None


@dataclass
class _Walk:
    runs: list[Run] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    line: int = 0
    owner: _Element | None = None
    link_chars: int = 0

    def add(self, text: str | None, line: int, owner: _Element, in_link: bool) -> None:
        if not text:
            return
        if not self.parts:
            self.line, self.owner = line, owner
        self.parts.append(text)
        if in_link:
            self.link_chars += len(text.strip())

    def flush(self) -> None:
        text = HTML_WHITESPACE.sub(" ", "".join(self.parts)).strip()
        if text and self.owner is not None:
            self.runs.append(Run(text=text, line=self.line, owner=self.owner, link_chars=self.link_chars))
        self.parts, self.owner, self.link_chars = [], None, 0


def html_page(source: RawSource) -> Page:
    """The page's document view (main content blocks), grid view (tables and text rows) and residue."""
    text = source.text or ""
    try:  # lxml refuses decoded text that still declares an encoding; the declaration spans no line break
        root = lxml.html.document_fromstring(XML_DECLARATION.sub("", text, count=1))
    except (ParserError, ValueError) as error:
        raise ContainerError("unreadable", f"not a readable HTML page: {error}") from error
    limits.check_depth(root, limits.current())
    page = Page(source=source, container="html", text=text)
    page.residue = drop_hidden(root, source.name)
    page.residue.extend(head_title(root, source.name))
    rows = html_rows(root)
    page.grid_reader = lambda: ("html", rows)
    box = metadata_box(root)
    runs = element_runs(root.body if root.find("body") is not None else root, box)
    main = main_content(runs)
    if box is not None:
        read_box(box, page)
    page.blocks, page.chrome = classify(runs, main, source.name)
    page.text = "\n".join(block.text for block in page.blocks)
    return page


def drop_hidden(root: _Element, file: str) -> list[Residue]:
    """Remove elements hidden by style or the `hidden` attribute; their text is residue."""
    hidden = [element for element in root.iter() if isinstance(element.tag, str) and _is_hidden(element)]
    residue = []
    for element in hidden:
        if any(_is_hidden(ancestor) for ancestor in element.iterancestors()):
            continue
        for run in element_runs(element, None):
            residue.append(Residue(file=file, line=run.line, reason="hidden element", text=run.text))
    for element in hidden:
        if element.getparent() is not None and not any(_is_hidden(a) for a in element.iterancestors()):
            element.drop_tree()
    return residue


def _is_hidden(element: _Element) -> bool:
    """Hidden by style or attribute, or shown only without JavaScript (<noscript>)."""
    if element.tag == "noscript":
        return True
    return bool(HIDDEN_STYLE.search(element.get("style") or "")) or element.get("hidden") is not None


def head_title(root: _Element, file: str) -> list[Residue]:
    """The <title> names the site as much as the document: residue, never the document's title."""
    title = root.find(".//title")
    text = HTML_WHITESPACE.sub(" ", title.text_content()).strip() if title is not None else ""
    return [Residue(file=file, line=title.sourceline or 0, reason="page title", text=text)] if text else []


def element_runs(element: _Element, skip: _Element | None) -> list[Run]:
    """The text runs below `element` in reading order; a table becomes one run carrying a table block."""
    walk = _Walk()
    _visit(element, walk, element, in_link=False, skip=skip)
    walk.flush()
    return walk.runs


def _visit(element: _Element, walk: _Walk, owner: _Element, *, in_link: bool, skip: _Element | None) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in SKIPPED or element is skip or not tag:
        return
    if tag == "table" and is_data_table(element):
        walk.flush()
        for caption in element.findall("caption"):
            walk.runs.extend(element_runs(caption, skip))
        block = table_block(element)
        if block.rows:
            walk.runs.append(Run(text=block.text, line=block.line, owner=element, table=block))
        return
    if tag == "br":
        walk.flush()
        return
    block = tag in BLOCKS
    if block:
        walk.flush()
        owner = element
    link = in_link or tag == "a"
    walk.add(element.text, element.sourceline or 0, owner, link)
    for child in element:
        _visit(child, walk, owner, in_link=link, skip=skip)
        if child.tag == "br" or (isinstance(child.tag, str) and child.tag in BLOCKS | {"table"}):
            line = child.sourceline or 0
        else:
            line = walk.line or child.sourceline or 0
        walk.add(child.tail, line, owner, in_link)
    if block:
        walk.flush()


def is_data_table(table: _Element) -> bool:
    """A table of data (cells side by side), not a layout table portals of the 2000s wrap their pages in: those hold
    other tables, headings, lists or forms in their cells, or put everything in one column."""
    if any(next(inner.iterancestors("table"), None) is table for inner in table.iter("table") if inner is not table):
        return False
    if any(node.tag in LAYOUT_CONTENT for node in table.iterdescendants() if isinstance(node.tag, str)):
        return False
    rows = [tr for tr in table.iter("tr") if next(tr.iterancestors("table"), None) is table]
    return max((sum(1 for cell in tr if cell.tag in {"td", "th"}) for tr in rows), default=0) >= 2


def table_block(table: _Element) -> Block:
    """A <table> as a table block: rows of cells (text, row and column spans), each row with its line."""
    rows, lines = [], []
    for tr in (tr for tr in table.iter("tr") if next(tr.iterancestors("table"), None) is table):
        cells = tuple(Cell(text="\n".join(run.text for run in element_runs(cell, None)), row_span=_span(cell, "rowspan"),
                           col_span=_span(cell, "colspan"))
                      for cell in tr if cell.tag in {"td", "th"})
        if any(cell.text for cell in cells):
            rows.append(cells)
            lines.append(tr.sourceline or 0)
    text = "\n".join("\t".join(cell.text for cell in row) for row in rows)
    return Block(kind="table", text=text, line=lines[0] if lines else table.sourceline or 0, rows=tuple(rows), row_lines=tuple(lines))


def _span(cell: _Element, attribute: str) -> int:
    value = (cell.get(attribute) or "1").strip()
    return max(1, int(value)) if value.isdigit() else 1


def run_score(run: Run) -> float:
    """Sentence text counts; short bits (menu entries, widget labels) and link text do not."""
    if run.table is not None:
        return len(run.text) * 0.5
    plain = len(run.text) - run.link_chars
    return plain + 5 * len(SENTENCE_PUNCTUATION.findall(run.text)) if plain >= MIN_RUN else 0.0


def main_content(runs: list[Run]) -> _Element | None:
    """The element with the best decayed score over the runs it holds, scaled by its share of non-link text."""
    scores: dict[_Element, float] = defaultdict(float)
    totals: dict[_Element, list[int]] = defaultdict(lambda: [0, 0])
    for run in runs:
        score = run_score(run)
        for distance, element in enumerate([run.owner, *run.owner.iterancestors()]):
            scores[element] += score * (1.0 if distance <= 1 else 0.5 ** (distance - 1))
            totals[element][0] += len(run.text)
            totals[element][1] += run.link_chars
    if not scores:
        return None
    def density(element: _Element) -> float:
        chars, links = totals[element]
        return scores[element] * (1 - links / chars if chars else 0)
    best = max(scores, key=lambda element: (density(element), -_depth(element)))
    return best if scores[best] > 0 else None


def _depth(element: _Element) -> int:
    return sum(1 for _ in element.iterancestors())


def classify(runs: list[Run], main: _Element | None, file: str) -> tuple[list[Block], list[Residue]]:
    """Runs inside the main content (and a title heading just before it) become blocks; the rest is chrome."""
    inside = [main is not None and (run.owner is main or main in set(run.owner.iterancestors())) for run in runs]
    first = inside.index(True) if True in inside else len(runs)
    blocks: list[Block] = []
    chrome: list[Residue] = []
    for index, (run, kept) in enumerate(zip(runs, inside, strict=True)):
        title = not kept and index < first and _near(run.owner, main) and _is_heading(run.owner)
        reason = chrome_reason(run.text) if run.table is None else None
        if (kept or title) and not reason and not (kept and _chrome_element(run.owner, main)):
            blocks.append(run.table or Block(kind=_kind(run.owner), text=run.text, line=run.line))
        else:
            chrome.append(Residue(file=file, line=run.line, reason=reason or "page chrome", text=run.text))
    return blocks, chrome


def _near(element: _Element, main: _Element | None) -> bool:
    """Within the main content's grandparent: a title printed just above the article, not a site banner."""
    if main is None:
        return False
    scope = main.getparent()
    scope = scope.getparent() if scope is not None and scope.getparent() is not None else scope
    return scope is not None and scope in set(element.iterancestors())


def _is_heading(element: _Element) -> bool:
    hints = f"{element.get('class') or ''} {element.get('id') or ''}"
    return element.tag in HEADINGS or bool(TITLE_HINT.search(hints))


def _chrome_element(element: _Element, main: _Element | None) -> bool:
    """A widget inside the main content (share, print, font size, pagination, related links) by its class or id."""
    for node in [element, *element.iterancestors()]:
        if node is main:
            return False
        if CHROME_HINT.search(f"{node.get('class') or ''} {node.get('id') or ''}"):
            return True
    return False


def _kind(element: _Element) -> str:
    if element.tag in HEADINGS:
        return "heading"
    return "item" if element.tag == "li" else "paragraph"


def metadata_box(root: _Element) -> _Element | None:
    """The smallest element holding at least three 政府信息公开 keys (索引号, 发布机构, 成文日期, 发文字号 …)."""
    best: _Element | None = None
    for element in root.iter("table", "div", "ul", "dl", "section"):
        text = element.text_content()
        if len(text) > BOX_MAX_TEXT * 3:
            continue
        keys = {match.group(1) for match in BOX_KEY.finditer(text)}
        compact = HTML_WHITESPACE.sub("", text)
        if len(keys) >= BOX_MIN_KEYS and len(compact) <= BOX_MAX_TEXT and (best is None or best in set(element.iterancestors())):
            best = element
    return best


def read_box(box: _Element, page: Page) -> None:
    """The box's key → value pairs as a metadata row of the page and as its fields."""
    runs = element_runs(box, None)
    text = "\n".join(run.text for run in runs)
    cells = [cell for run in runs for cell in (run.table.text.split("\n") if run.table else [run.text])]
    flat = "\n".join(cell.replace("\t", "\n") for cell in cells)
    fields: dict[str, str] = {}
    matches = list(BOX_KEY.finditer(flat))
    for match, following in zip(matches, [*matches[1:], None], strict=True):
        value = flat[match.end(): following.start() if following else len(flat)].strip(" ：:\n\t")
        fields.setdefault(match.group(1), HTML_WHITESPACE.sub(" ", value).strip())
    page.metadata.append({"line": box.sourceline or 0, "text": text, "fields": fields})
    page.fields.update(box_fields(fields))


def box_fields(box: dict[str, str]) -> dict[str, str]:
    """The box in the document's terms: issuer, date (成文日期, else 发布日期, as ISO), doc_number."""
    fields = {}
    if issuer := box.get("发布机构") or box.get("发文机关"):
        fields["issuer"] = issuer
    if number := box.get("发文字号") or box.get("文号"):
        fields["doc_number"] = number
    if date := find_date(box.get("成文日期") or "") or find_date(box.get("发布日期") or ""):
        fields["date"] = date
    return fields
