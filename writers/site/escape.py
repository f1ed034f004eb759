"""Output safety: source text is escaped so it renders as inert text; only vetted links become links.

Two kinds of page text, each its own type: `Trusted` is Markdown the writer composed (MkDocs parses it), `Markup`
(markupsafe, Jinja's autoescape) is HTML the writer composed, which pages hold as raw HTML blocks that Python-Markdown
passes through unparsed. Anything else is source text and is escaped for the kind of text it lands in."""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from urllib.parse import urlsplit

from markupsafe import Markup, escape

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
_PHONE = re.compile(r"^\+?[0-9][0-9 ()\-－—]{4,}[0-9]$")
_SAFE_SCHEMES = {"http", "https"}


class Trusted(str):
    """Markdown the writer composed itself (links, headings): emitted as is by the templates."""


def text(value: object) -> Trusted:
    """Source text as one inert Markdown line: HTML entities escaped, Markdown punctuation backslash-escaped."""
    return _escaped(str(value))


@lru_cache(maxsize=65_536)
def _escaped(value: str) -> Trusted:
    """Cached: a power list repeats the same citations, duties and channels on thousands of pages."""
    flat = " ".join(value.split())
    return Trusted(_MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(flat, quote=False)))


def front_matter_title(value: object) -> Trusted:
    """A page title for the YAML front matter: one line, HTML entities escaped (the theme inserts titles unescaped), quoted."""
    return Trusted(json.dumps(html.escape(" ".join(str(value).split()), quote=False), ensure_ascii=False))


def lines(value: object) -> Trusted:
    """Multi-line source text: each line escaped, joined by hard line breaks inside one paragraph."""
    rows = [text(row) for row in str(value).splitlines() if row.strip()]
    return Trusted("<br>\n".join(rows))


def link(label: object, target: str) -> Trusted:
    """A link the writer built to one of its own pages (target is a relative path it generated)."""
    return Trusted(f"[{text(label)}]({target})")


def _safe_url(url: str) -> bool:
    """An http(s) address with a host and nothing that could end an attribute or a Markdown link."""
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in _SAFE_SCHEMES and bool(parts.netloc) and not re.search(r"[\s<>\"'()\[\]]", url.strip())


def url_link(url: str) -> Trusted:
    """An http(s) address from a source as a link; anything else (javascript:, data:) stays inert text."""
    if not _safe_url(url):
        return text(url)
    href = html.escape(url.strip(), quote=True)
    return Trusted(f'<a href="{href}" rel="nofollow noopener">{text(url)}</a>')




@lru_cache(maxsize=65_536)
def html_text(value: object) -> Markup:
    """Source text as one line of HTML text: whitespace runs collapsed, HTML's special characters escaped.

    Cached like `text`: a power list repeats the same citations, duties and channels on thousands of pages."""
    return escape(" ".join(str(value).split()))


def html_lines(value: object) -> Markup:
    """Multi-line source text as HTML: each line escaped, joined by line breaks."""
    return Markup("<br>\n").join(html_text(row) for row in str(value).splitlines() if row.strip())


def html_link(label: object, href: str) -> Markup:
    """A link the writer built to one of its own pages (`href` is the URL writers.site.urls made)."""
    return Markup(f'<a href="{escape(href)}">{html_text(label)}</a>')  # an f-string: Markup.format costs 5 times more


def html_url_link(url: str) -> Markup:
    """An http(s) address from a source as a link; anything else (javascript:, data:) stays inert text."""
    if not _safe_url(url):
        return html_text(url)
    return Markup(f'<a href="{escape(url.strip())}" rel="nofollow noopener">{html_text(url)}</a>')


def html_phone_link(phone: str) -> Markup:
    """A phone number as a tel: link when it looks like one, else inert text."""
    if not _PHONE.match(phone.strip()):
        return html_text(phone)
    digits = re.sub(r"[^0-9+]", "", phone)
    return Markup(f'<a href="tel:{digits}">{html_text(phone)}</a>')


def anchor_id(value: str) -> str | None:
    """A record's anchor if it is a safe HTML id, else None."""
    return value if re.fullmatch(r"[A-Za-z][\w\-]*", value or "", flags=re.ASCII) else None
