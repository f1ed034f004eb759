"""Jinja2 environment over site/templates: every {{ value }} is escaped unless the writer marked it Trusted."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from writers.site.escape import Trusted, text

TEMPLATES = Path(__file__).resolve().parents[2] / "site" / "templates"


def _finalize(value: Any) -> str:
    """Escape by default: only writer-made Markdown passes through untouched."""
    if value is None:
        return ""
    return value if isinstance(value, Trusted) else text(value)


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        undefined=StrictUndefined,
        finalize=_finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    return env


def fill_template(template: str, **context: Any) -> str:
    """The Markdown of site/templates/<template>.md.j2 filled with `context` (MkDocs renders Markdown to HTML later)."""
    return environment().get_template(f"{template}.md.j2").render(**context)
