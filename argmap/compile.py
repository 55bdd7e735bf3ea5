"""Compiling a map under a scenario to a plain Dung framework: the one home of the support readings.

Which relations count (DESIGN §2): a relation is *active* when its premises are on, it has no ``by``
or a trusted analyst in it, and its target is an active proposition or an active relation (the
greatest such set, so undercuts that undercut each other stay active together).

Inferences (DESIGN §3): an active support or attack ``r`` is *reified* when it is linked (two or
more premises) or an active undercut targets it. It then gets an argument ``inf(r)``, and each of
its premises ``p`` a shared ``not(p)`` ("p is not accepted"), with ``p -> not(p) -> inf(r)``:
``inf(r)`` is IN when every premise is IN and no undercut of it stands, OUT when a premise is OUT
or an undercut is IN. ``src(r)`` is ``inf(r)`` for a reified relation, its one premise otherwise.
Direct attacks: ``src(r) -> to`` for an attack on a proposition, ``src(u) -> inf(t)`` for an
undercut ``u`` of ``t``, both ways for an ``excludes``. Supports: ``src(r) -> to``.

* ``evidential`` (after Oren & Norman 2008, evidential argumentation): evidence that is on needs no
  support; every other active proposition ``x`` needs an accepted supporter. A gets one
  meta-argument ``unsupported(x)`` per active non-evidence ``x``; R gets ``unsupported(x) -> x`` and
  ``s -> unsupported(x)`` for each support ``s -> x``.
* ``deductive`` (Cayrol & Lagasquie-Schiex 2013): supported attacks (a supports+ b, b attacks c =>
  a attacks c) and mediated attacks (a supports+ b, c attacks b => c attacks a) join the attacks;
  supports+ are chains of one or more supports, a linked step entering a chain as its ``inf(r)``.
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
INF_PREFIX = "inf("
NOT_PREFIX = "not("


def unsupported(x: str) -> str:
    """The evidential meta-argument that stands for "x has no accepted support"."""
    return f"{META_PREFIX}{x})"


def inference(r: str) -> str:
    """The argument that stands for the inference of relation ``r`` (DESIGN §3)."""
    return f"{INF_PREFIX}{r})"


def not_accepted(p: str) -> str:
    """The meta-argument that stands for "premise p is not accepted"."""
    return f"{NOT_PREFIX}{p})"


def meta_target(argument: str) -> str | None:
    """The proposition an ``unsupported(x)`` meta-argument speaks for, or None for any other argument."""
    return argument[len(META_PREFIX) : -1] if argument.startswith(META_PREFIX) else None


def inference_of(argument: str) -> str | None:
    """The relation id of an ``inf(r)`` argument, or None."""
    return argument[len(INF_PREFIX) : -1] if argument.startswith(INF_PREFIX) else None


def premise_of(argument: str) -> str | None:
    """The proposition of a ``not(p)`` argument, or None."""
    return argument[len(NOT_PREFIX) : -1] if argument.startswith(NOT_PREFIX) else None


def is_meta(argument: str) -> bool:
    """Whether an argument of a compiled framework is a meta-argument rather than a proposition."""
    return argument.endswith(")")  # ids never hold parentheses


@dataclass(frozen=True)
class Framework:
    """A Dung framework AF = (A, R) compiled from a map, with where each attack comes from."""

    arguments: frozenset[str]
    attacks: frozenset[tuple[str, str]]
    # attack -> the relation ids behind it: [r] for a relation, [s1, ..., sk, r] for a derived
    # attack (its supports then its attack), [] for unsupported(x) -> x and p -> not(p).
    origin: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict, compare=False)
    # evidential: x -> the active support relations into x.
    supports: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False)
    # the ids of the active relations (every kind), and of those reified as inf(r)
    active: frozenset[str] = field(default=frozenset(), compare=False)
    reified: frozenset[str] = field(default=frozenset(), compare=False)

    def attackers(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for a, b in sorted(self.attacks):
            out[b].append(a)
        return out

    def source(self, r: Relation) -> str:
        """``src(r)``: the argument that carries an active relation's step."""
        return inference(r.id) if r.id in self.reified else r.premises[0]


