"""Render OUT/mkdocs.yml from the editors' root mkdocs.yml and run `mkdocs build --strict` into OUT/site/."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from writers.site.sync import write_if_changed

ROOT = Path(__file__).resolve().parents[2]
EDITORS_CONFIG = ROOT / "mkdocs.yml"
ASSETS = ROOT / "site"


@dataclass
class MkDocsRun:
    """Outcome of one mkdocs build: exit code and the warnings/errors it logged."""

    returncode: int
    problems: list[str]


def _search_plugin(plugins: list[Any]) -> dict[str, Any]:
    for plugin in plugins:
        if isinstance(plugin, dict) and "search" in plugin:
            return plugin["search"]
    raise ValueError("mkdocs.yml: the search plugin is not configured")


def site_config(nav: list[Any]) -> dict[str, Any]:
    """The editors' config with the generated nav, OUT/docs and OUT/site relative to OUT/mkdocs.yml (Zensical needs them relative)."""
    config = yaml.safe_load(EDITORS_CONFIG.read_text(encoding="utf-8"))
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"
    config["theme"]["custom_dir"] = str((ROOT / config["theme"]["custom_dir"]).resolve())
    search = _search_plugin(config["plugins"])
    search["jieba_dict_user"] = str((ROOT / search["jieba_dict_user"]).resolve())
    config["nav"] = nav
    return config


def write_config(out: Path, nav: list[Any]) -> Path:
    """OUT/mkdocs.yml, rewritten only when its bytes change."""
    path = out / "mkdocs.yml"
    write_if_changed(path, yaml.safe_dump(site_config(nav), allow_unicode=True, sort_keys=False).encode("utf-8"))
    return path


def run_mkdocs(config: Path) -> MkDocsRun:
    """`mkdocs build --strict -f config`; any warning fails the build."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(config)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    problems = [line for line in result.stderr.splitlines() if line.startswith(("WARNING", "ERROR")) or "Aborted" in line]
    return MkDocsRun(result.returncode, problems)
