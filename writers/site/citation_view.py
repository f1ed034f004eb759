"""A citation as the site shows it: instrument link, article links into corpus texts, quoted provision (as HTML, for
the pages' raw HTML lists: site/templates/_citations.html.md.j2)."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from schema.records import ArticleRef, Citation
from writers.site.article_label import labelled_refs
from writers.site.escape import html_link, html_text
from writers.site.sitemap import SiteMap
from writers.site.urls import href


@dataclass
class CitationView:
    line: Markup
    provision: str | None


def _link(label: str, from_page: str, target: str | None) -> Markup:
    return html_link(label, href(from_page, target)) if target else html_text(label)


def _title(citation: Citation, from_page: str, sitemap: SiteMap) -> Markup:
    label = f"《{citation.title}》" if citation.title else citation.text
    return _link(label, from_page, sitemap.instruments.get(citation.instrument_id or ""))


def _version_note(citation: Citation, sitemap: SiteMap) -> str:
    """（版本不同：语料中为 2021 年文本）, naming the version of the corpus text the citation does not match."""
    version = sitemap.versions.get(citation.target_document or "", "")
    year = version[:4] if version[:4].isdigit() else version
    return f"（版本不同：语料中为 {year} 年文本）" if year else "（版本不同）"


def _ref_link(label: str, ref: ArticleRef, citation: Citation, from_page: str, sitemap: SiteMap) -> Markup:
    """The article linked to its anchor; a reference to another version of the text stays unlinked, marked."""
    if ref.link_status == "version_differs":
        return html_text(label + _version_note(citation, sitemap))
    return _link(label, from_page, sitemap.article_target(citation, ref.anchor))


def _articles(citation: Citation, from_page: str, sitemap: SiteMap) -> list[Markup]:
    """Article references, each once: as written, or by its own number when one written text names several."""
    if not citation.article_refs:
        return [html_text(article) for article in citation.articles]
    return [_ref_link(label, ref, citation, from_page, sitemap) for ref, label in labelled_refs(citation)]


def citation_view(citation: Citation, from_page: str, sitemap: SiteMap) -> CitationView:
    """One line: ［kind］《title》（doc number） article links; the provision is quoted below it."""
    parts = [html_text(f"［{citation.kind}］")] if citation.kind else []
    parts.append(_title(citation, from_page, sitemap))
    number = citation.doc_number or citation.doc_number_raw
    if number:
        parts.append(html_text(f"（{number}）"))
    articles = _articles(citation, from_page, sitemap)
    if articles:
        parts += [Markup(" "), Markup("、").join(articles)]
    return CitationView(line=Markup("").join(parts), provision=citation.provision)
