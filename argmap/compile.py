"""Compiling a map under a scenario to a plain Dung framework: the one home of the support readings.

* ``evidential`` (after Oren & Norman 2008, evidential argumentation): evidence that is on needs no
  support; every other active proposition ``x`` needs an accepted supporter. A gets one
  meta-argument ``unsupported(x)`` per active non-evidence ``x``; R gets ``unsupported(x) -> x`` and
  ``s -> unsupported(x)`` for each active support ``s -> x``.
* ``deductive`` (Cayrol & Lagasquie-Schiex 2013): supported attacks (a supports+ b, b attacks c =>
  a attacks c) and mediated attacks (a supports+ b, c attacks b => c attacks a) join the attacks;
  supports+ are chains of one or more supports.
* ``abstract``: supports are ignored.

Every attack keeps the relation ids it stands for (its ``origin``), so explanations can cite them.
Imports model, scenario and errors.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from argmap.model import ArgumentMap, NodeKind, Relation, RelationKind
from argmap.scenario import Scenario, SupportMode, scenario_for

META_PREFIX = "unsupported("


def unsupported(x: str) -> str:
    """The evidential meta-argument that stands for "x has no accepted support"."""
    return f"{META_PREFIX}{x})"


def meta_target(argument: str) -> str | None:
    """The proposition a meta-argument speaks for, or None for a proposition."""
    return argument[len(META_PREFIX) : -1] if argument.startswith(META_PREFIX) else None


@dataclass(frozen=True)
class Framework:
    """A Dung framework AF = (A, R) compiled from a map, with where each attack comes from."""

    arguments: frozenset[str]
    attacks: frozenset[tuple[str, str]]
    # attack -> the relation ids behind it: [r] for a relation, [s1, ..., sk, r] for a derived
    # attack (its supports then its attack), [] for unsupported(x) -> x.
    origin: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict, compare=False)
    # evidential: x -> the active support relations into x.
    supports: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False)

    def attackers(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for a, b in sorted(self.attacks):
            out[b].append(a)
        return out


def active_relations(m: ArgumentMap, scenario: Scenario) -> list[Relation]:
    """Relations whose ends are both on and that have no ``by`` or a trusted analyst in it."""
    return [
        r
        for r in m.relations.values()
        if r.origin not in scenario.off
        and r.target not in scenario.off
        and (not r.by or any(a not in scenario.distrust for a in r.by))
    ]


def compile_map(
    m: ArgumentMap,
    off: object = None,
    distrust: object = None,
    support: object = None,
    *,
    scenario: Scenario | None = None,
) -> Framework:
    """Compile ``m`` under a scenario to a Dung framework (see the module docstring for the rules).

    Examples
    --------
    >>> from argmap.document import from_document
    >>> m = from_document({"id": "m", "title": "t", "propositions": [
    ...     {"id": "e", "text": "E", "kind": "evidence"}, {"id": "c", "text": "C", "kind": "claim"}],
    ...     "relations": [{"id": "r", "from": "e", "to": "c", "kind": "support"}]})
    >>> sorted(compile_map(m).attacks)
    [('e', 'unsupported(c)'), ('unsupported(c)', 'c')]
    """
    if scenario is None:
        scenario = scenario_for(m, off, distrust, support)  # type: ignore[arg-type]
    active = [p for p in m.propositions if p not in scenario.off]
    relations = active_relations(m, scenario)
    attacks = [r for r in relations if r.kind is RelationKind.ATTACK]
    supports = [r for r in relations if r.kind is RelationKind.SUPPORT]
    origin: dict[tuple[str, str], tuple[str, ...]] = {}
    for r in attacks:
        origin.setdefault((r.origin, r.target), (r.id,))
    arguments = set(active)
    support_map: dict[str, tuple[str, ...]] = {}

    if scenario.support is SupportMode.EVIDENTIAL:
        into: dict[str, list[str]] = defaultdict(list)
        for r in supports:
            into[r.target].append(r.id)
        for x in active:
            if m.propositions[x].kind is NodeKind.EVIDENCE:
                continue
            meta = unsupported(x)
            arguments.add(meta)
            origin[(meta, x)] = ()
            support_map[x] = tuple(into.get(x, ()))
        for r in supports:
            if m.propositions[r.target].kind is not NodeKind.EVIDENCE:
                origin.setdefault((r.origin, unsupported(r.target)), (r.id,))
    elif scenario.support is SupportMode.DEDUCTIVE:
        for (a, b), chain in _derived_attacks(supports, attacks).items():
            origin.setdefault((a, b), chain)
    return Framework(frozenset(arguments), frozenset(origin), origin, support_map)


def _derived_attacks(supports: list[Relation], attacks: list[Relation]) -> dict[tuple[str, str], tuple[str, ...]]:
    """Supported and mediated attacks, each with one witness chain of relation ids."""
    out_edges: dict[str, list[Relation]] = defaultdict(list)
    for r in supports:
        out_edges[r.origin].append(r)
    # reach[a] = {b: the support chain a -> ... -> b}, by a search from each supporter.
    reach: dict[str, dict[str, tuple[str, ...]]] = {}
    for start in out_edges:
        seen: dict[str, tuple[str, ...]] = {}
        stack: list[tuple[str, tuple[str, ...]]] = [(start, ())]
        while stack:
            node, chain = stack.pop()
            for r in out_edges.get(node, ()):
                if r.target not in seen:
                    seen[r.target] = (*chain, r.id)
                    stack.append((r.target, seen[r.target]))
        reach[start] = seen
    attacks_from: dict[str, list[Relation]] = defaultdict(list)
    attacks_on: dict[str, list[Relation]] = defaultdict(list)
    for r in attacks:
        attacks_from[r.origin].append(r)
        attacks_on[r.target].append(r)
    derived: dict[tuple[str, str], tuple[str, ...]] = {}
    for a, reached in reach.items():
        for b, chain in reached.items():
            for att in attacks_from.get(b, ()):  # supported: a supports+ b, b attacks c
                derived.setdefault((a, att.target), (*chain, att.id))
            for att in attacks_on.get(b, ()):  # mediated: a supports+ b, c attacks b
                derived.setdefault((att.origin, a), (*chain, att.id))
    return derived
