"""Each support reading of DESIGN §3, rule by rule, on three-node maps."""

from __future__ import annotations

import importlib

import pytest

from argmap.compile import compile_map, meta_target, unsupported
from argmap.errors import InvalidScenario
from argmap.pipeline import evaluate

from .conftest import Build


def labels(m, **scenario) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {p: str(label) for p, label in evaluate(m, **scenario).labels.items()}


def test_evidential_adds_one_unsupported_meta_argument_per_non_evidence(build: Build) -> None:
    af = compile_map(build("e1 c1 h1", "e1>c1 c1>h1"))
    assert af.arguments == {"e1", "c1", "h1", unsupported("c1"), unsupported("h1")}
    assert af.attacks == {
        ("e1", "unsupported(c1)"),
        ("unsupported(c1)", "c1"),
        ("c1", "unsupported(h1)"),
        ("unsupported(h1)", "h1"),
    }


def test_evidential_claim_with_no_support_is_out(build: Build) -> None:
    assert labels(build("e1 c1 h1", "c1>h1")) == {"e1": "IN", "c1": "OUT", "h1": "OUT"}


def test_evidential_support_chain_is_accepted_and_breaks_when_evidence_is_off(build: Build) -> None:
    m = build("e1 c1 h1", "e1>c1 c1>h1")
    assert labels(m) == {"e1": "IN", "c1": "IN", "h1": "IN"}
    assert labels(m, off={"e1"}) == {"e1": "OFF", "c1": "OUT", "h1": "OUT"}


def test_evidential_one_accepted_supporter_is_enough(build: Build) -> None:
    m = build("e1 e2 h1", "e1>h1 e2>h1")
    assert labels(m, off={"e1"})["h1"] == "IN"
    assert labels(m, off={"e1", "e2"})["h1"] == "OUT"


def test_evidential_undecided_support_leaves_the_claim_undecided(build: Build) -> None:
    # c1 and c2 attack each other; c1 supports h1.
    m = build("e1 c1 c2 h1", "e1>c1 e1>c2 c1!c2 c2!c1 c1>h1")
    assert labels(m) == {"e1": "IN", "c1": "UNDEC", "c2": "UNDEC", "h1": "UNDEC"}


def test_evidence_needs_no_support_and_support_into_evidence_is_ignored(build: Build) -> None:
    af = compile_map(build("e1 e2", "e1>e2"))
    assert af.arguments == {"e1", "e2"} and af.attacks == set()


def test_deductive_supported_attack(build: Build) -> None:
    # a supports b, b attacks c => a attacks c (Cayrol & Lagasquie-Schiex 2013).
    af = compile_map(build("a b c", "a>b b!c"), support="deductive")
    assert af.attacks == {("b", "c"), ("a", "c")}
    assert af.origin[("a", "c")] == ("r1", "r2")


def test_deductive_mediated_attack(build: Build) -> None:
    # a supports b, c attacks b => c attacks a.
    af = compile_map(build("a b c", "a>b c!b"), support="deductive")
    assert af.attacks == {("c", "b"), ("c", "a")}


def test_deductive_follows_chains_of_supports(build: Build) -> None:
    af = compile_map(build("a b c d", "a>b b>c c!d"), support="deductive")
    assert af.attacks == {("c", "d"), ("b", "d"), ("a", "d")}
    af = compile_map(build("a b c d", "a>b b>c d!c"), support="deductive")
    assert af.attacks == {("d", "c"), ("d", "b"), ("d", "a")}


def test_deductive_needs_no_meta_arguments_and_labels_claims_without_support_in(build: Build) -> None:
    m = build("a b c", "a>b c!b")
    assert labels(m, support="deductive") == {"a": "OUT", "b": "OUT", "c": "IN"}
    assert compile_map(m, support="deductive").arguments == {"a", "b", "c"}


def test_abstract_ignores_supports(build: Build) -> None:
    af = compile_map(build("a b c", "a>b c!b"), support="abstract")
    assert af.arguments == {"a", "b", "c"} and af.attacks == {("c", "b")}


def test_with_no_supports_every_reading_keeps_exactly_the_attacks(build: Build) -> None:
    m = build("e1 e2 e3", "e1!e2 e2!e3 e3!e3")
    for mode in ("evidential", "deductive", "abstract"):
        assert compile_map(m, support=mode).attacks == {("e1", "e2"), ("e2", "e3"), ("e3", "e3")}


def test_off_evidence_leaves_the_framework_with_its_relations(build: Build) -> None:
    af = compile_map(build("e1 e2 c1", "e1>c1 e2!c1"), off={"e2"})
    assert "e2" not in af.arguments
    assert all("e2" not in pair for pair in af.attacks)


def test_distrusted_analyst_drops_only_relations_no_trusted_analyst_draws(build: Build) -> None:
    m = build("e1 e2 c1", "e1>c1 e2!c1", by={"r1": ["ann"], "r2": ["bob", "cy"]})
    assert labels(m)["c1"] == "OUT"
    assert labels(m, distrust={"bob"})["c1"] == "OUT"  # cy still draws r2
    assert labels(m, distrust={"bob", "cy"})["c1"] == "IN"
    assert labels(m, distrust={"ann", "bob", "cy"})["c1"] == "OUT"  # no support left


def test_scenario_ids_are_checked(build: Build) -> None:
    m = build("e1 c1", "e1>c1", by={"r1": ["ann"]})
    with pytest.raises(InvalidScenario, match="No evidence 'e9'"):
        compile_map(m, off={"e9"})
    with pytest.raises(InvalidScenario, match="'c1' is a claim, not evidence"):
        compile_map(m, off="c1")
    with pytest.raises(InvalidScenario, match="No analyst 'zed'"):
        compile_map(m, distrust="zed")
    with pytest.raises(InvalidScenario, match="Unknown support reading 'magic'"):
        compile_map(m, support="magic")


def test_meta_target_names_the_proposition() -> None:
    assert meta_target(unsupported("h-x")) == "h-x"
    assert meta_target("h-x") is None


def test_deductive_reading_refuses_a_closure_past_its_budget(build: Build, monkeypatch: pytest.MonkeyPatch) -> None:
    module = importlib.import_module("argmap.compile")  # argmap.compile is the function
    m = build("a b c d x y", "a>b b>c c>d x!b y!c")
    assert len(compile_map(m, support="deductive").attacks) == 2 + 3  # x->b, y->c; x->a, y->b, y->a
    monkeypatch.setattr(module, "MAX_DERIVED_ATTACKS", 2)
    with pytest.raises(InvalidScenario, match="derives too many attacks"):
        compile_map(m, support="deductive")


def test_deductive_closure_of_a_long_support_chain_is_quick_and_complete(build: Build) -> None:
    n = 300
    nodes = " ".join(f"c{i}" for i in range(n)) + " x"
    edges = " ".join(f"c{i}>c{i + 1}" for i in range(n - 1)) + f" c{n - 1}!x"
    af = compile_map(build(nodes, edges), support="deductive")
    assert {(f"c{i}", "x") for i in range(n)} <= af.attacks
    assert len(af.origin[("c0", "x")]) == n  # n - 1 supports, then the attack
