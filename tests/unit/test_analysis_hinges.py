"""Hinges on tiny maps: single switches, analysts both ways, minimal sets, the caps."""

from __future__ import annotations

import pytest

from argmap.analysis import Reevaluator, hinges
from argmap.scenario import Scenario, SupportMode
from argmap.semantics import Label

from .conftest import Build


def test_the_only_support_is_a_hinge_that_switches_the_hypothesis_out(build: Build) -> None:
    m = build("e1 e2 h1", "e1>h1")
    h1 = hinges(m).hinges["h1"]
    assert h1.label is Label.IN
    assert [(s.id, s.to, s.action) for s in h1.evidence] == [("e1", Label.OUT, "off")]
    assert h1.sets == ()


def test_evidence_that_is_off_is_a_hinge_when_switching_it_on_changes_the_label(build: Build) -> None:
    m = build("e1 e2 h1", "e1>h1 e2!h1")
    h1 = hinges(m, Scenario(off=frozenset({"e2"}))).hinges["h1"]
    assert h1.label is Label.IN
    assert [(s.id, s.to, s.action) for s in h1.evidence] == [("e1", Label.OUT, "off"), ("e2", Label.OUT, "on")]


def test_a_trusted_analyst_hinges_by_distrust_and_a_distrusted_one_by_trust(build: Build) -> None:
    m = build("e1 e2 h1", "e1>h1 e2!h1", by={"r1": ["ann"], "r2": ["bob"]})
    h1 = hinges(m).hinges["h1"]
    assert h1.label is Label.OUT
    assert [(s.id, s.to, s.action) for s in h1.analysts] == [("bob", Label.IN, "distrust")]
    h1 = hinges(m, Scenario(distrust=frozenset({"bob"}))).hinges["h1"]
    assert h1.label is Label.IN
    assert [(s.id, s.to, s.action) for s in h1.analysts] == [
        ("ann", Label.OUT, "distrust"),
        ("bob", Label.OUT, "trust"),
    ]


def test_redundant_supports_make_a_set_and_no_single_hinge(build: Build) -> None:
    m = build("e1 e2 e3 h1", "e1>h1 e2>h1 e3>h1")
    h1 = hinges(m).hinges["h1"]
    assert h1.evidence == ()
    assert h1.sets == (("e1", "e2", "e3"),)
    assert h1.sets_to == (Label.OUT,)


def test_sets_leave_out_single_hinges(build: Build) -> None:
    # h1 rests on e1 or e2, and e3 keeps its attacker e4 down.
    m = build("e1 e2 e3 e4 h1", "e1>h1 e2>h1 e4!h1 e3!e4")
    h1 = hinges(m).hinges["h1"]
    assert h1.label is Label.IN
    assert [(s.id, s.to) for s in h1.evidence] == [("e3", Label.OUT)]
    assert h1.sets == (("e1", "e2"),)


def test_a_mediated_attack_makes_evidence_a_hinge_under_the_deductive_reading_only(build: Build) -> None:
    # h1 supports c1 and e1 attacks c1: deductively e1 attacks h1 (mediated), against the arrows.
    m = build("e1 c1 h1", "h1>c1 e1!c1")
    deductive = Scenario(support=SupportMode.DEDUCTIVE)
    assert [(s.id, s.to) for s in hinges(m, deductive).hinges["h1"].evidence] == [("e1", Label.IN)]
    switched_off = Scenario(off=frozenset({"e1"}), support=SupportMode.DEDUCTIVE)
    assert [(s.id, s.to, s.action) for s in hinges(m, switched_off).hinges["h1"].evidence] == [("e1", Label.OUT, "on")]
    assert hinges(m, Scenario(support=SupportMode.ABSTRACT)).hinges["h1"].evidence == ()


def test_evidence_that_cannot_reach_a_hypothesis_is_never_tried(build: Build, monkeypatch: pytest.MonkeyPatch) -> None:
    m = build("e1 e2 h1 h2", "e1>h1 e2>h2")
    asked: list[tuple[frozenset[str], tuple[str, ...]]] = []
    original = Reevaluator.labels

    def spy(self: Reevaluator, evidence=(), analysts=(), among=None, scope=None):
        asked.append((frozenset(evidence), tuple(among or ())))
        return original(self, evidence, analysts, among, scope)

    monkeypatch.setattr(Reevaluator, "labels", spy)
    result = hinges(m)
    assert [s.id for s in result.hinges["h1"].evidence] == ["e1"]
    assert (frozenset({"e1"}), ("h1",)) in asked
    assert not [among for ev, among in asked if ev == {"e1"} and "h2" in among]


def test_a_capped_search_says_it_is_truncated(build: Build) -> None:
    m = build("e1 e2 e3 e4 h1", "e1>h1 e2>h1 e3>h1 e4>h1")
    complete = hinges(m).hinges["h1"]
    assert not complete.truncated and complete.sets == ()  # the one minimal set has four items
    capped = hinges(m, max_sets=2).hinges["h1"]
    assert capped.truncated
    out_of_time = hinges(m, time_limit=0.0)
    assert out_of_time.truncated and out_of_time.hinges["h1"].evidence == ()


def test_to_dict_has_the_design_shape(build: Build) -> None:
    m = build("e1 e2 h1", "e1>h1 e2>h1", by={"r1": ["ann"]})
    body = hinges(m).to_dict()
    assert body["hinges"]["h1"] == {
        "label": "IN",
        "evidence": [],
        "analysts": [],
        "sets": [["e1", "e2"]],
        "sets_to": ["OUT"],
        "truncated": False,
    }
    assert body["truncated"] is False
    assert body["scenario"] == {"off": [], "distrust": [], "support": "evidential"}


def test_a_relation_of_two_switched_analysts_is_counted_once(build: Build) -> None:
    # e1 attacks itself twice: unattributed (r1) and by ann and bob (r2); r1 keeps the attack alive.
    m = build("e1 h1", "e1!e1 e1!e1 e1>h1", by={"r2": ["ann", "bob"]})
    engine = Reevaluator(m, Scenario())
    assert engine.labels(analysts={"ann", "bob"}) == {"e1": Label.UNDEC, "h1": Label.UNDEC}
