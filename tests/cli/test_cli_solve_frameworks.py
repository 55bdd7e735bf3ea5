"""``argmap solve FILE.i23|.af|.tgf|.apx``: the grounded extension, one-line errors, a light start."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from argmap import formats
from argmap.cli import main
from argmap.errors import FormatError


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("x.i23", "p af 5\n1 2\n2 3\n4 4\n5 4\n", "w 1 3 5"),
        ("x.af", "# ICCMA 2023\np af 4\n1 2\n3 4\n4 3\n", "w 1"),
        ("x.i23", "p af 3\n1 2\n2 1\n1 2\n", "w 3"),
        ("x.i23", "p af 2\n1 2\n2 1\n", "w"),
        ("x.tgf", "1\n2\n3\n#\n1 2\n2 3\n", "w 1 3"),
        ("x.tgf", "b\na\n#\nb a\n", "w b"),
        ("x.apx", "arg(a). arg(b).\natt(a,b). % b is out\n", "w a"),
    ],
)
def test_solve_prints_the_grounded_extension_in_iccma_form(tmp_path: Path, name: str, text: str, expected: str) -> None:
    path = tmp_path / name
    path.write_text(text)
    result = run("solve", path)
    assert result.exit_code == 0, result.output
    assert result.output == expected + "\n"


def test_a_chain_of_ten_thousand_alternates(tmp_path: Path) -> None:
    path = tmp_path / "chain.i23"
    n = 10_000
    path.write_text(f"p af {n}\n" + "".join(f"{i} {i + 1}\n" for i in range(1, n)))
    assert run("solve", path).output.split() == ["w", *map(str, range(1, n + 1, 2))]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("x.i23", "", "x.i23: no 'p af N' header; is this an ICCMA .af/.i23 file?"),
        ("x.i23", "1 2\n2 3\n", "x.i23: line 1: expected the header 'p af N', got '1 2'"),
        ("x.i23", "p af 3\n1 2\n2 3\n1 7\n", "x.i23: line 4: expected two argument numbers in 1..3, got '1 7'"),
        ("x.af", "p af 3\n1 2\n0 1\n", "x.af: line 3: expected two argument numbers in 1..3, got '0 1'"),
        (
            "x.i23",
            "p af 3\n1 2\ngarbage here\n",
            "x.i23: line 3: expected two argument numbers in 1..3, got 'garbage here'",
        ),
        ("x.i23", "p af 3\n1 2 3\n", "x.i23: line 2: expected two argument numbers in 1..3, got '1 2 3'"),
        ("x.i23", "p af three\n", "x.i23: line 1: expected the header 'p af N', got 'p af three'"),
        ("x.tgf", "1\n2\n#\n1 3\n", "x.tgf: line 4: attack names '3', which is not declared above '#'"),
        ("x.tgf", "", "x.tgf: empty framework; expected argument names, '#', then attacks"),
        ("x.apx", "arg(a).\natt(a,b).\n", "x.apx: att(a,b) names 'b', which has no arg(b)."),
    ],
)
def test_malformed_files_fail_with_the_reference_reader_s_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, content: str, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    Path(name).write_text(content)
    with pytest.raises(FormatError) as reference:
        formats.read_framework(formats.FRAMEWORK_SUFFIXES[Path(name).suffix], content, name)
    assert str(reference.value) == message  # the words are the formats module's, not ours
    result = run("solve", name)
    assert result.exit_code == 1
    assert result.output == f"Error: {message}\n"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.mkdir(), "is a directory, not a framework file"),
        (lambda p: None, "no such file"),
        (lambda p: p.write_bytes(b"p af 2\n1 2\n\xff\xfe\n"), "not UTF-8 text (byte 11)"),
    ],
)
def test_unreadable_paths_fail_in_one_line(tmp_path: Path, make: object, message: str) -> None:
    path = tmp_path / "x.i23"
    make(path)  # type: ignore[operator]
    result = run("solve", path)
    assert result.exit_code == 1
    assert result.output == f"Error: {path}: {message}\n"


def test_a_malformed_file_exits_1_without_traceback_in_a_real_process(tmp_path: Path) -> None:
    path = tmp_path / "x.i23"
    path.write_text("p af 3\n1 2\n2 3\n1 7\n")
    proc = subprocess.run([sys.executable, "-m", "argmap", "solve", str(path)], capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert proc.stderr == f"Error: {path}: line 4: expected two argument numbers in 1..3, got '1 7'\n"


@pytest.mark.parametrize("name", ["x.i23", "x.iccma"])
def test_solving_a_framework_loads_neither_networkx_nor_the_web_stack(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("p af 3\n1 2\n2 3\n")
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "argmap", "solve", str(path)], capture_output=True, text=True
    )
    assert proc.returncode == 0 and proc.stdout == "w 1 3\n"
    imported = {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")}
    assert "numpy" in imported and "argmap.solver" in imported  # the report is what we think it is
    assert not imported & {"networkx", "flask", "pyvis", "scipy", "argmap.formats", "argmap.web"}
