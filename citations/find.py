"""Find citations of instruments in a cell or running text: 《title》, kind tag, history or 发文字号, articles, provision.

A 依据 cell lists citations one per line or after a list marker ([法律]《…》（history） 第四十条：quoted provision …);
running text cites inline (根据《管理办法》第九条，…). A 《title》 inside a quoted provision is mentioned by that
provision, not cited by the cell; a 《certificate》 (营业执照, …许可证, …申请表) is not an instrument at all; a decision
named inside a history (…《关于修改部分法律的决定》修正) is cited as an amending instrument of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from citations.articles import NUM, match_reference
from citations.doc_numbers import find_doc_numbers
from citations.history import History, masked_titles, read_history
from schema.records import ArticleRef, Citation, Diagnostic

KIND_TAG_RE = re.compile(r"[\[［【]\s*([\u4e00-\u9fff]{2,8})\s*[\]］】]\s*$")
OPEN_PAREN_RE = re.compile(r"\s*[（(]")
VERSION_RE = re.compile(r"([0-9０-９]{4})\s*年\s*(?:版|修订|修正|修改)?")
BARE_ITEM_RE = re.compile(r"[（(]\s*[一二三四五六七八九十]+\s*[)）]")
LIST_MARKER_RE = re.compile(r"(?:^|[\s;；。])(?:\d+\s*[.．、]|[①-⑳]|[（(]\d+[)）])\s*$")
MARKER_CONTEXT_RE = re.compile(r"(?:\d\s*[.．、]|[①-⑳]|[（(]\d+[)）])\s*$")
LIST_CONTEXT_RE = re.compile(r"(?:^|[\n;；。]|\d\s*[.．、]|[①-⑳]|[（(]\d+[)）]|[\]］】])\s*$")
SEGMENT_END = "。；;：:\n"
LABEL_END = re.compile(r"[：:\s\u3000]|$")
IN_SENTENCE = re.compile(r"规定|的|所|中|之|和|或|及|[、，,]")  # 第五条规定的 … : a reference inside a sentence, not a label
CIRCLED = re.compile(r"[①-⑳]")
UNTAGGED_END = re.compile(r"\n|[①-⑳]|(?:^|[\s;；。])(?:\d+\s*[.．、](?!\d)|[（(]\d+[)）])")
SKIP_TO_REFERENCES = re.compile(r"\s*(?:[。.]\s*(?=\n))?\s*")
CERTIFICATE_RE = re.compile(r"(?:证|证书|证件|证明|执照|牌照|[^法]表|通知书|决定书|告知书|登记簿|台账|卡)$")  # 许可证, 申请表, 登记表 …
IMPLEMENTING_PREFIX = re.compile(r"(?:实施|关于印发|印发)$")
IMPLEMENTING_SUFFIX = re.compile(r"[\u4e00-\u9fff]{0,6}?(?:若干规定|规定|办法|细则|的通知)")
SHORT_NAME_RE = re.compile(r"[（(]\s*以下简称\s*[“\"]?([\u4e00-\u9fff]{2,20}?)[”\"]?\s*[)）]")
ISSUES_RE = re.compile(r"印发\s*[《〈<＜]([^》〉>＞]+)[》〉>＞]")
LINE_BREAK_RE = re.compile(r"\s*\n\s*")
OPEN_BRACKETS = "〔［﹝（【[("
BRACKET_RE = re.compile("[《》]")
# A kind tag, list marker or 实施/关于印发 prefix before a title is never longer: only that much text before a title (and
# the whitespace between) is searched, the whole prefix made each cell quadratic in its citations.
CONTEXT_WIDTH = 32


@dataclass(frozen=True)
class TitleSpan:
    """Offsets of one outer 《…》 (start at 《, end after 》) and the title inside; repaired when its 》 was missing."""

    start: int
    end: int
    title: str
    repaired: bool = False


def _at_line_start(text: str, pos: int) -> bool:
    """Only whitespace or a kind tag between the last line break and pos: a new citation begins here."""
    line = text[text.rfind("\n", 0, pos) + 1 : pos]
    return not KIND_TAG_RE.sub("", line).strip()


def _repaired(text: str, start: int, limit: int) -> TitleSpan:
    """A 《 whose 》 never came: the title runs to its history parenthesis or the end of the line."""
    stop = min([m for m in (text.find(c, start, limit) for c in "（(\n") if m != -1] or [limit])
    return TitleSpan(start, stop, text[start + 1 : stop], repaired=True)


def title_spans(text: str, *, file: str, line: int) -> tuple[list[TitleSpan], list[Diagnostic]]:
    """Outer 《…》 spans, nested 《…《…》…》 kept whole; a 《 left open before the next line's citation is closed there."""
    spans: list[TitleSpan] = []
    diagnostics: list[Diagnostic] = []
    depth, start = 0, 0
    for bracket in BRACKET_RE.finditer(text):
        pos, char = bracket.start(), bracket.group()
        if char == "《":
            if depth and _at_line_start(text, pos) and "\n" in text[start:pos]:
                spans.append(_repaired(text, start, pos))
                diagnostics.append(_repair_note(file, line, text[start : spans[-1].end]))
                depth = 0
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
        end = text.find("\n", start)
        if end != -1 and text[start + 1 : end].strip() and "《" not in text[start + 1 : end]:
            spans.append(_repaired(text, start, end))
            diagnostics.append(_repair_note(file, line, text[start : spans[-1].end]))
        else:
            diagnostics.append(_unparsable(file, line, text[start : start + 80], "《 without a closing 》"))
    return spans, diagnostics


