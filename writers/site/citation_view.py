"""A citation as the site shows it: instrument link, article links into corpus texts, quoted provision."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from schema.records import ArticleRef, Citation
from writers.site.escape import Trusted, link, text
from writers.site.sitemap import SiteMap, relative


@dataclass
class CitationView:
    line: Trusted
    provision: str | None


def _title(citation: Citation, from_page: str, sitemap: SiteMap) -> Trusted:
    label = f"《{citation.title}》" if citation.title else citation.text
    page = sitemap.instruments.get(citation.instrument_id or "")
    return link(label, relative(from_page, page)) if page else text(label)


def _ref_link(label: str, ref: ArticleRef, citation: Citation, from_page: str, sitemap: SiteMap) -> Trusted:
    target = sitemap.article_target(citation, ref.anchor)
    return link(label, relative(from_page, target)) if target else text(label)


def _articles(citation: Citation, from_page: str, sitemap: SiteMap) -> list[Trusted]:
    """Article references as written; one written reference naming several articles links each of them."""
    if not citation.article_refs:
        return [text(article) for article in citation.articles]
    groups: dict[str, list[ArticleRef]] = defaultdict(list)
    for ref in citation.article_refs:
        groups[ref.text].append(ref)
    views = []
    for written, refs in groups.items():
        if len(refs) == 1:
            views.append(_ref_link(written, refs[0], citation, from_page, sitemap))
            continue
        parts = [_ref_link(f"第{ref.article}条" if ref.article else ref.text, ref, citation, from_page, sitemap) for ref in refs]
        views.append(Trusted(f"{text(written)}（{'、'.join(parts)}）"))
    return views


def citation_view(citation: Citation, from_page: str, sitemap: SiteMap) -> CitationView:
    """One line: ［kind］《title》（doc number） article links; the provision is quoted below it."""
    parts = [text(f"［{citation.kind}］")] if citation.kind else []
    parts.append(_title(citation, from_page, sitemap))
    number = citation.doc_number or citation.doc_number_raw
    if number:
        parts.append(text(f"（{number}）"))
    articles = _articles(citation, from_page, sitemap)
    if articles:
        parts.append(Trusted(" " + "、".join(articles)))
    return CitationView(line=Trusted("".join(parts)), provision=citation.provision)
