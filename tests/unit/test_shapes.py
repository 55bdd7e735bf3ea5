"""The three shapes of relation (DESIGN §1-§4): linked steps, undercuts and excludes, layer by layer."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from argmap.compile import active_relations, compile_map
from argmap.document import from_document, loads, problems
from argmap.errors import InvalidMap, UnknownNode
from argmap.pipeline import evaluate
from argmap.scenario import Scenario

from .conftest import Build


def shaped() -> dict[str, Any]:
    return {
        "id": "shaped",
        "title": "Shapes",
        "analysts": [{"id": "ann", "name": "Ann"}, {"id": "bob", "name": "Bob"}],
        "sources": [{"id": "s1", "title": "A report"}],
        "propositions": [
            {"id": "e1", "text": "The drones flew 450 km", "kind": "evidence"},
            {"id": "e2", "text": "They crossed several air-defence belts", "kind": "evidence"},
            {"id": "e3", "text": "Radars were switched off that night", "kind": "evidence"},
            {"id": "c1", "text": "They were let through", "kind": "claim"},
            {"id": "h1", "text": "Staged", "kind": "hypothesis"},
            {"id": "h2", "text": "Ukraine", "kind": "hypothesis"},
        ],
        "relations": [
            {
                "id": "r1",
                "from": ["e1", "e2"],
                "to": "c1",
                "kind": "support",
                "by": ["ann"],
                "cites": [{"source": "s1", "quote": "so they were let through"}],
            },
            {"id": "r2", "from": "c1", "to": "h1", "kind": "support", "by": ["ann"]},
            {"id": "r3", "from": "e3", "to": "r1", "kind": "attack", "by": ["bob"]},
            {"id": "r4", "from": "h1", "to": "h2", "kind": "excludes"},
            {"id": "r5", "from": "e2", "to": "h2", "kind": "support", "by": ["bob"]},
        ],
    }


# -- documents ----------------------------------------------------------------------------------------


def test_a_map_with_every_shape_loads_and_round_trips() -> None:
    m = from_document(shaped())
    assert m.relations["r1"].premises == ("e1", "e2") and m.relations["r1"].is_linked
    assert m.is_undercut(m.relations["r3"]) and m.undercuts == {"r1": ("r3",)}
    assert m.junctions == {"r1"}
    assert m.conclusion(m.relations["r3"]) == "c1"
    assert from_document(json.loads(json.dumps(m.to_document()))).to_document() == m.to_document()


def test_from_one_id_and_from_a_list_of_one_mean_the_same() -> None:
    doc = shaped()
    listed = copy.deepcopy(doc)
    listed["relations"][1]["from"] = ["c1"]
    assert from_document(listed).relations["r2"] == from_document(doc).relations["r2"]
    assert from_document(listed).to_document() == from_document(doc).to_document()


def _with(change: Any) -> dict[str, Any]:
    doc = shaped()
    change(doc)
    return doc


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["relations"][0].update({"from": []}), "relations[0].from: an empty list; give one"),
        (lambda d: d["relations"][0].update({"from": ["e1", "e1"]}), "relations[0].from[1]: 'e1' is listed twice"),
        (lambda d: d["relations"][0].update({"from": ["e1", "c1"]}), "relations[0].to: 'c1' is also a premise"),
        (lambda d: d["relations"][1].update({"from": "h1"}), "relations[1].to: 'h1' is also a premise"),
        (lambda d: d["relations"][3].update({"from": "h2"}), "relations[3].to: 'h2' is also a premise"),
        (lambda d: d["relations"][2].update({"to": "r4"}), "relations[2].to: 'r4' is an excludes, which cannot be"),
        (lambda d: d["relations"][4].update({"to": "r1"}), "relations[4].to: 'r1' is a relation; a support ends on"),
        (lambda d: d["relations"][3].update({"from": ["h1"]}), "relations[3].from: an excludes joins two single"),
        (lambda d: d["relations"][3].update({"to": "r1"}), "relations[3].to: 'r1' is a relation; an excludes joins"),
        (lambda d: d["relations"][2].update({"to": "r3"}), "relations[2].to: a relation cannot undercut itself"),
        (lambda d: d["relations"][2].update({"to": "r9"}), "relations[2].to: no proposition or relation 'r9'"),
        (lambda d: d["relations"][0].update({"from": ["e1", "r2"]}), "relations[0].from[1]: 'r2' is a relation;"),
        (lambda d: d["relations"][0].update({"from": {"a": 1}}), "relations[0].from: must be a proposition id or a"),
        (lambda d: d["relations"][0].update({"from": ["e1", 3]}), "relations[0].from[1]: must be a proposition id"),
        (lambda d: d["propositions"][0].update({"id": "r5"}), "relations: id 'r5' is used by a proposition and a"),
    ],
)
def test_each_malformed_shape_is_named_with_its_path(change: Any, expected: str) -> None:
    found = problems(_with(change))
    assert any(p.startswith(expected) for p in found), found


def test_every_problem_is_listed_at_once_and_nothing_loads() -> None:
    def break_all(d: dict[str, Any]) -> None:
        d["relations"][0]["from"] = ["e1", "e1"]
        d["relations"][2]["to"] = "r4"
        d["relations"][4]["to"] = "r1"
        d["relations"][3]["from"] = ["h1"]

    with pytest.raises(InvalidMap) as err:
        loads(json.dumps(_with(break_all)), "bad.json")
    assert len(err.value.messages) == 4
    assert all(line.startswith("bad.json: relations[") for line in err.value.messages)


def test_a_lone_premise_may_attack_itself_as_in_dung_frameworks(build: Build) -> None:
    m = build("e1", "e1!e1")
    assert str(evaluate(m).labels["e1"]) == "UNDEC"


# -- activity (DESIGN §2) -----------------------------------------------------------------------------


def test_an_undercut_of_a_step_that_is_set_aside_is_set_aside_too(build: Build) -> None:
    m = build("e1 e2 e3 c1", "e1>c1 e2!r1 e3!r2", by={"r1": ["ann"]})
    scenario = Scenario(distrust=frozenset({"ann"}))
    assert [r.id for r in active_relations(m, scenario)] == []
    assert [r.id for r in active_relations(m, Scenario(off=frozenset({"e2"})))] == ["r1"]


def test_undercuts_that_undercut_each_other_stay_active_together(build: Build) -> None:
    m = build("e1 e2 e3 c1", "e1>c1 e2!r3 e3!r2")
    assert [r.id for r in active_relations(m, Scenario())] == ["r1", "r2", "r3"]
    ev = evaluate(m)
    assert {r: str(x) for r, x in ev.inferences.items()} == {"r1": "IN", "r2": "UNDEC", "r3": "UNDEC"}


def test_a_linked_step_needs_every_premise_on(build: Build) -> None:
    m = build("e1 e2 h1", "e1+e2>h1")
    assert [r.id for r in active_relations(m, Scenario(off=frozenset({"e2"})))] == []
    assert str(evaluate(m, off={"e2"}).labels["h1"]) == "OUT"


# -- compilation (DESIGN §3) --------------------------------------------------------------------------


def test_a_linked_step_compiles_to_an_inference_with_its_premises_meta_arguments(build: Build) -> None:
    af = compile_map(build("e1 e2 h1", "e1+e2>h1"))
    assert af.reified == {"r1"}
    assert af.arguments == {"e1", "e2", "h1", "inf(r1)", "not(e1)", "not(e2)", "unsupported(h1)"}
    assert af.attacks == {
        ("e1", "not(e1)"),
        ("e2", "not(e2)"),
        ("not(e1)", "inf(r1)"),
        ("not(e2)", "inf(r1)"),
        ("inf(r1)", "unsupported(h1)"),
        ("unsupported(h1)", "h1"),
    }


def test_premise_meta_arguments_are_shared_between_steps(build: Build) -> None:
    af = compile_map(build("e1 e2 e3 c1 c2", "e1+e2>c1 e1+e3>c2"))
    assert sorted(a for a in af.arguments if a.startswith("not(")) == ["not(e1)", "not(e2)", "not(e3)"]


def test_an_undercut_attacks_the_inference_of_the_step(build: Build) -> None:
    af = compile_map(build("e1 e2 h1", "e1>h1 e2!r1"), support="abstract")
    assert af.reified == {"r1"}
    assert af.attacks == {("e1", "not(e1)"), ("not(e1)", "inf(r1)"), ("e2", "inf(r1)")}


def test_an_undercut_of_an_undercut_attacks_its_inference(build: Build) -> None:
    af = compile_map(build("e1 e2 e3 h1", "e1>h1 e2!r1 e3!r2"), support="abstract")
    assert af.reified == {"r1", "r2"}
    assert ("inf(r2)", "inf(r1)") in af.attacks and ("e3", "inf(r2)") in af.attacks


def test_excludes_is_an_attack_each_way(build: Build) -> None:
    af = compile_map(build("h1 h2", "h1=h2"), support="abstract")
    assert af.attacks == {("h1", "h2"), ("h2", "h1")}
    assert af.origin[("h2", "h1")] == ("r1",)


def test_a_linked_linked_attack_is_one_attack_from_its_inference(build: Build) -> None:
    af = compile_map(build("e1 e2 h1", "e1+e2!h1"), support="abstract")
    assert ("inf(r1)", "h1") in af.attacks and ("e1", "h1") not in af.attacks


def test_deductive_chains_enter_a_linked_step_as_its_inference(build: Build) -> None:
    # inf(r1) supports c1 and c1 attacks h1: supported attack inf(r1) -> h1; e3 attacks c1: mediated e3 -> inf(r1).
    af = compile_map(build("e1 e2 e3 c1 h1", "e1+e2>c1 c1!h1 e3!c1"), support="deductive")
    assert ("inf(r1)", "h1") in af.attacks and ("e3", "inf(r1)") in af.attacks
    assert ("e1", "h1") not in af.attacks and ("e3", "e1") not in af.attacks
    assert af.origin[("inf(r1)", "h1")] == ("r1", "r2")


# -- worked examples from the literature -------------------------------------------------------------


def red_light() -> dict[str, Any]:
    """Pollock's undercutter: it looks red, so it is red; but it is lit by a red light."""
    return {
        "id": "red-light",
        "title": "Pollock's red light",
        "analysts": [{"id": "pollock", "name": "John Pollock"}],
        "propositions": [
            {"id": "e-looks-red", "text": "The object looks red", "kind": "evidence"},
            {"id": "e-red-light", "text": "The object is lit by a red light", "kind": "evidence"},
            {"id": "h-red", "text": "The object is red", "kind": "hypothesis"},
        ],
        "relations": [
            {"id": "r-looks", "from": "e-looks-red", "to": "h-red", "kind": "support", "by": ["pollock"]},
            {"id": "u-light", "from": "e-red-light", "to": "r-looks", "kind": "attack", "by": ["pollock"]},
        ],
    }


