"""Per-power pages: powers/<power id>.md (passes.pages names copies of a power in other sources)."""

from __future__ import annotations

from collections.abc import Iterator

from passes.pages import power_title
from schema.records import Duty, Power, Supervision
from writers.site.citation_view import citation_view
from writers.site.escape import Trusted, front_matter_title, lines, link, phone_link, text, url_link
from writers.site.sitemap import SiteMap, department_name, relative, subitem_key
from writers.site.templates import fill_template

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


def _template_rows(power: Power) -> list[tuple[str, Trusted]]:
    """The template columns the power has; 行使主体 only where it is not the department itself."""
    rows = [(label, lines(getattr(power, name))) for label, name in TEMPLATE_ROWS if getattr(power, name)]
    return [(label, value) for label, value in rows if label != "行使主体" or power.executing_body != power.department]


def _duty_groups(power: Power) -> list[tuple[str | None, list[Duty]]]:
    """The duties in runs of one group (直接实施责任, 指导监督责任), in order."""
    groups: list[tuple[str | None, list[Duty]]] = []
    for duty in power.duties:
        if not groups or groups[-1][0] != duty.group:
            groups.append((duty.group, []))
        groups[-1][1].append(duty)
    return groups


def _siblings(power: Power, page: str, sitemap: SiteMap) -> Trusted | None:
    """Links to the other 子项 of the same item."""
    others = [(other, name) for other, name in sitemap.subitems.get(subitem_key(power), []) if other != page]
    names = [link(name, relative(page, other)) for other, name in others]
    return Trusted("、".join(names)) if names else None


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
    page = sitemap.power(power)
    department = department_name(power.department)
    return fill_template(
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
        template_rows=_template_rows(power),
        siblings=_siblings(power, page, sitemap),
        duty_groups=_duty_groups(power),
        duty_basis=[citation_view(c, page, sitemap) for c in power.duty_basis],
        duty_basis_text=lines(power.duty_basis_text or ""),
        remedy=lines(power.remedy or ""),
        notes=lines(power.notes or ""),
    )


def power_pages(powers: list[Power], sitemap: SiteMap) -> Iterator[tuple[str, str]]:
    """Each power's page path and Markdown."""
    for power in powers:
        yield sitemap.power(power), power_page(power, sitemap)