def _unparsable(file: str, line: int, snippet: str, why: str) -> Diagnostic:
    message = f"citation not parsed: {why}"
    return Diagnostic(level="warning", code="citation-unparsable", message=message, file=file, line=line, text=snippet)


def _repair_note(file: str, line: int, snippet: str) -> Diagnostic:
    return Diagnostic(level="info", code="citation-repaired", message="《 without a closing 》: title taken up to its history or line end",
                      file=file, line=line, text=snippet)


def clean_title(title: str) -> str:
    """A title without the hard line breaks real cells put inside words (《 中华\\n人民共和国行政\\n处罚法》)."""
    return LINE_BREAK_RE.sub("", title).strip()


@dataclass
class _Header:
    """A citation's header: kind tag, title, history or doc number, leading article refs; where its provision may run."""

    start: int
    end: int
    citation: Citation
    list_form: bool
    line_form: bool
    paren: tuple[int, int] | None = None
    amending: list[Citation] = field(default_factory=list)


NEXT_CITATION_LINE = re.compile(rf"\n\s*(?:(?:[\[［【]\s*[\u4e00-\u9fff]{{2,8}}\s*[\]］】]\s*)?《|第\s*{NUM}\s*[条章])")


def _paren_end(text: str, pos: int) -> tuple[int, int, bool] | None:
    """(content start, end, closed) of the parenthesis opening at pos; end is after the closing bracket when closed.

    A parenthesis not closed before the next citation's line (or an article label's line) is a history left open: it runs
    to the end of its line.
    """
    opening = OPEN_PAREN_RE.match(text, pos)
    if not opening:
        return None
    next_line = NEXT_CITATION_LINE.search(text, opening.end())
    limit = next_line.start() if next_line else len(text)
    depth = 0
    for index in range(opening.end() - 1, limit):
        if text[index] in "（(":
            depth += 1
        elif text[index] in "）)":
            depth -= 1
            if depth == 0:
                return opening.end(), index + 1, True
    line_end = text.find("\n", opening.end())
    line_end = len(text) if line_end == -1 else line_end
    if _history_like(text[opening.end() : line_end]):
        return opening.end(), line_end, False
    return None


def _history_like(content: str) -> bool:
    return bool(re.search(r"[0-9０-９]{4}\s*年", content)) or bool(find_doc_numbers(content))


def _apply_history(citation: Citation, content: str, history: History) -> list[Citation]:
    """Set the citation's dates, number and version from its history; the amending decisions as citations of their own."""
    # With no other number written, the order that amended it (…令第135号修订) is the number of the version cited.
    own = history.promulgation_order or history.file_number or (history.amendment_orders[-1] if history.amendment_orders else None)
    if own:
        citation.doc_number, citation.doc_number_raw = own.normalized, LINE_BREAK_RE.sub("", own.raw)
    citation.history = content
    citation.promulgation_date = history.promulgation_date
    citation.promulgation_order = history.promulgation_order.normalized if history.promulgation_order else None
    citation.effective_date = history.effective_date
    citation.amendment_dates = history.amendment_dates
    citation.amendment_orders = [order.normalized for order in history.amendment_orders]
    citation.version = history.version()
    return [
        Citation(
            text=content[decision.start : decision.end] + (f"（{decision.number.raw}）" if decision.number else ""),
            title=clean_title(decision.title), doc_number=decision.number.normalized if decision.number else None,
            doc_number_raw=decision.number.raw if decision.number else None, promulgation_date=decision.date, version=decision.date,
            role="amending",
        )
        for decision in history.amending
    ]


