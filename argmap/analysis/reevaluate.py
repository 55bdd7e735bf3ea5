"""Labels under small changes of a scenario, recomputing only what the change can reach.

The analyst tools ask the same question hundreds of times: "what if this evidence item (or these
two, or this analyst) were switched?". ``Reevaluator`` answers it without compiling the map again.

Under the evidential and abstract readings a scenario's framework is, up to the labels of
propositions, a sub-framework of the map's *full* framework (every evidence item on, every analyst
trusted), built with every junction relation (linked, or undercut somewhere in the map) reified as
``inf(r)``, whether or not an undercut of it is active: reifying a relation with one premise only
puts ``p -> not(p) -> inf(r)`` where ``p`` stood, and ``inf(r)`` then has ``p``'s label (DESIGN §3).
Switching evidence off deletes its argument and its ``not(p)``; a junction relation's ``inf(r)`` is
present while the relation is active (DESIGN §2: its premises on, a trusted analyst or none in
``by``, its target present or, for an undercut, active), and any other relation's attacks (one, or
two for an ``excludes``) are present while both their ends are and one of their relations is
trusted. So a change only touches the arguments it switches (evidence, ``inf(r)`` of the steps
whose activity flips, found by following undercuts from the relations the switch touches) and the
targets of the attacks it switches; the grounded labels of everything outside their descendants
stay as they were (grounded semantics is directional), and the descendants are relabelled with
the counter-and-queue method, the unchanged attackers outside them taken at their old labels.

The deductive reading derives attacks along chains of supports, so a change can add or drop
attacks far away. One change is still a plain deletion: switching off evidence that no active
support leads into and that does not take away every active undercut of a step with one premise
that stays active (that step would lose its ``inf(r)`` and its support chains would start at its
premise instead; checked per question). Such an item can only start a chain of supports, never
sit inside one, and an ``inf(r)`` is never supported, so every derived attack it takes part in has
it, or a deleted ``inf(r)``, as an end: deleting those arguments from the scenario's framework is
exact. Those questions (every set of evidence switched off, in practice) go the fast way; the rest
(evidence switched on, analysts, evidence that a support leads into or that takes a step's
``inf(r)`` away) compile the scenario afresh. ``fragile`` lists the evidence that may need it, for
``hinges``. Tests check every path against ``evaluate``.

Imports model, scenario, compile, semantics, pipeline and ``activity``; no flask, no click.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from argmap.analysis.activity import StepActivity
from argmap.compile import active_relations, inference, meta_target, not_accepted, premise_of, unsupported
from argmap.errors import InvalidScenario
from argmap.model import ArgumentMap, NodeKind, RelationKind
from argmap.pipeline import Evaluation, evaluate
from argmap.scenario import Scenario, SupportMode
from argmap.semantics import Label, grounded_labelling

_UNDEC, _IN, _OUT = 0, 1, 2
_STATE = {Label.UNDEC: _UNDEC, Label.IN: _IN, Label.OUT: _OUT}
_LABEL = (Label.UNDEC, Label.IN, Label.OUT)


@dataclass(frozen=True)
class Scope:
    """The arguments with a chain of attacks to some targets in the base framework (see ``Reevaluator.scope``)."""

    targets: frozenset[str]
    arguments: frozenset[int]


class Reevaluator:
    """Grounded labels of ``m`` under ``scenario`` and under switches of evidence and analysts.

    Parameters
    ----------
    m : ArgumentMap
        The map.
    scenario : Scenario
        The base scenario; every question switches some of its evidence or analysts.

    Examples
    --------
    >>> from argmap.document import from_document
    >>> m = from_document({"id": "m", "title": "t", "propositions": [
    ...     {"id": "e1", "text": "E", "kind": "evidence"}, {"id": "h1", "text": "H", "kind": "hypothesis"}],
    ...     "relations": [{"id": "r1", "from": "e1", "to": "h1", "kind": "support"}]})
    >>> engine = Reevaluator(m, Scenario())
    >>> str(engine.base.labels["h1"]), str(engine.labels(evidence={"e1"})["h1"])
    ('IN', 'OUT')
    """

    def __init__(self, m: ArgumentMap, scenario: Scenario) -> None:
        self.map = m
        self.scenario = scenario
        self.base: Evaluation = evaluate(m, scenario=scenario)
        self.deductive = scenario.support is SupportMode.DEDUCTIVE
        # Evidence whose switching off is more than deleting arguments (see the module docstring).
        self.fragile: frozenset[str] = frozenset()
        self._supported: frozenset[str] = frozenset()  # deductive: evidence an active support leads into
        self._undercutting: dict[str, list[str]] = defaultdict(list)  # deductive: evidence -> one-premise steps
        self._active = self.base.framework.active
        if self.deductive:
            self._build_deductive()
        else:
            self._build()
        self._steps = StepActivity(m, self._inf, self._active)

    def labels(
        self,
        evidence: Collection[str] = (),
        analysts: Collection[str] = (),
        among: Iterable[str] | None = None,
        scope: Scope | None = None,
    ) -> dict[str, Label]:
        """Labels of the propositions ``among`` (default: all) with ``evidence`` and ``analysts`` switched.

        Switching flips the base scenario: evidence that is on goes off and off evidence comes on;
        a trusted analyst is distrusted and a distrusted one trusted again. With a ``scope`` (from
        ``scope()``), only its targets are asked for and only its arguments are relabelled; that is
        exact when the switches only remove (evidence off, analysts distrusted), which is checked.
        """
        wanted = list(self.map.propositions) if among is None else list(among)
        self._check(evidence, analysts)
        if scope is not None:
            if not set(wanted) <= scope.targets:
                raise ValueError("a scope answers only for its targets")
            if any(e in self.scenario.off for e in evidence) or any(a in self.scenario.distrust for a in analysts):
                raise ValueError("a scope is exact only for switches that remove")
        if not evidence and not analysts:
            return {p: self.base.labels[p] for p in wanted}
        recompile = any(e in self.scenario.off or e in self._supported for e in evidence)
        if self.deductive and (analysts or recompile or self._unreifies(evidence)):
            s = self.scenario
            switched = Scenario(s.off ^ frozenset(evidence), s.distrust ^ frozenset(analysts), s.support)
            new = evaluate(self.map, scenario=switched).labels
            return {p: new[p] for p in wanted}
        return self._relabel(frozenset(evidence), frozenset(analysts), wanted, scope)

    def _unreifies(self, evidence: Collection[str]) -> bool:
        """Whether switching ``evidence`` off leaves a one-premise step active with no active undercut
        (deductive): it then loses its ``inf(r)``, which is more than deleting arguments."""
        steps = {t for e in evidence for t in self._undercutting.get(e, ())}
        if not steps:
            return False
        off, distrust = self.scenario.off | frozenset(evidence), self.scenario.distrust
        memo: dict[str, bool] = {}
        is_active = self._steps.is_active
        return any(
            is_active(t, off, distrust, memo)
            and not any(is_active(u, off, distrust, memo) for u in self.map.undercuts.get(t, ()))
            for t in steps
        )

    def scope(self, targets: Iterable[str]) -> Scope:
        """The arguments with a chain of attacks to ``targets`` in the base framework (targets included)."""
        targets = frozenset(targets)
        attackers: dict[int, list[int]] = defaultdict(list)
        for k, present in enumerate(self._present):
            if present:
                attackers[self._dst[k]].append(self._src[k])
        seen = {self._index[t] for t in targets}
        stack = list(seen)
        while stack:
            for a in attackers.get(stack.pop(), ()):
                if a not in seen:
                    seen.add(a)
                    stack.append(a)
        return Scope(targets, frozenset(seen))

    def _check(self, evidence: Collection[str], analysts: Collection[str]) -> None:
        m = self.map
        wrong = [e for e in evidence if e not in m.propositions or m.propositions[e].kind is not NodeKind.EVIDENCE]
        wrong += [a for a in analysts if a not in m.analysts]
        if wrong:
            raise InvalidScenario(f"Cannot switch {', '.join(map(repr, wrong))}: not evidence or analysts of {m.id!r}.")

    # -- the full framework, as arrays ------------------------------------------------------------

    def _build(self) -> None:
        m, s = self.map, self.scenario
        evidential = s.support is SupportMode.EVIDENTIAL
        rels = m.relations
        names = list(m.propositions)
        if evidential:
            names += [unsupported(p.id) for p in m.propositions.values() if p.kind is not NodeKind.EVIDENCE]
        steps = sorted(m.junctions)
        names += sorted({not_accepted(p) for rid in steps for p in rels[rid].premises})
        names += [inference(rid) for rid in steps]
        index = {a: i for i, a in enumerate(names)}
        n = len(names)
        # owner[i]: what must be present for argument i to be: its proposition (for not(p) and
        # unsupported(x) too), or itself for inf(r), whose presence is its step's activity.
        owner = [index[meta_target(a) or premise_of(a) or a] for a in names]
        edge_of: dict[tuple[int, int], int] = {}
        src: list[int] = []
        dst: list[int] = []
        meta: list[bool] = []
        rel_edges: dict[str, list[int]] = {}

        def edge(a: int, b: int, is_meta: bool) -> int:
            k = edge_of.get((a, b))
            if k is None:
                k = edge_of[(a, b)] = len(src)
                src.append(a)
                dst.append(b)
                meta.append(is_meta)
            meta[k] = meta[k] or is_meta
            return k

        if evidential:
            for x in names[len(m.propositions) :]:
                if meta_target(x):
                    edge(index[x], index[meta_target(x) or x], True)
        for rid in steps:
            for p in rels[rid].premises:
                edge(index[p], index[not_accepted(p)], True)
                edge(index[not_accepted(p)], index[inference(rid)], True)
        for r in rels.values():
            step = r.id in m.junctions
            origin = index[inference(r.id)] if step else index[r.premises[0]]
            if r.kind is RelationKind.EXCLUDES:
                target = index[r.target]
                rel_edges[r.id] = [edge(origin, target, False), edge(target, origin, False)]
                continue
            if r.kind is RelationKind.ATTACK:
                target = index[inference(r.target) if r.target in rels else r.target]
            elif evidential and m.propositions[r.target].kind is not NodeKind.EVIDENCE:
                target = index[unsupported(r.target)]
            else:
                continue
            k = edge(origin, target, step)  # a step's inf(r) is present exactly while it is active
            if not step:
                rel_edges[r.id] = [k]
        out_edges: list[list[int]] = [[] for _ in range(n)]
        in_edges: list[list[int]] = [[] for _ in range(n)]
        for k, (a, b) in enumerate(zip(src, dst, strict=True)):
            out_edges[a].append(k)
            in_edges[b].append(k)
        trusted = [0] * len(src)
        by_analyst: dict[str, list[str]] = defaultdict(list)
        for rid, ks in rel_edges.items():
            if self._trusted(rid, s.distrust):
                for k in ks:
                    trusted[k] += 1
            for analyst in rels[rid].by:
                by_analyst[analyst].append(rid)
        owned: dict[int, list[int]] = defaultdict(list)
        for i, o in enumerate(owner):
            if o != i:
                owned[o].append(i)
        self._names, self._index, self._owner, self._owned = names, index, owner, owned
        self._src, self._dst, self._meta = src, dst, meta
        self._out, self._in, self._rel_edges = out_edges, in_edges, rel_edges
        self._trusted_count, self._by_analyst = trusted, by_analyst
        self._inf = {rid: index[inference(rid)] for rid in steps}
        off = {index[e] for e in s.off} | {i for rid, i in self._inf.items() if rid not in self._active}
        self._off_index = off
        self._present = [
            owner[a] not in off and owner[b] not in off and (meta[k] or trusted[k] > 0)
            for k, (a, b) in enumerate(zip(src, dst, strict=True))
        ]
        labels = self.base.all_labels
        if steps:  # arguments the scenario's own framework may lack: label this framework afresh
            live = [a for i, a in enumerate(names) if owner[i] not in off]
            attacks = [(names[a], names[b]) for k, (a, b) in enumerate(zip(src, dst, strict=True)) if self._present[k]]
            labels = grounded_labelling(live, attacks).labels
        self._state = [_STATE[labels[a]] if a in labels else _UNDEC for a in names]

    def _build_deductive(self) -> None:
        """The scenario's own framework as arrays: every attack stays while both its ends are on."""
        m, s, af = self.map, self.scenario, self.base.framework
        names = list(m.propositions) + sorted(a for a in af.arguments if a not in m.propositions)
        index = {a: i for i, a in enumerate(names)}
        plain = sorted((index[a], index[b]) for a, b in af.attacks)
        src = [a for a, _ in plain]
        dst = [b for _, b in plain]
        out_edges: list[list[int]] = [[] for _ in names]
        in_edges: list[list[int]] = [[] for _ in names]
        for k, (a, b) in enumerate(zip(src, dst, strict=True)):
            out_edges[a].append(k)
            in_edges[b].append(k)
        owner = [index.get(premise_of(a) or a, i) for i, a in enumerate(names)]
        owned: dict[int, list[int]] = defaultdict(list)
        for i, o in enumerate(owner):
            if o != i:
                owned[o].append(i)
        active = active_relations(m, s)
        rels = m.relations
        evidence = set(m.evidence)
        self._supported = frozenset(r.target for r in active if r.kind is RelationKind.SUPPORT and r.target in evidence)
        # Evidence behind the undercuts of a one-premise step: without them the step may lose its inf(r).
        for r in active:
            if r.target in rels and not rels[r.target].is_linked:
                for p in r.premises:
                    if p in evidence:
                        self._undercutting[p].append(r.target)
        self.fragile = self._supported | frozenset(self._undercutting)
        labels = self.base.all_labels
        self._names, self._index, self._owner, self._owned = names, index, owner, owned
        self._src, self._dst, self._meta = src, dst, [True] * len(src)
        self._out, self._in, self._rel_edges = out_edges, in_edges, {}
        self._trusted_count, self._by_analyst = [0] * len(src), {}
        self._inf = {rid: index[inference(rid)] for rid in sorted(af.reified)}
        self._off_index = {index[e] for e in s.off}
        self._state = [_STATE[labels[a]] if a in labels else _UNDEC for a in names]
        self._present = [True] * len(src)

    def _trusted(self, rid: str, distrust: Collection[str]) -> bool:
        by = self.map.relations[rid].by
        return not by or any(a not in distrust for a in by)

    # -- one question ------------------------------------------------------------------------------

    def _relabel(
        self, evidence: frozenset[str], analysts: frozenset[str], wanted: list[str], scope: Scope | None
    ) -> dict[str, Label]:
        s = self.scenario
        index, owner, src, dst, present_old = self._index, self._owner, self._src, self._dst, self._present
        flipped = {index[e] for e in evidence}
        if self._inf:
            steps = self._steps.switched(evidence, analysts, s.off ^ evidence, s.distrust ^ analysts)
            flipped |= {self._inf[rid] for rid in steps}
        off_new = self._off_index ^ flipped
        distrust_new = s.distrust ^ analysts
        count = self._trusted_count
        count_delta: dict[int, int] = defaultdict(int)
        # A relation argued by several switched analysts counts once.
        for rid in {rid for a in analysts for rid in self._by_analyst.get(a, ())}:
            before, after = self._trusted(rid, s.distrust), self._trusted(rid, distrust_new)
            if before != after:
                for k in self._rel_edges[rid]:
                    count_delta[k] += 1 if after else -1
        # Attacks whose presence may differ: those at a switched argument (or at the not(p) it
        # owns), those of switched relations.
        touched = set(count_delta)
        for i in flipped:
            for j in (i, *self._owned.get(i, ())):
                touched.update(self._out[j])
                touched.update(self._in[j])
        changed: dict[int, bool] = {}
        for k in touched:
            now = (
                owner[src[k]] not in off_new
                and owner[dst[k]] not in off_new
                and (self._meta[k] or count[k] + count_delta.get(k, 0) > 0)
            )
            if now != present_old[k]:
                changed[k] = now
        roots = flipped | {dst[k] for k in changed}
        if scope is not None:
            roots &= scope.arguments
        # Everything whose label can change: descendants of the roots along old or new attacks.
        region = set(roots)
        queue = deque(roots)
        while queue:
            i = queue.popleft()
            for k in self._out[i]:
                j = dst[k]
                if j not in region and (present_old[k] or changed.get(k, False)):
                    if scope is None or j in scope.arguments:
                        region.add(j)
                        queue.append(j)
        state = self._grounded_in(region, off_new, changed)
        out: dict[str, Label] = {}
        for p in wanted:
            i = index[p]
            if i in off_new:
                out[p] = Label.OFF
            elif i in region:
                out[p] = _LABEL[state[i]]
            else:
                out[p] = self.base.labels[p]
        return out

    def _grounded_in(self, region: set[int], off_new: set[int], changed: dict[int, bool]) -> dict[int, int]:
        """Grounded labels inside ``region``, attackers outside it keeping their old labels."""
        owner, src, old, present_old = self._owner, self._src, self._state, self._present
        live = [i for i in region if owner[i] not in off_new]
        state = dict.fromkeys(live, _UNDEC)
        pending = dict.fromkeys(live, 0)
        targets: dict[int, list[int]] = defaultdict(list)
        beaten: list[int] = []
        for j in live:
            for k in self._in[j]:
                if not changed.get(k, present_old[k]):
                    continue
                i = src[k]
                if i in state:
                    pending[j] += 1
                    targets[i].append(j)
                elif old[i] == _IN:
                    if state[j] != _OUT:
                        state[j] = _OUT
                        beaten.append(j)
                elif old[i] == _UNDEC:
                    pending[j] += 1  # an undecided outsider never goes OUT: j cannot become IN
        for j in beaten:
            for t in targets[j]:
                pending[t] -= 1
        queue = deque(i for i in live if pending[i] == 0 and state[i] == _UNDEC)
        for i in queue:
            state[i] = _IN
        while queue:
            i = queue.popleft()
            for j in targets[i]:
                if state[j] != _UNDEC:
                    continue
                state[j] = _OUT
                for t in targets[j]:
                    pending[t] -= 1
                    if pending[t] == 0 and state[t] == _UNDEC:
                        state[t] = _IN
                        queue.append(t)
        return state
