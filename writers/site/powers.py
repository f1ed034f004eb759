"""Per-power pages: powers/<power id>.md."""

from __future__ import annotations

from collections.abc import Iterator

from schema.records import Power, Supervision
from writers.site.citation_view import citation_view
from writers.site.escape import Trusted, front_matter_title, lines, link, phone_link, text, url_link
from writers.site.page_cache import PageCache
from writers.site.render import render
from writers.site.sitemap import SiteMap, department_name, relative


def power_title(power: Power) -> str:
    return f"{power.name}（{power.subitem}）" if power.subitem else power.name


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


def power_page(power: Power, sitemap: SiteMap) -> str:
    page = sitemap.powers[power.id]
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
    )


def power_pages(powers: list[Power], sitemap: SiteMap, cache: PageCache) -> Iterator[tuple[str, str | None]]:
    """Each power's page path and Markdown; None for a page already on disk as it would be rendered now."""
    for power in powers:
        page = sitemap.powers[power.id]
        yield page, None if cache.fresh(page, power.model_dump_json()) else power_page(power, sitemap)
