"""Per-power pages: powers/<power id>.md (passes.pages names copies of a power in other sources)."""

from __future__ import annotations

from collections.abc import Iterator

from markupsafe import Markup, escape

from passes.pages import power_title
from schema.records import Duty, Power, Supervision
from writers.site.citation_view import citation_view
from writers.site.escape import front_matter_title, html_lines, html_link, html_phone_link, html_text, html_url_link
from writers.site.sitemap import SiteMap, department_name, subitem_key
from writers.site.templates import fill_template
from writers.site.urls import href

# The national template's columns shown in a power page's table, in the template's order.
TEMPLATE_ROWS = (
    ("职权编码", "code"),
    ("实施层级", "level"),
    ("权限", "scope"),
    ("行使主体", "executing_body"),
    ("承办机构", "office"),
    ("部门职责", "department_duty"),
    ("办理时限", "time_limit"),
    ("收费", "fees"),
)


def _template_rows(power: Power) -> list[tuple[str, Markup]]:
    """The template columns the power has; 行使主体 only where it is not the department itself."""
    rows = [(label, html_lines(getattr(power, name))) for label, name in TEMPLATE_ROWS if getattr(power, name)]
    return [(label, value) for label, value in rows if label != "行使主体" or power.executing_body != power.department]


def _duty_groups(power: Power) -> list[tuple[str | None, list[Duty]]]:
    """The duties in runs of one group (直接实施责任, 指导监督责任), in order."""
    groups: list[tuple[str | None, list[Duty]]] = []
    for duty in power.duties:
        if not groups or groups[-1][0] != duty.group:
            groups.append((duty.group, []))
        groups[-1][1].append(duty)
    return groups


def _siblings(power: Power, page: str, sitemap: SiteMap) -> Markup | None:
    """Links to the other 子项 of the same item."""
    others = [(other, name) for other, name in sitemap.subitems.get(subitem_key(power), []) if other != page]
    names = [html_link(name, href(page, other)) for other, name in others]
    return Markup("、").join(names) if names else None


def _supervision(channel: Supervision) -> dict[str, object]:
    return {
        "org": channel.org,
        "phones": [html_phone_link(phone) for phone in channel.phones],
        "urls": [html_url_link(url) for url in channel.urls],
        "address": channel.address,
    }


def _crumbs(power: Power, page: str, sitemap: SiteMap) -> Markup:
    department = department_name(power.department)
    parts = [
        html_link("首页", href(page, "index.md")),
        html_link("部门", href(page, "departments/index.md")),
        html_link(department, href(page, sitemap.departments[department])),
    ]
    if power.table:
        parts.append(html_text(power.table))
    return Markup(" › ").join(parts)


def _department(power: Power, page: str, sitemap: SiteMap) -> Markup:
    """The department's link, also the page's department for Pagefind's results."""
    department = department_name(power.department)
    target = href(page, sitemap.departments[department])
    return Markup(f'<a href="{escape(target)}" data-pagefind-meta="department">{html_text(department)}</a>')


def power_page(power: Power, sitemap: SiteMap) -> str:
    """The page's Markdown: headings, and its tables, lists and quotes as raw HTML (see power.html.md.j2)."""
    page = sitemap.power(power)
    return fill_template(
        "power",
        power=power,
        title=power_title(power),
        page_title=front_matter_title(power_title(power)),
        crumbs=_crumbs(power, page, sitemap),
        department=_department(power, page, sitemap),
        basis=[citation_view(c, page, sitemap) for c in power.basis],
        basis_text=html_lines(power.basis_text or ""),
        accountability=[citation_view(c, page, sitemap) for c in power.accountability.basis],
        accountability_text=html_lines(power.accountability.text or ""),
        supervision=[_supervision(channel) for channel in power.accountability.supervision],
        template_rows=_template_rows(power),
        siblings=_siblings(power, page, sitemap),
        duty_groups=_duty_groups(power),
        duty_basis=[citation_view(c, page, sitemap) for c in power.duty_basis],
        duty_basis_text=html_lines(power.duty_basis_text or ""),
        remedy=html_lines(power.remedy or ""),
        notes=html_lines(power.notes or ""),
    )


def power_pages(powers: list[Power], sitemap: SiteMap) -> Iterator[tuple[str, str]]:
    """Each power's page path and Markdown."""
    for power in powers:
        yield sitemap.power(power), power_page(power, sitemap)