def _unmatched_numbers(content: str, file: str, line: int) -> list[Diagnostic]:
    """A 号 in a history that no number form explains (农业农村部第6号第3次修订): reported, the text kept."""
    masked = masked_titles(content)
    covered = [(m.start, m.end) for m in find_doc_numbers(masked)]
    for sign in re.finditer(r"[号號]", masked):
        if not any(start <= sign.start() < end for start, end in covered):
            return [_unparsable(file, line, content, "document number not recognised")]
    return []


def _read_paren(text: str, pos: int, header: _Header, diagnostics: list[Diagnostic], *, file: str, line: int) -> int:
    """Consume the history / doc number / version parenthesis right after the title; return the new position."""
    bounds = _paren_end(text, pos)
    if bounds is None:
        return pos
    start, end, closed = bounds
    content = text[start : end - 1 if closed else end].strip()
    citation = header.citation
    history = read_history(LINE_BREAK_RE.sub("", content), citation.title)
    version = VERSION_RE.fullmatch(content)
    if version:
        citation.version = version.group(1)
    elif history is not None:
        header.amending = _apply_history(citation, LINE_BREAK_RE.sub("", content), history)
        citation.history = content
        diagnostics.extend(_unmatched_numbers(LINE_BREAK_RE.sub("", content), file, line))
    elif re.search(r"[号號〔〕﹝﹞]|令第", content):
        citation.doc_number_raw = content
        diagnostics.append(_unparsable(file, line, content, "document number not recognised"))
    else:
        return pos
    header.paren = (start, end)
    return end


def _read_bare_number(text: str, pos: int, citation: Citation) -> int:
    """A 发文字号 written right after the title without brackets around it (《…的通知》新政发【2021】58号)."""
    start = len(text) - len(text[pos:].lstrip(" \t\u3000"))
    head = text[start : start + 60]
    found = find_doc_numbers(head) if head[:1] in OPEN_BRACKETS or "\u4e00" <= head[:1] <= "\u9fff" else []
    if not found or found[0].start != 0 or found[0].number.kind != "file":
        return pos
    citation.doc_number, citation.doc_number_raw = found[0].number.normalized, found[0].number.raw
    return start + found[0].end


def _read_references(text: str, pos: int, citation: Citation, *, bare_item: bool) -> int:
    """Consume article references starting at pos (after whitespace, or a 。 ending the line); return the new position."""
    while True:
        start = SKIP_TO_REFERENCES.match(text, pos).end()
        found = match_reference(text, start, article=_last_article(citation))
        if not found and bare_item and (bare := BARE_ITEM_RE.match(text, start)):
            found = bare.group(), [ArticleRef(text=bare.group(), informal=True)]
        if not found:
            return pos
        written, refs = found
        citation.articles.append(written)
        citation.article_refs.extend(refs)
        pos, bare_item = start + len(written), False


def _last_article(citation: Citation) -> ArticleRef | None:
    return next((ref for ref in reversed(citation.article_refs) if ref.article is not None), None)


def _ending_at(pattern: re.Pattern[str], text: str, pos: int) -> re.Match[str] | None:
    """`pattern` (anchored at its end by $) found in the text before pos, trailing whitespace aside."""
    end = len(text[:pos].rstrip())
    return pattern.search(text, max(0, end - CONTEXT_WIDTH), pos)


def _title_extent(text: str, span: TitleSpan, line_start: bool) -> tuple[int, int, str]:
    """实施《中华人民共和国社会保险法》若干规定, 关于印发《X》的通知 opening a line: one title written without its outer brackets."""
    prefix = _ending_at(IMPLEMENTING_PREFIX, text, span.start)
    if line_start and prefix and prefix.end() == span.start and _at_line_start(text, prefix.start()):
        suffix = IMPLEMENTING_SUFFIX.match(text, span.end)
        if suffix:
            return prefix.start(), suffix.end(), text[prefix.start() : suffix.end()]
    return span.start, span.end, span.title


def _header(text: str, span: TitleSpan, diagnostics: list[Diagnostic], *, file: str, line: int) -> _Header:
    start, end, title = _title_extent(text, span, True)
    tag = _ending_at(KIND_TAG_RE, text, start)
    begin = tag.start() if tag else start
    title = clean_title(title)
    citation = Citation(text="", title=title, kind=tag.group(1) if tag else None)
    if CERTIFICATE_RE.search(title):
        citation.role = "certificate"
    if issued := ISSUES_RE.search(title):
        citation.issues = issued.group(1)
    list_form = bool(_ending_at(LIST_CONTEXT_RE, text, begin))
    line_form = list_form and not _ending_at(MARKER_CONTEXT_RE, text, begin) and not tag
    header = _Header(begin, end, citation, list_form, line_form)
    pos = _read_paren(text, end, header, diagnostics, file=file, line=line)
    if pos == end:
        pos = _read_bare_number(text, pos, citation)
    header.end = _read_references(text, pos, citation, bare_item=list_form)
    citation.text = text[begin : header.end].strip()
    return header


