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

from argmap.errors import InvalidScenario
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


# The deductive closure can be quadratic in the number of supports (and its witness chains cubic):
# past these budgets a map is refused under that reading rather than holding a worker for minutes.
MAX_DERIVED_ATTACKS = 500_000
MAX_CHAIN_STEPS = 5_000_000


def _derived_attacks(supports: list[Relation], attacks: list[Relation]) -> dict[tuple[str, str], tuple[str, ...]]:
    """Supported and mediated attacks, each with one witness chain of relation ids.

    A search from each supporter keeps, for each proposition it reaches, the support that reached
    it; a witness chain is spelled out only for an attack that is new.
    """
    out_edges: dict[str, list[Relation]] = defaultdict(list)
    for r in supports:
        out_edges[r.origin].append(r)
    attacks_from: dict[str, list[Relation]] = defaultdict(list)
    attacks_on: dict[str, list[Relation]] = defaultdict(list)
    for r in attacks:
        attacks_from[r.origin].append(r)
        attacks_on[r.target].append(r)
    derived: dict[tuple[str, str], tuple[str, ...]] = {}
    steps = 0

    def chain(parent: dict[str, Relation], start: str, b: str, last: str) -> tuple[str, ...]:
        nonlocal steps
        ids = [last]
        while True:
            r = parent[b]
            ids.append(r.id)
            b = r.origin
            if b == start:
                break
        steps += len(ids)
        if steps > MAX_CHAIN_STEPS or len(derived) >= MAX_DERIVED_ATTACKS:
            raise InvalidScenario(
                f"The deductive reading of this map derives too many attacks (over {len(derived):,}); "
                "use the evidential or abstract reading."
            )
        return tuple(reversed(ids))

    for start in out_edges:
        parent: dict[str, Relation] = {}  # proposition -> the support that first reached it
        stack = [start]
        while stack:
            node = stack.pop()
            for r in out_edges.get(node, ()):
                if r.target not in parent:
                    parent[r.target] = r
                    stack.append(r.target)
        for b in parent:
            for att in attacks_from.get(b, ()):  # supported: start supports+ b, b attacks c
                if (start, att.target) not in derived:
                    derived[(start, att.target)] = chain(parent, start, b, att.id)
            for att in attacks_on.get(b, ()):  # mediated: start supports+ b, c attacks b
                if (att.origin, start) not in derived:
                    derived[(att.origin, start)] = chain(parent, start, b, att.id)
    return derived
