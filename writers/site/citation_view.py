"""A citation as the site shows it: instrument link, article links into corpus texts, quoted provision."""

from __future__ import annotations

from dataclasses import dataclass

from schema.records import ArticleRef, Citation
from writers.site.article_label import labelled_refs
from writers.site.markup import MARKDOWN, PageText
from writers.site.sitemap import SiteMap


@dataclass
class CitationView:
    line: str  # of the page's kind of text (Trusted Markdown or Markup HTML)
    provision: str | None


def _title(citation: Citation, from_page: str, sitemap: SiteMap, out: PageText) -> str:
    label = f"《{citation.title}》" if citation.title else citation.text
    page = sitemap.instruments.get(citation.instrument_id or "")
    return out.link(label, from_page, page) if page else out.text(label)


def _version_note(citation: Citation, sitemap: SiteMap) -> str:
    """（版本不同：语料中为 2021 年文本）, naming the version of the corpus text the citation does not match."""
    version = sitemap.versions.get(citation.target_document or "", "")
    year = version[:4] if version[:4].isdigit() else version
    return f"（版本不同：语料中为 {year} 年文本）" if year else "（版本不同）"


def _ref_link(label: str, ref: ArticleRef, citation: Citation, from_page: str, sitemap: SiteMap, out: PageText) -> str:
    """The article linked to its anchor; a reference to another version of the text stays unlinked, marked."""
    if ref.link_status == "version_differs":
        return out.text(label + _version_note(citation, sitemap))
    target = sitemap.article_target(citation, ref.anchor)
    return out.link(label, from_page, target) if target else out.text(label)


def _articles(citation: Citation, from_page: str, sitemap: SiteMap, out: PageText) -> list[str]:
    """Article references, each once: as written, or by its own number when one written text names several."""
    if not citation.article_refs:
        return [out.text(article) for article in citation.articles]
    return [_ref_link(label, ref, citation, from_page, sitemap, out) for ref, label in labelled_refs(citation)]


def citation_view(citation: Citation, from_page: str, sitemap: SiteMap, out: PageText = MARKDOWN) -> CitationView:
    """One line: ［kind］《title》（doc number） article links, in the page's kind of text; the provision is quoted below it."""
    parts = [out.text(f"［{citation.kind}］")] if citation.kind else []
    parts.append(_title(citation, from_page, sitemap, out))
    number = citation.doc_number or citation.doc_number_raw
    if number:
        parts.append(out.text(f"（{number}）"))
    articles = _articles(citation, from_page, sitemap, out)
    for index, article in enumerate(articles):  # the separators read the same in Markdown and HTML
        parts += ["、" if index else " ", article]
    return CitationView(line=out.join(parts), provision=citation.provision)
