"""docs/notebook.ipynb runs as written (without Jupyter): each code cell in order, the displayed
values rendered as a notebook would, through ``_repr_html_``."""

from __future__ import annotations

import ast
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "docs" / "notebook.ipynb"


def test_the_notebook_example_runs_and_displays_snapshots(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    notebook = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    assert notebook["nbformat"] == 4
    cells = ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code"]
    assert all(not c["outputs"] for c in notebook["cells"] if c["cell_type"] == "code")  # kept small: no outputs
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")  # the notebook runs beside the shipped maps
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, Any] = {}
    shown: list[Any] = []
    for source in cells:
        tree = ast.parse(source)
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        exec(compile(tree, str(NOTEBOOK), "exec"), namespace)  # noqa: S102 - our own example
        if last is not None:
            value = eval(compile(ast.Expression(last.value), str(NOTEBOOK), "eval"), namespace)  # noqa: S307
            if value is not None:
                shown.append(value)
    frames = [value._repr_html_() for value in shown if hasattr(value, "_repr_html_")]
    assert len(frames) == 2 and all(f.startswith('<iframe sandbox="allow-scripts" srcdoc=') for f in frames)
    assert (tmp_path / "kremlin-without-isw.html").read_text(encoding="utf-8").startswith("<!doctype html>")
