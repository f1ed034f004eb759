"""Boilerplate removal for scraped pages, as a step of its own: every removed span is reported as a Residue.

Page chrome (navigation crumbs, share and font-size widgets, "you are leaving this site" prompts, QR-code
captions, copyright footers, contact lines, site blurbs) is removed; page metadata rows (发布机构, 生成日期,
来源, a bare publication date) are not content either but are kept, parsed, as metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from schema.records import Residue
from text.script import to_simplified

CHROME_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("leave-site prompt", re.compile(r"即将离开|^继续访问|^放弃访问")),
    ("navigation crumbs", re.compile(r"^(您现在所在的位置|您现在的位置|当前位置|您的位置)\s*[:：]|^首页\s*[>＞»]")),
    ("share widget", re.compile(r"^分享到\s*[:：]?")),
    ("font-size widget", re.compile(r"^【?\s*字[体号]\s*[:：]|【\s*大\s*中\s*小\s*】")),
    ("print/close widget", re.compile(r"^【?(打印本页|关闭窗口|打印|关闭)】?\s*$")),
    ("qr-code caption", re.compile(r"扫一扫|二维码")),
    ("copyright footer", re.compile(r"版权(均)?(所有|归|属)|Copyright|©|凡本网注明|ICP备")),
    ("contact line", re.compile(r"^(联系方式|联系电话|联系我们|电子邮箱|邮箱|邮件)\s*[:：]")),
    ("empty attachment list", re.compile(r"^相关附件\s*[:：]\s*$")),
    ("site blurb", re.compile(r"^随便看|百科全书收录\d+条")),
    ("separator", re.compile(r"^[-|—_=*·•]+$")),
)
CHROME_MAX_LENGTH = {"copyright footer": 1000}
DEFAULT_MAX_LENGTH = 160

METADATA_KEYS = ("发布机构", "生成日期", "发布日期", "发布时间", "来源", "信息来源", "索引号", "发文日期", "作者", "浏览次数", "点击数")
_METADATA_ROW = re.compile(r"^(" + "|".join(METADATA_KEYS) + r")\s*[:：]")
_BARE_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
_BULLET = re.compile(r"^([•·▪●◆■]\s*)")
METADATA_MAX_LENGTH = 120


@dataclass(frozen=True)
class Line:
    """A content line: 1-based line number and its text (outer whitespace and any bullet marker removed)."""

    number: int
    text: str


@dataclass
class CleanPage:
    """A page with its chrome removed: content lines, parsed metadata rows, and the residue removed."""

    lines: list[Line] = field(default_factory=list)
    metadata: list[dict[str, Any]] = field(default_factory=list)
    residue: list[Residue] = field(default_factory=list)

    def metadata_fields(self) -> dict[str, str]:
        """All metadata rows merged into one key → value map (first occurrence wins)."""
        return merged_fields(self.metadata)


def chrome_reason(text: str) -> str | None:
    """Why this line is page chrome, or None when it is not."""
    simplified = to_simplified(text)
    for reason, pattern in CHROME_RULES:
        if pattern.search(simplified) and len(text) <= CHROME_MAX_LENGTH.get(reason, DEFAULT_MAX_LENGTH):
            return reason
    return None


def metadata_fields(text: str) -> dict[str, str] | None:
    """Fields of a page metadata row (`发布机构: | 本网 | 生成日期: | … |`, `来源:…`, a bare date), else None."""
    if len(text) > METADATA_MAX_LENGTH:
        return None
    simplified = to_simplified(text)
    if date := _BARE_DATE.match(simplified):
        return {"日期": date.group(0)}
    if not _METADATA_ROW.match(simplified):
        return None
    cells = [cell.strip() for cell in text.split("|") if cell.strip()]
    fields: dict[str, str] = {}
    key: str | None = None
    for cell in cells:
        if key is not None:
            fields[key], key = cell, None
            continue
        name, sep, value = cell.replace("：", ":").partition(":")
        if not sep:
            continue
        fields[name.strip()] = value.strip()
        key = None if value.strip() else name.strip()
    return fields


def strip_boilerplate(text: str, file: str) -> CleanPage:
    """Split a page into content lines, metadata rows and reported chrome; blank lines are dropped."""
    page = CleanPage()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        bullet = _BULLET.match(line)
        body = line[bullet.end():] if bullet else line
        reason = chrome_reason(body) or chrome_reason(line)
        if reason:
            page.residue.append(Residue(file=file, line=number, reason=reason, text=line))
            continue
        fields = metadata_fields(body)
        if fields is not None:
            page.metadata.append({"line": number, "text": line, "fields": fields})
            continue
        if bullet:
            page.residue.append(Residue(file=file, line=number, reason="bullet marker", text=bullet.group(1).strip()))
        page.lines.append(Line(number=number, text=body))
    return page


def merged_fields(metadata: list[dict[str, Any]]) -> dict[str, str]:
    """Metadata rows merged into one key → value map (first occurrence wins)."""
    merged: dict[str, str] = {}
    for row in metadata:
        for key, value in row["fields"].items():
            merged.setdefault(key, value)
    return merged
