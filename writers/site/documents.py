"""Document pages (documents/<id>.md: structure with anchors per article or section, own citations, cited-by)."""

from __future__ import annotations

import html
from collections.abc import Iterator

from schema.records import Article, Document, Section
from text.script import to_simplified
from writers.site.citation_view import citation_view
from writers.site.cited_by import CitedByIndex
from writers.site.cited_by_lists import list_pages, record_groups
from writers.site.escape import Trusted, anchor_id, lines, link, text, url_link
from writers.site.sitemap import SiteMap, relative
from writers.site.templates import fill_template

KIND_LABELS = {
    "regulation": "规章和规范性文件",
    "statute": "法律法规",
    "notice": "通知（三定规定）",
    "report": "年鉴资料",
    "entry": "词条",
    "document": "文件",
}
_HEADING_LEVELS = {"part", "chapter", "section", "heading", "article"}


def _heading(section: Section, depth: int) -> str:
    label = " ".join(part for part in (section.label, section.title) if part)
    anchor = anchor_id(section.anchor or "")
    attrs = f" {{#{anchor}}}" if anchor else ""
    return f"{'#' * min(depth, 6)} {text(label)}{attrs}"


def _paragraph(body: str, anchor: str | None) -> str:
    attrs = f"\n{{: #{anchor} }}" if anchor else ""
    return f"{body}{attrs}"


def _section(section: Section, depth: int, seen: set[str]) -> list[str]:
    """Markdown blocks of one section and its children; records each anchor it emits in `seen`."""
    anchor = anchor_id(section.anchor or "")
    if anchor:
        seen.add(anchor)
    is_heading = bool(section.label or section.title) and (section.level in _HEADING_LEVELS or section.children)
    blocks: list[str] = []
    if is_heading:
        blocks.append(_heading(section, depth))
        if section.text:
            blocks.append(lines(section.text))
    else:
        lead = " ".join(part for part in (section.label, section.title) if part)
        body = lines(f"{lead} {section.text or ''}".strip())
        if body:
            blocks.append(_paragraph(body, anchor))
        elif anchor:
            blocks.append(f'<span id="{anchor}"></span>')
    for child in section.children:
        blocks.extend(_section(child, depth + 1 if is_heading else depth, seen))
    return blocks


def _article(article: Article) -> list[str]:
    anchor = anchor_id(article.anchor)
    heading = f"### {text(article.label)}" + (f" {{#{anchor}}}" if anchor else "")
    paragraphs = article.paragraphs or [article.text]
    return [heading, *(lines(paragraph) for paragraph in paragraphs)]


def _plain_lines(sections: list[Section]) -> Iterator[str]:
    for section in sections:
        head = " ".join(part for part in (section.label, section.title) if part)
        yield from (line for line in (head, *(section.text or "").splitlines()) if line.strip())
        yield from _plain_lines(section.children)


def simplified_block(document: Document) -> Trusted | None:
    """For a traditional-script document: its text folded to simplified, collapsed, so simplified searches find it."""
    if document.script != "traditional":
        return None
    source = [document.preamble or "", *_plain_lines(document.body)]
    paragraphs = "".join(f"<p>{html.escape(to_simplified(line))}</p>\n" for line in source if line.strip())
    return Trusted(f'<details class="quanze-simplified">\n<summary>简体文本（OpenCC 转换，供阅读和检索）</summary>\n{paragraphs}</details>')


def document_page(document: Document, sitemap: SiteMap, cited_by: CitedByIndex) -> str:
    page = sitemap.documents[document.id]
    seen: set[str] = set()
    body = [block for section in document.body for block in _section(section, 2, seen)]
    loose = [block for article in document.articles if anchor_id(article.anchor) not in seen for block in _article(article)]
    return fill_template(
        "document",
        document=document,
        kind=KIND_LABELS[document.kind],
        url=url_link(document.url) if document.url else None,
        preamble=lines(document.preamble or ""),
        body=Trusted("\n\n".join(body)),
        loose_articles=Trusted("\n\n".join(loose)),
        simplified=simplified_block(document),
        own_citations=[citation_view(c, page, sitemap) for c in document.citations],  # an HTML list (_citations.html.md.j2)
        groups=record_groups(cited_by.documents.get(document.id, {}), page),
    )


def document_pages(documents: list[Document], sitemap: SiteMap, cited_by: CitedByIndex) -> Iterator[tuple[str, str]]:
    """Each document's page and the lists of its cited-by beyond what the page shows."""
    for document in documents:
        page = sitemap.documents[document.id]
        yield page, document_page(document, sitemap, cited_by)
        yield from list_pages(cited_by.documents.get(document.id, {}), page, document.title, "文本")


def documents_index(documents: list[Document], sitemap: SiteMap) -> tuple[str, str]:
    page = "documents/index.md"
    rows = [
        {
            "link": link(document.title, relative(page, sitemap.documents[document.id])),
            "kind": KIND_LABELS[document.kind],
            "date": document.date,
            "articles": len(document.articles) or "—",
        }
        for document in documents
    ]
    return page, fill_template("documents", rows=rows)
