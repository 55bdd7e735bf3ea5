"""What each hypothesis hangs on: the evidence, analysts and small sets of evidence whose switch changes it.

For every hypothesis ``h`` with label ``L`` in a scenario:

* ``evidence``: every evidence item whose switch alone (on -> off, or off -> on) changes ``h``'s
  label, with the label it gets;
* ``analysts``: every analyst whose switch alone changes it: a trusted analyst distrusted, or a
  distrusted analyst trusted again (each entry says which, as ``action``);
* ``sets``: minimal sets of two or three evidence items that are on, switched off together, that
  change ``h`` where no single item does: no proper subset of a listed set changes ``h``.

Only what can reach ``h`` is tried. Switching evidence off or distrusting an analyst only removes
arguments and attacks, so only arguments with a chain of attacks to ``h`` in the scenario's
compiled framework matter (``unsupported(x)`` counts as ``x``; a premise reaches a step through
``not(p) -> inf(r)``); under the deductive reading the reevaluator's ``fragile`` evidence is tried
too: evidence that a support leads into, since attacks derived through it need not attack anything
themselves, and evidence behind the undercuts of a one-premise step, whose switch can take the
step's ``inf(r)`` away and move its derived attacks. Switching evidence on or trusting an analyst
again (and, for analysts, any switch) follows the map's relations backwards from ``h`` instead:
each premise of a step bears on the step's conclusion, and an undercut's premises on the
conclusion of the step it undercuts (through undercuts of undercuts; undercuts that only undercut
each other in a cycle bear on nothing); an ``excludes`` both ways; supports both ways under the
deductive reading, since mediated attacks run against them; attacks only under the abstract
reading; supports into evidence never under the evidential reading. An analyst is tried for the
hypotheses that the conclusions of their relations (both rivals of an ``excludes``) can reach.

The search for sets is capped: per hypothesis at most ``max_sets`` candidate sets are examined,
nearest evidence first (by the distance above), and the whole computation stops at
``time_limit`` seconds. A hypothesis whose search was cut short says ``truncated: true``; its lists
are then correct but may be incomplete. Imports model, scenario, compile, semantics and
``reevaluate``; no flask, no click.
"""

from __future__ import annotations

import time
from collections import defaultdict, deque
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from argmap.analysis.reevaluate import Reevaluator
from argmap.compile import Framework, meta_target
from argmap.model import ArgumentMap, NodeKind, Relation, RelationKind
from argmap.scenario import Scenario, SupportMode
from argmap.semantics import Label

MAX_SET_SIZE = 3
MAX_SETS = 5000  # candidate sets examined per hypothesis: every pair and triple of 31 candidates
TIME_LIMIT = 5.0  # seconds, the default of the shells (API and CLI)


@dataclass(frozen=True)
class Switch:
    """One switch (of an evidence item or an analyst) and the label a hypothesis gets with it."""

    id: str
    to: Label
    action: str  # "off" | "on" for evidence, "distrust" | "trust" for analysts

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "to": str(self.to), "action": self.action}


@dataclass(frozen=True)
class Hinge:
    """What one hypothesis hangs on in one scenario."""

    hypothesis: str
    label: Label
    evidence: tuple[Switch, ...]
    analysts: tuple[Switch, ...]
    sets: tuple[tuple[str, ...], ...]
    sets_to: tuple[Label, ...]  # the label each set gives, in the order of ``sets``
    truncated: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": str(self.label),
            "evidence": [s.to_dict() for s in self.evidence],
            "analysts": [s.to_dict() for s in self.analysts],
            "sets": [list(s) for s in self.sets],
            "sets_to": [str(label) for label in self.sets_to],
            "truncated": self.truncated,
        }


@dataclass(frozen=True)
class Hinges:
    """The hinges of every hypothesis of a map in one scenario."""

    scenario: Scenario
    hinges: dict[str, Hinge]
    seconds: float

    @property
    def truncated(self) -> bool:
        return any(h.truncated for h in self.hinges.values())

    def to_dict(self) -> dict[str, Any]:
        """The hinges endpoint's body (DESIGN §6), with the scenario and whether any search was cut short."""
        return {
            "hinges": {h: hinge.to_dict() for h, hinge in self.hinges.items()},
            "truncated": self.truncated,
            "scenario": self.scenario.to_dict(),
        }


