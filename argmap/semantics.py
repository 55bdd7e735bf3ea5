"""Dung's grounded semantics on plain frameworks: labels and rounds in O(|A| + |R|).

A framework is any collection of argument names and of ``(attacker, attacked)`` pairs. No map
concepts live here. Imports nothing from argmap.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from enum import StrEnum


class Label(StrEnum):
    IN = "IN"
    OUT = "OUT"
    UNDEC = "UNDEC"
    OFF = "OFF"


@dataclass(frozen=True)
class Labelling:
    """The grounded labelling with, for IN and OUT arguments, the round that decides them."""

    labels: dict[str, Label]
    rounds: dict[str, int]

    def extension(self) -> set[str]:
        return {a for a, label in self.labels.items() if label is Label.IN}


def grounded_labelling(arguments: Iterable[str], attacks: Iterable[tuple[str, str]]) -> Labelling:
    """Return the grounded labelling of a Dung framework, with rounds.

    IN is the least fixed point of F(S) = {a : every attacker of a is attacked by S}; OUT is what
    IN attacks; the rest is UNDEC. An argument's round is the first k with it in F^k(∅) (IN) or
    attacked by F^k(∅) (OUT). Counter and queue: each argument keeps the number of attackers not
    yet OUT; a FIFO queue of new IN arguments visits every attack once, and because it pops in
    round order, the first IN attacker to reach an argument gives its OUT round and the last
    attacker to go OUT gives its IN round.

    Parameters
    ----------
    arguments : iterable of str
        The arguments; attacks may only name these.
    attacks : iterable of (str, str)
        ``(a, b)`` means *a attacks b*.

    Returns
    -------
    Labelling
        ``labels`` maps every argument to IN, OUT or UNDEC; ``rounds`` covers IN and OUT.

    Examples
    --------
    >>> lab = grounded_labelling("abcd", [("a", "b"), ("b", "c"), ("d", "d")])
    >>> {a: str(label) for a, label in sorted(lab.labels.items())}
    {'a': 'IN', 'b': 'OUT', 'c': 'IN', 'd': 'UNDEC'}
    >>> lab.rounds
    {'a': 1, 'b': 1, 'c': 2}
    """
    names = list(dict.fromkeys(arguments))
    index = {a: i for i, a in enumerate(names)}
    n = len(names)
    targets: list[list[int]] = [[] for _ in range(n)]
    pending = [0] * n
    for a, b in attacks:
        try:
            i, j = index[a], index[b]
        except KeyError as err:
            raise ValueError(f"attack ({a!r}, {b!r}) names an argument that is not in the framework") from err
        targets[i].append(j)
        pending[j] += 1
    # Duplicated attacks count once per copy on both sides, so the counters stay consistent.
    state = [0] * n  # 0 undecided, 1 IN, 2 OUT
    round_of = [0] * n
    queue = deque(i for i in range(n) if pending[i] == 0)
    for i in queue:
        state[i], round_of[i] = 1, 1
    while queue:
        i = queue.popleft()
        k = round_of[i]
        for j in targets[i]:
            if state[j] != 0:
                continue
            state[j], round_of[j] = 2, k
            for m in targets[j]:
                pending[m] -= 1
                if pending[m] == 0 and state[m] == 0:
                    state[m], round_of[m] = 1, k + 1
                    queue.append(m)
    by_state = (Label.UNDEC, Label.IN, Label.OUT)
    labels = {names[i]: by_state[state[i]] for i in range(n)}
    rounds = {names[i]: round_of[i] for i in range(n) if state[i]}
    return Labelling(labels, rounds)


def grounded(arguments: Collection[str], attacks: Iterable[tuple[str, str]]) -> dict[str, Label]:
    """Return the grounded labelling ``{argument: IN | OUT | UNDEC}`` of any Dung framework.

    Examples
    --------
    >>> {a: str(label) for a, label in grounded(["a", "b"], [("a", "b"), ("b", "a")]).items()}
    {'a': 'UNDEC', 'b': 'UNDEC'}
    """
    return grounded_labelling(arguments, attacks).labels


def grounded_extension(arguments: Collection[str], attacks: Iterable[tuple[str, str]]) -> set[str]:
    """Return the grounded extension: the arguments labelled IN."""
    return grounded_labelling(arguments, attacks).extension()
