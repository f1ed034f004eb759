"""Department pages (departments/<digest>.md: tables with their powers) and the departments index."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

from passes.pages import power_title
from schema.records import Power
from writers.site.escape import html_link, link
from writers.site.sitemap import SiteMap, department_name, relative
from writers.site.templates import fill_template
from writers.site.urls import href

NO_TABLE = "（未分表）"


def by_department(powers: list[Power]) -> dict[str, list[Power]]:
    """Powers grouped by department name, in source order."""
    groups: dict[str, list[Power]] = defaultdict(list)
    for power in powers:
        groups[department_name(power.department)].append(power)
    return groups


def _tables(powers: list[Power], page: str, sitemap: SiteMap) -> list[dict[str, object]]:
    tables: dict[str, list[dict[str, object]]] = defaultdict(list)
    for power in powers:
        tables[power.table or power.category or NO_TABLE].append(
            {
                "seq": power.seq or "",
                "link": html_link(power_title(power), href(page, sitemap.power(power))),  # the tables are HTML
                "category": power.category or "—",
            }
        )
    return [{"name": name, "rows": rows} for name, rows in tables.items()]


def department_pages(powers: list[Power], sitemap: SiteMap) -> Iterator[tuple[str, str]]:
    for name, members in by_department(powers).items():
        page = sitemap.departments[name]
        yield page, fill_template("department", name=name, count=len(members), tables=_tables(members, page, sitemap))


def departments_index(powers: list[Power], sitemap: SiteMap) -> tuple[str, str]:
    page = "departments/index.md"
    rows = []
    for name, members in by_department(powers).items():
        categories = Counter(power.category or "其他" for power in members)
        rows.append(
            {
                "link": link(name, relative(page, sitemap.departments[name])),
                "count": len(members),
                "categories": "、".join(f"{category} {count}" for category, count in categories.most_common()),
            }
        )
    return page, fill_template("departments", rows=rows)
