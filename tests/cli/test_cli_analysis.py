"""The analyst commands: hinges, diff, ach, readings, in text, JSON and CSV, and their errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner, Result

from argmap import cli_analysis  # noqa: F401 - registers the commands on main
from argmap.cli import main


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def test_hinges_json_lists_each_switch_that_alone_changes_a_hypothesis(small_file: Path) -> None:
    result = run("hinges", small_file, "--json")
    assert result.exit_code == 0, result.output
    h1 = json.loads(result.output)["hinges"]["h1"]
    assert h1["label"] == "UNDEC"
    assert [(x["id"], x["to"], x["action"]) for x in h1["evidence"]] == [("e1", "OUT", "off"), ("e2", "IN", "off")]
    assert [(x["id"], x["to"]) for x in h1["analysts"]] == [("ann", "OUT"), ("bob", "IN")]
    assert h1["sets"] == []


def test_hinges_follow_the_scenario_options(small_file: Path) -> None:
    result = run("hinges", small_file, "--off", "e2", "--distrust", "ann", "--json")
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert body["scenario"] == {"off": ["e2"], "distrust": ["ann"], "support": "evidential"}
    h1, h2 = body["hinges"]["h1"], body["hinges"]["h2"]
    assert (h1["label"], h2["label"]) == ("OUT", "OUT")
    assert h1["analysts"] == [{"id": "ann", "to": "IN", "action": "trust"}]
    assert h2["evidence"] == [{"id": "e2", "to": "IN", "action": "on"}]


def test_hinges_text_says_what_each_switch_does(small_file: Path) -> None:
    result = run("hinges", small_file)
    assert result.exit_code == 0, result.output
    assert "h1  UNDEC  It happened" in result.output
    assert "evidence: e1 off -> OUT; e2 off -> IN" in result.output
    assert "analysts: ann distrust -> OUT; bob distrust -> IN" in result.output


def test_hinges_with_no_time_says_the_search_was_cut_short(small_file: Path) -> None:
    result = run("hinges", small_file, "--time-limit", "0", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["truncated"] is True
    assert "cut short" in run("hinges", small_file, "--time-limit", "0").output


def test_hinges_refuse_an_unknown_evidence_id_as_a_usage_error(small_file: Path) -> None:
    result = run("hinges", small_file, "--off", "e9")
    assert result.exit_code == 2
    assert "No evidence 'e9'" in result.output
    assert "Traceback" not in result.output


def test_diff_json_names_the_relations_behind_each_change(small_file: Path) -> None:
    result = run("diff", small_file, "--a", "", "--b", "off=e1", "--json")
    assert result.exit_code == 0, result.output
    changed = {c["id"]: c for c in json.loads(result.output)["changed"]}
    assert changed["h1"] == {"id": "h1", "a": "UNDEC", "b": "OUT", "because": ["r1"]}
    assert changed["e1"]["b"] == "OFF"
    assert "e2" not in changed


def test_diff_text_has_a_line_per_change(small_file: Path) -> None:
    result = run("diff", small_file, "--a", "distrust=bob", "--b", "distrust=ann")
    assert result.exit_code == 0, result.output
    assert "a: support=evidential off=- distrust=bob" in result.output
    line = next(x for x in result.output.splitlines() if x.startswith("h1 "))
    assert line.split()[:4] == ["h1", "IN", "->", "OUT"]
    assert line.split("because: ")[1] == "r1, r2"  # ann's supports; bob's r5 plays no part in either story


def test_diff_of_equal_scenarios_says_so(small_file: Path) -> None:
    result = run("diff", small_file, "--a", "off=e1", "--b", "?off=e1")
    assert result.exit_code == 0
    assert "no label changes" in result.output


def test_diff_refuses_a_misspelt_field(small_file: Path) -> None:
    result = run("diff", small_file, "--b", "of=e1")
    assert result.exit_code == 2
    assert "Unknown scenario field 'of'" in result.output


def test_ach_table_lists_hypotheses_and_marks(small_file: Path) -> None:
    result = run("ach", small_file)
    assert result.exit_code == 0, result.output
    assert "H1   h1  (1 inconsistent)  It happened" in result.output
    rows = {line.split()[0]: line.split()[1:] for line in result.output.splitlines() if line[:2] in ("e1", "e2")}
    assert rows == {"e1": ["C", "I"], "e2": ["I", "C"]}


def test_ach_csv_and_json_agree(small_file: Path) -> None:
    as_csv = run("ach", small_file, "--distrust", "bob", "--csv")
    as_json = run("ach", small_file, "--distrust", "bob", "--json")
    assert as_csv.exit_code == 0 and as_json.exit_code == 0
    body = json.loads(as_json.output)
    rows = list(csv.reader(io.StringIO(as_csv.output)))
    assert rows[0][3:] == body["hypotheses"]
    for row in rows[1:-1]:
        assert row[3:] == [body["cells"][row[0]][h] for h in body["hypotheses"]]
    assert body["cells"]["e2"] == {"h1": "N", "h2": "N"}  # bob's relations do not count


def test_ach_refuses_two_output_forms(small_file: Path) -> None:
    assert run("ach", small_file, "--csv", "--json").exit_code == 2


def test_readings_table_and_json(small_file: Path) -> None:
    result = run("readings", small_file, "--off", "e1")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["hypothesis", "evidential", "deductive", "abstract"]
    assert lines[1].split() == ["h1", "OUT", "UNDEC", "UNDEC", "*"]
    body = json.loads(run("readings", small_file, "--off", "e1", "--json").output)
    assert body["readings"]["h1"] == {"evidential": "OUT", "deductive": "UNDEC", "abstract": "UNDEC"}


def test_a_missing_map_is_one_line_and_exit_1(tmp_path: Path) -> None:
    result = run("ach", tmp_path / "nope.yaml")
    assert result.exit_code == 1
    assert result.output.strip().startswith("Error:") and len(result.output.strip().splitlines()) == 1
