"""A stable, layered drawing of a map: evidence on the left, claims in the middle, hypotheses on the right.

Layers come from the longest support path from evidence (cycles of support are condensed first),
hypotheses share the last layer, and each layer is ordered by barycentres of its neighbours so
that edges cross less. A junction (a reified relation, ``m.junctions``) sits between its premises and
its target: in the gap just before the target's layer, at the height of the mean of its premises and
its target. Positions depend only on the map, never on a scenario, so switching evidence recolours
the graph without moving it. Imports model and networkx; no flask, no pyvis.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping

import networkx as nx

from argmap.model import ArgumentMap, NodeKind, RelationKind

LAYER_GAP = 260.0  # px between layers (x)
SUB_COLUMN_GAP = 215.0  # px between the columns a tall layer is wrapped into
NODE_GAP = 26.0  # px between nodes of one column (y)
LINE_HEIGHT = 18.0
CHARS_PER_LINE = 26
SWEEPS = 4
HYPOTHESIS_GAP = 70.0  # extra px between hypotheses: their labels sit under the shape
JUNCTION_GAP = 24.0  # px between junctions that share a column
HYPOTHESES_IN_ONE_COLUMN = 4  # more hypotheses than this are dealt into two columns (or more)
ZIGZAG = 70.0  # px that every other hypothesis steps right, so rival attacks do not run through nodes


def layers(m: ArgumentMap) -> dict[str, int]:
    """The layer of every proposition: evidence 0, claims after their longest support chain, hypotheses last.

    Examples
    --------
    >>> from argmap.document import from_document
    >>> m = from_document({"id": "m", "title": "t", "propositions": [
    ...     {"id": "e1", "text": "E", "kind": "evidence"}, {"id": "c1", "text": "C", "kind": "claim"},
    ...     {"id": "c2", "text": "D", "kind": "claim"}, {"id": "h1", "text": "H", "kind": "hypothesis"}],
    ...     "relations": [{"id": "r1", "from": "e1", "to": "c1", "kind": "support"},
    ...                   {"id": "r2", "from": "c1", "to": "c2", "kind": "support"},
    ...                   {"id": "r3", "from": "c2", "to": "h1", "kind": "support"}]})
    >>> layers(m)
    {'e1': 0, 'c1': 1, 'c2': 2, 'h1': 3}
    """
    kinds = {p.id: p.kind for p in m.propositions.values()}
    middle = [p for p, k in kinds.items() if k is NodeKind.CLAIM]
    support: nx.DiGraph[str] = nx.DiGraph()
    support.add_nodes_from(middle)
    for r in m.relations.values():
        if r.kind is RelationKind.SUPPORT and kinds[r.target] is NodeKind.CLAIM:
            for p in r.premises:
                if kinds[p] is NodeKind.CLAIM:
                    support.add_edge(p, r.target)
    # Claims fed by evidence only start at 1; each support step among claims adds a layer.
    condensed = nx.condensation(support)
    members: Mapping[int, set[str]] = nx.get_node_attributes(condensed, "members")
    depth: dict[int, int] = {}
    for scc in nx.topological_sort(condensed):
        preds = [depth[q] for q in condensed.predecessors(scc)]
        depth[scc] = max(preds, default=0) + 1
    out: dict[str, int] = {}
    for scc, nodes in members.items():
        for p in nodes:
            out[p] = depth[scc]
    last = max(out.values(), default=0) + 1
    return {p: 0 if k is NodeKind.EVIDENCE else last if k is NodeKind.HYPOTHESIS else out[p] for p, k in kinds.items()}


def ordering(m: ArgumentMap, layer_of: Mapping[str, int]) -> list[list[str]]:
    """Each layer's propositions, ordered by barycentre sweeps (document order to start)."""
    count = max(layer_of.values(), default=-1) + 1
    rows: list[list[str]] = [[] for _ in range(count)]
    for p in m.propositions:
        rows[layer_of[p]].append(p)
    neighbours: dict[str, set[str]] = defaultdict(set)
    for r in m.relations.values():
        target = m.conclusion(r)
        for p in r.premises:
            if target is not None and p != target:
                neighbours[p].add(target)
                neighbours[target].add(p)
    place = _places(rows)
    for sweep in range(SWEEPS):
        down = sweep % 2 == 0
        order = range(1, count) if down else range(count - 2, -1, -1)
        for i in order:
            rows[i] = _sorted_by_barycentre(rows[i], i, down, neighbours, layer_of, place)
            place.update(_places([rows[i]]))
    return rows