@pytest.mark.parametrize("support", ["evidential", "deductive", "abstract"])
def test_pollocks_red_light_undercuts_the_inference_not_its_premise(support: str) -> None:
    m = from_document(red_light())
    ev = evaluate(m, support=support)
    assert str(ev.labels["e-looks-red"]) == "IN"  # the premise stands: it still looks red
    assert str(ev.inferences["r-looks"]) == "OUT" and str(ev.inferences["u-light"]) == "IN"
    expected = "OUT" if support == "evidential" else "IN"  # only the evidential reading needs the support
    assert str(ev.labels["h-red"]) == expected
    assert str(evaluate(m, off={"e-red-light"}, support=support).labels["h-red"]) == "IN"
    assert str(evaluate(m, off={"e-red-light"}, support=support).inferences["u-light"]) == "OFF"


def test_a_linked_argument_with_one_failed_premise_fails(build: Build) -> None:
    m = build("e1 e2 e3 h1", "e1+e2>h1 e3!e2")
    ev = evaluate(m)
    assert {p: str(x) for p, x in ev.labels.items()} == {"e1": "IN", "e2": "OUT", "e3": "IN", "h1": "OUT"}
    assert str(ev.inferences["r1"]) == "OUT"
    # With the attacker off, both premises hold and so does the step.
    ev = evaluate(m, off={"e3"})
    assert str(ev.labels["h1"]) == "IN" and str(ev.inferences["r1"]) == "IN"


