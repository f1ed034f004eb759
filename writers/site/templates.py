"""Jinja2 environment over site/templates: every {{ value }} is escaped for the text it lands in unless the writer made it.

`*.md.j2` templates fill Markdown: a value passes as is only when it is `Trusted` (writer-made Markdown), anything
else is escaped as inert Markdown. `*.html.md.j2` templates fill Markdown pages whose blocks are raw HTML (headings
stay Markdown, for the table of contents and permalinks): Jinja's autoescape escapes every value that is not `Markup`
(writer-made HTML), and the `md` filter puts Markdown (a heading's text, the front matter) into them."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from jinja2.nodes import EvalContext
from jinja2.utils import pass_eval_context
from markupsafe import Markup

from writers.site.escape import Trusted, html_text, text

TEMPLATES = Path(__file__).resolve().parents[2] / "site" / "templates"
HTML_BODIED = ".html.md.j2"


@pass_eval_context
def _finalize(context: EvalContext, value: Any) -> Any:
    """Escape by default: only writer-made Markdown (Markdown templates) or Markup (HTML-bodied ones) passes untouched;
    source text becomes one line of inert text either way."""
    if value is None:
        return ""
    if context.autoescape:
        return value if isinstance(value, Markup) else html_text(value)
    return value if isinstance(value, Trusted) else text(value)


def _markdown(value: Any) -> Markup:
    """Markdown in an HTML-bodied template: writer-made as is, source text escaped as inert Markdown (which holds no
    HTML markup either)."""
    return Markup(value if isinstance(value, Trusted) else text(value))


def _autoescape(name: str | None) -> bool:
    return bool(name and name.endswith(HTML_BODIED))


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        undefined=StrictUndefined,
        finalize=_finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=_autoescape,
        auto_reload=False,  # templates do not change during a build: no stat of the file at every include
    )
    env.filters["md"] = _markdown
    return env


@cache
def _file_name(template: str) -> str:
    return f"{template}{HTML_BODIED}" if (TEMPLATES / f"{template}{HTML_BODIED}").is_file() else f"{template}.md.j2"


def fill_template(template: str, **context: Any) -> str:
    """The Markdown of site/templates/<template>.md.j2 (or .html.md.j2) filled with `context` (MkDocs renders it later)."""
    return environment().get_template(_file_name(template)).render(**context)
