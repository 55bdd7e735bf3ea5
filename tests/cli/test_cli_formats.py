"""The command line with the formats of the field: import, AIF maps in solve/explain/validate, ICCMA round trips."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from argmap.cli import main
from argmap.document import load
from argmap.pipeline import evaluate

DATA = Path(__file__).resolve().parent.parent / "data" / "aif"

MAP = """\
id: rivals
title: Rival answers
question: Who did it?
analysts:
  - {id: ann, name: Ann Analyst}
  - {id: bob, name: Bob Critic}
propositions:
  - {id: e1, text: A video shows it, kind: evidence}
  - {id: e2, text: An official denied it, kind: evidence}
  - {id: c1, text: The video is genuine, kind: claim}
  - {id: h1, text: They did it, kind: hypothesis}
  - {id: h2, text: Someone else did it, kind: hypothesis}
relations:
  - {id: r1, from: e1, to: c1, kind: support, by: [ann]}
  - {id: r2, from: c1, to: h1, kind: support, by: [ann]}
  - {id: r3, from: e2, to: h2, kind: support, by: [bob]}
  - {id: r4, from: h1, to: h2, kind: attack, by: [ann]}
  - {id: r5, from: h2, to: h1, kind: attack, by: [bob]}
"""


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def map_file(tmp_path: Path) -> Path:
    path = tmp_path / "rivals.yaml"
    path.write_text(MAP, encoding="utf-8")
    return path


# -- import ------------------------------------------------------------------------------------------------


def test_import_prints_the_map_as_yaml() -> None:
    result = run("import", DATA / "nodeset127.json")
    assert result.exit_code == 0, result.output
    doc = yaml.safe_load(result.stdout)
    assert doc["id"] == "nodeset127"
    assert {p["id"]: p["kind"] for p in doc["propositions"]}["i378"] == "hypothesis"
    assert {r["id"]: (r["from"], r["to"], r["kind"]) for r in doc["relations"]}["r1187"] == ("i379", "i378", "attack")


@pytest.mark.parametrize("suffix", [".yaml", ".yml", ".json"])
def test_import_writes_a_map_file_that_loads(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"sem{suffix}"
    result = run("import", DATA / "nodeset127.json", "-o", out, "--id", "semester")
    assert result.exit_code == 0, result.output
    assert "wrote" in result.stderr and "'semester'" in result.stderr
    m = load(out)
    assert m.id == "semester" and len(m.propositions) == 6 and len(m.relations) == 5
    if suffix == ".json":
        assert json.loads(out.read_text())["id"] == "semester"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file left


def test_import_reports_warnings_on_stderr() -> None:
    result = run("import", DATA / "ova3-undercut.json")
    assert result.exit_code == 0, result.output
    assert "warning:" in result.stderr and "PA (preference)" in result.stderr
    assert yaml.safe_load(result.stdout)["id"] == "ova3-undercut"


HALF_BROKEN = {
    "nodes": [
        {"nodeID": "1", "text": "It rained", "type": "I"},
        {"nodeID": "2", "text": "The road is wet", "type": "I"},
        {"nodeID": "3", "text": "RA", "type": "RA"},
        {"nodeID": "4", "text": "Speaker: it is wet", "type": "L"},
        {"nodeID": "5", "text": "RA", "type": "RA"},
    ],
    "edges": [{"fromID": "1", "toID": "3"}, {"fromID": "3", "toID": "2"}, {"fromID": "4", "toID": "5"}],
}


def test_import_skips_a_node_it_cannot_read_with_one_warning_and_strict_refuses(tmp_path: Path) -> None:
    path = tmp_path / "half.json"
    path.write_text(json.dumps(HALF_BROKEN), encoding="utf-8")
    result = run("import", path)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"warning: {path}: nodes[4]: RA node '5' has no premise (no edge into it from an I-node)"
        " and no conclusion (no edge from it to an I-node or an RA/CA/MA node); skipped"
    ]
    assert [r["id"] for r in yaml.safe_load(result.stdout)["relations"]] == ["r3"]
    result = run("import", "--strict", path)
    assert result.exit_code != 0 and result.stdout == ""
    assert f"{path}: nodes[4]: RA node '5' has no premise" in result.stderr


def test_import_reads_iccma_frameworks_as_maps(tmp_path: Path) -> None:
    path = tmp_path / "three.apx"
    path.write_text("arg(a).\narg(b).\narg(c).\natt(a,b).\natt(b,c).\n")
    result = run("import", path)
    assert result.exit_code == 0, result.output
    doc = yaml.safe_load(result.stdout)
    assert [p["kind"] for p in doc["propositions"]] == ["evidence"] * 3
    assert [(r["from"], r["to"]) for r in doc["relations"]] == [("a", "b"), ("b", "c")]


def test_import_with_an_explicit_format(tmp_path: Path) -> None:
    path = tmp_path / "framework.txt"
    path.write_text("a\nb\n#\nb a\n")
    result = run("import", path, "--format", "tgf")
    assert result.exit_code == 0, result.output
    assert yaml.safe_load(result.stdout)["id"] == "framework"
    assert run("import", path, "--format", "nope").output.startswith("Error: No reader for 'nope'")


def test_a_malformed_aif_file_lists_every_problem_and_writes_nothing(tmp_path: Path) -> None:
    doc = json.loads((DATA / "nodeset658.json").read_text())
    doc["edges"][0]["toID"] = "999"
    doc["nodes"][0]["type"] = "X"
    bad = tmp_path / "nodeset12.json"
    bad.write_text(json.dumps(doc))
    out = tmp_path / "out.yaml"
    result = run("import", bad, "-o", out)
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines[0].startswith(f"Error: {bad}: nodes[0].type: unknown AIF node type 'X'")
    assert f"{bad}: edges[0].toID: no node '999'" in lines
    assert "Traceback" not in result.output
    assert not out.exists()


def test_truncated_aif_is_one_clear_line(tmp_path: Path) -> None:
    bad = tmp_path / "cut.json"
    bad.write_text((DATA / "nodeset658.json").read_text()[:200])
    result = run("import", bad)
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {bad}: line 1 column") and "invalid JSON" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "map.txt"], "-o map.txt: the map is saved as .yaml, .yml or .json"),
        (["--id", "Not Valid"], "--id 'Not Valid': use 1-64 of a-z"),
    ],
)
def test_import_usage_errors_exit_2(args: list[str], message: str) -> None:
    result = run("import", DATA / "nodeset658.json", *args)
    assert result.exit_code == 2
    assert message in result.output


def test_import_of_a_missing_file() -> None:
    result = run("import", "nowhere.json")
    assert result.exit_code == 1 and result.output == "Error: nowhere.json: no such file\n"


# -- AIF files where maps go ---------------------------------------------------------------------------------


def test_solve_reads_an_aif_file() -> None:
    result = run("solve", DATA / "nodeset127.json", "--json")
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert body["labels"]["i378"] == "OUT" and body["labels"]["i379"] == "IN"
    off = json.loads(run("solve", DATA / "nodeset127.json", "--off", "i380", "--json").output)
    assert off["labels"]["i378"] == "IN"


def test_explain_validate_and_export_read_aif_files(tmp_path: Path) -> None:
    path = DATA / "ova3-undercut.json"
    explained = run("explain", path, "i4")
    assert explained.exit_code == 0, explained.output
    assert "OUT" in explained.output
    validated = run("validate", path, DATA / "nodeset664.json")
    assert validated.exit_code == 0
    assert validated.output.count(": ok (") == 2
    exported = run("export", path, "--format", "graphml")
    assert exported.exit_code == 0 and "<graphml" in exported.output


def test_validate_reports_a_malformed_aif_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"nodes": [{"nodeID": "1", "type": "RA"}], "edges": [{"fromID": "1", "toID": "2"}]}')
    result = run("validate", bad)
    assert result.exit_code == 1
    assert f"{bad}: edges[0].toID: no node '2'" in result.output


# -- export -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["iccma", "tgf", "apx"])
@pytest.mark.parametrize("scenario", [[], ["--off", "e2"], ["--distrust", "bob"], ["--support", "deductive"]])
def test_an_exported_framework_solves_to_the_same_grounded_extension(
    tmp_path: Path, map_file: Path, fmt: str, scenario: list[str]
) -> None:
    out = tmp_path / f"af.{'i23' if fmt == 'iccma' else fmt}"
    result = run("export", map_file, "--format", fmt, *scenario, "-o", out)
    assert result.exit_code == 0, result.output
    table = json.loads(Path(f"{out}.map.json").read_text())
    solved = run("solve", out)
    assert solved.exit_code == 0, solved.output
    words = solved.output.split()
    assert words[0] == "w"
    ev = evaluate(load(map_file), **dict(zip(("off", "distrust", "support"), _values(scenario), strict=False)))
    assert {table["arguments"][name] for name in words[1:]} == {a for a, x in ev.all_labels.items() if x == "IN"}
    assert sorted(words[1:]) == sorted(table["grounded"])


def _values(scenario: list[str]) -> list[str | None]:
    given = dict(zip(scenario[::2], scenario[1::2], strict=True))
    return [given.get("--off"), given.get("--distrust"), given.get("--support")]


def test_export_to_stdout_prints_only_the_framework(map_file: Path) -> None:
    result = run("export", map_file, "--format", "iccma")
    assert result.exit_code == 0
    assert result.stdout.startswith("p af 8\n") and "#" not in result.stdout


@pytest.mark.parametrize("fmt", ["aif", "graphml", "dot", "json"])
def test_export_writes_the_other_formats_without_a_side_table(tmp_path: Path, map_file: Path, fmt: str) -> None:
    out = tmp_path / f"rivals.{fmt}"
    result = run("export", map_file, "--format", fmt, "-o", out)
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").strip()
    assert not Path(f"{out}.map.json").exists()


def test_a_map_exported_as_aif_imports_back_with_the_same_labels(tmp_path: Path, map_file: Path) -> None:
    out = tmp_path / "rivals.aif.json"
    assert run("export", map_file, "--format", "aif", "--off", "e2", "-o", out).exit_code == 0
    again = tmp_path / "again.yaml"
    assert run("import", out, "-o", again).exit_code == 0
    solved = json.loads(run("solve", again, "--off", "e2", "--json").output)
    assert solved["labels"] == json.loads(out.read_text())["argmap"]["labels"]
    assert load(again).id == "rivals"