def test_each_premise_alone_would_carry_the_conclusion_only_as_separate_supports(build: Build) -> None:
    linked = build("e1 e2 e3 h1", "e1+e2>h1 e3!e2")
    separate = build("e1 e2 e3 h1", "e1>h1 e2>h1 e3!e2")
    assert str(evaluate(linked).labels["h1"]) == "OUT"
    assert str(evaluate(separate).labels["h1"]) == "IN"


def test_rivals_stay_open_until_the_evidence_decides(build: Build) -> None:
    m = build("e1 e2 e3 h1 h2", "e1>h1 e2>h2 h1=h2 e3!h2")
    assert str(evaluate(m, off={"e3"}).labels["h1"]) == "UNDEC"
    assert {str(evaluate(m).labels[h]) for h in ("h1", "h2")} == {"IN", "OUT"}
    assert str(evaluate(m).labels["h1"]) == "IN"


def test_the_labels_body_reports_inferences_without_excludes(build: Build) -> None:
    body = evaluate(build("e1 e2 h1 h2", "e1+e2>h1 h1=h2")).to_dict()
    assert body["inferences"] == {"r1": "IN"}


# -- explanations (DESIGN §4) -------------------------------------------------------------------------


def test_a_linked_step_names_every_premise(build: Build) -> None:
    x = evaluate(build("e1 e2 h1", "e1+e2>h1")).explain("h1")
    assert x["label"] == "IN"
    (support,) = x["steps"]
    assert support["from"] == "r1" and support["node"]["kind"] == "inference"
    assert "“Text of e1” together with “Text of e2”" in x["reason"]
    step = support["node"]
    assert [s["from"] for s in step["steps"]] == ["e1", "e2"]
    assert step["reason"] == "Holds: every premise is accepted (“Text of e1” and “Text of e2”)."


