"""The layering contract: every import of a project package points down the stage order, never up or sideways."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Lowest first: execution/ (where any stage's tasks run) imports nothing of the project; packages in one layer
# (search, writers) do not import each other. benchmarks drive whole builds.
LAYERS = (
    ("execution",), ("schema",), ("text",), ("citations",), ("parser",), ("passes",),
    ("search", "writers"), ("pipeline",), ("build", "benchmarks"),
)
RANK = {package: rank for rank, layer in enumerate(LAYERS) for package in layer}


def _modules() -> list[tuple[str, Path]]:
    """(package, file) for every Python file of the layered packages, and build.py."""
    found = [("build", ROOT / "build.py")]
    for package in RANK:
        if (ROOT / package).is_dir():
            found += [(package, path) for path in sorted((ROOT / package).rglob("*.py"))]
    return found


def _imported(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every absolute import in the file, including those inside functions."""
    imports = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            imports += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            imports.append((node.lineno, node.module))
    return imports


def violations(modules: list[tuple[str, Path]]) -> list[str]:
    """Every import of `modules` that runs upward or sideways, as file:line package → module."""
    found = []
    for package, path in modules:
        for line, module in _imported(path):
            target = module.split(".")[0]
            if target in RANK and target != package and RANK[target] >= RANK[package]:
                found.append(f"{path.name}:{line} {package} → {module}")
    return found


def test_no_import_runs_upward_or_sideways() -> None:
    assert violations(_modules()) == []


def test_every_top_level_package_has_a_layer() -> None:
    """A new package must be placed in LAYERS, so the contract covers it."""
    packages = {path.parent.name for path in ROOT.glob("*/__init__.py")}
    assert packages - set(RANK) == set()


@pytest.mark.parametrize(("package", "module"), [("writers", "pipeline.changes"), ("search", "writers.jsonl"), ("schema", "text.titles")])
def test_the_check_sees_an_upward_or_sideways_import(tmp_path: Path, package: str, module: str) -> None:
    path = tmp_path / "probe.py"
    path.write_text(f"def late():\n    from {module} import x\n", encoding="utf-8")
    assert violations([(package, path)]) == [f"probe.py:2 {package} → {module}"]
    assert violations([("build", path)]) == []
