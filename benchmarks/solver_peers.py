"""Python peers of ``argmap solve`` for benchmarks/solver.py: the same job done the usual ways.

``python -m benchmarks.solver_peers plain FILE.i23`` reads the file line by line and runs counter
and queue over Python lists (what a careful Python programmer writes); ``networkx FILE.i23`` does
the same over a networkx DiGraph. Both print ICCMA's ``w 1 2 3``. Neither is part of argmap.
"""

from __future__ import annotations

import sys
from collections import deque


def read_i23(path: str) -> tuple[int, list[tuple[int, int]]]:
    """Arguments 1..n and attacks of a ``p af N`` file, read with str.split per line."""
    n = 0
    attacks: list[tuple[int, int]] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if not parts or parts[0].startswith("#"):
                continue
            if parts[0] == "p":
                n = int(parts[2])
            else:
                attacks.append((int(parts[0]), int(parts[1])))
    return n, attacks


def plain(path: str) -> list[int]:
    """Counter and queue over lists."""
    n, attacks = read_i23(path)
    targets: list[list[int]] = [[] for _ in range(n + 1)]
    pending = [0] * (n + 1)
    for a, b in attacks:
        targets[a].append(b)
        pending[b] += 1
    state = [0] * (n + 1)
    queue = deque(a for a in range(1, n + 1) if pending[a] == 0)
    for a in queue:
        state[a] = 1
    while queue:
        for b in targets[queue.popleft()]:
            if state[b]:
                continue
            state[b] = 2
            for c in targets[b]:
                pending[c] -= 1
                if pending[c] == 0 and not state[c]:
                    state[c] = 1
                    queue.append(c)
    return [a for a in range(1, n + 1) if state[a] == 1]


def with_networkx(path: str) -> list[int]:
    """Counter and queue over a networkx DiGraph (successors, in-degrees)."""
    import networkx as nx

    n, attacks = read_i23(path)
    graph: nx.MultiDiGraph[int] = nx.MultiDiGraph()
    graph.add_nodes_from(range(1, n + 1))
    graph.add_edges_from(attacks)
    pending = dict(graph.in_degree())
    state: dict[int, int] = {}
    queue = deque(a for a, d in pending.items() if d == 0)
    state.update(dict.fromkeys(queue, 1))
    while queue:
        for b in graph.successors(queue.popleft()):
            if b in state:
                continue
            state[b] = 2
            for _, c in graph.out_edges(b):
                pending[c] -= 1
                if pending[c] == 0 and c not in state:
                    state[c] = 1
                    queue.append(c)
    return sorted(a for a, s in state.items() if s == 1)


if __name__ == "__main__":
    kind, file = sys.argv[1], sys.argv[2]
    ext = plain(file) if kind == "plain" else with_networkx(file)
    sys.stdout.write(" ".join(["w", *map(str, ext)]) + "\n")
