"""Accounts of a map: the extensions of its compiled framework, shown as propositions, and why they hold."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap.account_reasons import explain_accounts
from argmap.coherent import accounts
from argmap.document import from_document
from argmap.errors import InvalidScenario
from argmap.extensions import extensions
from argmap.model import ArgumentMap


def rivals(pairs: int, *, odd: bool = False) -> ArgumentMap:
    """``pairs`` independent pairs of rival hypotheses, each supported by evidence; ``odd``: a 3-cycle too."""
    props: list[dict[str, Any]] = []
    rels: list[dict[str, Any]] = []
    for i in range(pairs):
        for side in "ab":
            props.append({"id": f"e{i}{side}", "text": f"Evidence {i}{side}", "kind": "evidence"})
            props.append({"id": f"h{i}{side}", "text": f"Hypothesis {i}{side}", "kind": "hypothesis"})
            rels.append({"id": f"s{i}{side}", "from": f"e{i}{side}", "to": f"h{i}{side}", "kind": "support"})
        rels.append({"id": f"x{i}a", "from": f"h{i}a", "to": f"h{i}b", "kind": "attack"})
        rels.append({"id": f"x{i}b", "from": f"h{i}b", "to": f"h{i}a", "kind": "attack"})
    if odd:
        for k in range(3):
            props.append({"id": f"o{k}", "text": f"Odd {k}", "kind": "claim"})
        props.append({"id": "eo", "text": "Odd evidence", "kind": "evidence"})
        for k in range(3):
            rels.append({"id": f"so{k}", "from": "eo", "to": f"o{k}", "kind": "support"})
            rels.append({"id": f"xo{k}", "from": f"o{k}", "to": f"o{(k + 1) % 3}", "kind": "attack"})
    return from_document({"id": "rivals", "title": "Rivals", "propositions": props, "relations": rels})


def test_rival_hypotheses_give_one_account_each_and_none_is_sceptical() -> None:
    result = accounts(rivals(1))
    assert [a.hypotheses for a in result.accounts] == [("h0a",), ("h0b",)]
    assert result.accounts[0].accepted == ("e0a", "h0a", "e0b")  # document order
    assert result.credulous == ["h0a", "h0b"] and result.sceptical == []
    assert (result.count, result.truncated) == (2, False)


def test_accounts_list_propositions_only_never_meta_arguments() -> None:
    m = rivals(2)
    result = accounts(m, semantics="complete")
    af = argmap.compile_map(m)
    assert any(a.startswith("unsupported(") for a in af.arguments)
    for account in result.accounts:
        assert set(account.accepted) <= set(m.propositions)
        assert any(not a.startswith("unsupported(") for a in account.extension)


def test_independent_rivalries_multiply_and_the_count_stays_exact_past_the_limit() -> None:
    result = accounts(rivals(10), limit=5)
    assert result.count == 2**10 and result.count_at_least == 2**10
    assert len(result.accounts) == 5 and result.truncated
    assert len({a.accepted for a in result.accounts}) == 5
    assert result.to_dict()["count"] == 1024


def test_an_odd_cycle_has_no_stable_account_but_preferred_ones() -> None:
    m = rivals(1, odd=True)
    stable = accounts(m, semantics="stable")
    assert stable.accounts == [] and stable.count == 0
    assert stable.credulous == [] and stable.sceptical == []
    preferred = accounts(m)
    assert preferred.count == 2
    assert all(not {"o0", "o1", "o2"} & set(a.accepted) for a in preferred.accounts)


def test_complete_accounts_include_the_grounded_one() -> None:
    result = accounts(rivals(1), semantics="complete")
    assert [a.hypotheses for a in result.accounts] == [("h0a",), ("h0b",), ()]


def test_a_scenario_changes_the_accounts() -> None:
    result = accounts(rivals(1), off="e0b")
    assert [a.hypotheses for a in result.accounts] == [("h0a",)]
    assert result.sceptical == ["h0a"]


@pytest.mark.parametrize("name", ["grounded", "ideal", "", "Preferred"])
def test_unknown_semantics_are_refused(name: str) -> None:
    if name == "":
        assert accounts(rivals(1), semantics=name).semantics == "preferred"
        return
    with pytest.raises(InvalidScenario, match="Unknown semantics"):
        accounts(rivals(1), semantics=name)


def test_each_hypothesis_is_defended_within_its_account() -> None:
    m = rivals(2)
    result = accounts(m)
    af = argmap.compile_map(m)
    for account, why in zip(result.accounts, explain_accounts(result), strict=True):
        for h in account.hypotheses:
            attackers = {a for a, b in af.attacks if b == h}
            assert {step["attacker"]["id"] for step in why["why"][h]} == attackers
            for step in why["why"][h]:
                assert step["defender"]["id"] in account.extension
                assert (step["defender"]["id"], step["attacker"]["id"]) in af.attacks
            assert why["reasons"][h].startswith(f"{m.propositions[h].short} can be held")


def test_defence_cites_relations_with_analysts_and_quotes(small_map: dict[str, Any]) -> None:
    m = from_document(small_map)
    result = accounts(m, off="e3")
    assert [a.hypotheses for a in result.accounts] == [("h1",), ("h2",)]
    why = explain_accounts(result)[0]["why"]["h1"]
    support = next(s for s in why if s["attacker"].get("meta"))
    assert support["attacker"]["for"] == "h1"
    assert support["defence"][0]["id"] == "r1"
    assert support["defence"][0]["by"] == [{"id": "alice", "name": "Alice Analyst"}]
    assert support["defence"][0]["cites"][0]["quote"] == "this points to H1"
    rival = next(s for s in why if s["attacker"]["id"] == "h2")
    assert [r["id"] for r in rival["relations"]] == ["r4"] and rival["defender"]["id"] == "h1"


def test_accounts_exclude_each_other_by_the_attacks_between_them(small_map: dict[str, Any]) -> None:
    m = from_document(small_map)
    first, second = explain_accounts(accounts(m, off="e3"))
    assert first["against"][0]["account"] == 1
    assert {(a["from"], a["to"]) for a in first["against"][0]["attacks"]} == {("h1", "h2"), ("h2", "h1")}
    assert second["against"][0]["account"] == 0
    nested = explain_accounts(accounts(m, off="e3", semantics="complete"))
    assert nested[0]["against"][1] == {"account": 2, "attacks": [], "within": False}
    assert nested[2]["against"][0]["within"] is True


def test_the_shipped_map_has_accounts_for_its_undecided_hypotheses() -> None:
    m = argmap.load("seeds/kremlin-drone-2023.yaml")
    verdict = argmap.evaluate(m)
    result = accounts(m)
    undec = {h for h in m.hypotheses if verdict.labels[h] == "UNDEC"}
    assert result.count is not None and result.count >= 2 and not result.truncated
    assert set(result.credulous) <= undec | {h for h in m.hypotheses if verdict.labels[h] == "IN"}
    for account in result.accounts:
        assert {p for p, label in verdict.labels.items() if label == "IN"} <= set(account.accepted)


@st.composite
def maps(draw: st.DrawFn) -> ArgumentMap:
    n = draw(st.integers(2, 7))
    kinds = draw(st.lists(st.sampled_from(["evidence", "claim", "hypothesis"]), min_size=n, max_size=n))
    props = [{"id": f"p{i}", "text": f"P{i}", "kind": k} for i, k in enumerate(kinds)]
    pairs = draw(st.sets(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda t: t[0] != t[1])))
    rels = [
        {"id": f"r{a}-{b}", "from": f"p{a}", "to": f"p{b}", "kind": draw(st.sampled_from(["attack", "support"]))}
        for a, b in sorted(pairs)
    ]
    return from_document({"id": "m", "title": "t", "propositions": props, "relations": rels})


@settings(max_examples=200, deadline=None)
@given(maps(), st.sampled_from(["preferred", "stable", "complete"]), st.sampled_from(["evidential", "abstract"]))
def test_accounts_are_the_extensions_of_the_compiled_framework_seen_as_propositions(
    m: ArgumentMap, semantics: str, support: str
) -> None:
    af = argmap.compile_map(m, support=support)
    exts = list(extensions(af.arguments, af.attacks, semantics))
    expected = {frozenset(e) & set(m.propositions) for e in exts}
    result = accounts(m, support=support, semantics=semantics)
    assert {frozenset(a.accepted) for a in result.accounts} == expected
    assert result.count == len(expected) == len(result.accounts)
    hyps = [h for h in m.hypotheses]
    assert result.credulous == ([h for h in hyps if any(h in e for e in expected)] if expected else [])
    assert result.sceptical == ([h for h in hyps if all(h in e for e in expected)] if expected else [])


def test_each_account_gives_the_status_of_every_step_for_colouring() -> None:
    m = from_document(
        {
            "id": "steps",
            "title": "Steps in accounts",
            "propositions": [
                {"id": "e1", "text": "E1", "kind": "evidence"},
                {"id": "e2", "text": "E2", "kind": "evidence"},
                {"id": "h1", "text": "H1", "kind": "hypothesis"},
                {"id": "h2", "text": "H2", "kind": "hypothesis"},
                {"id": "c1", "text": "C1", "kind": "claim"},
            ],
            "relations": [
                {"id": "r1", "from": ["e1", "e2"], "to": "h1", "kind": "support"},
                {"id": "r2", "from": "e2", "to": "h2", "kind": "support"},
                {"id": "x", "from": "h1", "to": "h2", "kind": "excludes"},
                {"id": "r3", "from": "h2", "to": "c1", "kind": "support"},
                {"id": "u", "from": "c1", "to": "r1", "kind": "attack"},
            ],
        }
    )
    result = accounts(m)
    explained = explain_accounts(result)
    by_hypothesis = {a.hypotheses: e["steps"] for a, e in zip(result.accounts, explained, strict=True)}
    # In h2's account c1 holds and undercuts r1; in h1's, the undercut's premise c1 is rejected.
    assert by_hypothesis[("h2",)] == {"r1": "OUT", "r2": "IN", "r3": "IN", "u": "IN"}
    assert by_hypothesis[("h1",)] == {"r1": "IN", "r2": "IN", "r3": "OUT", "u": "OUT"}
