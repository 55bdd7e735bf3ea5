"""The analyst tools against brute force on small random maps: every answer checked by evaluate()."""

from __future__ import annotations

from itertools import combinations
from typing import Any

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.analysis import Reevaluator, ach, diff, hinges
from argmap.compile import active_relations
from argmap.document import from_document
from argmap.model import ArgumentMap, NodeKind
from argmap.pipeline import evaluate
from argmap.scenario import Scenario, SupportMode

ANALYSTS = ["ann", "bob"]


@st.composite
def maps(draw: st.DrawFn, max_evidence: int = 4) -> ArgumentMap:
    """Small random maps mixing the three shapes: one-premise and linked steps, undercuts (of
    undercuts too, in cycles too) and excludes with and without ``by``."""
    evidence = [f"e{i}" for i in range(draw(st.integers(1, max_evidence)))]
    claims = [f"c{i}" for i in range(draw(st.integers(0, 3)))]
    hyps = [f"h{i}" for i in range(draw(st.integers(1, 3)))]
    props: list[dict[str, Any]] = [{"id": e, "text": e, "kind": "evidence"} for e in evidence]
    props += [{"id": c, "text": c, "kind": "claim"} for c in claims]
    props += [{"id": h, "text": h, "kind": "hypothesis"} for h in hyps]
    ids = evidence + claims + hyps
    kinds = draw(
        st.lists(st.sampled_from(["support", "attack", "support", "attack", "excludes", "undercut"]), max_size=12)
    )
    steps = [i for i, kind in enumerate(kinds) if kind != "excludes"]
    relations = []
    for i, kind in enumerate(kinds):
        by = draw(st.sets(st.sampled_from(ANALYSTS)))
        if kind == "excludes":
            a, b = draw(st.lists(st.sampled_from(ids), min_size=2, max_size=2, unique=True))
            rel: dict[str, Any] = {"id": f"r{i}", "from": a, "to": b, "kind": "excludes"}
            if draw(st.booleans()):
                by = set()  # the usual, structural kind
        elif kind == "undercut":
            targets = [j for j in steps if j != i]
            if not targets:
                continue
            premises = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=2, unique=True))
            aimed = draw(st.sampled_from(targets))
            rel = {"id": f"r{i}", "from": _from(premises), "to": f"r{aimed}", "kind": "attack"}
        else:
            target = draw(st.sampled_from(ids))
            premises = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True))
            if len(premises) > 1 or kind == "support":
                premises = [p for p in premises if p != target]  # a lone premise may attack itself
            if not premises:
                continue
            rel = {"id": f"r{i}", "from": _from(premises), "to": target, "kind": kind}
        if by:
            rel["by"] = sorted(by)
        relations.append(rel)
    while True:  # drop undercuts of skipped steps, and undercuts of those
        present = {r["id"] for r in relations}
        kept = [r for r in relations if r["to"] in present or r["to"] in ids]
        if len(kept) == len(relations):
            break
        relations = kept
    doc = {
        "id": "random",
        "title": "Random",
        "analysts": [{"id": a, "name": a} for a in ANALYSTS],
        "propositions": props,
        "relations": relations,
    }
    return from_document(doc, "random.json")


def _from(premises: list[str]) -> str | list[str]:
    return premises[0] if len(premises) == 1 and premises[0].endswith("0") else premises


@st.composite
def maps_and_scenarios(draw: st.DrawFn, max_evidence: int = 4) -> tuple[ArgumentMap, Scenario]:
    m = draw(maps(max_evidence))
    off = draw(st.sets(st.sampled_from(m.evidence)))
    distrust = draw(st.sets(st.sampled_from(ANALYSTS)))
    mode = draw(st.sampled_from(list(SupportMode)))
    return m, Scenario(frozenset(off), frozenset(distrust), mode)


