"""Diff, ACH and readings on tiny maps."""

from __future__ import annotations

import csv
import io

import pytest

from argmap.analysis import ach, diff, parse_scenario, readings
from argmap.document import from_document
from argmap.errors import InvalidScenario
from argmap.scenario import Scenario, SupportMode
from argmap.semantics import Label

from .conftest import Build


def test_diff_names_the_distrusted_relation_behind_a_change(build: Build) -> None:
    m = build("e1 e2 c1 h1", "e1>c1 c1>h1 e2!h1", by={"r3": ["bob"]})
    result = diff(m, Scenario(), Scenario(distrust=frozenset({"bob"})))
    assert [c.to_dict() for c in result.changed] == [{"id": "h1", "a": "OUT", "b": "IN", "because": ["r3"]}]


def test_diff_follows_the_explanation_down_to_the_switched_evidence(build: Build) -> None:
    m = build("e1 e2 c1 h1", "e1>c1 c1>h1 e2>h1")
    result = diff(m, Scenario(), parse_scenario(m, "off=e1,e2"))
    changed = {c.id: c for c in result.changed}
    assert set(changed) == {"e1", "e2", "c1", "h1"}
    assert changed["e1"].because == () and changed["e1"].b is Label.OFF
    assert changed["c1"].because == ("r1",)
    assert changed["h1"].because == ("r1", "r3")  # r2 (c1 supports h1) stays active; r1 is down in c1's story
    assert result.switched == ("r1", "r3")


def test_diff_leaves_out_switched_relations_that_play_no_part(build: Build) -> None:
    # r2 (e2 supports c2) is switched but c2 bears on nothing that changes.
    m = build("e1 e2 c2 h1", "e1>h1 e2>c2")
    result = diff(m, Scenario(), parse_scenario(m, "off=e1,e2"))
    assert {c.id: c.because for c in result.changed}["h1"] == ("r1",)
    assert result.switched == ("r1", "r2")


def test_diff_of_a_scenario_with_itself_is_empty(build: Build) -> None:
    m = build("e1 h1", "e1>h1")
    assert diff(m, Scenario(), Scenario()).to_dict()["changed"] == []


@pytest.mark.parametrize(
    ("query", "message"),
    [("of=e1", "Unknown scenario field 'of'"), ("off=e9", "No evidence 'e9'"), ("support=magic", "magic")],
)
def test_a_bad_scenario_query_is_refused_with_its_reason(build: Build, query: str, message: str) -> None:
    m = build("e1 h1", "e1>h1")
    with pytest.raises(InvalidScenario, match=message):
        parse_scenario(m, query)


def test_ach_marks_support_consistent_attack_inconsistent_and_no_path_neither(build: Build) -> None:
    m = build("e1 e2 e3 c1 h1 h2", "e1>c1 c1>h1 e2!c1 e3!h2")
    result = ach(m)
    assert result.cells == {
        "e1": {"h1": "C", "h2": "N"},
        "e2": {"h1": "I", "h2": "N"},
        "e3": {"h1": "N", "h2": "I"},
    }
    assert result.inconsistency == {"h1": 1, "h2": 1}
    witness = result.paths["e2"]["h1"][0]
    assert (witness.sign, witness.nodes, witness.relations) == (-1, ("e2", "c1", "h1"), ("r3", "r2"))


def test_ach_counts_a_path_of_either_sign_as_inconsistent(build: Build) -> None:
    m = build("e1 c1 c2 h1", "e1>c1 c1>h1 e1!c2 c2>h1")
    result = ach(m)
    assert result.cells["e1"]["h1"] == "I"
    assert [p.sign for p in result.paths["e1"]["h1"]] == [-1, 1]


def test_ach_goes_through_one_rival_but_no_further(build: Build) -> None:
    m = build("e1 h1 h2 h3", "e1>h1 h1!h2 h2!h3")
    assert ach(m).cells["e1"] == {"h1": "C", "h2": "I", "h3": "N"}


def test_ach_orders_hypotheses_by_fewest_inconsistencies_and_evidence_by_diagnosticity(build: Build) -> None:
    m = build("e1 e2 e3 e4 h1 h2", "e1!h1 e2>h1 e2!h2 e3!h1 e3!h2 e4!h1")
    result = ach(m)
    assert result.inconsistency == {"h1": 3, "h2": 2}
    assert result.hypotheses == ("h2", "h1")
    assert result.evidence == ("e2", "e1", "e4", "e3")  # C against I first, the same mark everywhere last
    assert result.diagnosticity == {"e1": 1, "e2": 2, "e3": 0, "e4": 1}


def test_ach_follows_the_scenario(build: Build) -> None:
    m = build("e1 e2 h1", "e1>h1 e2!h1", by={"r2": ["bob"]})
    distrusted = ach(m, Scenario(distrust=frozenset({"bob"})))
    assert distrusted.cells["e2"]["h1"] == "N"
    switched_off = ach(m, Scenario(off=frozenset({"e2"})))
    assert switched_off.cells["e2"]["h1"] == "I"  # read as if on, to be shown greyed
    assert switched_off.off == ("e2",) and switched_off.inconsistency == {"h1": 0}
    assert switched_off.evidence[-1] == "e2"


