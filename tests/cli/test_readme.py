"""The README's console examples: each shown line appears, in order, in the real output."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import main

ROOT = Path(__file__).resolve().parents[2]
BLOCK = re.compile(r"```console\n(.*?)```", re.S)


def examples() -> list[tuple[str, list[str]]]:
    out = []
    for block in BLOCK.findall((ROOT / "README.md").read_text()):
        command, *shown = block.strip("\n").split("\n")
        out.append((command.removeprefix("$ "), shown))
    return out


def test_the_readme_has_examples() -> None:
    assert len(examples()) >= 3


@pytest.mark.parametrize(("command", "shown"), examples(), ids=[c for c, _ in examples()])
def test_readme_example_output_is_real(command: str, shown: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    args = shlex.split(command)
    assert args[0] == "argmap"
    result = CliRunner().invoke(main, args[1:])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    position = 0
    for line in shown:
        assert line in lines[position:], f"{line!r} not in the output of {command!r}"
        position = lines.index(line, position) + 1