def label_with(m: ArgumentMap, s: Scenario, evidence: set[str] = frozenset(), analysts: set[str] = frozenset()) -> Any:
    return evaluate(m, scenario=Scenario(s.off ^ frozenset(evidence), s.distrust ^ frozenset(analysts), s.support))


@settings(max_examples=600, deadline=None)
@given(maps_and_scenarios(), st.data())
def test_the_reevaluator_agrees_with_evaluate(case: tuple[ArgumentMap, Scenario], data: st.DataObject) -> None:
    m, s = case
    evidence = data.draw(st.sets(st.sampled_from(m.evidence)))
    analysts = data.draw(st.sets(st.sampled_from(ANALYSTS)))
    assert Reevaluator(m, s).labels(evidence, analysts) == label_with(m, s, evidence, analysts).labels


@settings(max_examples=200, deadline=None)
@given(maps_and_scenarios())
def test_a_scope_gives_exact_labels_for_removals(case: tuple[ArgumentMap, Scenario]) -> None:
    m, s = case
    engine = Reevaluator(m, s)
    scope = engine.scope(m.hypotheses)
    on = [e for e in m.evidence if e not in s.off]
    trusted = [a for a in ANALYSTS if a not in s.distrust]
    for k in range(1, len(on) + 1):
        for combo in combinations(on, k):
            got = engine.labels(set(combo), set(trusted[:1]), among=m.hypotheses, scope=scope)
            want = label_with(m, s, set(combo), set(trusted[:1])).labels
            assert got == {h: want[h] for h in m.hypotheses}


@settings(max_examples=150, deadline=None)
@given(maps_and_scenarios())
def test_hinges_are_exactly_the_single_switches_that_change_a_hypothesis(case: tuple[ArgumentMap, Scenario]) -> None:
    m, s = case
    result = hinges(m, s)
    base = evaluate(m, scenario=s).labels
    for h, hinge in result.hinges.items():
        assert hinge.label == base[h]
        expected_evidence = {}
        for e in m.evidence:
            after = label_with(m, s, evidence={e}).labels[h]
            if after != base[h]:
                expected_evidence[e] = after
        assert {x.id: x.to for x in hinge.evidence} == expected_evidence
        for x in hinge.evidence:
            assert x.action == ("on" if x.id in s.off else "off")
        expected_analysts = {}
        for a in ANALYSTS:
            after = label_with(m, s, analysts={a}).labels[h]
            if after != base[h]:
                expected_analysts[a] = after
        assert {x.id: x.to for x in hinge.analysts} == expected_analysts


@settings(max_examples=150, deadline=None)
@given(maps_and_scenarios(max_evidence=5))
def test_sets_are_all_the_minimal_sets_that_change_a_hypothesis(case: tuple[ArgumentMap, Scenario]) -> None:
    m, s = case
    result = hinges(m, s)
    base = evaluate(m, scenario=s).labels
    on = [e for e in m.evidence if e not in s.off]
    changes: dict[frozenset[str], dict[str, Any]] = {
        frozenset(c): label_with(m, s, evidence=set(c)).labels for k in (1, 2, 3) for c in combinations(on, k)
    }
    for h, hinge in result.hinges.items():
        assert not hinge.truncated
        changing = {c for c, labels in changes.items() if labels[h] != base[h]}
        minimal = {c for c in changing if len(c) > 1 and not any(d < c for d in changing)}
        assert {frozenset(x) for x in hinge.sets} == minimal
        assert len(hinge.sets) == len(set(hinge.sets))
        singles = {x.id for x in hinge.evidence}
        for found, to in zip(hinge.sets, hinge.sets_to, strict=True):
            assert not singles & set(found)
            assert changes[frozenset(found)][h] == to


