"""The command line on linked steps, undercuts and excludes."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from argmap.cli import main

SHAPED = """\
id: shaped
title: Pollock's red light, with a linked step
analysts: [{id: ann, name: Ann}]
propositions:
  - {id: e-looks, text: It looks red, kind: evidence}
  - {id: e-light, text: It is lit by a red light, kind: evidence}
  - {id: e-paint, text: It was painted red yesterday, kind: evidence}
  - {id: h-red, text: It is red, kind: hypothesis}
  - {id: h-white, text: It is white, kind: hypothesis}
relations:
  - {id: r-looks, from: [e-looks, e-paint], to: h-red, kind: support, by: [ann]}
  - {id: u-light, from: e-light, to: r-looks, kind: attack, by: [ann]}
  - {id: x-colour, from: h-red, to: h-white, kind: excludes}
"""


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def test_solve_json_reports_the_status_of_every_step(tmp_path: Path) -> None:
    path = tmp_path / "shaped.yaml"
    path.write_text(SHAPED)
    body = json.loads(run("solve", path, "--json").output)
    assert body["inferences"] == {"r-looks": "OUT", "u-light": "IN"}
    assert body["labels"]["h-red"] == "OUT"
    body = json.loads(run("solve", path, "--json", "--off", "e-light").output)
    assert body["inferences"] == {"r-looks": "IN", "u-light": "OFF"}
    assert (body["labels"]["h-red"], body["labels"]["h-white"]) == ("IN", "OUT")


def test_explain_takes_a_step_and_names_its_undercut(tmp_path: Path) -> None:
    path = tmp_path / "shaped.yaml"
    path.write_text(SHAPED)
    result = run("explain", path, "r-looks")
    assert result.exit_code == 0, result.output
    assert (
        result.output.splitlines()[0]
        == "r-looks OUT: Fails: “It is lit by a red light” shows that it does not follow, argued by Ann."
    )
    assert "  - u-light: e-light undercuts r-looks (Ann)" in result.output
    result = run("explain", path, "x-colour")
    assert result.exit_code == 2 and "No support or attack relation 'x-colour'" in result.output


def test_validate_lists_every_malformed_shape(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(SHAPED.replace("to: r-looks", "to: x-colour").replace("[e-looks, e-paint]", "[e-looks, e-looks]"))
    result = run("validate", path)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{path}: relations[0].from[1]: 'e-looks' is listed twice; premises are distinct",
        f"{path}: relations[1].to: 'x-colour' is an excludes, which cannot be undercut",
    ]