def positions(m: ArgumentMap) -> dict[str, tuple[float, float]]:
    """Fixed x/y of every proposition and junction for drawing: layers left to right, each centred on y = 0.

    Junctions are placed by ``junction_positions``.

    Examples
    --------
    >>> from argmap.document import from_document
    >>> m = from_document({"id": "m", "title": "t", "propositions": [
    ...     {"id": "e1", "text": "E", "kind": "evidence"}, {"id": "e2", "text": "F", "kind": "evidence"},
    ...     {"id": "h1", "text": "H", "kind": "hypothesis"}],
    ...     "relations": [{"id": "r1", "from": ["e1", "e2"], "to": "h1", "kind": "support"}]})
    >>> where = positions(m)
    >>> where["e1"][0] < where["r1"][0] < where["h1"][0]
    True
    """
    where, starts = _proposition_positions(m)
    return {**where, **junction_positions(m, where, starts)}


def _proposition_positions(m: ArgumentMap) -> tuple[dict[str, tuple[float, float]], dict[str, float]]:
    """Every proposition's x/y, and the x where each proposition's layer starts.

    A layer taller than ``column_limit(m)`` nodes is dealt into several side-by-side columns, node
    ``j`` into column ``j % k``, so the barycentre order still reads top to bottom. The hypotheses
    wrap once they are taller than such a column of one-line nodes, so that on big maps they do not
    stretch the drawing (and shrink its first view) many times over.
    """
    layer_of = layers(m)
    limit = column_limit(m)
    out: dict[str, tuple[float, float]] = {}
    starts: dict[str, float] = {}
    x = 0.0
    for row in ordering(m, layer_of):
        if not row:
            continue
        starts.update(dict.fromkeys(row, x))
        heights = [_height(m.propositions[p].short) for p in row]
        if all(m.propositions[p].kind is NodeKind.HYPOTHESIS for p in row):
            heights = [h + HYPOTHESIS_GAP for h in heights]
            # Hypotheses' labels make their rows tall: wrap them by height, not by count.
            k = max(1, math.ceil((sum(heights) + NODE_GAP * len(row)) / (limit * (_height("") + NODE_GAP))))
            # More than a few side by side, so that a laptop's first view holds them at a readable size.
            k = max(k, 2) if len(row) > HYPOTHESES_IN_ONE_COLUMN else k
            if k == 1:
                _place_hypotheses(row, heights, x, out)
                x += LAYER_GAP + ZIGZAG
                continue
        else:
            k = max(1, math.ceil(len(row) / limit))
        step = (max(heights) + NODE_GAP) / k if k > 1 else 0.0
        if k == 1:
            total = sum(heights) + NODE_GAP * (len(row) - 1)
            y = -total / 2
            for p, h in zip(row, heights, strict=True):
                out[p] = (round(x, 1), round(y + h / 2, 1))
                y += h + NODE_GAP
        else:
            top = -step * (len(row) - 1) / 2
            for j, p in enumerate(row):
                out[p] = (round(x + (j % k) * SUB_COLUMN_GAP, 1), round(top + j * step, 1))
        x += LAYER_GAP + SUB_COLUMN_GAP * (k - 1)
    return out, starts


