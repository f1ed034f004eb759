"""Find citations of instruments (《title》 with kind tag, 发文字号, articles, provision) in a cell or running text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from citations.articles import match_reference
from citations.doc_numbers import parse_doc_number
from schema.records import ArticleRef, Citation, Diagnostic

KIND_TAG_RE = re.compile(r"[\[［【]\s*([\u4e00-\u9fff]{2,8})\s*[\]］】]\s*$")
PAREN_RE = re.compile(r"\s*[（(]\s*((?:[^（()）]|[（(][^（()）]*[)）])+?)\s*[)）]")
VERSION_RE = re.compile(r"([0-9０-９]{4})\s*年\s*(?:版|修订|修正|修改)?")
REVISION_SUFFIX_RE = re.compile(r"\s*(?:修订|修正|修改|公布|发布|印发)$")
BARE_ITEM_RE = re.compile(r"[（(]\s*[一二三四五六七八九十]+\s*[)）]")
LIST_MARKER_RE = re.compile(r"(?:^|[\s;；。])(?:\d+\s*[.．、]|[①-⑳]|[（(]\d+[)）])\s*$")
LIST_CONTEXT_RE = re.compile(r"(?:^|[\n;；。]|\d\s*[.．、]|[①-⑳]|[（(]\d+[)）]|[\]］】])\s*$")
SEGMENT_END = "。；;：:\n"
CIRCLED = re.compile(r"[①-⑳]")
UNTAGGED_END = re.compile(r"\n|[①-⑳]|(?:^|[\s;；。])(?:\d+\s*[.．、](?!\d)|[（(]\d+[)）])")


@dataclass(frozen=True)
class TitleSpan:
    """Offsets of one outer 《…》 (start at 《, end after 》) and the title inside."""

    start: int
    end: int
    title: str


def title_spans(text: str, *, file: str, line: int) -> tuple[list[TitleSpan], list[Diagnostic]]:
    """Outer 《…》 spans, nested 《…《…》…》 kept whole; unbalanced brackets reported."""
    spans: list[TitleSpan] = []
    diagnostics: list[Diagnostic] = []
    depth, start = 0, 0
    for pos, char in enumerate(text):
        if char == "《":
            if depth == 0:
                start = pos
            depth += 1
        elif char == "》" and depth:
            depth -= 1
            if depth == 0 and text[start + 1 : pos].strip():
                spans.append(TitleSpan(start, pos + 1, text[start + 1 : pos]))
            elif depth == 0:
                diagnostics.append(_unparsable(file, line, text[start : pos + 1], "empty title"))
        elif char == "》":
            diagnostics.append(_unparsable(file, line, text[max(0, pos - 30) : pos + 1], "》 without an opening 《"))
    if depth:
        diagnostics.append(_unparsable(file, line, text[start : start + 80], "《 without a closing 》"))
    return spans, diagnostics


def _unparsable(file: str, line: int, snippet: str, why: str) -> Diagnostic:
    message = f"citation not parsed: {why}"
    return Diagnostic(level="warning", code="citation-unparsable", message=message, file=file, line=line, text=snippet)


@dataclass
class _Header:
    """A citation's header: kind tag, title, doc-number or version parenthesis, leading article refs."""

    start: int
    end: int
    citation: Citation
    list_form: bool


def _read_paren(text: str, pos: int, citation: Citation, diagnostics: list[Diagnostic], *, file: str, line: int) -> int:
    """Consume a (doc number) / （2007年） parenthesis right after the title; return the new position."""
    paren = PAREN_RE.match(text, pos)
    if not paren:
        return pos
    content = paren.group(1)
    raw = REVISION_SUFFIX_RE.sub("", content)
    parsed = parse_doc_number(raw)
    version = VERSION_RE.fullmatch(content)
    if parsed:
        citation.doc_number, citation.doc_number_raw = parsed.normalized, raw
    elif version:
        citation.version = version.group(1)
    elif re.search(r"[号號〔〕﹝﹞]|令第", content):
        citation.doc_number_raw = raw
        diagnostics.append(_unparsable(file, line, content, "document number not recognised"))
    else:
        return pos
    return paren.end()


def _read_references(text: str, pos: int, citation: Citation, *, bare_item: bool) -> int:
    """Consume article references starting at pos (after whitespace); return the new position."""
    while True:
        start = len(text) - len(text[pos:].lstrip())
        found = match_reference(text, start)
        if not found and bare_item and (bare := BARE_ITEM_RE.match(text, start)):
            found = bare.group(), [ArticleRef(text=bare.group(), informal=True)]
        if not found:
            return pos
        written, refs = found
        citation.articles.append(written)
        citation.article_refs.extend(refs)
        pos, bare_item = start + len(written), False


def _header(text: str, span: TitleSpan, diagnostics: list[Diagnostic], *, file: str, line: int) -> _Header:
    before = text[: span.start]
    tag = KIND_TAG_RE.search(before)
    start = tag.start() if tag else span.start
    citation = Citation(text="", title=span.title, kind=tag.group(1) if tag else None)
    list_form = bool(LIST_CONTEXT_RE.search(text[:start]))
    pos = _read_paren(text, span.end, citation, diagnostics, file=file, line=line)
    end = _read_references(text, pos, citation, bare_item=list_form)
    citation.text = text[start:end].strip()
    return _Header(start, end, citation, list_form)


def _provision(text: str, header: _Header, limit: int) -> str | None:
    """The quoted provision after a list-form citation, up to the next citation or list marker.

    A tagged citation ([规范性文件]《…》) quotes across paragraphs and numbered points; an untagged one
    (①《…》第七十三条；) ends at the next paragraph or list marker.
    """
    body = text[header.end : limit]
    end = (CIRCLED if header.citation.kind else UNTAGGED_END).search(body)
    if end:
        body = body[: end.start()]
    body = LIST_MARKER_RE.sub("", body).strip(" \t\n;；,，")
    return body if re.search(r"\w", body) else None


def _provision_references(provision: str, citation: Citation) -> None:
    """Article references that open a segment of the provision (第十条 after 。), not those inside sentences."""
    for pos in range(1, len(provision)):
        if provision[pos - 1].isspace() and not provision[pos].isspace() and provision[:pos].rstrip()[-1:] in SEGMENT_END:
            found = match_reference(provision, pos)
            if found:
                citation.articles.append(found[0])
                citation.article_refs.extend(found[1])


def find_citations(text: str, *, file: str, line: int) -> tuple[list[Citation], list[Diagnostic]]:
    """Every citation in text (a cell with tags stripped, paragraphs joined by newlines, or running text)."""
    spans, diagnostics = title_spans(text, file=file, line=line)
    headers = [_header(text, span, diagnostics, file=file, line=line) for span in spans]
    citations = []
    for index, header in enumerate(headers):
        limit = headers[index + 1].start if index + 1 < len(headers) else len(text)
        if header.list_form:
            header.citation.provision = _provision(text, header, limit)
            if header.citation.provision:
                _provision_references(header.citation.provision, header.citation)
        citations.append(header.citation)
    return citations, diagnostics