def active_relations(m: ArgumentMap, scenario: Scenario) -> list[Relation]:
    """The relations a scenario keeps (DESIGN §2), in document order.

    Active: every premise on, no ``by`` or a trusted analyst in it, and a target that is an active
    proposition or an active relation. The greatest such set: a relation is dropped only when what
    it undercuts is dropped, so undercuts in a cycle stay.
    """
    off, distrust = scenario.off, scenario.distrust
    rels = m.relations
    ok = {
        r.id
        for r in rels.values()
        if r.target not in off
        and not any(p in off for p in r.premises)
        and (not r.by or any(a not in distrust for a in r.by))
    }
    dropped = [rid for rid in rels if rid not in ok]
    undercuts = m.undercuts
    while dropped:
        for u in undercuts.get(dropped.pop(), ()):
            if u in ok:
                ok.discard(u)
                dropped.append(u)
    return [r for r in rels.values() if r.id in ok]


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

    A linked step is reified: ``c`` needs both premises.

    >>> m = from_document({"id": "m", "title": "t", "propositions": [
    ...     {"id": "a", "text": "A", "kind": "evidence"}, {"id": "b", "text": "B", "kind": "evidence"},
    ...     {"id": "c", "text": "C", "kind": "claim"}],
    ...     "relations": [{"id": "r", "from": ["a", "b"], "to": "c", "kind": "support"}]})
    >>> sorted(compile_map(m).attacks)  # doctest: +NORMALIZE_WHITESPACE
    [('a', 'not(a)'), ('b', 'not(b)'), ('inf(r)', 'unsupported(c)'), ('not(a)', 'inf(r)'),
     ('not(b)', 'inf(r)'), ('unsupported(c)', 'c')]
    """
    if scenario is None:
        scenario = scenario_for(m, off, distrust, support)  # type: ignore[arg-type]
    active = [p for p in m.propositions if p not in scenario.off]
    relations = active_relations(m, scenario)
    active_ids = frozenset(r.id for r in relations)
    undercut = {r.target for r in relations if r.target in m.relations}
    reified = frozenset(
        r.id for r in relations if r.kind is not RelationKind.EXCLUDES and (len(r.premises) > 1 or r.id in undercut)
    )
    arguments = set(active)
    origin: dict[tuple[str, str], tuple[str, ...]] = {}

    def src(r: Relation) -> str:
        return inference(r.id) if r.id in reified else r.premises[0]

    # Inference meta-arguments: p -> not(p) -> inf(r).
    for r in relations:
        if r.id not in reified:
            continue
        inf = inference(r.id)
        arguments.add(inf)
        for p in r.premises:
            neg = not_accepted(p)
            if neg not in arguments:
                arguments.add(neg)
                origin[(p, neg)] = ()
            origin.setdefault((neg, inf), (r.id,))
    # Direct attacks D and supports S, as (source argument, target argument, relation).
    direct: list[tuple[str, str, str]] = []
    supports: list[tuple[str, str, str]] = []
    for r in relations:
        if r.kind is RelationKind.EXCLUDES:
            direct.append((r.premises[0], r.target, r.id))
            direct.append((r.target, r.premises[0], r.id))
        elif r.kind is RelationKind.SUPPORT:
            supports.append((src(r), r.target, r.id))
        elif r.target in m.relations:
            direct.append((src(r), inference(r.target), r.id))
        else:
            direct.append((src(r), r.target, r.id))
    for a, b, rid in direct:
        origin.setdefault((a, b), (rid,))
    support_map: dict[str, tuple[str, ...]] = {}

    if scenario.support is SupportMode.EVIDENTIAL:
        into: dict[str, list[str]] = defaultdict(list)
        for _, b, rid in supports:
            into[b].append(rid)
        for x in active:
            if m.propositions[x].kind is NodeKind.EVIDENCE:
                continue
            meta = unsupported(x)
            arguments.add(meta)
            origin[(meta, x)] = ()
            support_map[x] = tuple(into.get(x, ()))
        for a, b, rid in supports:
            if m.propositions[b].kind is not NodeKind.EVIDENCE:
                origin.setdefault((a, unsupported(b)), (rid,))
    elif scenario.support is SupportMode.DEDUCTIVE:
        for (a, b), chain in _derived_attacks(supports, direct).items():
            origin.setdefault((a, b), chain)
    return Framework(frozenset(arguments), frozenset(origin), origin, support_map, active_ids, reified)


# The deductive closure can be quadratic in the number of supports (and its witness chains cubic):
# past these budgets a map is refused under that reading rather than holding a worker for minutes.
MAX_DERIVED_ATTACKS = 500_000
MAX_CHAIN_STEPS = 5_000_000

Edge = tuple[str, str, str]  # (source argument, target argument, relation id)


def _derived_attacks(supports: list[Edge], attacks: list[Edge]) -> dict[tuple[str, str], tuple[str, ...]]:
    """Supported and mediated attacks, each with one witness chain of relation ids.

    A search from each supporter keeps, for each argument it reaches, the support that reached it;
    a witness chain is spelled out only for an attack that is new.
    """
    out_edges: dict[str, list[Edge]] = defaultdict(list)
    for e in supports:
        out_edges[e[0]].append(e)
    attacks_from: dict[str, list[Edge]] = defaultdict(list)
    attacks_on: dict[str, list[Edge]] = defaultdict(list)
    for e in attacks:
        attacks_from[e[0]].append(e)
        attacks_on[e[1]].append(e)
    derived: dict[tuple[str, str], tuple[str, ...]] = {}
    steps = 0

    def chain(parent: dict[str, Edge], start: str, b: str, last: str) -> tuple[str, ...]:
        nonlocal steps
        ids = [last]
        while True:
            a, _, rid = parent[b]
            ids.append(rid)
            b = a
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
        parent: dict[str, Edge] = {}  # argument -> the support that first reached it
        stack = [start]
        while stack:
            node = stack.pop()
            for e in out_edges.get(node, ()):
                if e[1] not in parent:
                    parent[e[1]] = e
                    stack.append(e[1])
        for b in parent:
            for _, c, rid in attacks_from.get(b, ()):  # supported: start supports+ b, b attacks c
                if (start, c) not in derived:
                    derived[(start, c)] = chain(parent, start, b, rid)
            for c, _, rid in attacks_on.get(b, ()):  # mediated: start supports+ b, c attacks b
                if (c, start) not in derived:
                    derived[(c, start)] = chain(parent, start, b, rid)
    return derived
