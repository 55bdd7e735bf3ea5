"""Which steps change activity (DESIGN §2) when evidence and analysts are switched, without recompiling.

A relation is active when every premise is on, a trusted analyst or none is in its ``by``, and its
target is an active proposition or, for an undercut, an active relation: the greatest such set.
Each relation has one target, so a relation's activity is read by following its targets (the step
an undercut attacks, that step's, ...) to a proposition or around a cycle of undercuts: it is
active when every relation on the way is sound on its own and the proposition reached is on.
Imports model only; no flask, no click.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Collection, Iterable
from functools import partial

from argmap.model import ArgumentMap


class StepActivity:
    """The activity of the ``steps`` of ``m`` (relations with an ``inf(r)``), given the ids ``active`` before.

    Examples
    --------
    >>> from argmap.document import from_document
    >>> m = from_document({"id": "m", "title": "t", "propositions": [
    ...     {"id": "e1", "text": "E1", "kind": "evidence"}, {"id": "e2", "text": "E2", "kind": "evidence"},
    ...     {"id": "h1", "text": "H", "kind": "hypothesis"}],
    ...     "relations": [{"id": "r1", "from": "e1", "to": "h1", "kind": "support"},
    ...                   {"id": "u1", "from": "e2", "to": "r1", "kind": "attack"}]})
    >>> steps = StepActivity(m, steps=["r1", "u1"], active={"r1", "u1"})
    >>> steps.switched(evidence={"e1"}, analysts=(), off=frozenset({"e1"}), distrust=frozenset())
    ['r1', 'u1']
    """

    def __init__(self, m: ArgumentMap, steps: Iterable[str], active: Collection[str]) -> None:
        self.map = m
        self.steps = frozenset(steps)
        self.active = active
        evidence = set(m.evidence)
        # Per relation: its analysts, the evidence among its premises and target, the relation it undercuts.
        self._by = {r.id: r.by for r in m.relations.values()}
        rels = m.relations.values()
        self._switches = {r.id: tuple(p for p in (*r.premises, r.target) if p in evidence) for r in rels}
        self._next = {r.id: r.target if r.target in m.relations else None for r in m.relations.values()}
        # What a switch touches first: evidence -> steps it is a premise or target of; analyst -> steps they argue.
        self._at: dict[str, list[str]] = defaultdict(list)
        self._argued_by: dict[str, list[str]] = defaultdict(list)
        for rid in sorted(self.steps):
            for p in self._switches[rid]:
                self._at[p].append(rid)
            for a in self._by[rid]:
                self._argued_by[a].append(rid)

    def is_active(self, rid: str, off: Collection[str], distrust: Collection[str], memo: dict[str, bool]) -> bool:
        """Whether relation ``rid`` is active under ``off`` and ``distrust``; ``memo`` keeps what one scenario found."""
        chain: list[str] = []
        x: str | None = rid
        result = True  # a cycle of undercuts sound on their own stays active together
        while x is not None:
            known = memo.get(x)
            if known is not None:
                result = known
                break
            if x in chain:
                break
            chain.append(x)
            who = self._by[x]
            if (who and all(a in distrust for a in who)) or any(p in off for p in self._switches[x]):
                result = False
                break
            x = self._next[x]
        for y in chain:
            memo[y] = result
        return result

    def switched(
        self, evidence: Iterable[str], analysts: Iterable[str], off: frozenset[str], distrust: frozenset[str]
    ) -> list[str]:
        """The steps whose activity differs under ``off`` and ``distrust``, the scenario after switching
        ``evidence`` and ``analysts``; steps are reached from what the switches touch, then by undercuts."""
        queue = deque(rid for e in evidence for rid in self._at.get(e, ()))
        queue.extend(rid for a in analysts for rid in self._argued_by.get(a, ()))
        if not queue:
            return []
        memo: dict[str, bool] = {}
        is_active = partial(self.is_active, off=off, distrust=distrust, memo=memo)

        done: set[str] = set()
        changed: list[str] = []
        undercuts = self.map.undercuts
        while queue:
            rid = queue.popleft()
            if rid in done:
                continue
            done.add(rid)
            if is_active(rid) != (rid in self.active):
                changed.append(rid)
                queue.extend(u for u in undercuts.get(rid, ()) if u in self.steps)
        return changed