def _provision(text: str, header: _Header, limit: int) -> str | None:
    """The quoted provision after a list-form citation, up to the next citation.

    A tagged citation ([规范性文件]《…》) or one opening its own line quotes across lines and numbered points; one after a
    list marker (①《…》第七十三条；) ends at the next line or marker.
    """
    body = text[header.end : limit]
    ends_early = not (header.citation.kind or header.line_form)
    end = (UNTAGGED_END if ends_early else CIRCLED).search(body)
    if end:
        body = body[: end.start()]
    body = LIST_MARKER_RE.sub("", body).strip(" \t\n;；,，")
    return body if re.search(r"\w", body) else None


SEGMENT_START = re.compile(rf"[{SEGMENT_END}]\s*")


def _provision_references(provision: str, citation: Citation) -> None:
    """Article labels that open a segment of the provision (第十条 after 。 or on a new line), not references inside sentences."""
    for segment in SEGMENT_START.finditer(provision):
        pos = segment.end()
        found = match_reference(provision, pos, article=_last_article(citation)) if pos < len(provision) else None
        if not found:
            continue
        end = pos + len(found[0])
        opens_line = "\n" in segment.group()
        if found[1][0].informal or LABEL_END.match(provision, end) or (opens_line and not IN_SENTENCE.match(provision, end)):
            citation.articles.append(found[0])
            citation.article_refs.extend(found[1])


def _inside(pos: int, ranges: list[tuple[int, int]]) -> bool:
    return any(start <= pos < end for start, end in ranges)


def _short_name_citations(text: str, spans: list[TitleSpan], short_names: dict[str, str]) -> list[tuple[int, Citation]]:
    """Running-text references by a defined short name, without 《》 (依照招标投标法第五十一条 after （以下简称招标投标法））."""
    found: list[tuple[int, Citation]] = []
    titled = [(span.start, span.end) for span in spans]
    for short, full in short_names.items():
        for match in re.finditer(re.escape(short), text):
            if _inside(match.start(), titled) or text[match.start() - 4 : match.start()].endswith("以下简称"):
                continue
            reference = match_reference(text, match.end())
            if reference and not reference[1][0].informal:
                citation = Citation(text=text[match.start() : match.end() + len(reference[0])], title=full, articles=[reference[0]],
                                    article_refs=reference[1])
                found.append((match.start(), citation))
    return found


def find_citations(
    text: str, *, file: str, line: int, short_names: dict[str, str] | None = None
) -> tuple[list[Citation], list[Diagnostic]]:
    """Every citation in text (a cell with tags stripped, paragraphs joined by newlines, or running text).

    `short_names` (short name → full title) carries 以下简称 definitions between calls on one document's lines;
    definitions found here are added to it.
    """
    short_names = {} if short_names is None else short_names
    spans, diagnostics = title_spans(text, file=file, line=line)
    headers: list[_Header] = []
    for span in spans:
        if any(header.paren and _inside(span.start, [header.paren]) for header in headers):
            continue
        headers.append(_header(text, span, diagnostics, file=file, line=line))
    starts = [header.start for header in headers if header.list_form]
    citations: list[tuple[int, Citation]] = []
    for index, header in enumerate(headers):
        owner = next((h for h in reversed(headers[:index]) if h.list_form), None)
        if not header.list_form and owner is not None and header.citation.role == "cited":
            header.citation.role = "mentioned"
        if header.list_form:
            limit = next((start for start in starts if start > header.start), len(text))
            header.citation.provision = _provision(text, header, limit)
            if header.citation.provision:
                _provision_references(header.citation.provision, header.citation)
        _define_short_name(text, header, short_names)
        citations.append((header.start, header.citation))
        citations.extend((header.start, amending) for amending in header.amending)
    citations.extend(_short_name_citations(text, spans, short_names))
    return [citation for _, citation in sorted(citations, key=lambda pair: pair[0])], diagnostics


def _define_short_name(text: str, header: _Header, short_names: dict[str, str]) -> None:
    definition = SHORT_NAME_RE.match(text, header.end) or SHORT_NAME_RE.match(text, _after_title(text, header))
    if definition and header.citation.title:
        short_names.setdefault(definition.group(1), header.citation.title)


def _after_title(text: str, header: _Header) -> int:
    return text.find("》", header.start) + 1 if "》" in text[header.start : header.end + 1] else header.end
