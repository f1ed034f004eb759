"""The home page's latest changes: the build's change report as linked rows."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from schema.changes import ChangeReport
from writers.site.escape import Trusted, link, text
from writers.site.sitemap import SiteMap, relative
from writers.site.sync import write_if_changed

LATEST = 20
HOME_PAGE = "index.md"


@dataclass
class ChangesView:
    """Counts and the first LATEST rows of each list; `more` says how many rows each list left off."""

    previous_build: bool
    counts: dict[str, int]
    lists: dict[str, list[Trusted]] = field(default_factory=dict)
    more: dict[str, int] = field(default_factory=dict)


SHOWN = "cache/home-changes.json"  # the report the home page shows: the latest one that changed something


def shown_changes(out: Path, report: ChangeReport | None) -> dict[str, Any] | None:
    """The report for the home page: this build's, or when nothing changed the latest that did (kept in OUT/SHOWN).

    So a rebuild without change leaves the home page, and with it the whole site, as it was."""
    if report is None:
        return None
    shown = out / SHOWN
    if report.nothing_changed and shown.is_file():
        return json.loads(shown.read_text(encoding="utf-8"))
    data = report.to_json()
    write_if_changed(shown, json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8"))
    return data


def _row(entry: dict[str, Any], sitemap: SiteMap) -> Trusted:
    """Power name linked to its page when it is on the site (a removed power is plain text), with its department."""
    name = entry.get("name") or entry["id"]
    found = sitemap.pages.first_power.get(entry["id"])
    page = found.path if found else None
    shown = link(name, relative(HOME_PAGE, page)) if page else text(name)
    department = f"（{text(entry['department'])}）" if entry.get("department") else ""
    fields = f" — 变动字段：{text('、'.join(entry['fields']))}" if entry.get("fields") else ""
    return Trusted(f"{shown}{department}{fields}")


def changes_view(report: dict[str, Any] | None, sitemap: SiteMap) -> ChangesView | None:
    """The report as the home page shows it; a first build lists no rows (every power would be new)."""
    if report is None:
        return None
    view = ChangesView(previous_build=bool(report.get("previous_build")), counts=dict(report.get("counts", {})))
    if not view.previous_build:
        return view
    for name in ("added", "removed", "changed"):
        entries = report.get(name, [])
        view.lists[name] = [_row(entry, sitemap) for entry in entries[:LATEST]]
        view.more[name] = max(0, len(entries) - LATEST)
    return view
