"""`argmap audit`: quotes checked against the sources' files, steps listed per analyst."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import main

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"

MAP = """\
id: tiny
title: Tiny
analysts:
  - {id: ann, name: Ann Lee}
sources:
  - {id: s1, title: One, file: one.txt}
propositions:
  - {id: e1, text: Seen, kind: evidence}
  - {id: h1, text: It happened, kind: hypothesis}
  - {id: h2, text: It did not, kind: hypothesis}
relations:
  - {id: r1, from: e1, to: h1, kind: support, by: [ann], cites: [{source: s1, quote: "it surely happened"}]}
  - {id: x1, from: h1, to: h2, kind: excludes}
"""


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    (tmp_path / "one.txt").write_text("Lee said [it](#) surely\nhappened. Then more.\n", encoding="utf-8")
    path = tmp_path / "tiny.yaml"
    path.write_text(MAP, encoding="utf-8")
    return path


def test_a_faithful_map_passes_and_shows_each_step_in_context(tiny: Path) -> None:
    result = CliRunner().invoke(main, ["audit", str(tiny), "--sources", str(tiny.parent)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "map tiny: 1 quotes, 1 found, 0 not found, 0 unchecked; 0 errors, 0 warnings",
        "",
        "== Ann Lee (ann): 1 step",
        "r1: e1 --support--> h1",
        '    [s1] "it surely happened"',
        "        in: Lee said it surely happened.",
        "",
        "== no analyst: 1 step",
        "x1: h1 --excludes--> h2",
    ]


def test_a_quote_missing_from_its_source_exits_1(tiny: Path) -> None:
    tiny.write_text(MAP.replace("it surely happened", "it happened"), encoding="utf-8")
    result = CliRunner().invoke(main, ["audit", str(tiny), "--sources", str(tiny.parent)])
    assert result.exit_code == 1
    assert 'error: relations[0].cites[0]: quote not found in s1: "it happened"' in result.output


def test_json_carries_the_same_audit(tiny: Path) -> None:
    result = CliRunner().invoke(main, ["audit", str(tiny), "--sources", str(tiny.parent), "--json"])
    body = json.loads(result.output)
    assert body["ok"] is True and body["quotes"] == {"checked": 1, "found": 1, "unchecked": 0}
    [ann] = body["analysts"]
    assert ann["steps"][0]["quotes"][0]["context"] == "Lee said it surely happened."
    assert [s["id"] for s in body["unattributed"]] == ["x1"]


def test_an_unattributed_attack_exits_1(tiny: Path) -> None:
    tiny.write_text(MAP.replace("kind: excludes", "kind: attack"), encoding="utf-8")
    result = CliRunner().invoke(main, ["audit", str(tiny), "--sources", str(tiny.parent)])
    assert result.exit_code == 1
    assert "error: relations[1] (x1): an attack with no analyst in `by`" in result.output.splitlines()


def test_a_missing_source_file_is_one_line_naming_the_source(tiny: Path) -> None:
    (tiny.parent / "one.txt").unlink()
    result = CliRunner().invoke(main, ["audit", str(tiny), "--sources", str(tiny.parent)])
    assert result.exit_code == 1
    assert result.output.startswith("Error: sources[0].file: cannot read ")
    assert "Traceback" not in result.output


def test_the_shipped_map_passes_the_audit_against_its_articles() -> None:
    result = CliRunner().invoke(
        main, ["audit", str(ROOT / "seeds" / "kremlin-drone-2023.yaml"), "--sources", str(SEEDS), "--json"]
    )
    body = json.loads(result.output)
    assert result.exit_code == 0, body["errors"]
    assert body["quotes"]["unchecked"] == 0 and body["quotes"]["found"] == body["quotes"]["checked"] > 0