def test_ach_csv_has_a_row_per_evidence_item_and_the_counts_last(build: Build) -> None:
    m = build("e1 e2 h1 h2", "e1>h1 e2!h1")
    rows = list(csv.reader(io.StringIO(ach(m).to_csv(m))))
    assert rows[0] == ["evidence", "state", "text", "h2", "h1"]
    assert rows[1][:2] == ["e1", "on"] and rows[1][3:] == ["N", "C"]
    assert rows[-1] == ["inconsistent", "", "", "0", "1"]


def test_ach_csv_quotes_text_a_spreadsheet_would_run(build: Build) -> None:
    m = build("e1 h1", "e1>h1")
    doc = m.to_document()
    doc["propositions"][0]["text"] = "=HYPERLINK(1)"
    risky = from_document(doc, "x.json")
    rows = list(csv.reader(io.StringIO(ach(risky).to_csv(risky))))
    assert rows[1][2] == "'=HYPERLINK(1)"


def test_ach_dict_has_the_design_keys(build: Build) -> None:
    m = build("e1 h1 h2", "e1>h1")
    body = ach(m).to_dict()
    assert body["hypotheses"] == ["h1", "h2"]
    assert body["cells"] == {"e1": {"h1": "C", "h2": "N"}}
    assert body["inconsistency"] == {"h1": 0, "h2": 0}
    assert body["paths"]["e1"]["h1"] == [{"sign": "support", "nodes": ["e1", "h1"], "relations": ["r1"], "by": []}]


def test_readings_put_the_three_labels_side_by_side(build: Build) -> None:
    # c1 has no support: OUT under evidential, IN otherwise; under deductive c1 then defeats h1.
    m = build("e1 c1 h1 h2", "c1>h2 e1>h1 h2!h1")
    result = readings(m, Scenario(support=SupportMode.ABSTRACT))
    assert result.table["h2"] == {
        SupportMode.EVIDENTIAL: Label.OUT,
        SupportMode.DEDUCTIVE: Label.IN,
        SupportMode.ABSTRACT: Label.IN,
    }
    assert result.to_dict()["readings"]["h1"] == {"evidential": "IN", "deductive": "OUT", "abstract": "OUT"}
    assert result.disagreements == ["h1", "h2"]


def test_readings_keep_the_switches(build: Build) -> None:
    m = build("e1 h1", "e1>h1")
    body = readings(m, Scenario(off=frozenset({"e1"}))).to_dict()
    assert body["readings"]["h1"] == {"evidential": "OUT", "deductive": "IN", "abstract": "IN"}
    assert body["scenario"] == {"off": ["e1"], "distrust": []}


def test_a_diff_says_each_relation_behind_a_change_in_words() -> None:
    m = from_document(
        {
            "id": "m",
            "title": "t",
            "analysts": [{"id": "ann", "name": "Ann Smith"}],
            "propositions": [
                {"id": "e1", "text": "A video", "kind": "evidence", "label": "Video"},
                {"id": "e2", "text": "A doubt", "kind": "evidence", "label": "Doubt"},
                {"id": "h1", "text": "It happened", "kind": "hypothesis"},
            ],
            "relations": [
                {"id": "r1", "from": "e1", "to": "h1", "kind": "support", "by": ["ann"]},
                {"id": "u1", "from": "e2", "to": "r1", "kind": "attack"},
            ],
        }
    )
    body = diff(m, Scenario(off=frozenset({"e2"})), Scenario(distrust=frozenset({"ann"}))).to_dict()
    assert body["changed"] == [
        {"id": "e2", "a": "OFF", "b": "IN", "because": []},
        {"id": "h1", "a": "IN", "b": "OUT", "because": ["r1"]},
    ]
    assert body["relations"] == {
        "r1": {
            "text": "“Video” supports “It happened”, argued by Ann Smith",
            "counts_in": "a",
            "why_not": "Ann Smith is set aside",
        }
    }
    back = diff(m, Scenario(), Scenario(off=frozenset({"e2"}))).to_dict()
    assert back["relations"]["u1"] == {
        "text": "“Doubt” undercuts the step from “Video” to “It happened”",
        "counts_in": "a",
        "why_not": "“Doubt” is switched off",
    }


def test_ach_marks_a_cell_contested_when_paths_run_both_ways_and_still_scores_it_inconsistent(build: Build) -> None:
    m = build("e1 e2 c1 c2 h1 h2", "e1>c1 c1>h1 e1!c2 c2>h1 e2!h1 h1!h2")
    result = ach(m)
    assert result.cells["e1"] == {"h1": "I", "h2": "I"}
    assert result.contested == {"e1": result.hypotheses}  # both columns, in ACH order
    assert "e2" not in result.contested  # a path one way only
    assert result.inconsistency == {"h1": 2, "h2": 1}  # Heuer's count: a contested cell is an I
    body = result.to_dict()
    assert body["contested"] == {"e1": list(result.hypotheses)}
    assert {p["sign"] for p in body["paths"]["e1"]["h1"]} == {"attack", "support"}
