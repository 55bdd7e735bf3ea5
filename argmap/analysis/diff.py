"""Two scenarios side by side: which propositions change label, and the relations responsible.

For each proposition whose label differs between scenario ``a`` and scenario ``b``, ``because``
lists the relations that are *active in exactly one* of the two scenarios (DESIGN §2: every
premise on, a trusted analyst or none in ``by``, and a target that is on or, for an undercut,
active) and that *appear in the proposition's explanation* in ``a`` or in ``b`` (DESIGN §4: the
justification that follows the rounds back to the evidence, inactive supports included). A
relation appears there when a step names it (a support, an attack, an undercut, or the chain of a
derived attack), or when it is a step node of its own (a linked step, or a step that an undercut
attacks: its premises and undercuts are justified below it). So ``because`` may name a linked
step that lost a premise, an undercut that came or went, or an undercut of that undercut. Those
are the switched relations the verdict actually rests on; a switched relation elsewhere upstream
that plays no part in either justification is left out, and so is one that an explanation only
lists as set aside.
A list can be empty: an evidence item switched on or off changes by its own switch, and when the
two scenarios read support differently, the same relations can judge differently.

Imports model, compile, scenario, semantics and pipeline; no flask, no click.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

from argmap.compile import active_relations
from argmap.errors import InvalidScenario
from argmap.model import ArgumentMap, Relation, RelationKind
from argmap.pipeline import evaluate
from argmap.scenario import Scenario, scenario_from_query
from argmap.semantics import Label


@dataclass(frozen=True)
class Change:
    """One proposition whose label differs between two scenarios."""

    id: str
    a: Label
    b: Label
    because: tuple[str, ...]  # relation ids, in map order

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "a": str(self.a), "b": str(self.b), "because": list(self.because)}


@dataclass(frozen=True)
class Switched:
    """A relation behind a change, in words: what it says, in which scenario it counts, why not in the other."""

    text: str  # "“Video” supports “H1”, argued by Ann"
    counts_in: str  # "a" or "b"
    why_not: str  # why it does not count in the other scenario: "“Video” is switched off"

    def to_dict(self) -> dict[str, str]:
        return {"text": self.text, "counts_in": self.counts_in, "why_not": self.why_not}


@dataclass(frozen=True)
class Diff:
    """The propositions of a map whose label differs between scenarios ``a`` and ``b``.

    ``words`` says each relation named in a ``because`` in words (propositions by their short
    label, analysts by name), for readers who should not have to know relation ids.
    """

    a: Scenario
    b: Scenario
    changed: tuple[Change, ...]
    switched: tuple[str, ...]  # relations active in exactly one scenario, in map order
    words: dict[str, Switched]

    def to_dict(self) -> dict[str, Any]:
        """The diff endpoint's body: ``{"changed": [...]}`` plus both scenarios, the switched relations and,
        under ``relations``, each relation a ``because`` names, in words."""
        return {
            "changed": [c.to_dict() for c in self.changed],
            "a": self.a.to_dict(),
            "b": self.b.to_dict(),
            "switched_relations": list(self.switched),
            "relations": {rid: w.to_dict() for rid, w in self.words.items()},
        }


def diff(m: ArgumentMap, a: Scenario, b: Scenario) -> Diff:
    """Compare two scenarios of ``m``: every proposition whose label changes, with the relations behind it.

    Parameters
    ----------
    m : ArgumentMap
        The map.
    a, b : Scenario
        The two scenarios; ``a`` is the reference.

    Returns
    -------
    Diff
        ``changed`` in document order, each with ``because`` as the module docstring defines it.

    Examples
    --------
    >>> from argmap.document import from_document
    >>> m = from_document({"id": "m", "title": "t", "analysts": [{"id": "ann", "name": "Ann"}],
    ...     "propositions": [{"id": "e1", "text": "E", "kind": "evidence"},
    ...                      {"id": "h1", "text": "H", "kind": "hypothesis"}],
    ...     "relations": [{"id": "r1", "from": "e1", "to": "h1", "kind": "support", "by": ["ann"]}]})
    >>> [c.to_dict() for c in diff(m, Scenario(), Scenario(distrust=frozenset({"ann"}))).changed]
    [{'id': 'h1', 'a': 'IN', 'b': 'OUT', 'because': ['r1']}]
    """
    ra, rb = evaluate(m, scenario=a), evaluate(m, scenario=b)
    active_a = {r.id for r in active_relations(m, a)}
    active_b = {r.id for r in active_relations(m, b)}
    switched = active_a ^ active_b
    order = {r: i for i, r in enumerate(m.relations)}
    changed = []
    for p in m.propositions:
        if ra.labels[p] == rb.labels[p]:
            continue
        cited = set(_relation_ids(ra.explain(p))) | set(_relation_ids(rb.explain(p)))
        because = tuple(sorted(cited & switched, key=order.__getitem__))
        changed.append(Change(p, ra.labels[p], rb.labels[p], because))
    named = sorted({r for c in changed for r in c.because}, key=order.__getitem__)
    words = {
        rid: Switched(
            relation_text(m, m.relations[rid]),
            "a" if rid in active_a else "b",
            _why_not(m, m.relations[rid], *((b, active_b) if rid in active_a else (a, active_a))),
        )
        for rid in named
    }
    return Diff(a, b, tuple(changed), tuple(sorted(switched, key=order.__getitem__)), words)


def relation_text(m: ArgumentMap, r: Relation) -> str:
    """A relation in words: its premises, what it does, its target and who argues it (no ids).

    Examples
    --------
    >>> from argmap.document import from_document
    >>> m = from_document({"id": "m", "title": "t", "analysts": [{"id": "ann", "name": "Ann"}],
    ...     "propositions": [{"id": "e1", "text": "E", "kind": "evidence", "label": "Video"},
    ...                      {"id": "e2", "text": "Doubt", "kind": "evidence"},
    ...                      {"id": "h1", "text": "H", "kind": "hypothesis"}],
    ...     "relations": [{"id": "r1", "from": "e1", "to": "h1", "kind": "support", "by": ["ann"]},
    ...                   {"id": "u1", "from": "e2", "to": "r1", "kind": "attack"}]})
    >>> relation_text(m, m.relations["r1"])
    '“Video” supports “H”, argued by Ann'
    >>> relation_text(m, m.relations["u1"])
    '“Doubt” undercuts the step from “Video” to “H”'
    """
    premises = " together with ".join(_quoted(m, p) for p in r.premises)
    if r.kind is RelationKind.EXCLUDES:
        text = f"{premises} and {_quoted(m, r.target)} exclude each other"
    elif r.target in m.relations:
        text = f"{premises} undercuts {_step_name(m, m.relations[r.target])}"
    else:
        verb = "supports" if r.kind is RelationKind.SUPPORT else "attacks"
        text = f"{premises} {verb} {_quoted(m, r.target)}"
    who = ", ".join(m.analysts[a].name if a in m.analysts else a for a in r.by)
    return f"{text}, argued by {who}" if who else text


def _step_name(m: ArgumentMap, r: Relation) -> str:
    if r.target in m.relations:
        return f"the undercut by {' together with '.join(_quoted(m, p) for p in r.premises)}"
    return f"the step from {' together with '.join(_quoted(m, p) for p in r.premises)} to {_quoted(m, r.target)}"


def _quoted(m: ArgumentMap, p: str) -> str:
    short = m.propositions[p].short
    return f"“{short}”" if len(short) <= 80 else f"“{short[:77]}...”"


def _why_not(m: ArgumentMap, r: Relation, scenario: Scenario, active: set[str]) -> str:
    """Why ``r`` does not count in ``scenario``, where ``active`` are the relations that do (DESIGN §2)."""
    off = [p for p in (*r.premises, r.target) if p in scenario.off]
    if off:
        names = ", ".join(_quoted(m, p) for p in off)
        return f"{names} {'is' if len(off) == 1 else 'are'} switched off"
    if r.by and all(a in scenario.distrust for a in r.by):
        names = ", ".join(m.analysts[a].name if a in m.analysts else a for a in r.by)
        return f"{names} {'is' if len(r.by) == 1 else 'are'} set aside"
    if r.target in m.relations and r.target not in active:
        return f"{_step_name(m, m.relations[r.target])} does not count"
    return "its target does not count"


def parse_scenario(m: ArgumentMap, query: str) -> Scenario:
    """A scenario from a page/API query string such as ``"off=e1,e2&distrust=isw"`` (a leading ``?`` is fine).

    Examples
    --------
    >>> from argmap.document import from_document
    >>> m = from_document({"id": "m", "title": "t", "propositions": [{"id": "e1", "text": "E", "kind": "evidence"}]})
    >>> parse_scenario(m, "?off=e1").to_dict()
    {'off': ['e1'], 'distrust': [], 'support': 'evidential'}
    """
    fields = parse_qs(query.strip().lstrip("?"), keep_blank_values=True)
    unknown = sorted(set(fields) - {"off", "distrust", "support"})
    if unknown:
        raise InvalidScenario(f"Unknown scenario field {unknown[0]!r} in {query!r}; use off=, distrust= and support=.")
    return scenario_from_query(m, fields)


def _relation_ids(node: dict[str, Any]) -> Iterator[str]:
    """Every relation id named in an explanation tree: in its steps and step nodes."""
    if "relation" in node:
        yield node["relation"]["id"]
    for step in node.get("steps", ()):
        for r in step["relations"]:
            yield r["id"]
        yield from _relation_ids(step["node"])
