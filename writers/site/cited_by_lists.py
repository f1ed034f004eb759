"""Cited-by at a city's scale: a record page shows the first citing records of each article and links the rest to
paged lists (instruments/<id>/cited-by-<n>.md), so no page grows with the number of powers that cite an instrument.

One statute is cited by tens of thousands of powers in a province's lists; listed whole, its page alone was 25 MB of
Markdown. This module owns where those list pages live and which rows each one holds."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass

from writers.site.cited_by import CitingRecord
from writers.site.escape import Trusted, front_matter_title, link
from writers.site.sitemap import relative
from writers.site.templates import fill_template

SHOWN_PER_ARTICLE = 10  # citing records of one article on the record page itself
SHOWN_ON_PAGE = 200  # citing records on the record page in all; further articles show their count and a link
ROWS_PER_LIST = 500  # citing records per list page
LIST_NAME = re.compile(r"cited-by-[0-9]+\.md")  # a list page's file name (list_page)


def list_page(page: str, number: int) -> str:
    """The docs path of the `number`-th (1-based) cited-by list of the record page `page`."""
    return f"{page.removesuffix('.md')}/cited-by-{number}.md"


def owner_page(path: str) -> str:
    """The record page whose cited-by list `path` is (list_page's inverse); any other page is its own."""
    folder, _, name = path.rpartition("/")
    return f"{folder}.md" if folder and LIST_NAME.fullmatch(name) else path


def group_anchor(number: int) -> str:
    """The id of the `number`-th article group (0-based) on the list pages."""
    return f"cited-{number + 1}"


@dataclass(frozen=True)
class Group:
    """One article's citing records, as one page shows them (all of them, or the first few with the count)."""

    article: str
    rows: list[dict[str, object]]
    count: int
    anchor: str | None = None  # the group's id on a list page
    more: Trusted | None = None  # on the record page: the link to the whole group on its list page

    @property
    def attributes(self) -> Trusted:
        """The heading's attribute list (its id on a list page)."""
        return Trusted(f" {{ #{self.anchor} }}" if self.anchor else "")


def _rows(records: list[CitingRecord], page: str) -> list[dict[str, object]]:
    """Rows linking back to the citing pages; a provision's text is searchable once per group (`indexed`), its
    repetitions under the other citing records are not."""
    seen: set[str] = set()
    rows: list[dict[str, object]] = []
    for record in records:
        indexed = bool(record.provision) and record.provision not in seen
        seen.add(record.provision or "")
        target = link(record.label, relative(page, record.page))
        rows.append({"role": record.role, "link": target, "provision": record.provision, "indexed": indexed})
    return rows


def _starts(articles: dict[str, list[CitingRecord]]) -> list[int]:
    """Each group's first row's position in the whole cited-by, counting from 0."""
    starts, position = [], 0
    for records in articles.values():
        starts.append(position)
        position += len(records)
    return starts


def _listed(articles: dict[str, list[CitingRecord]]) -> bool:
    """Whether the record page leaves rows out, so list pages are made."""
    shown = sum(min(len(records), SHOWN_PER_ARTICLE) for records in articles.values())
    return shown > SHOWN_ON_PAGE or any(len(records) > SHOWN_PER_ARTICLE for records in articles.values())


def record_groups(articles: dict[str, list[CitingRecord]], page: str) -> list[Group]:
    """The cited-by groups of the record page `page`: every row while they are few, else the first rows of each article
    (within the page's budget), each group with its count and a link to where its list page has it whole."""
    if not _listed(articles):
        return [Group(article, _rows(records, page), len(records)) for article, records in articles.items()]
    groups, budget = [], SHOWN_ON_PAGE
    for number, ((article, records), start) in enumerate(zip(articles.items(), _starts(articles), strict=True)):
        shown = records[: max(0, min(SHOWN_PER_ARTICLE, budget))]
        budget -= len(shown)
        target = f"{list_page(page, start // ROWS_PER_LIST + 1)}#{group_anchor(number)}"
        more = link(f"全部 {len(records)} 处引用", relative(page, target)) if len(shown) < len(records) else None
        groups.append(Group(article, _rows(shown, page), len(records), more=more))
    return groups


def _page_groups(articles: dict[str, list[CitingRecord]], starts: list[int], number: int, path: str) -> list[Group]:
    """The groups (or parts of groups) that the `number`-th list page holds; `starts` are the groups' _starts."""
    first, last = (number - 1) * ROWS_PER_LIST, number * ROWS_PER_LIST
    groups = []
    for index, ((article, records), start) in enumerate(zip(articles.items(), starts, strict=True)):
        rows = records[max(0, first - start) : max(0, last - start)]
        if rows:
            continued = start < first
            label = f"{article}（续）" if continued else article
            groups.append(Group(label, _rows(rows, path), len(records), None if continued else group_anchor(index)))
    return groups


def list_pages(articles: dict[str, list[CitingRecord]], page: str, title: str, section: str) -> Iterator[tuple[str, str]]:
    """The cited-by list pages of the record page `page` (none while the record page shows every row); `section`
    names the index page of the record page's folder in the breadcrumb."""
    if not _listed(articles):
        return
    total, starts = sum(len(records) for records in articles.values()), _starts(articles)
    count = -(-total // ROWS_PER_LIST)
    for number in range(1, count + 1):
        path = list_page(page, number)
        yield path, fill_template(
            "cited_by_list",
            page_title=front_matter_title(f"{title}：被引用（第 {number} 页）"),
            title=title,
            back=link(title, relative(path, page)),
            index=link(section, relative(path, posixpath.join(posixpath.dirname(page), "index.md"))),
            home=link("首页", relative(path, "index.md")),
            number=number,
            count=count,
            total=total,
            first=(number - 1) * ROWS_PER_LIST + 1,
            last=min(total, number * ROWS_PER_LIST),
            previous=link("上一页", relative(path, list_page(page, number - 1))) if number > 1 else None,
            next=link("下一页", relative(path, list_page(page, number + 1))) if number < count else None,
            groups=_page_groups(articles, starts, number, path),
        )