def junction_positions(
    m: ArgumentMap, where: Mapping[str, tuple[float, float]], starts: Mapping[str, float]
) -> dict[str, tuple[float, float]]:
    """Fixed x/y of every junction, given the propositions' positions and their layers' first x.

    A junction whose premises all lie in layers left of its target's sits in the gap before the
    target's layer; any other (an undercut's junction, a step within one layer or back to the left)
    at the barycentre of its premises and its target. ``y`` is always the mean of the premises' mean
    and the target's. Junctions that would overlap are moved apart vertically.
    """
    out: dict[str, tuple[float, float]] = {}
    pending = [rid for rid in m.relations if rid in m.junctions]
    # An undercut's junction is placed after the junction it ends on; undercuts in a cycle, beside their premises.
    while pending:
        later = []
        for rid in pending:
            r = m.relations[rid]
            at = where.get(r.target) or out.get(r.target)
            if at is None:
                later.append(rid)
            else:
                out[rid] = _junction_at(r.premises, r.target, at, where, starts)
        if len(later) == len(pending):
            out.update({rid: _junction_at(m.relations[rid].premises, "", None, where, starts) for rid in later})
            break
        pending = later
    return _spread(out)


def _junction_at(
    premises: tuple[str, ...],
    target: str,
    at: tuple[float, float] | None,
    where: Mapping[str, tuple[float, float]],
    starts: Mapping[str, float],
) -> tuple[float, float]:
    px = sum(where[p][0] for p in premises) / len(premises)
    py = sum(where[p][1] for p in premises) / len(premises)
    if at is None:  # undercuts in a cycle: beside their premises
        return (round(px + JUNCTION_GAP, 1), round(py, 1))
    tx, ty = at
    if target in starts and max(where[p][0] for p in premises) < starts[target] - LAYER_GAP / 2:
        x = starts[target] - LAYER_GAP / 2
    else:
        x = (px * len(premises) + tx) / (len(premises) + 1)
    return (round(x, 1), round((py + ty) / 2, 1))


def _spread(out: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """Junctions on one x at least ``JUNCTION_GAP`` apart in y, keeping their order."""
    columns: dict[float, list[str]] = defaultdict(list)
    for rid, (x, _) in out.items():
        columns[x].append(rid)
    for x, rids in columns.items():
        rids.sort(key=lambda rid: (out[rid][1], rid))
        last = -math.inf
        for rid in rids:
            y = max(out[rid][1], last + JUNCTION_GAP)
            out[rid] = (x, round(y, 1))
            last = y
    return out


def column_limit(m: ArgumentMap) -> int:
    """Most nodes in one column: grows with the square root of the map so drawings stay roughly square."""
    return max(12, math.ceil(2.4 * math.sqrt(len(m.propositions))))


def _place_hypotheses(row: list[str], heights: list[float], x: float, out: dict[str, tuple[float, float]]) -> None:
    total = sum(heights) + NODE_GAP * (len(row) - 1)
    y = -total / 2
    for j, (p, h) in enumerate(zip(row, heights, strict=True)):
        shift = ZIGZAG * (j % 2) if len(row) > 2 else 0.0
        out[p] = (round(x + shift, 1), round(y + h / 2, 1))
        y += h + NODE_GAP


def _height(text: str) -> float:
    lines = max(1, math.ceil(len(text) / CHARS_PER_LINE))
    return LINE_HEIGHT * (min(lines, 6) + 1) + 22  # the text and the state line above it


def _places(rows: list[list[str]]) -> dict[str, float]:
    """Relative place of each node in its row, in [0, 1]."""
    return {p: (j + 0.5) / len(row) for row in rows for j, p in enumerate(row)}


def _sorted_by_barycentre(
    row: list[str],
    i: int,
    down: bool,
    neighbours: Mapping[str, set[str]],
    layer_of: Mapping[str, int],
    place: Mapping[str, float],
) -> list[str]:
    def key(item: tuple[int, str]) -> tuple[float, int]:
        j, p = item
        side = [place[q] for q in neighbours.get(p, ()) if (layer_of[q] < i if down else layer_of[q] > i)]
        return (sum(side) / len(side) if side else place[p], j)

    return [p for _, p in sorted(enumerate(row), key=key)]
