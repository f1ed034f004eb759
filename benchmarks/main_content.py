"""Main-content extraction on the saved pages we have: our HTML container against trafilatura and readability-lxml.

Run: .venv/bin/python -m benchmarks.main_content. trafilatura and readability-lxml are not project dependencies: install
them in a separate venv (with lxml pinned as in requirements.txt) and run this module there with PYTHONPATH=. to compare;
extractors that are not installed are skipped. For each page the expected lines (read by hand from the page: the
document's own text) and chrome markers (navigation, widgets, footers) are listed below; an extraction scores its share
of expected lines found, the chrome markers it keeps, and whether the body appears twice (the hidden print copy).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import lxml.html

from parser.containers.html import html_page
from parser.registry import load_source

ROOT = Path(__file__).resolve().parent.parent
CONTAINERS = ROOT / "tests" / "fixtures" / "containers"
SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Case:
    path: Path
    expected: tuple[str, ...]
    chrome: tuple[str, ...]
    once: str  # a line that must appear exactly once


def gongbao_lines() -> tuple[str, ...]:
    """The visible body (div#UCAP-CONTENT), which the ground truth names as the document."""
    root = lxml.html.document_fromstring((CONTAINERS / "gov_gongbao_dianzi_zhaobiao_banfa_2013.html").read_bytes())
    text = root.get_element_by_id("UCAP-CONTENT").text_content()
    return tuple(line.strip() for line in text.splitlines() if line.strip())


CASES = (
    Case(CONTAINERS / "gov_gongbao_dianzi_zhaobiao_banfa_2013.html", gongbao_lines(),
         ("国务院公报 >", "默认 大 超大", "网站标识码", "京ICP备", "国务院客户端", "全国人大"), "第六十六条"),
    Case(CONTAINERS / "regulation_box.html",
         ("电子招标投标办法", "第一章", "第一条", "第二条", "第三条", "第四条",
          "数据电文形式与纸质形式的招标投标活动具有同等法律效力。"),
         ("当前位置", "相关链接", "打印本页", "网站标识码", "互动交流"), "第四条"),
    Case(CONTAINERS / "powerlist_portal.html",
         ("对电子政务(含社会公共服务领域信息化)项目进行审核、评估", "对公共资源集中交易操作规程的制定",
          "规划、建设和管理“汕头政府在线”系统", "问责依据及监督方式", "表十、其他"),
         ("您现在的位置", "分享到", "版权所有", "扫一扫", "办事服务"), "对公共资源集中交易操作规程的制定"),
    Case(ROOT / "tests" / "fixtures" / "powerlist" / "powerlist.html",
         ("对电子政务(含社会公共服务领域信息化)项目进行审核、评估", "对公共资源集中交易操作规程的制定", "表六、行政检查", "表十、其他"),
         ("首页 > 权责清单",), "对公共资源集中交易操作规程的制定"),
)


def ours(path: Path) -> str:
    source, _ = load_source(path, path.parent)
    return "\n".join(block.text for block in html_page(source).blocks)


def extractors() -> dict[str, Callable[[Path], str]]:
    found: dict[str, Callable[[Path], str]] = {"quanze html container": ours}
    try:
        import trafilatura

        found["trafilatura"] = lambda path: trafilatura.extract(path.read_text(encoding="utf-8"), include_tables=True,
                                                                favor_recall=True) or ""
    except ImportError:
        pass
    try:
        from readability import Document

        found["readability-lxml"] = lambda path: lxml.html.fromstring(Document(path.read_text(encoding="utf-8")).summary()).text_content()
    except ImportError:
        pass
    return found


def score(case: Case, text: str) -> tuple[float, int, int]:
    compact = SPACES.sub("", text)
    found = sum(SPACES.sub("", line) in compact for line in case.expected) / len(case.expected)
    chrome = sum(SPACES.sub("", marker) in compact for marker in case.chrome)
    return found, chrome, compact.count(SPACES.sub("", case.once))


def main() -> None:
    print(f"{'extractor':<22} {'page':<44} {'body found':>10} {'chrome kept':>12} {'copies':>7}")
    for name, extract in extractors().items():
        for case in CASES:
            found, chrome, copies = score(case, extract(case.path))
            print(f"{name:<22} {case.path.name[:44]:<44} {found:>10.0%} {chrome:>6}/{len(case.chrome):<5} {copies:>7}")


if __name__ == "__main__":
    main()
