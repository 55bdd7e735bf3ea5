"""Grounded labels and rounds of a framework held as numpy arrays: counter and queue at scale.

Arguments are ``0..n-1``; attack ``e`` goes from ``src[e]`` to ``dst[e]``. Each argument keeps
``pending``, its attackers not yet OUT. A round turns the frontier (arguments whose attackers are
all OUT) IN, their targets OUT, and lowers the counters of what those attack; counters reaching
zero make the next frontier. Every attack is used at most twice, so the work is O(|A| + |R|),
and the round of an argument is the round of the frontier that decides it, as in
``argmap.semantics.grounded_labelling``.

Three ways to run a round, and rules for choosing:

* **wide** (numpy, no adjacency lists): mark the frontier in a boolean array and gather it over
  all remaining attacks (``mark[src]``); once a quarter of the attacks are spent, keep only those
  between undecided arguments. A round costs O(remaining attacks) at a few ns per attack and
  needs no sort: sorting 5·10^6 attacks by attacker costs as much as a dozen such rounds, more
  than random or scale-free frameworks need (they settle in under ten).
* **adjacency** (numpy over CSR lists): the targets of the frontier come from ``ptr``/``idx`` by
  ``np.repeat`` arithmetic, so a round costs what it touches plus ~20 numpy calls. Used when
  the attacks come sorted by attacker (many generators write them so; then the lists are free),
  or once wide rounds have wasted more than sorting would cost (ski rental: never more than
  twice the better choice in hindsight).
* **narrow** (plain Python): with adjacency lists and a frontier of at most ``NARROW``
  arguments, the counter-and-queue loop of ``argmap.semantics`` runs round by round over
  memoryviews of the same arrays. Deep frameworks live here (a chain of 10^6 arguments takes
  5·10^5 rounds of one IN and one OUT argument, where numpy's per-call overhead would dominate);
  nothing is copied, so a frontier that widens again goes back to numpy for free.

Imports numpy only.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

UNDEC, IN, OUT = 0, 1, 2

Ints = NDArray[np.int32]
Index = NDArray[np.intp]  # numpy gathers twice as fast with intp indexes as with int32 ones, which it converts
Edges = NDArray[Any]  # attack ends: int32 as read, intp once gathered over

# What steps cost here (seconds), for deciding when sorting attacks into adjacency lists pays.
EDGE_STEP = 6e-9  # one remaining attack in a round of gathers over all attacks (two gathers)
SORT_STEP = 60e-9  # one attack sorted into adjacency lists (two 16-bit radix passes)
CALL_COST = 60e-6  # the numpy calls of one round over adjacency lists
TOUCH_STEP = 10e-9  # one argument or attack touched by such a round
NARROW = 128  # a frontier of at most this many arguments goes round in plain Python
USE_ORDER = True  # attacks already sorted by attacker are adjacency lists as they stand


def grounded_rounds(n: int, src: Ints, dst: Ints) -> tuple[NDArray[np.int8], Ints]:
    """Return the grounded labels and rounds of a framework of ``n`` arguments.

    Parameters
    ----------
    n : int
        Number of arguments, numbered ``0..n-1``.
    src, dst : ndarray of int32
        Attack ``e`` goes from ``src[e]`` to ``dst[e]``; repeats and self-attacks are allowed.

    Returns
    -------
    (labels, rounds) : tuple of ndarray
        ``labels[a]`` is 0 (UNDEC), 1 (IN) or 2 (OUT); ``rounds[a]`` is the round that decides
        ``a`` (0 for UNDEC).

    Examples
    --------
    >>> labels, rounds = grounded_rounds(4, np.array([0, 1, 3], np.int32), np.array([1, 2, 3], np.int32))
    >>> labels.tolist(), rounds.tolist()
    ([1, 2, 1, 0], [1, 1, 2, 0])
    """
    return _Grounded(n, src, dst).run()


class _Grounded:
    """The state the three kinds of round share: labels, rounds, counters, attacks."""

    def __init__(self, n: int, src: Ints, dst: Ints) -> None:
        self.n = n
        self.src: Edges = src
        self.dst: Edges = dst
        self.state = np.zeros(n, np.int8)
        self.rounds = np.zeros(n, np.int32)
        self.pending = np.bincount(dst, minlength=n).astype(np.int32)
        self.mark = np.zeros(n, np.bool_)
        self.owner = np.empty(n, np.int32)
        self.spent = 0  # attacks out of decided arguments since the last compaction
        self.ptr: Index | None = None  # adjacency: the targets of i are idx[ptr[i]:ptr[i + 1]]
        self.idx = self.dst

    def run(self) -> tuple[NDArray[np.int8], Ints]:
        frontier = np.flatnonzero(self.pending == 0)
        if USE_ORDER and (self.src.size < 2 or bool(np.all(self.src[1:] >= self.src[:-1]))):
            self.adjacency()  # sorted by attacker, as many generators write them: adjacency for free
        else:
            self.src, self.dst = self.src.astype(np.intp), self.dst.astype(np.intp)  # for the gathers of wide rounds
        k, waste = 1, 0.0
        while frontier.size:
            if self.ptr is None:
                frontier, work = self.wide_round(frontier, k)
                waste += max(0.0, EDGE_STEP * self.src.size - CALL_COST - TOUCH_STEP * work)
                if waste > SORT_STEP * self.src.size:
                    self.adjacency()
                k += 1
            elif frontier.size > NARROW:
                frontier = self.adjacency_round(frontier, k)
                k += 1
            else:
                frontier, k = self.narrow_rounds(frontier, k)
        return self.state, self.rounds

    def wide_round(self, frontier: Index, k: int) -> tuple[Index, int]:
        """Round ``k`` by gathers over all remaining attacks; returns the next frontier and the work done."""
        beaten = self.settle(frontier, k, self.targets_of(frontier))
        freed = self.targets_of(beaten)
        nxt = self.release(freed)
        self.spent += freed.size
        if self.spent * 4 > self.src.size:
            self.compact()
        return nxt, frontier.size + beaten.size + freed.size

    def adjacency_round(self, frontier: Index, k: int) -> Index:
        """Round ``k`` through the adjacency lists: work in proportion to what the round touches."""
        beaten = self.settle(frontier, k, self.expand(frontier))
        return self.release(self.expand(beaten))

    def settle(self, frontier: Index, k: int, hit: Index) -> Index:
        """Make ``frontier`` IN and the undecided among ``hit`` (its targets) OUT, in round ``k``."""
        self.state[frontier] = IN
        self.rounds[frontier] = k
        beaten = self.unique(hit[self.state[hit] == UNDEC])
        self.state[beaten] = OUT
        self.rounds[beaten] = k
        return beaten

    def release(self, freed: Index) -> Index:
        """Lower the counters of ``freed`` (one per attack from a new OUT argument); return the new frontier."""
        if freed.size * 32 > self.n:
            self.pending -= np.bincount(freed, minlength=self.n).astype(np.int32)
            touched = self.unique(freed)
        else:
            touched, counts = np.unique(freed, return_counts=True)
            self.pending[touched] -= counts.astype(np.int32)
        nxt: Index = touched[(self.pending[touched] == 0) & (self.state[touched] == UNDEC)]
        return nxt

    def targets_of(self, args: Index) -> Index:
        """The targets of every remaining attack out of ``args`` (with repeats), by one gather over all."""
        self.mark[args] = True
        hit: Index = self.dst[self.mark[self.src]]
        self.mark[args] = False
        return hit

    def expand(self, args: Index) -> Index:
        """The targets of every attack out of ``args`` (with repeats), from the adjacency lists."""
        assert self.ptr is not None
        first = self.ptr[args]
        counts = self.ptr[args + 1] - first
        total = int(counts.sum())
        if total == 0:
            return np.empty(0, np.intp)
        ends = np.cumsum(counts)
        positions = np.arange(total, dtype=np.intp) + np.repeat(first - ends + counts, counts)
        targets: Index = self.idx[positions]
        return targets

    def unique(self, values: Index) -> Index:
        """``values`` without repeats, in O(len) through the scratch array ``owner``."""
        positions = np.arange(values.size, dtype=np.int32)
        self.owner[values] = positions
        first: Index = values[self.owner[values] == positions]
        return first

    def compact(self) -> None:
        """Keep only attacks between undecided arguments: the others have done their work."""
        keep = (self.state[self.src] == UNDEC) & (self.state[self.dst] == UNDEC)
        self.src, self.dst = self.src[keep], self.dst[keep]
        self.spent = 0

    def adjacency(self) -> None:
        """CSR adjacency of the remaining attacks (a stable radix sort by attacker unless already sorted)."""
        if self.src.size and not bool(np.all(self.src[1:] >= self.src[:-1])):
            self.compact()
            self.dst = self.dst[_radix_order(self.src)]
        counts = np.bincount(self.src, minlength=self.n)
        self.ptr = np.zeros(self.n + 1, np.intp)
        np.cumsum(counts, out=self.ptr[1:])
        self.idx = self.dst

    def narrow_rounds(self, frontier: Index, k: int) -> tuple[Index, int]:
        """Rounds from ``k`` in plain Python while the frontier stays narrow; returns the next frontier and round.

        The counter-and-queue loop of ``argmap.semantics``, one round at a time, reading and writing
        the numpy arrays through memoryviews: no copies either way, so switching costs nothing.
        """
        assert self.ptr is not None
        ptr, idx = self.ptr.data, self.idx.data  # memoryviews of the arrays themselves
        state, pending, rounds = self.state.data, self.pending.data, self.rounds.data
        todo = frontier.tolist()
        for i in todo:
            state[i], rounds[i] = IN, k
        while todo and len(todo) <= NARROW:
            nxt = []
            for i in todo:
                for j in idx[ptr[i] : ptr[i + 1]]:
                    if state[j]:
                        continue
                    state[j], rounds[j] = OUT, k
                    for m in idx[ptr[j] : ptr[j + 1]]:
                        p = pending[m] - 1
                        pending[m] = p
                        if not p and not state[m]:
                            state[m], rounds[m] = IN, k + 1
                            nxt.append(m)
            todo = nxt
            k += 1
        return np.array(todo, np.intp), k


def _radix_order(keys: Edges) -> Index:
    """A stable sorting order of keys in 0..2**32-1: two 16-bit radix passes (numpy radix-sorts 16-bit keys)."""
    order = np.argsort((keys & 0xFFFF).astype(np.uint16), kind="stable")
    high = (keys >> 16).astype(np.uint16)
    if not high.any():
        return order
    return order[np.argsort(high[order], kind="stable")]
