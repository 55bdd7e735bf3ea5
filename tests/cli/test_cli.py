"""The argmap command: solve, explain, validate, export, and every error path."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from argmap.cli import main


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def labels_in_table(output: str) -> dict[str, str]:
    rows = [
        line.split() for line in output.splitlines() if line.split()[:1] in (["hypothesis"], ["claim"], ["evidence"])
    ]
    return {row[1]: row[2] for row in rows}


def test_solve_prints_a_table_hypotheses_first(small_file: Path) -> None:
    result = run("solve", small_file)
    assert result.exit_code == 0, result.output
    assert "Did it happen?" in result.output
    assert labels_in_table(result.output) == {"h1": "UNDEC", "h2": "UNDEC", "c1": "IN", "e1": "IN", "e2": "IN"}
    assert result.output.index("h1") < result.output.index("c1") < result.output.index("e1 ")


def test_solve_off_changes_the_verdicts(small_file: Path) -> None:
    result = run("solve", small_file, "--off", "e2")
    assert result.exit_code == 0
    assert labels_in_table(result.output) == {"h1": "IN", "h2": "OUT", "c1": "IN", "e1": "IN", "e2": "OFF"}
    assert "off=e2" in result.output


def test_solve_json_is_the_labels_endpoint_body(small_file: Path) -> None:
    result = run("solve", small_file, "--distrust", "bob", "--json")
    assert result.exit_code == 0
    body = json.loads(result.output)
    assert body["labels"] == {"e1": "IN", "e2": "IN", "c1": "IN", "h1": "IN", "h2": "OUT"}
    assert body["rounds"]["h1"] == 3
    assert body["scenario"] == {"off": [], "distrust": ["bob"], "support": "evidential"}


def test_solve_support_reading(small_file: Path) -> None:
    result = run("solve", small_file, "--support", "abstract", "--json")
    assert json.loads(result.output)["labels"]["c1"] == "IN"
    assert json.loads(result.output)["scenario"]["support"] == "abstract"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--off", "e9"], "No evidence 'e9' in map 'small'. Evidence here: e1, e2."),
        (["--off", "c1"], "'c1' is a claim, not evidence"),
        (["--distrust", "zed"], "No analyst 'zed' in map 'small'"),
        (["--support", "magic"], "'magic' is not one of"),
    ],
)
def test_bad_scenarios_exit_2_with_a_clear_error(small_file: Path, args: list[str], message: str) -> None:
    result = run("solve", small_file, *args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_explain_in_english_and_json(small_file: Path) -> None:
    result = run("explain", small_file, "h1", "--off", "e2")
    assert result.exit_code == 0
    assert result.output.startswith("h1 IN: Accepted")
    assert "r5: h2 attacks h1 (Bob Critic)" in result.output
    assert "“it was seen” (Source one)" in result.output
    tree = json.loads(run("explain", small_file, "h2", "--off", "e2", "--json").output)
    assert tree["label"] == "OUT" and tree["no_accepted_support"] is True


def test_explain_unknown_proposition_exits_2(small_file: Path) -> None:
    result = run("explain", small_file, "h9")
    assert result.exit_code == 2
    assert "No proposition 'h9' in map 'small'" in result.output


def test_validate_ok_and_one_line_per_problem(small_file: Path, tmp_path: Path) -> None:
    ok = run("validate", small_file)
    assert ok.exit_code == 0 and "ok (5 propositions, 5 relations)" in ok.output
    bad = tmp_path / "bad.yaml"
    bad.write_text(small_file.read_text().replace("to: h2, kind: attack", "to: h9, kind: attak"))
    result = run("validate", small_file, bad)
    assert result.exit_code == 1
    problems = [line for line in result.stderr.splitlines() if line.startswith(str(bad))]
    assert problems == [
        f"{bad}: relations[3].kind: unknown kind 'attak'; expected support, attack or excludes",
        f"{bad}: relations[3].to: no proposition 'h9'",
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "the file is empty"),
        ("id: x\ntitle: [\n", "invalid YAML"),
        ("{", "invalid JSON"),
    ],
)
def test_validate_syntax_errors(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / ("m.json" if content == "{" else "m.yaml")
    path.write_text(content)
    result = run("validate", path)
    assert result.exit_code == 1 and message in result.output and "Traceback" not in result.output


def test_missing_file_is_a_one_line_error(tmp_path: Path) -> None:
    result = run("solve", tmp_path / "nope.yaml")
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {tmp_path / 'nope.yaml'}: no such file"


def test_invalid_map_in_solve_lists_problems_without_traceback(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("id: m\ntitle: t\npropositions:\n  - {id: a, text: A, kind: nope}\n")
    result = run("solve", path)
    assert result.exit_code == 1
    assert "propositions[0].kind: unknown kind 'nope'" in result.output
    assert "Traceback" not in result.output


def test_export_json_to_stdout_and_file(small_file: Path, tmp_path: Path) -> None:
    result = run("export", small_file, "--format", "json", "--off", "e2")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["id"] == "small" and doc["labels"]["h1"] == "IN" and doc["scenario"]["off"] == ["e2"]
    assert [p["id"] for p in doc["propositions"]] == ["e1", "e2", "c1", "h1", "h2"]
    out = tmp_path / "out" / "small.json"
    assert run("export", small_file, "-o", out).exit_code == 0
    assert json.loads(out.read_text())["labels"]["h1"] == "UNDEC"
    assert list(out.parent.iterdir()) == [out]  # no temporary file left behind


def test_export_unknown_format(small_file: Path) -> None:
    result = run("export", small_file, "--format", "docx")
    assert result.exit_code == 1 and "No writer for 'docx'" in result.output


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("f.i23", "p af 3\n1 2\n2 3\n", "w 1 3"),
        ("f.af", "p af 4\n# a comment\n1 2\n2 1\n3 4\n", "w 3"),
        ("f.tgf", "a\nb\nc\n#\na b\nb c\n", "w a c"),
        ("f.apx", "arg(a).\narg(b).\narg(c).\natt(a,b).\natt(b,c).\n", "w a c"),
        ("f.i23", "p af 2\n", "w 1 2"),
    ],
)
def test_solve_iccma_frameworks_prints_the_grounded_extension(
    tmp_path: Path, name: str, content: str, expected: str
) -> None:
    path = tmp_path / name
    path.write_text(content)
    result = run("solve", path)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == expected


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("f.i23", "1 2\n", "line 1: expected the header 'p af N'"),
        ("f.i23", "p af 3\n1 7\n", "line 2: expected two argument numbers in 1..3, got '1 7'"),
        ("f.tgf", "a\n#\na z\n", "line 3: attack names 'z'"),
        ("f.apx", "arg(a).\natt(a,b).\n", "att(a,b) names 'b'"),
        ("f.apx", "arg(a\n", "line 1: expected arg(a). or att(a,b)."),
    ],
)
def test_malformed_frameworks_are_one_line_errors(tmp_path: Path, name: str, content: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(content)
    result = run("solve", path)
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output


def test_python_dash_m_argmap(small_file: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "solve", str(small_file), "--off", "e2", "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["labels"]["h2"] == "OUT"
    bad = subprocess.run(
        [sys.executable, "-m", "argmap", "solve", str(small_file), "--off", "e9"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2 and "No evidence 'e9'" in bad.stderr and "Traceback" not in bad.stderr
