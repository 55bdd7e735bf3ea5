"""Explanations (DESIGN §4): justifications from rounds, with relations, analysts and quotes."""

from __future__ import annotations

import json
from typing import Any

import pytest

from argmap.document import from_document
from argmap.errors import UnknownNode
from argmap.pipeline import evaluate

from .conftest import Build, tiny_document


def walk(node: dict[str, Any]) -> list[dict[str, Any]]:
    out = [node]
    for step in node["steps"]:
        out.extend(walk(step["node"]))
    return out


def test_in_explanation_names_the_defeated_attacker_and_the_accepted_supporter(build: Build) -> None:
    m = build("e1 e2 c1 h1", "e1>h1 c1!h1 e2!c1 e2>c1")
    # c1 is supported by e2 but also attacked by it: OUT; h1 IN.
    x = evaluate(m).explain("h1")
    assert x["label"] == "IN" and x["round"] == 2
    kinds = {(s["kind"], s["from"]) for s in x["steps"]}
    assert kinds == {("attack", "c1"), ("support", "e1")}
    attack = next(s for s in x["steps"] if s["kind"] == "attack")
    assert attack["node"]["label"] == "OUT"
    defeat = attack["node"]["steps"][0]
    assert (defeat["kind"], defeat["from"], defeat["node"]["label"]) == ("attack", "e2", "IN")
    assert "Accepted" in x["reason"]


def test_out_explanation_is_the_in_attacker_of_the_lowest_round(build: Build) -> None:
    m = build("e1 e2 c1 h1", "e1>h1 e2>c1 c1!h1 e2!h1")
    x = evaluate(m).explain("h1")
    assert x["label"] == "OUT"
    assert [s["from"] for s in x["steps"]] == ["e2"]  # round 1, before c1 (round 2)
    assert x["steps"][0]["relations"][0]["id"] == "r4"


def test_out_for_lack_of_support_lists_every_supporter_and_why(build: Build) -> None:
    m = build("e1 e2 e3 e4 c1 h1", "e1>c1 e3!c1 c1>h1 e2>h1 e4>h1", by={"r5": ["ann"]})
    x = evaluate(m, off={"e2"}, distrust={"ann"}).explain("h1")
    assert x["label"] == "OUT" and x.get("no_accepted_support")
    assert "no accepted support" in x["reason"]
    by_from = {s["from"]: s for s in x["steps"]}
    assert set(by_from) == {"c1", "e2", "e4"}
    assert by_from["c1"]["node"]["label"] == "OUT"
    assert by_from["c1"]["node"]["steps"][0]["from"] == "e3"
    assert by_from["e2"]["active"] is False and "switched off" in by_from["e2"]["inactive_because"]
    assert by_from["e4"]["active"] is False and "distrusted (Ann)" in by_from["e4"]["inactive_because"]


def test_claim_nobody_supports_is_out_with_no_accepted_support(build: Build) -> None:
    x = evaluate(build("c1")).explain("c1")
    assert x["label"] == "OUT" and x["steps"] == []
    assert x["reason"] == "Rejected: no accepted support (nothing supports it)."


def test_undecided_explanation_shows_the_cycle(build: Build) -> None:
    m = build("e1 e2 h1 h2", "e1>h1 e2>h2 h1!h2 h2!h1")
    x = evaluate(m).explain("h1")
    assert x["label"] == "UNDEC"
    assert [s["from"] for s in x["steps"]] == ["h2"]
    inner = x["steps"][0]["node"]
    assert inner["label"] == "UNDEC" and inner["steps"][0]["node"]["ref"] is True


def test_undecided_support_is_named(build: Build) -> None:
    m = build("e1 c1 c2 h1", "e1>c1 e1>c2 c1!c2 c2!c1 c1>h1")
    x = evaluate(m).explain("h1")
    assert x["label"] == "UNDEC"
    assert [(s["kind"], s["from"]) for s in x["steps"]] == [("support", "c1")]
    assert "support is undecided" in x["reason"]


def test_off_evidence_explains_itself(build: Build) -> None:
    x = evaluate(build("e1"), off="e1").explain("e1")
    assert x["label"] == "OFF" and "Switched off" in x["reason"]


def test_deductive_explanation_cites_the_whole_chain(build: Build) -> None:
    m = build("a b c", "a>b b!c")
    x = evaluate(m, support="deductive").explain("c")
    assert x["label"] == "OUT"
    step = x["steps"][0]
    assert step["via"] in ("direct", "supported attack")
    m2 = build("a b c", "a>b c!b")
    x2 = evaluate(m2, support="deductive").explain("a")
    assert x2["steps"][0]["via"] == "mediated attack"
    assert [r["id"] for r in x2["steps"][0]["relations"]] == ["r1", "r2"]


def test_steps_name_relation_analysts_and_quotes() -> None:
    doc = tiny_document("e1 h1", "e1>h1", by={"r1": ["ann"]})
    doc["sources"] = [{"id": "s1", "title": "The Paper", "outlet": "Outlet", "date": "2023-05-04"}]
    doc["relations"][0]["cites"] = [{"source": "s1", "quote": "it was so"}]
    m = from_document(doc)
    x = evaluate(m).explain("h1")
    rel = x["steps"][0]["relations"][0]
    assert rel["by"] == [{"id": "ann", "name": "Ann"}]
    assert rel["cites"][0] | {} == {
        "source": "s1",
        "quote": "it was so",
        "title": "The Paper",
        "outlet": "Outlet",
        "author": None,
        "date": "2023-05-04",
        "url": None,
    }
    lines = evaluate(m).describe("h1")
    assert lines[0].startswith("h1 IN: Accepted")
    assert any("r1: e1 supports h1 (Ann)" in line for line in lines)
    assert any("“it was so” (The Paper)" in line for line in lines)


def test_explanations_are_plain_json_data_and_finite_on_shared_subtrees(build: Build) -> None:
    # A diamond of supports under a long chain of attacks.
    m = build("e1 c1 c2 c3 h1 h2", "e1>c1 e1>c2 c1>c3 c2>c3 c3>h1 c3!h2 e1>h2 h2!h1")
    for p in m.propositions:
        x = evaluate(m).explain(p)
        json.dumps(x)
        ids = [n["id"] for n in walk(x) if not n.get("ref")]
        assert len(ids) == len(set(ids))


def test_unknown_proposition() -> None:
    m = from_document(tiny_document("e1"))
    with pytest.raises(UnknownNode, match="No proposition 'zz'"):
        evaluate(m).explain("zz")


def test_attacks_left_out_by_the_scenario_are_named_as_set_aside(build: Build) -> None:
    m = build("e1 e2 e3 h1", "e1>h1 e2!h1 e3!h1", by={"r2": ["bob"]})
    x = evaluate(m, off={"e3"}, distrust={"bob"}).explain("h1")
    assert x["label"] == "IN"
    assert x["set_aside"] == [
        {
            "relation": "r2",
            "from": "e2",
            "because": "its analysts are distrusted (Bob)",
            "said": "“Text of e2”, argued by Bob (distrusted)",
        },
        {
            "relation": "r3",
            "from": "e3",
            "because": "“Text of e3” is switched off",
            "said": "“Text of e3” (switched off)",
        },
    ]
    assert x["reason"] == (
        "Accepted: supported by “Text of e1”; nothing stands against it. Set aside in this scenario: "
        "“Text of e2”, argued by Bob (distrusted); “Text of e3” (switched off)."
    )
    assert "set_aside" not in evaluate(m).explain("h1")
