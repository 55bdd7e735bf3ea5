"""The analyst tools on linked steps, undercuts and excludes: tiny maps with known answers."""

from __future__ import annotations

from typing import Any

import pytest

from argmap.analysis import Reevaluator, ach, diff, hinges, readings, reevaluate
from argmap.document import from_document
from argmap.model import ArgumentMap
from argmap.pipeline import evaluate
from argmap.scenario import Scenario, SupportMode
from argmap.semantics import Label


def shaped(nodes: str, relations: str, by: dict[str, list[str]] | None = None) -> ArgumentMap:
    """``"r1:a+b>c"`` a linked support, ``"u1:e!r1"`` an undercut (``!`` an attack), ``"x1:h1~h2"`` an excludes.

    Ids starting with e are evidence, h hypotheses, others claims.
    """
    kinds = {"e": "evidence", "h": "hypothesis"}
    props = [{"id": n, "text": f"Text of {n}", "kind": kinds.get(n[0], "claim")} for n in nodes.split()]
    rels: list[dict[str, Any]] = []
    for spec in relations.split():
        rid, body = spec.split(":")
        sign = next(c for c in ">!~" if c in body)
        origin, target = body.split(sign)
        premises = origin.split("+")
        kind = {">": "support", "!": "attack", "~": "excludes"}[sign]
        rel: dict[str, Any] = {"id": rid, "from": premises if len(premises) > 1 else premises[0], "to": target}
        rel["kind"] = kind
        if by and rid in by:
            rel["by"] = by[rid]
        rels.append(rel)
    analysts = sorted({a for names in (by or {}).values() for a in names})
    doc = {
        "id": "shaped",
        "title": "Shaped",
        "analysts": [{"id": a, "name": a.title()} for a in analysts],
        "propositions": props,
        "relations": rels,
    }
    return from_document(doc, "shaped.yaml")


def test_switching_off_an_undercut_premise_that_unreifies_a_step_is_exact_under_the_deductive_reading() -> None:
    # t (p supports x) is reified only while e's undercut u stands; c attacks x. With t reified, c
    # attacks inf(t) (mediated); without it, c attacks p, and p's attack on h fails.
    m = shaped("e c p x h", "t:p>x u:e!t r:c!x a:p!h")
    s = Scenario(support=SupportMode.DEDUCTIVE)
    engine = Reevaluator(m, s)
    assert engine.base.labels["h"] is Label.OUT
    assert "e" in engine.fragile
    assert engine.labels({"e"})["h"] is Label.IN
    assert evaluate(m, scenario=Scenario(off=frozenset({"e"}), support=SupportMode.DEDUCTIVE)).labels["h"] is Label.IN


def test_a_linked_step_fails_with_any_one_premise_switched_off() -> None:
    m = shaped("e1 e2 h1", "r1:e1+e2>h1")
    engine = Reevaluator(m, Scenario())
    assert engine.labels({"e1"})["h1"] is Label.OUT
    assert engine.labels({"e2"})["h1"] is Label.OUT
    h1 = hinges(m).hinges["h1"]
    assert [(s.id, s.to) for s in h1.evidence] == [("e1", Label.OUT), ("e2", Label.OUT)]
    assert h1.sets == ()


def test_switching_off_an_undercut_restores_its_step_and_distrusting_the_step_drops_the_undercut_too() -> None:
    m = shaped("e1 e2 h1", "r1:e1>h1 u1:e2!r1", by={"r1": ["ann"], "u1": ["bob"]})
    engine = Reevaluator(m, Scenario())
    assert engine.base.labels["h1"] is Label.OUT
    assert engine.labels({"e2"})["h1"] is Label.IN
    assert engine.labels(analysts={"bob"})["h1"] is Label.IN
    assert engine.labels(analysts={"ann"})["h1"] is Label.OUT
    h1 = hinges(m).hinges["h1"]
    assert [(s.id, s.to) for s in h1.evidence] == [("e2", Label.IN)]
    assert [(s.id, s.to) for s in h1.analysts] == [("bob", Label.IN)]