def hinges(
    m: ArgumentMap,
    scenario: Scenario | None = None,
    *,
    max_set_size: int = MAX_SET_SIZE,
    max_sets: int = MAX_SETS,
    time_limit: float | None = None,
) -> Hinges:
    """Return what every hypothesis of ``m`` hangs on in ``scenario`` (see the module docstring).

    Parameters
    ----------
    m : ArgumentMap
        The map.
    scenario : Scenario, optional
        The scenario to start from; default: everything on and trusted, evidential support.
    max_set_size : int
        Largest set of evidence tried together (2 or 3; 1 tries no sets).
    max_sets : int
        Candidate sets examined per hypothesis at most.
    time_limit : float, optional
        Seconds after which the search stops, marking unfinished hypotheses ``truncated``.

    Returns
    -------
    Hinges
        One ``Hinge`` per hypothesis, in document order.

    Examples
    --------
    >>> from argmap.document import from_document
    >>> m = from_document({"id": "m", "title": "t", "propositions": [
    ...     {"id": "e1", "text": "E1", "kind": "evidence"}, {"id": "e2", "text": "E2", "kind": "evidence"},
    ...     {"id": "h1", "text": "H", "kind": "hypothesis"}],
    ...     "relations": [{"id": "r1", "from": "e1", "to": "h1", "kind": "support"},
    ...                   {"id": "r2", "from": "e2", "to": "h1", "kind": "support"}]})
    >>> h = hinges(m).hinges["h1"]
    >>> str(h.label), h.evidence, h.sets
    ('IN', (), (('e1', 'e2'),))
    """
    started = time.perf_counter()
    scenario = scenario or Scenario()
    deadline = None if time_limit is None else started + time_limit
    engine = Reevaluator(m, scenario)
    base = engine.base.labels
    hyps = m.hypotheses
    influence = _influence_ancestors(m, scenario.support, hyps)
    # What removals can reach: chains of attacks, except that deductive attacks also hang on the
    # supports they are derived through, which need not attack anything themselves.
    attack_reach = _attack_ancestors(engine.base.framework, hyps)
    for h in hyps:
        for e in engine.fragile & influence[h].keys():
            attack_reach[h].setdefault(e, influence[h][e])
    cut: set[str] = set()
    on_evidence = {e for e in m.evidence if e not in scenario.off}

    def out_of_time() -> bool:
        return deadline is not None and time.perf_counter() > deadline

    # Single switches: one re-evaluation each answers for every hypothesis it can reach.
    evidence: dict[str, list[Switch]] = defaultdict(list)
    for e in m.evidence:
        is_on = e not in scenario.off
        among = [h for h in hyps if e in (attack_reach[h] if is_on else influence[h])]
        if not among:
            continue
        if out_of_time():
            cut.update(among)
            continue
        for h, label in engine.labels(evidence={e}, among=among).items():
            if label != base[h]:
                evidence[h].append(Switch(e, label, "off" if is_on else "on"))
    analysts: dict[str, list[Switch]] = defaultdict(list)
    for a in m.analysts:
        targets = {p for r in m.relations.values() if a in r.by for p in _borne_on(m, r)}
        among = [h for h in hyps if not targets.isdisjoint(influence[h])]
        if not among:
            continue
        if out_of_time():
            cut.update(among)
            continue
        action = "trust" if a in scenario.distrust else "distrust"
        for h, label in engine.labels(analysts={a}, among=among).items():
            if label != base[h]:
                analysts[h].append(Switch(a, label, action))

    # Sets of evidence switched off together, nearest first. Hypotheses with the same attackers
    # (rivals that attack each other) share every evaluation.
    found: dict[str, list[tuple[tuple[str, ...], Label]]] = defaultdict(list)
    groups: dict[frozenset[str], list[str]] = defaultdict(list)
    for h in hyps:
        on = frozenset(e for e in attack_reach[h] if e in on_evidence)
        groups[on].append(h)
    order = {e: i for i, e in enumerate(m.evidence)}
    for on, group in groups.items():
        if max_set_size < 2 or len(on) < 2:
            continue
        candidates = sorted(on, key=lambda e: (min(attack_reach[h].get(e, 1 << 30) for h in group), order[e]))
        singles = {h: {s.id for s in evidence[h]} for h in group}
        examined = dict.fromkeys(group, 0)
        scope = engine.scope(group)
        open_ = [h for h in group if h not in cut]
        for combo in _combinations(candidates, max_set_size):
            if not open_:
                break
            asking = []
            for h in open_:
                if singles[h].intersection(combo) or any(set(f) <= set(combo) for f, _ in found[h]):
                    continue  # not minimal for h
                if examined[h] >= max_sets or out_of_time():
                    cut.add(h)
                    continue
                examined[h] += 1
                asking.append(h)
            open_ = [h for h in open_ if h not in cut]
            if asking:
                new = engine.labels(evidence=combo, among=asking, scope=scope)
                for h, label in new.items():
                    if label != base[h]:
                        found[h].append((combo, label))
    result = {
        h: Hinge(
            h,
            base[h],
            tuple(evidence[h]),
            tuple(analysts[h]),
            tuple(_in_map_order(m, combo) for combo, _ in found[h]),
            tuple(label for _, label in found[h]),
            h in cut,
        )
        for h in hyps
    }
    return Hinges(scenario, result, time.perf_counter() - started)