def standing_undercuts(m: ArgumentMap, active: set[str]) -> set[str]:
    """Undercuts IN among the active undercuts, by iterating the characteristic function from nothing."""
    undercuts = {r: m.relations[r].target for r in active if m.relations[r].target in m.relations}
    attackers = {u: {v for v, t in undercuts.items() if t == u} for u in undercuts}
    standing: set[str] = set()
    while True:
        beaten = {t for v, t in undercuts.items() if v in standing}
        nxt = {u for u in undercuts if attackers[u] <= beaten}
        if nxt == standing:
            return standing
        standing = nxt


def signed_graph(m: ArgumentMap, off: frozenset[str], distrust: frozenset[str]) -> nx.MultiDiGraph:
    """Every active, uncut step from each of its premises to its conclusion; excludes both ways."""
    active = {r.id for r in active_relations(m, Scenario(off, distrust))}
    cut = {m.relations[u].target for u in standing_undercuts(m, active)}
    g = nx.MultiDiGraph()
    g.add_nodes_from(m.propositions)
    for r in m.relations.values():
        if r.id not in active or r.id in cut or r.target in m.relations:
            continue
        sign = 1 if r.kind == "support" else -1
        for p in r.premises:
            g.add_edge(p, r.target, key=r.id, sign=sign)
        if r.kind == "excludes":
            g.add_edge(r.target, r.premises[0], key=r.id, sign=-1)
    return g


@settings(max_examples=200, deadline=None)
@given(maps_and_scenarios())
def test_ach_cells_agree_with_every_simple_path(case: tuple[ArgumentMap, Scenario]) -> None:
    m, s = case
    result = ach(m, s)
    kinds = {p.id: p.kind for p in m.propositions.values()}
    for e in m.evidence:
        blocked = s.off - {e}
        g = signed_graph(m, blocked, s.distrust)
        for h in m.hypotheses:
            signs = set()
            if e != h and e not in blocked:
                for path in nx.all_simple_edge_paths(g, e, h, cutoff=8):
                    nodes = [e] + [v for _, v, _ in path]
                    if blocked & set(nodes):
                        continue
                    inner_hyps = [i for i, n in enumerate(nodes[:-1]) if kinds[n] is NodeKind.HYPOTHESIS]
                    if inner_hyps and inner_hyps != [len(nodes) - 2]:
                        continue  # at most one hypothesis, just before the last
                    sign = 1
                    for u, v, k in path:
                        sign *= g.edges[u, v, k]["sign"]
                    signs.add(sign)
            expected = "I" if -1 in signs else "C" if 1 in signs else "N"
            assert result.cells[e][h] == expected, (e, h, signs)
            for p in result.paths[e][h]:
                assert p.nodes[0] == e and p.nodes[-1] == h and len(set(p.nodes)) == len(p.nodes)
                assert all(g.has_edge(u, v, k) for u, v, k in zip(p.nodes[:-1], p.nodes[1:], p.relations, strict=True))
    on = [e for e in m.evidence if e not in s.off]
    assert result.inconsistency == {h: sum(result.cells[e][h] == "I" for e in on) for h in m.hypotheses}
    counts = [result.inconsistency[h] for h in result.hypotheses]
    assert counts == sorted(counts)


@settings(max_examples=150, deadline=None)
@given(maps_and_scenarios(), maps_and_scenarios())
def test_diff_lists_every_changed_label_with_switched_relations_only(
    case: tuple[ArgumentMap, Scenario], other: tuple[ArgumentMap, Scenario]
) -> None:
    m, a = case
    b = Scenario(frozenset(e for e in other[1].off if e in m.evidence), other[1].distrust, other[1].support)
    result = diff(m, a, b)
    la, lb = evaluate(m, scenario=a).labels, evaluate(m, scenario=b).labels
    assert [(c.id, c.a, c.b) for c in result.changed] == [(p, la[p], lb[p]) for p in m.propositions if la[p] != lb[p]]
    switched = {r.id for r in active_relations(m, a)} ^ {r.id for r in active_relations(m, b)}
    for c in result.changed:
        assert set(c.because) <= switched