def test_an_undercut_of_an_undercut_reinstates_the_step() -> None:
    m = shaped("e1 e2 e3 h1", "r1:e1>h1 u1:e2!r1 u2:e3!u1")
    engine = Reevaluator(m, Scenario())
    assert engine.base.labels["h1"] is Label.IN
    assert engine.labels({"e3"})["h1"] is Label.OUT
    assert engine.labels({"e3", "e2"})["h1"] is Label.IN
    assert [(s.id, s.to) for s in hinges(m).hinges["h1"].evidence] == [("e1", Label.OUT), ("e3", Label.OUT)]


def test_excludes_hold_without_analysts_and_distrust_cannot_remove_them() -> None:
    m = shaped("e1 e2 h1 h2", "r1:e1>h1 r2:e2>h2 x:h1~h2", by={"r1": ["ann"]})
    engine = Reevaluator(m, Scenario())
    assert engine.base.labels["h1"] is Label.UNDEC
    assert engine.labels({"e2"}) == evaluate(m, off={"e2"}).labels
    assert engine.labels({"e2"})["h1"] is Label.IN
    assert engine.labels(analysts={"ann"})["h2"] is Label.IN


def test_diff_names_the_undercut_that_came() -> None:
    m = shaped("e1 e2 h1", "r1:e1>h1 u1:e2!r1")
    result = diff(m, Scenario(off=frozenset({"e2"})), Scenario())
    assert [c.to_dict() for c in result.changed] == [
        {"id": "e2", "a": "OFF", "b": "IN", "because": []},
        {"id": "h1", "a": "IN", "b": "OUT", "because": ["u1"]},
    ]


def test_diff_names_a_linked_step_that_lost_a_premise() -> None:
    m = shaped("e1 e2 e3 h1", "r1:e1+e2>h1 r2:e3>h1", by={"r2": ["ann"]})
    result = diff(
        m, Scenario(distrust=frozenset({"ann"})), Scenario(off=frozenset({"e2"}), distrust=frozenset({"ann"}))
    )
    assert [c.to_dict() for c in result.changed] == [
        {"id": "e2", "a": "IN", "b": "OFF", "because": []},
        {"id": "h1", "a": "IN", "b": "OUT", "because": ["r1"]},
    ]


def test_diff_names_the_undercut_of_an_undercut() -> None:
    m = shaped("e1 e2 e3 h1", "r1:e1>h1 u1:e2!r1 u2:e3!u1", by={"u2": ["ann"]})
    result = diff(m, Scenario(), Scenario(distrust=frozenset({"ann"})))
    assert [(c.id, c.a, c.b, c.because) for c in result.changed] == [("h1", Label.IN, Label.OUT, ("u2",))]


def test_ach_reads_each_premise_of_a_linked_step_as_a_path_while_every_premise_is_on() -> None:
    m = shaped("e1 e2 h1 h2", "r1:e1+e2>h1 x:h1~h2")
    cells = ach(m).cells
    assert cells["e1"] == {"h1": "C", "h2": "I"} and cells["e2"] == {"h1": "C", "h2": "I"}
    greyed = ach(m, Scenario(off=frozenset({"e2"})))
    assert greyed.cells["e1"] == {"h1": "N", "h2": "N"}  # the step fails without e2
    assert greyed.cells["e2"] == {"h1": "C", "h2": "I"}  # e2's own row reads it as on


def test_ach_cuts_the_paths_of_an_undercut_step_and_an_undercut_of_the_undercut_gives_them_back() -> None:
    m = shaped("e1 e2 e3 h1", "r1:e1>h1 u1:e2!r1 u2:e3!u1", by={"u2": ["ann"]})
    assert ach(m).cells["e1"]["h1"] == "C"
    assert ach(m, Scenario(distrust=frozenset({"ann"}))).cells["e1"]["h1"] == "N"
    assert ach(m, Scenario(off=frozenset({"e2"}))).cells["e1"]["h1"] == "C"
    assert ach(m).cells["e2"]["h1"] == "N" and ach(m).cells["e3"]["h1"] == "N"  # undercuts are no paths


