"""The core stays a pure core: no flask, click or pyvis below the shells (STYLE §1)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "argmap"
SHELLS = {"cli.py", "cli_analysis.py", "__main__.py"}
ALLOWED = {"render.py": {"pyvis"}}


def core_modules() -> list[Path]:
    return [
        p for p in sorted(PACKAGE.rglob("*.py")) if p.name not in SHELLS and "web" not in p.relative_to(PACKAGE).parts
    ]


def imported_roots(path: Path) -> set[str]:
    roots: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("path", core_modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_core_imports_no_shell_library(path: Path) -> None:
    forbidden = {"flask", "click", "pyvis", "werkzeug"} - ALLOWED.get(path.name, set())
    assert not imported_roots(path) & forbidden


def test_the_model_and_semantics_import_nothing_of_the_web() -> None:
    for name in ("model.py", "semantics.py", "compile.py", "errors.py"):
        assert "argmap.web" not in (PACKAGE / name).read_text()
