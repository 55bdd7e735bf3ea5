"""The analyst tools on linked steps, undercuts and excludes: tiny maps with known answers."""

from __future__ import annotations

from typing import Any

from argmap.analysis import Reevaluator, hinges
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