def test_a_failed_step_says_which_premise_failed(build: Build) -> None:
    x = evaluate(build("e1 e2 e3 h1", "e1+e2>h1 e3!e2")).explain("r1")
    assert x["label"] == "OUT" and x["reason"] == "Fails: its premise “Text of e2” is rejected."
    (premise,) = x["steps"]
    assert premise["kind"] == "premise" and premise["node"]["id"] == "e2"
    assert premise["node"]["steps"][0]["from"] == "e3"


def test_a_failed_step_names_the_undercut_that_defeats_it_with_its_own_justification(build: Build) -> None:
    # c1, a claim Ann supports with e2, undercuts e1's step to h1.
    m = build("e1 e2 c1 h1", "e1>h1 c1!r1 e2>c1", by={"r2": ["ann"]})
    x = evaluate(m).explain("h1")
    assert x["label"] == "OUT"
    (support,) = x["steps"]
    step = support["node"]
    assert step["id"] == "r1" and step["label"] == "OUT"
    assert step["reason"] == "Fails: “Text of c1” shows that it does not follow, argued by Ann."
    (undercut,) = step["steps"]
    assert undercut["kind"] == "undercut" and undercut["relations"][0]["id"] == "r2"
    assert undercut["relations"][0]["undercut"] is True
    assert undercut["node"]["id"] == "c1" and undercut["node"]["reason"].startswith("Accepted: supported by")


def test_explaining_an_excludes_or_an_unknown_id_is_refused(build: Build) -> None:
    ev = evaluate(build("h1 h2", "h1=h2"))
    with pytest.raises(UnknownNode, match="excludes"):
        ev.explain("r1")
    with pytest.raises(UnknownNode, match="No proposition 'zz'"):
        ev.explain("zz")


def test_a_set_aside_undercut_is_named_on_the_step(build: Build) -> None:
    x = evaluate(build("e1 e2 h1", "e1>h1 e2!r1"), off={"e2"}).explain("r1")
    assert x["label"] == "IN"
    assert x["set_aside"] == [
        {
            "relation": "r2",
            "from": "e2",
            "because": "“Text of e2” is switched off",
            "said": "“Text of e2” (switched off)",
        }
    ]


def test_explanations_of_shaped_maps_only_cite_earlier_rounds(build: Build) -> None:
    m = build("e1 e2 e3 e4 c1 h1 h2", "e1+e2>c1 e3!r1 e4!r2 c1>h1 h1=h2 e4>h2")
    ev = evaluate(m)

    def check(node: dict[str, Any]) -> None:
        for step in node["steps"]:
            child = step["node"]
            if node["label"] in ("IN", "OUT") and child["label"] in ("IN", "OUT") and node["round"] is not None:
                if child["round"] is not None and not child.get("ref"):
                    assert child["round"] <= node["round"]
            check(child)

    for p in m.propositions:
        check(ev.explain(p))
    for r in ("r1", "r2", "r3"):
        check(ev.explain(r))


def test_describe_prints_linked_steps_and_undercuts(build: Build) -> None:
    lines = evaluate(build("e1 e2 e3 h1", "e1+e2>h1 e3!r1")).describe("h1")
    assert "  - r1: e1 + e2 supports h1 (unattributed)" in lines
    assert any(line.strip() == "- r2: e3 undercuts r1 (unattributed)" for line in lines)