def _combinations(items: list[str], largest: int) -> Iterator[tuple[str, ...]]:
    for size in range(2, largest + 1):
        yield from combinations(items, size)


def _in_map_order(m: ArgumentMap, ids: tuple[str, ...]) -> tuple[str, ...]:
    order = {p: i for i, p in enumerate(m.propositions)}
    return tuple(sorted(ids, key=order.__getitem__))


def _attack_ancestors(af: Framework, targets: list[str]) -> dict[str, dict[str, int]]:
    """For each target: the propositions with a chain of attacks to it in ``af``, and its length."""
    attackers: dict[str, list[str]] = defaultdict(list)
    for a, b in af.attacks:
        attackers[b].append(a)
    out: dict[str, dict[str, int]] = {}
    for t in targets:
        if t not in af.arguments:
            out[t] = {}
            continue
        seen = {t: 0}
        queue = deque([t])
        while queue:
            x = queue.popleft()
            for a in attackers.get(x, ()):
                if a not in seen:
                    seen[a] = seen[x] + 1
                    queue.append(a)
        reach: dict[str, int] = {}
        for arg, d in seen.items():
            p = meta_target(arg) or arg
            reach[p] = min(d, reach.get(p, d))
        out[t] = reach
    return out


def _borne_on(m: ArgumentMap, r: Relation) -> tuple[str, ...]:
    """The propositions a relation's presence bears on first: its conclusion (for an undercut, the
    conclusion of the step it attacks), and both rivals of an ``excludes``."""
    target = m.conclusion(r)
    ends = () if target is None else (target,)
    return (*ends, r.premises[0]) if r.kind is RelationKind.EXCLUDES else ends


def _influence_ancestors(m: ArgumentMap, mode: SupportMode, targets: list[str]) -> dict[str, dict[str, int]]:
    """For each target: every proposition that some scenario could let bear on it, and how far it is."""
    into: dict[str, set[str]] = defaultdict(set)
    for r in m.relations.values():
        target = m.conclusion(r)  # an undercut bears on the conclusion of the step it attacks
        if target is None:
            continue
        if r.kind is RelationKind.EXCLUDES:
            into[target].add(r.premises[0])
            into[r.premises[0]].add(target)
        elif r.kind is RelationKind.ATTACK or mode is SupportMode.EVIDENTIAL:
            if r.kind is RelationKind.SUPPORT and m.propositions[target].kind is NodeKind.EVIDENCE:
                continue  # evidence needs no support: a support into it changes nothing
            into[target].update(r.premises)
        elif mode is SupportMode.DEDUCTIVE:
            into[target].update(r.premises)
            for p in r.premises:
                into[p].add(target)
    out: dict[str, dict[str, int]] = {}
    for t in targets:
        seen = {t: 0}
        queue = deque([t])
        while queue:
            x = queue.popleft()
            for a in into.get(x, ()):
                if a not in seen:
                    seen[a] = seen[x] + 1
                    queue.append(a)
        out[t] = seen
    return out