def test_ach_follows_a_chain_of_undercuts_down_to_the_step() -> None:
    m = shaped("e1 e2 e3 e4 h1", "r1:e1!h1 u1:e2!r1 u2:e3!u1 u3:e4!u2")
    assert ach(m).cells["e1"]["h1"] == "N"  # u3 stands, u2 falls, u1 stands: r1 is cut
    assert ach(m, Scenario(off=frozenset({"e4"}))).cells["e1"]["h1"] == "I"


def test_ach_reads_excludes_as_attacks_both_ways() -> None:
    m = shaped("e1 e2 h1 h2", "r1:e1>h1 r2:e2>h2 x:h1~h2")
    assert ach(m).cells == {"e1": {"h1": "C", "h2": "I"}, "e2": {"h1": "I", "h2": "C"}}


def test_readings_label_a_linked_attack_and_its_undercut_under_all_three_readings() -> None:
    # c1 is a claim nobody supports: evidentially rejected, so the linked attack fails under that
    # reading however its undercut fares; under the others it fails only while e2 undercuts it.
    m = shaped("e1 c1 e2 e3 h1", "r0:e3>h1 r1:e1+c1!h1 u1:e2!r1")
    assert all(label is Label.IN for label in readings(m).table["h1"].values())
    freed = readings(m, Scenario(off=frozenset({"e2"}))).table["h1"]
    assert {str(k): str(v) for k, v in freed.items()} == {"evidential": "IN", "deductive": "OUT", "abstract": "OUT"}


def test_undercuts_in_a_cycle_stay_active_together_until_one_of_them_loses_its_premise() -> None:
    # u1 and u2 undercut each other; u3 undercuts r1 and is itself undercut by u1.
    m = shaped("e1 e2 e3 e4 h1", "r1:e1>h1 u1:e2!u2 u2:e3!u1 u3:e4!r1 u4:e2!u3", by={"u2": ["ann"]})
    for mode in SupportMode:
        s = Scenario(support=mode)
        engine = Reevaluator(m, s)
        for evidence in ({"e2"}, {"e3"}, {"e4"}, {"e2", "e3"}, {"e3", "e4"}):
            for analysts in (set(), {"ann"}):
                switched = Scenario(frozenset(evidence), frozenset(analysts), mode)
                assert engine.labels(evidence, analysts) == evaluate(m, scenario=switched).labels, (mode, evidence)
    assert Reevaluator(m, Scenario()).labels({"e2"})["h1"] is Label.OUT  # u4 goes with e2, so u3 stands


def test_an_undercut_premise_is_relabelled_incrementally_while_another_undercut_keeps_the_step_reified(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    m = shaped("e1 e2 e3 c p x h", "t:p>x u:e1!t v:e2!t r:c!x a:p!h s:c>e3")
    s = Scenario(support=SupportMode.DEDUCTIVE)
    engine = Reevaluator(m, s)
    assert {"e1", "e2", "e3"} <= engine.fragile
    compiled: list[Scenario] = []
    original = reevaluate.evaluate

    def spy(m: ArgumentMap, scenario: Scenario) -> Any:
        compiled.append(scenario)
        return original(m, scenario=scenario)

    monkeypatch.setattr(reevaluate, "evaluate", spy)
    for evidence in ({"e1"}, {"e2"}, {"e1", "e2"}, {"e3"}):
        switched = Scenario(off=frozenset(evidence), support=SupportMode.DEDUCTIVE)
        assert engine.labels(evidence) == original(m, scenario=switched).labels
    assert [sorted(c.off) for c in compiled] == [["e1", "e2"], ["e3"]]  # t loses its inf(t); c supports e3
