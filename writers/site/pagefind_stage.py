"""The pages Pagefind indexes a shard from: each site page cut down to what Pagefind reads of it.

About 70% of a Material page is theme chrome (head, header, navigation, table of contents, footer, scripts) around the
element marked data-pagefind-body, and Pagefind parses all of it. Pagefind indexes that element's content only; of the
rest it reads the `<html>` tag (`lang`), `<title>` (the result title of a page without `<h1>`), any `data-pagefind-*`
attribute (filters, meta, sort), the first `<h1>` of the page and the first `<img>` after it. So a page whose chrome
holds no `data-pagefind-*`, no `<h1>` and (after the body) no `<img>` is given to Pagefind as its `<html>` tag, its
`<title>` and its body element, which Pagefind indexes into the same bundle, byte for byte, from a third of the bytes;
any other page is given whole. Cutting looks for these markers in the bytes: no HTML parse."""

from __future__ import annotations

import re
from functools import lru_cache

BODY_ATTRIBUTE = b"data-pagefind-body"  # set by site/overrides/main.html on every page but those with `pagefind: false`
# Pagefind reads these outside the body element (lowercased chrome is searched for them): any is a reason to give the
# page whole. An `<img>` before the body is taken for the result image only after an `<h1>`, which is one already.
_BEFORE = (b"data-pagefind", b"<h1")
_AFTER = (b"data-pagefind", b"<h1", b"<img")
_TAG_NAME = re.compile(rb"<([a-zA-Z][a-zA-Z0-9-]*)[\s/>]")
_HTML_TAG = re.compile(rb"<html(?:\s[^>]*)?>", re.I)
_TITLE = re.compile(rb"<title[\s>].*?</title\s*>", re.I | re.S)
# Where text could hold a "<div" that opens nothing: comments and the raw-text elements.
_RAW = rb"<!--.*?-->|<(script|style|textarea|xmp|iframe|noembed|noframes|noscript|title)[\s>].*?</\1\s*>"


@lru_cache(maxsize=8)
def _nesting(tag: bytes) -> re.Pattern[bytes]:
    """Start and end tags of `tag`, skipping comments and raw text (an end tag is group 3)."""
    return re.compile(_RAW + rb"|<(/?)(" + re.escape(tag) + rb")[\s/>]", re.I | re.S)


def _body_span(html: bytes) -> tuple[int, int] | None:
    """Where the page's one body element starts and ends, or None (no such element, several, or never closed)."""
    marker = html.find(BODY_ATTRIBUTE)
    if marker < 0 or html.find(BODY_ATTRIBUTE, marker + 1) >= 0:
        return None
    start = html.rfind(b"<", 0, marker)
    tag = _TAG_NAME.match(html, start)
    if tag is None or b">" in html[start:marker]:
        return None
    depth = 0
    for found in _nesting(tag.group(1).lower()).finditer(html, start):
        if found.group(3) is None:
            continue
        depth += -1 if found.group(2) else 1
        if depth == 0:
            end = html.find(b">", found.start())
            return (start, end + 1) if end >= 0 else None
    return None


def _reads_chrome(before: bytes, after: bytes) -> bool:
    """Whether Pagefind would take anything from the chrome around the body element."""
    before, after = before.lower(), after.lower()
    return any(marker in before for marker in _BEFORE) or any(marker in after for marker in _AFTER)


def staged_page(html: bytes) -> bytes:
    """What Pagefind is given for a site page: the page cut down to its `<html>` tag, `<title>` and body element when
    that indexes the same, else the page as it is."""
    span = _body_span(html)
    if span is None:
        return html
    start, end = span
    before = html[:start]
    opening, title = _HTML_TAG.search(before), _TITLE.search(before)
    if opening is None or _reads_chrome(before, html[end:]):
        return html
    head = b"<head>" + (title.group(0) if title else b"") + b"</head>"
    return b"<!doctype html>\n" + opening.group(0) + head + b"<body>" + html[start:end] + b"</body></html>\n"
