"""Linked steps, undercuts and excludes against an independent reference of DESIGN §2-§3.

The reference below is written from the design's words alone, with no code from ``argmap.compile``:
the greatest set of active relations by repeated removal, the framework by its definition, and the
grounded extension by iterating F from the empty set (the definition, which the product never does).
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.compile import compile_map
from argmap.document import from_document
from argmap.model import ArgumentMap, NodeKind
from argmap.pipeline import evaluate
from argmap.scenario import Scenario, SupportMode
from argmap.semantics import Label

ANALYSTS = ["ann", "bob"]


@st.composite
def shaped_maps(draw: st.DrawFn) -> ArgumentMap:
    evidence = [f"e{i}" for i in range(draw(st.integers(1, 4)))]
    claims = [f"c{i}" for i in range(draw(st.integers(0, 3)))]
    hyps = [f"h{i}" for i in range(draw(st.integers(1, 3)))]
    kinds = {
        **dict.fromkeys(evidence, "evidence"),
        **dict.fromkeys(claims, "claim"),
        **dict.fromkeys(hyps, "hypothesis"),
    }
    props = list(kinds)
    n = draw(st.integers(0, 9))
    shapes = [draw(st.sampled_from(["support", "attack", "undercut", "excludes"])) for _ in range(n)]
    steps = [i for i, s in enumerate(shapes) if s != "excludes"]
    relations: list[dict[str, Any]] = []
    for i, shape in enumerate(shapes):
        rel: dict[str, Any] = {"id": f"r{i}"}
        if shape == "undercut":
            targets = [f"r{j}" for j in steps if j != i]
            if not targets:
                continue
            rel["to"] = draw(st.sampled_from(targets))
            rel["kind"] = "attack"
        else:
            rel["to"] = draw(st.sampled_from(props))
            rel["kind"] = shape
        others = [p for p in props if p != rel["to"]]
        if not others:
            continue
        if shape == "excludes":
            rel["from"] = draw(st.sampled_from(others))
        else:
            premises = draw(st.lists(st.sampled_from(others), min_size=1, max_size=3, unique=True))
            rel["from"] = premises if len(premises) > 1 or draw(st.booleans()) else premises[0]
        by = draw(st.sets(st.sampled_from(ANALYSTS)))
        if by and (shape != "excludes" or draw(st.booleans())):
            rel["by"] = sorted(by)
        relations.append(rel)
    ids = {r["id"] for r in relations}
    relations = [r for r in relations if r["to"] in kinds or r["to"] in ids]
    while True:  # an undercut of a relation that was left out goes too
        ids = {r["id"] for r in relations}
        kept = [r for r in relations if r["to"] in kinds or r["to"] in ids]
        if len(kept) == len(relations):
            break
        relations = kept
    doc = {
        "id": "shaped",
        "title": "Shaped",
        "analysts": [{"id": a, "name": a.title()} for a in ANALYSTS],
        "propositions": [{"id": p, "text": p, "kind": k} for p, k in kinds.items()],
        "relations": relations,
    }
    return from_document(doc, "shaped.json")


@st.composite
def cases(draw: st.DrawFn) -> tuple[ArgumentMap, Scenario]:
    m = draw(shaped_maps())
    off = draw(st.sets(st.sampled_from(m.evidence)))
    distrust = draw(st.sets(st.sampled_from(ANALYSTS)))
    mode = draw(st.sampled_from(list(SupportMode)))
    return m, Scenario(frozenset(off), frozenset(distrust), mode)


# -- the reference --------------------------------------------------------------------------------


def reference_active(m: ArgumentMap, s: Scenario) -> set[str]:
    """§2: premises on, a trusted analyst (or none), a target that is on: the greatest such set."""
    active = {
        r.id
        for r in m.relations.values()
        if all(p not in s.off for p in r.premises)
        and (not r.by or set(r.by) - s.distrust)
        and (r.target in m.relations or r.target not in s.off)
    }
    changed = True
    while changed:
        keep = {
            rid for rid in active if m.relations[rid].target not in m.relations or m.relations[rid].target in active
        }
        changed, active = keep != active, keep
    return active


def reference_framework(m: ArgumentMap, s: Scenario, reify_all: bool = False) -> tuple[set[str], set[tuple[str, str]]]:
    """§3, read literally."""
    active = reference_active(m, s)
    rels = [m.relations[rid] for rid in m.relations if rid in active]
    undercut = {r.target for r in rels if r.target in m.relations}
    reified = {r.id for r in rels if r.kind != "excludes" and (reify_all or len(r.premises) >= 2 or r.id in undercut)}

    def src(r: Any) -> str:
        return f"inf({r.id})" if r.id in reified else r.premises[0]

    props = {p for p in m.propositions if p not in s.off}
    A = set(props)
    inference: set[tuple[str, str]] = set()
    for r in rels:
        if r.id in reified:
            A.add(f"inf({r.id})")
            for p in r.premises:
                A.add(f"not({p})")
                inference |= {(p, f"not({p})"), (f"not({p})", f"inf({r.id})")}
    D: set[tuple[str, str]] = set()
    S: set[tuple[str, str]] = set()
    for r in rels:
        if r.kind == "excludes":
            D |= {(r.premises[0], r.target), (r.target, r.premises[0])}
        elif r.kind == "support":
            S.add((src(r), r.target))
        elif r.target in m.relations:
            D.add((src(r), f"inf({r.target})"))
        else:
            D.add((src(r), r.target))
    R = D | inference
    if s.support is SupportMode.EVIDENTIAL:
        for x in props:
            if m.propositions[x].kind is not NodeKind.EVIDENCE:
                A.add(f"unsupported({x})")
                R.add((f"unsupported({x})", x))
        R |= {(a, f"unsupported({x})") for a, x in S if m.propositions[x].kind is not NodeKind.EVIDENCE}
    elif s.support is SupportMode.DEDUCTIVE:
        closure = set(S)
        while True:
            more = {(a, c) for a, b in closure for b2, c in S if b == b2} - closure
            if not more:
                break
            closure |= more
        R |= {(a, c) for a, b in closure for b2, c in D if b == b2}  # supported
        R |= {(c, a) for a, b in closure for c, b2 in D if b == b2}  # mediated
    return A, R


def reference_grounded(A: set[str], R: set[tuple[str, str]]) -> dict[str, str]:
    """Iterate F(S) = {a : every attacker of a is attacked by S} from the empty set to its fixed point."""
    attackers = {a: {x for x, y in R if y == a} for a in A}
    S: set[str] = set()
    while True:
        beaten = {y for x, y in R if x in S}
        nxt = {a for a in A if attackers[a] <= beaten}
        if nxt == S:
            break
        S = nxt
    beaten = {y for x, y in R if x in S}
    return {a: "IN" if a in S else "OUT" if a in beaten else "UNDEC" for a in A}


def reference_labels(m: ArgumentMap, s: Scenario, reify_all: bool = False) -> tuple[dict[str, str], dict[str, str]]:
    A, R = reference_framework(m, s, reify_all)
    g = reference_grounded(A, R)
    labels = {p: g.get(p, "OFF") for p in m.propositions}
    active = reference_active(m, s)
    inferences = {}
    for r in m.relations.values():
        if r.kind == "excludes":
            continue
        if r.id not in active:
            inferences[r.id] = "OFF"
        else:
            inferences[r.id] = g.get(f"inf({r.id})", g[r.premises[0]])
    return labels, inferences


# -- the properties -------------------------------------------------------------------------------


def as_str(labels: dict[str, Label]) -> dict[str, str]:
    return {k: str(v) for k, v in labels.items()}


@settings(max_examples=700, deadline=None)
@given(cases())
def test_labels_and_inferences_match_the_reference(case: tuple[ArgumentMap, Scenario]) -> None:
    m, s = case
    ev = evaluate(m, scenario=s)
    labels, inferences = reference_labels(m, s)
    assert as_str(ev.labels) == labels
    assert as_str(ev.inferences) == inferences


@settings(max_examples=300, deadline=None)
@given(cases())
def test_the_compiled_framework_is_the_reference_framework(case: tuple[ArgumentMap, Scenario]) -> None:
    m, s = case
    af = compile_map(m, scenario=s)
    A, R = reference_framework(m, s)
    assert (set(af.arguments), set(af.attacks)) == (A, R)


@settings(max_examples=300, deadline=None)
@given(cases())
def test_reifying_every_step_changes_no_label_under_the_evidential_and_abstract_readings(
    case: tuple[ArgumentMap, Scenario],
) -> None:
    m, s = case
    if s.support is SupportMode.DEDUCTIVE:
        s = Scenario(s.off, s.distrust, SupportMode.EVIDENTIAL)
    assert reference_labels(m, s, reify_all=True)[0] == as_str(evaluate(m, scenario=s).labels)


@settings(max_examples=400, deadline=None)
@given(cases())
def test_a_step_holds_iff_its_premises_hold_and_its_undercuts_fail(case: tuple[ArgumentMap, Scenario]) -> None:
    m, s = case
    if s.support is SupportMode.DEDUCTIVE:  # there, attacking a step's conclusion also attacks the step
        s = Scenario(s.off, s.distrust, SupportMode.ABSTRACT)
    ev = evaluate(m, scenario=s)
    for r in m.relations.values():
        if r.kind == "excludes" or ev.inferences[r.id] is Label.OFF:
            continue
        premises = {ev.labels[p] for p in r.premises}
        cuts = {ev.inferences[u] for u in m.undercuts.get(r.id, ()) if ev.inferences[u] is not Label.OFF}
        expected = (
            Label.OUT
            if Label.OUT in premises or Label.IN in cuts
            else Label.IN
            if premises == {Label.IN} and cuts <= {Label.OUT}
            else Label.UNDEC
        )
        assert ev.inferences[r.id] is expected, r.id


@settings(max_examples=150, deadline=None)
@given(cases())
def test_every_explanation_is_finite_and_its_labels_agree_with_the_evaluation(
    case: tuple[ArgumentMap, Scenario],
) -> None:
    m, s = case
    ev = evaluate(m, scenario=s)

    def walk(node: dict[str, Any]) -> None:
        expected = ev.labels.get(node["id"]) or ev.inferences[node["id"]]
        assert node["label"] == str(expected)
        for step in node["steps"]:
            walk(step["node"])

    for x in [*m.propositions, *ev.inferences]:
        walk(ev.explain(x))
