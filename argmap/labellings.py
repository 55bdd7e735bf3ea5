"""Complete, preferred and stable labellings of a small Dung framework by backtracking.

The engine of ``argmap.extensions``: arguments are ``0..k-1`` (one weakly connected piece of a
framework's undecided core, after the grounded labelling has fixed everything else), with the
attackers and targets of each. Imports nothing from argmap.

The search (after Nofal, Atkinson and Dunne 2014, "Algorithms for decision problems in argument
systems under preferred semantics", and Modgil and Caminada 2009) labels one argument at a time,
IN first, then "not IN", and propagates to a fixed point after every choice. It chooses fail-first:
a BLANK attacker of the MUST_OUT argument with the fewest of them, else the next BLANK argument in
a fixed order (breadth-first from the caller). Propagation:

* IN ``x``: its targets are OUT, its attackers MUST_OUT (they need an IN attacker of their own);
* an argument whose attackers are all OUT is IN (every extension searched for is complete);
* the one BLANK attacker left to a MUST_OUT argument is IN;
* a conflict ends the branch: an IN argument attacked by IN, a MUST_OUT argument with no attacker
  left that may still go IN, or (complete and preferred) an argument left out although every
  attacker is OUT.

"Not IN" is UNDEC under complete and preferred semantics and MUST_OUT under stable semantics (a
stable extension attacks everything it leaves out). A leaf is then a complete (or stable) labelling
and distinct leaves have distinct IN sets. Counters of BLANK and of not-OUT attackers make every
check O(1); a trail of changes undoes a branch, so the search is iterative (no recursion limit).

Preferred extensions are the leaves that are not subsets of one found before: IN is tried before
"not IN", so a strict superset of a leaf is always reached first (the first leaf is preferred). A
branch whose IN and BLANK arguments all lie in one extension already found is cut.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

BLANK, IN, OUT, MUST_OUT, UNDEC = 0, 1, 2, 3, 4
SEMANTICS = ("complete", "preferred", "stable")


def search(
    attackers: Sequence[Sequence[int]],
    targets: Sequence[Sequence[int]],
    semantics: str,
    *,
    must_in: Iterable[int] = (),
    must_not_in: Iterable[int] = (),
    order: Sequence[int] | None = None,
) -> Iterator[list[int]]:
    """Yield the IN set (ascending) of each extension of the framework under ``semantics``.

    ``must_in``/``must_not_in`` restrict the search to extensions that contain / omit those
    arguments (for preferred semantics: the preferred extensions among those that do, which are
    the preferred extensions containing them for ``must_in``, but not in general for
    ``must_not_in``). ``order`` is the order of choices (default ``0..k-1``).

    Examples
    --------
    >>> att = [[1], [0], [1]]          # a <-> b, b -> c
    >>> tgt = [[1], [0, 2], []]
    >>> list(search(att, tgt, "complete"))
    [[0, 2], [1], []]
    >>> list(search(att, tgt, "preferred")), list(search(att, tgt, "stable"))
    ([[0, 2], [1]], [[0, 2], [1]])
    """
    if semantics not in SEMANTICS:
        raise ValueError(f"unknown semantics {semantics!r}")
    preferred = semantics == "preferred"
    found: list[set[int]] = []
    for ext in _complete(attackers, targets, semantics == "stable", must_in, must_not_in, order, found):
        if preferred:
            s = set(ext)
            if any(s <= f for f in found):
                continue
            found.append(s)
        yield ext


def _complete(
    attackers: Sequence[Sequence[int]],
    targets: Sequence[Sequence[int]],
    stable: bool,
    must_in: Iterable[int],
    must_not_in: Iterable[int],
    order: Sequence[int] | None,
    found: list[set[int]],
) -> Iterator[list[int]]:
    """The leaves of the search: complete (``stable``: stable) extensions, each IN set once."""
    k = len(attackers)
    lab = [BLANK] * k
    blank_att = [len(a) for a in attackers]  # attackers still BLANK
    live_att = list(blank_att)  # attackers not OUT
    trail: list[tuple[int, int]] = []
    queue: list[int] = []  # arguments to make IN
    watch: list[int] = []  # MUST_OUT arguments with at most one BLANK attacker left (or an IN one)
    not_in = MUST_OUT if stable else UNDEC
    choices = list(range(k)) if order is None else list(order)

    def change(c: int, new: int) -> bool:
        """Relabel ``c``; False on a conflict (the counters are updated in full either way)."""
        old = lab[c]
        lab[c] = new
        trail.append((c, old))
        ok = True
        if old == BLANK:
            for t in targets[c]:
                blank_att[t] -= 1
                if blank_att[t] <= 1 and lab[t] == MUST_OUT:
                    watch.append(t)
        if new == OUT:
            for t in targets[c]:
                live_att[t] -= 1
                if live_att[t] == 0:
                    if lab[t] == BLANK:
                        queue.append(t)
                    elif lab[t] == UNDEC or lab[t] == MUST_OUT:
                        ok = False
        elif new == MUST_OUT and blank_att[c] <= 1:
            watch.append(c)
        elif new == UNDEC and live_att[c] == 0:
            ok = False
        return ok

    def propagate() -> bool:
        """Make the queued arguments IN, and the last possible defeater of a MUST_OUT argument."""
        while True:
            if queue:
                y = queue.pop()
                if lab[y] == IN:
                    continue
                if lab[y] != BLANK or not change(y, IN):
                    return False
                for t in targets[y]:
                    if lab[t] == IN:
                        return False
                    if lab[t] != OUT and not change(t, OUT):
                        return False
                for a in attackers[y]:
                    if lab[a] == IN:
                        return False
                    if (lab[a] == BLANK or lab[a] == UNDEC) and not change(a, MUST_OUT):
                        return False
            elif watch:
                t = watch.pop()
                if lab[t] != MUST_OUT:
                    continue
                if blank_att[t] == 0:
                    return False
                queue.append(next(a for a in attackers[t] if lab[a] == BLANK))
            else:
                return True

    def make_in(x: int) -> bool:
        queue.append(x)
        return propagate()

    def make_not_in(x: int) -> bool:
        if lab[x] == IN:
            return False
        if lab[x] != BLANK:
            return True
        return change(x, not_in) and propagate()

    def undo(mark: int) -> None:
        queue.clear()
        watch.clear()
        while len(trail) > mark:
            c, old = trail.pop()
            new = lab[c]
            lab[c] = old
            if old == BLANK:
                for t in targets[c]:
                    blank_att[t] += 1
            if new == OUT:
                for t in targets[c]:
                    live_att[t] += 1

    def obligation() -> int:
        """A BLANK attacker of the MUST_OUT argument with the fewest of them, or -1 if none is MUST_OUT."""
        best, fewest = -1, k + 1
        for t in range(k):
            if lab[t] == MUST_OUT and blank_att[t] < fewest:
                best, fewest = t, blank_att[t]
        if best < 0:
            return -1
        return next(a for a in attackers[best] if lab[a] == BLANK)

    def covered(x: int) -> bool:
        """Every extension without ``x`` below lies inside one already found (preferred: skip them)."""
        open_ = {i for i in range(k) if (lab[i] == IN or lab[i] == BLANK) and i != x}
        return any(open_ <= f for f in found)

    ok = all(make_in(x) for x in must_in)
    ok = ok and all(make_not_in(x) for x in must_not_in)
    for x in range(k):
        if ok and lab[x] == BLANK and x in targets[x]:
            ok = make_not_in(x)
    stack: list[tuple[int, int, int]] = []  # (trail mark, argument, position in choices)
    pos = 0
    while True:
        if ok:
            while pos < k and lab[choices[pos]] != BLANK:
                pos += 1
            if pos == k:
                yield [i for i in range(k) if lab[i] == IN]
                ok = False
                continue
            x = obligation()
            if x < 0:
                x = choices[pos]
            stack.append((len(trail), x, pos))
            ok = make_in(x)
            continue
        if not stack:
            return
        mark, x, pos = stack.pop()
        undo(mark)
        ok = not (found and covered(x)) and make_not_in(x)
