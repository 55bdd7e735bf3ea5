"""Heuer's Analysis of Competing Hypotheses (ACH) as a second view of a map.

Rows are evidence, columns hypotheses. A cell reads the signed paths from the evidence item to the
hypothesis along the map's relations (support ``+``, attack ``-``; a path's sign is the product):

* ``I`` inconsistent: some path's sign is attack, whether or not another path supports (ACH is
  about disconfirmation);
* ``C`` consistent: some path's sign is support and none is attack;
* ``N`` neither: no path.

Paths are simple (no proposition twice), at most ``max_length`` relations long, and run only along
relations active in the scenario (DESIGN §2): relations of distrusted analysts do not count, nor do
relations touching evidence that is off, except that an evidence item that is off still gets its
row, read as if it were on (the scenario with that one item on), so it can be shown greyed; it
counts neither for inconsistency nor for ordering ahead of evidence that is on. The support reading
plays no part: the matrix reads the relations as drawn.

The shapes of DESIGN §1:

* A linked step bears on its conclusion from *each* of its premises: every premise is a path into
  the conclusion with the step's sign (an ACH row asks how one item bears on each answer, and an
  item that is one of the joint reasons for a step bears as the step does). The step counts only
  while all its premises are on, as any step: with one premise off it is not active.
* An undercut is no path of its own (it says a step does not follow, nothing about the step's
  conclusion), but it *cuts* its step: no path runs through a step with a standing undercut. An
  undercut stands when it is active and no standing undercut cuts it in turn: the grounded reading
  of the active undercuts among themselves, so an undercut of an undercut gives the step back.
  (Each relation has one target, so undercuts caught in a cycle undercut only each other, never a
  step that carries paths.) "Active", not "IN": whether the undercut's premises are accepted plays
  no part, as the support reading plays none: the matrix reads what is drawn.
* An ``excludes`` counts as an attack each way.

A path runs from the evidence through claims and evidence to a hypothesis and may take one more
relation from there to another hypothesis, no further: evidence for an answer bears against the
rivals it attacks or excludes (DESIGN §1), while longer chains through hypotheses (h1 attacks h2
attacks h3) would make every item bear every way on every answer.
For each cell the shortest witness path of each sign is kept. Enumeration is capped at ``max_steps``
extensions per evidence item; a capped row is listed in ``truncated``.

Columns are in ACH order: fewest inconsistent (on) evidence first, ties in document order. Rows are
sorted by diagnosticity: the sum over pairs of hypotheses of how differently the item bears on
them (2 for C against I, 1 for C or I against N), highest first, ties in document order; an item
with the same mark everywhere scores 0 and comes last among its kind.

Imports model, compile, scenario and semantics; no flask, no click.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict, deque
from dataclasses import dataclass
from typing import Any

from argmap.compile import active_relations
from argmap.model import ArgumentMap, NodeKind, Relation, RelationKind
from argmap.scenario import Scenario
from argmap.semantics import Label, grounded

MAX_LENGTH = 8
MAX_STEPS = 50_000
SUPPORT, ATTACK = 1, -1
_DISTANCE = {("C", "I"): 2, ("I", "C"): 2, ("C", "N"): 1, ("N", "C"): 1, ("I", "N"): 1, ("N", "I"): 1}


@dataclass(frozen=True)
class Path:
    """One path of relations from an evidence item to a hypothesis, and its sign."""

    sign: int  # SUPPORT or ATTACK
    nodes: tuple[str, ...]
    relations: tuple[str, ...]
    by: tuple[str, ...]  # the analysts of its relations, first appearance first

    def to_dict(self) -> dict[str, Any]:
        return {
            "sign": "support" if self.sign == SUPPORT else "attack",
            "nodes": list(self.nodes),
            "relations": list(self.relations),
            "by": list(self.by),
        }


@dataclass(frozen=True)
class Ach:
    """An ACH matrix of a map in one scenario (see the module docstring)."""

    scenario: Scenario
    hypotheses: tuple[str, ...]  # ACH order
    evidence: tuple[str, ...]  # by diagnosticity
    cells: dict[str, dict[str, str]]  # evidence -> hypothesis -> "C" | "I" | "N"
    inconsistency: dict[str, int]
    diagnosticity: dict[str, int]
    paths: dict[str, dict[str, tuple[Path, ...]]]  # witnesses: attack first, then support
    off: tuple[str, ...]
    truncated: tuple[str, ...]  # evidence whose path enumeration hit the cap

    @property
    def contested(self) -> dict[str, tuple[str, ...]]:
        """For each evidence item, the hypotheses it has a path for *and* a path against, in ACH order.

        Such a cell is ``I`` (Heuer's scoring counts it against the hypothesis, as ACH is about
        disconfirmation), yet the analysts disagree on how the item bears: a page marks it apart.
        """
        both = {SUPPORT, ATTACK}
        cells = {
            e: tuple(h for h in self.hypotheses if {p.sign for p in self.paths[e][h]} == both) for e in self.evidence
        }
        return {e: hs for e, hs in cells.items() if hs}

    def to_dict(self) -> dict[str, Any]:
        """The ACH endpoint's body (DESIGN §6) plus diagnosticity, witness paths, contested cells, the scenario."""
        return {
            "hypotheses": list(self.hypotheses),
            "evidence": list(self.evidence),
            "cells": {e: {h: self.cells[e][h] for h in self.hypotheses} for e in self.evidence},
            "contested": {e: list(hs) for e, hs in self.contested.items()},
            "inconsistency": {h: self.inconsistency[h] for h in self.hypotheses},
            "diagnosticity": {e: self.diagnosticity[e] for e in self.evidence},
            "paths": {
                e: {h: [p.to_dict() for p in ps] for h, ps in row.items() if ps} for e, row in self.paths.items()
            },
            "off": list(self.off),
            "truncated": list(self.truncated),
            "scenario": self.scenario.to_dict(),
        }

    def to_csv(self, m: ArgumentMap) -> str:
        """The matrix as CSV: one row per evidence item, a column per hypothesis, inconsistency counts last."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["evidence", "state", "text", *self.hypotheses])
        for e in self.evidence:
            state = "off" if e in self.off else "on"
            writer.writerow(
                [e, state, _cell_text(m.propositions[e].short), *(self.cells[e][h] for h in self.hypotheses)]
            )
        writer.writerow(["inconsistent", "", "", *(self.inconsistency[h] for h in self.hypotheses)])
        return out.getvalue()


def ach(
    m: ArgumentMap, scenario: Scenario | None = None, *, max_length: int = MAX_LENGTH, max_steps: int = MAX_STEPS
) -> Ach:
    """Build the ACH matrix of ``m`` in ``scenario`` (see the module docstring for every rule).

    Parameters
    ----------
    m : ArgumentMap
        The map.
    scenario : Scenario, optional
        Off evidence is greyed, distrusted analysts' relations do not count; default: all on.
    max_length : int
        Longest path considered, in relations.
    max_steps : int
        Path extensions tried per evidence item before its row is marked truncated.

    Returns
    -------
    Ach

    Examples
    --------
    >>> from argmap.document import from_document
    >>> m = from_document({"id": "m", "title": "t", "propositions": [
    ...     {"id": "e1", "text": "E", "kind": "evidence"},
    ...     {"id": "h1", "text": "H1", "kind": "hypothesis"}, {"id": "h2", "text": "H2", "kind": "hypothesis"}],
    ...     "relations": [{"id": "r1", "from": "e1", "to": "h1", "kind": "support"},
    ...                   {"id": "r2", "from": "h1", "to": "h2", "kind": "attack"}]})
    >>> result = ach(m)
    >>> result.cells["e1"], result.hypotheses
    ({'h1': 'C', 'h2': 'I'}, ('h1', 'h2'))
    """
    scenario = scenario or Scenario()
    hyps = m.hypotheses
    base = _paths_graph(m, scenario.off, scenario.distrust)
    cells: dict[str, dict[str, str]] = {}
    paths: dict[str, dict[str, tuple[Path, ...]]] = {}
    truncated: list[str] = []
    for e in m.evidence:
        blocked = scenario.off - {e}
        adjacency, distance = base if e not in scenario.off else _paths_graph(m, blocked, scenario.distrust)
        found, cut = _witnesses(m, e, adjacency, distance, blocked, max_length, max_steps)
        if cut:
            truncated.append(e)
        cells[e] = {}
        paths[e] = {}
        for h in hyps:
            witnesses = tuple(found[(h, s)] for s in (ATTACK, SUPPORT) if (h, s) in found)
            paths[e][h] = witnesses
            cells[e][h] = "I" if (h, ATTACK) in found else "C" if (h, SUPPORT) in found else "N"
    on = [e for e in m.evidence if e not in scenario.off]
    inconsistency = {h: sum(cells[e][h] == "I" for e in on) for h in hyps}
    diagnosticity = {
        e: sum(_DISTANCE.get((cells[e][a], cells[e][b]), 0) for i, a in enumerate(hyps) for b in hyps[i + 1 :])
        for e in m.evidence
    }
    position = {p: i for i, p in enumerate(m.propositions)}
    columns = sorted(hyps, key=lambda h: (inconsistency[h], position[h]))
    rows = sorted(m.evidence, key=lambda e: (e in scenario.off, -diagnosticity[e], position[e]))
    return Ach(
        scenario,
        tuple(columns),
        tuple(rows),
        cells,
        inconsistency,
        diagnosticity,
        paths,
        tuple(e for e in m.evidence if e in scenario.off),
        tuple(truncated),
    )


Adjacency = dict[str, list[tuple[str, str, int]]]  # proposition -> (relation id, next proposition, sign)


def _paths_graph(m: ArgumentMap, off: frozenset[str], distrust: frozenset[str]) -> tuple[Adjacency, dict[str, int]]:
    """The relations paths may take with ``off`` and ``distrust`` (see the module docstring), and how
    far each proposition is from the nearest hypothesis along them."""
    active = active_relations(m, Scenario(off, distrust))
    cut = {m.relations[u].target for u in _standing_undercuts(m, active)}
    adjacency: Adjacency = defaultdict(list)
    for r in active:
        if r.target in m.relations or r.id in cut:
            continue
        sign = SUPPORT if r.kind is RelationKind.SUPPORT else ATTACK
        for p in r.premises:
            adjacency[p].append((r.id, r.target, sign))
        if r.kind is RelationKind.EXCLUDES:
            adjacency[r.target].append((r.id, r.premises[0], ATTACK))
    return adjacency, _distance_to(m.hypotheses, adjacency, off)


def _standing_undercuts(m: ArgumentMap, active: list[Relation]) -> set[str]:
    """The active undercuts that stand: IN in the grounded labelling of the undercuts among themselves."""
    undercuts = {r.id: r.target for r in active if r.target in m.relations}
    if not undercuts:
        return set()
    labels = grounded(list(undercuts), [(u, t) for u, t in undercuts.items() if t in undercuts])
    return {u for u, label in labels.items() if label is Label.IN}


def _distance_to(hyps: list[str], adjacency: Adjacency, off: frozenset[str]) -> dict[str, int]:
    """Relations from each proposition to the nearest hypothesis, along relations not touching off evidence."""
    into: dict[str, list[str]] = defaultdict(list)
    for origin, edges in adjacency.items():
        for _, target, _ in edges:
            if target not in off:
                into[target].append(origin)
    distance = dict.fromkeys(hyps, 0)
    queue = deque(hyps)
    while queue:
        x = queue.popleft()
        for a in into.get(x, ()):
            if a not in distance:
                distance[a] = distance[x] + 1
                if a not in off:  # an off item can start a path (its own row) but never continue one
                    queue.append(a)
    return distance


def _witnesses(
    m: ArgumentMap,
    start: str,
    adjacency: Adjacency,
    distance: dict[str, int],
    blocked: frozenset[str],
    max_length: int,
    max_steps: int,
) -> tuple[dict[tuple[str, int], Path], bool]:
    """The shortest simple path of each sign from ``start`` to each hypothesis, and whether the cap was hit."""
    found: dict[tuple[str, int], Path] = {}

    def is_hypothesis(p: str) -> bool:
        return m.propositions[p].kind is NodeKind.HYPOTHESIS

    nodes, relations = [start], list[str]()
    on_path = {start}
    steps = 0
    cut = False
    far = max_length + 1

    def walk(node: str, sign: int) -> None:
        nonlocal steps, cut
        at_hypothesis = is_hypothesis(node)
        if at_hypothesis and len(nodes) > 1 and is_hypothesis(nodes[-2]):
            return  # at most one hypothesis before the last
        for rid, nxt, s in adjacency.get(node, ()):
            if nxt in on_path or nxt in blocked or len(relations) + 1 + distance.get(nxt, far) > max_length:
                continue
            if at_hypothesis and not is_hypothesis(nxt):
                continue  # from a hypothesis a path only goes on to a rival
            if steps >= max_steps:
                cut = True
                return
            steps += 1
            nodes.append(nxt)
            relations.append(rid)
            signed = sign * s
            if is_hypothesis(nxt):
                best = found.get((nxt, signed))
                if best is None or len(best.relations) > len(relations):
                    found[(nxt, signed)] = Path(signed, tuple(nodes), tuple(relations), _analysts(m, relations))
            on_path.add(nxt)
            walk(nxt, signed)
            on_path.discard(nxt)
            nodes.pop()
            relations.pop()
            if cut:
                return

    walk(start, SUPPORT)
    return found, cut


def _analysts(m: ArgumentMap, relations: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(a for rid in relations for a in m.relations[rid].by))


def _cell_text(text: str) -> str:
    """Text safe for a spreadsheet: a leading formula character is quoted away."""
    text = " ".join(text.split())
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
