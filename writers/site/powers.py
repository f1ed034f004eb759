"""Per-power pages: powers/<power id>.md (passes.pages names copies of a power in other sources)."""

from __future__ import annotations

from collections.abc import Iterator

from passes.pages import power_title
from schema.records import Power, Supervision
from writers.site.citation_view import citation_view
from writers.site.escape import Trusted, front_matter_title, lines, link, phone_link, text, url_link
from writers.site.page_cache import PageCache
from writers.site.render import render
from writers.site.sitemap import SiteMap, department_name, relative

THEME_SEARCH_FULL_TEXT = 2000  # powers; up to this many, the theme's search box also searches their full text
FULL_TEXT_SECTIONS = Trusted("")  # section attributes of a power page whose full text the theme's search indexes


def _supervision(channel: Supervision) -> dict[str, object]:
    return {
        "org": channel.org,
        "phones": [phone_link(phone) for phone in channel.phones],
        "urls": [url_link(url) for url in channel.urls],
        "address": channel.address,
    }


def _crumbs(power: Power, page: str, sitemap: SiteMap) -> Trusted:
    department = department_name(power.department)
    parts = [
        link("首页", relative(page, "index.md")),
        link("部门", relative(page, "departments/index.md")),
        link(department, relative(page, sitemap.departments[department])),
    ]
    if power.table:
        parts.append(text(power.table))
    return Trusted(" › ".join(parts))


def theme_search_sections(power_count: int) -> Trusted:
    """Attribute list for a power page's sections: on a large site they stay out of the theme's single search index.

    Material's search index is one JSON file every visitor downloads (94 MB at 10,000 powers); beyond
    THEME_SEARCH_FULL_TEXT powers its search box finds power pages by name, department and category, and their full
    text is found on the full-text page (Pagefind, fetched in chunks)."""
    return Trusted(" { data-search-exclude }" if power_count > THEME_SEARCH_FULL_TEXT else "")


def power_page(power: Power, sitemap: SiteMap, section_attrs: Trusted = FULL_TEXT_SECTIONS) -> str:
    page = sitemap.power(power)
    department = department_name(power.department)
    return render(
        "power",
        power=power,
        title=power_title(power),
        page_title=front_matter_title(power_title(power)),
        crumbs=_crumbs(power, page, sitemap),
        department=link(department, relative(page, sitemap.departments[department])),
        basis=[citation_view(c, page, sitemap) for c in power.basis],
        basis_text=lines(power.basis_text or ""),
        accountability=[citation_view(c, page, sitemap) for c in power.accountability.basis],
        accountability_text=lines(power.accountability.text or ""),
        supervision=[_supervision(channel) for channel in power.accountability.supervision],
        notes=lines(power.notes or ""),
        section_attrs=section_attrs,
    )


def power_pages(powers: list[Power], sitemap: SiteMap, cache: PageCache, attrs: Trusted) -> Iterator[tuple[str, str | None]]:
    """Each power's page path and Markdown; None for a page already on disk as it would be rendered now.

    `attrs` (theme_search_sections) must be part of the cache's context."""
    for power in powers:
        page = sitemap.power(power)
        yield page, None if cache.fresh(page, power.model_dump_json()) else power_page(power, sitemap, attrs)
