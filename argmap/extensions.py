"""Complete, preferred and stable extensions of any Dung framework: enumerate, count, decide.

A framework is argument names and ``(attacker, attacked)`` pairs, as in ``argmap.semantics``. No
map concepts live here; imports semantics and labellings only.

Method, chosen on measurements (``python -m benchmarks accounts``, ``python -m benchmarks.solver
--tasks``):

1. **Grounded first.** The grounded labelling (O(|A| + |R|)) fixes what every complete extension
   shares: its IN arguments are in all of them, its OUT arguments in none, and the complete
   labellings of the framework are exactly the grounded labels plus a complete labelling of the
   *undecided core* (the UNDEC arguments and the attacks among them). Likewise for preferred and
   stable labellings. On analysts' maps the core is a handful of rival hypotheses.
2. **Pieces.** The core splits into weakly connected pieces; the extensions of the core are the
   products of the pieces' extensions, so the count is exact (a product) without listing them,
   and a question about one argument only searches its own piece.
3. **Backtracking labelling** (``argmap.labellings``) on each piece: propagation after every
   choice, IN before "not IN", a trail to undo.

A SAT or ASP back end was measured beside this (``python -m benchmarks.tasks``: clingo 5.8 with the
ASPARTIX encodings, whole processes, 10^4 arguments, 2 shared cores). Where both finish, this search
took 0.2-1.6 times clingo's time (SE-ST, SE-PR, DC-CO, DS-ST, DS-PR on the grid, cycles, layered and
scale-free families; clingo's grounding of the attack facts dominates its side), and on cycles at
10^5 arguments it answered SE-ST, SE-PR and DC-CO in 40-60 s where clingo did not within 60 s.
Neither finishes within 30 s on random frameworks whose undecided core keeps 96 % of the arguments,
nor on a 10^5 grid; a dense ICCMA 2019 instance (438 arguments, 77,717 attacks) takes this search
about 1 s for EE-ST but 18 s for EE-CO. So the search stays the one back end: no runtime dependency,
one process, and maps (a few dozen undecided arguments) take well under a millisecond. DS-PR first
looks for a preferred extension with an attacker of the argument, then enumerates. clingo stays a
benchmark tool (``pip install argmap[bench]``).

Examples
--------
>>> args, atts = "abcd", [("a", "b"), ("b", "a"), ("b", "c"), ("c", "d")]
>>> [sorted(e) for e in extensions(args, atts, "preferred")]
[['a', 'c'], ['b', 'd']]
>>> is_credulous(args, atts, "c", "stable"), is_sceptical(args, atts, "c", "preferred")
(True, False)
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum

from argmap.labellings import search
from argmap.semantics import Label, grounded_labelling

UNDEC, IN, OUT = 0, 1, 2  # as argmap.solver.rounds


class Semantics(StrEnum):
    GROUNDED = "grounded"
    COMPLETE = "complete"
    PREFERRED = "preferred"
    STABLE = "stable"


def semantics_named(name: str) -> Semantics:
    """The semantics called ``name``; ValueError naming the known ones otherwise."""
    try:
        return Semantics(name)
    except ValueError:
        known = ", ".join(s.value for s in Semantics)
        raise ValueError(f"unknown semantics {name!r}; choose from {known}") from None


@dataclass(frozen=True)
class Piece:
    """One weakly connected piece of the undecided core: ``members`` (framework indices) in
    breadth-first order, and its attacks as local index lists."""

    members: list[int]
    attackers: list[list[int]]
    targets: list[list[int]]

    def search(
        self, semantics: Semantics, must_in: Iterable[int] = (), must_not_in: Iterable[int] = ()
    ) -> Iterator[list[int]]:
        """The piece's extensions as lists of framework indices."""
        members = self.members
        for ext in search(self.attackers, self.targets, str(semantics), must_in=must_in, must_not_in=must_not_in):
            yield [members[i] for i in ext]


class Core:
    """A framework over ``0..n-1`` split by its grounded labelling into what is fixed and pieces.

    Parameters
    ----------
    labels : sequence of int
        The grounded label of each argument: 0 UNDEC, 1 IN, 2 OUT.
    attacks : iterable of (int, int)
        Attacks; only those between two UNDEC arguments are used (pass only those, when many).
    grounded, undecided : list of int, optional
        The IN and the UNDEC arguments, if known (else read from ``labels``).
    """

    def __init__(
        self,
        labels: Sequence[int],
        attacks: Iterable[tuple[int, int]],
        grounded: list[int] | None = None,
        undecided: list[int] | None = None,
    ) -> None:
        self.labels = labels
        self.grounded = [i for i, x in enumerate(labels) if x == IN] if grounded is None else grounded
        if undecided is None:
            undecided = [i for i, x in enumerate(labels) if x == UNDEC]
        adjacent: dict[int, list[int]] = {i: [] for i in undecided}
        core_attacks = set()
        for a, b in attacks:
            if a in adjacent and b in adjacent and (a, b) not in core_attacks:
                core_attacks.add((a, b))
                adjacent[a].append(b)
                if a != b:
                    adjacent[b].append(a)
        self.piece_of: dict[int, tuple[int, int]] = {}  # argument -> (piece, local index)
        members_of: list[list[int]] = []
        for start in adjacent:
            if start in self.piece_of:
                continue
            p = len(members_of)
            members = [start]
            self.piece_of[start] = (p, 0)
            for x in members:  # grows while iterating: breadth-first
                for y in adjacent[x]:
                    if y not in self.piece_of:
                        self.piece_of[y] = (p, len(members))
                        members.append(y)
            members_of.append(members)
        attackers: list[list[list[int]]] = [[[] for _ in m] for m in members_of]
        targets: list[list[list[int]]] = [[[] for _ in m] for m in members_of]
        for a, b in core_attacks:
            p, i = self.piece_of[a]
            _, j = self.piece_of[b]
            attackers[p][j].append(i)
            targets[p][i].append(j)
        self.pieces = [Piece(m, attackers[p], targets[p]) for p, m in enumerate(members_of)]

    def piece_extensions(self, semantics: Semantics, cap: int | None = None) -> list[tuple[list[list[int]], bool]]:
        """For each piece: its extensions (at most ``cap``) and whether there were more."""
        out = []
        for piece in self.pieces:
            exts = list(itertools.islice(piece.search(semantics), None if cap is None else cap + 1))
            more = cap is not None and len(exts) > cap
            out.append((exts[:cap] if more else exts, more))
        return out

    def extensions(self, semantics: Semantics) -> Iterator[list[int]]:
        """Every extension (ascending indices); grounded: the one grounded extension."""
        if semantics is Semantics.GROUNDED:
            yield list(self.grounded)
            return
        lists = [list(piece.search(semantics)) for piece in self.pieces]  # each piece once
        for combo in itertools.product(*lists):
            yield sorted(itertools.chain(self.grounded, *combo))

    def one(self, semantics: Semantics) -> list[int] | None:
        """One extension (the grounded one for complete), or None (no stable extension)."""
        if semantics in (Semantics.GROUNDED, Semantics.COMPLETE):
            return list(self.grounded)
        ext = list(self.grounded)
        for piece in self.pieces:
            first = next(piece.search(semantics), None)
            if first is None:
                return None
            ext.extend(first)
        return sorted(ext)

    def witness(self, a: int, semantics: Semantics) -> list[int] | None:
        """An extension that contains ``a`` (ICCMA's certificate for DC), or None."""
        if self.labels[a] != UNDEC or semantics is Semantics.GROUNDED:
            return self.one(semantics) if self.labels[a] == IN else None
        p, i = self.piece_of[a]
        return self._with(p, next(self.pieces[p].search(semantics, must_in=[i]), None), semantics)

    def counterexample(self, a: int, semantics: Semantics) -> list[int] | None:
        """An extension without ``a`` (ICCMA's certificate for a NO to DS), or None."""
        if self.labels[a] != UNDEC or semantics in (Semantics.GROUNDED, Semantics.COMPLETE):
            return self.one(semantics) if self.labels[a] != IN else None
        p, i = self.piece_of[a]
        piece = self.pieces[p]
        if semantics is Semantics.STABLE:
            return self._with(p, next(piece.search(semantics, must_not_in=[i]), None), semantics)
        if next(piece.search(semantics, must_in=[i]), None) is None:  # in no preferred extension
            return self._with(p, next(piece.search(semantics)), semantics)
        for b in piece.attackers[i]:  # a preferred extension with an attacker of a leaves a out
            with_b = next(piece.search(semantics, must_in=[b]), None)
            if with_b is not None:
                return self._with(p, with_b, semantics)
        return self._with(p, next((e for e in piece.search(semantics) if a not in e), None), semantics)

    def _with(self, p: int, part: list[int] | None, semantics: Semantics) -> list[int] | None:
        """The grounded extension, ``part`` for piece ``p`` and (beyond complete) an extension of every
        other piece; None when ``part`` or one of those is missing."""
        if part is None:
            return None
        ext = self.grounded + part
        if semantics is not Semantics.COMPLETE:
            for q, piece in enumerate(self.pieces):
                if q != p:
                    other = next(piece.search(semantics), None)
                    if other is None:
                        return None
                    ext.extend(other)
        return sorted(ext)

    def is_credulous(self, a: int, semantics: Semantics) -> bool:
        """Is ``a`` in some extension?"""
        return self.witness(a, semantics) is not None

    def is_sceptical(self, a: int, semantics: Semantics) -> bool:
        """Is ``a`` in every extension? (True for every argument when there is none: stable.)"""
        return self.counterexample(a, semantics) is None


def core_of(arguments: Collection[str], attacks: Iterable[tuple[str, str]]) -> tuple[list[str], Core]:
    """The argument names in order and the ``Core`` of the framework over their indices."""
    names = list(dict.fromkeys(arguments))
    index = {a: i for i, a in enumerate(names)}
    pairs = list(attacks)
    try:
        edges = [(index[a], index[b]) for a, b in pairs]
    except KeyError as err:
        raise ValueError(f"an attack names {err.args[0]!r}, which is not in the framework") from None
    grounded = grounded_labelling(names, pairs).labels
    code = {Label.UNDEC: UNDEC, Label.IN: IN, Label.OUT: OUT}
    return names, Core([code[grounded[a]] for a in names], edges)


def extensions(
    arguments: Collection[str],
    attacks: Iterable[tuple[str, str]],
    semantics: str = "preferred",
    limit: int | None = None,
) -> Iterator[frozenset[str]]:
    """Yield the extensions of a Dung framework under ``semantics`` (at most ``limit`` of them).

    Parameters
    ----------
    arguments : collection of str
        The arguments.
    attacks : iterable of (str, str)
        ``(a, b)`` means *a attacks b*.
    semantics : str
        ``grounded``, ``complete``, ``preferred`` or ``stable``.
    limit : int, optional
        Stop after this many.

    Examples
    --------
    >>> [sorted(e) for e in extensions("abc", [("a", "b"), ("b", "a"), ("b", "c")], "complete")]
    [['a', 'c'], ['b'], []]
    >>> list(extensions("a", [("a", "a")], "stable"))
    []
    """
    sem = semantics_named(semantics)
    names, core = core_of(arguments, attacks)
    for ext in itertools.islice(core.extensions(sem), limit):
        yield frozenset(names[i] for i in ext)


def extension(arguments: Collection[str], attacks: Iterable[tuple[str, str]], semantics: str) -> frozenset[str] | None:
    """Return one extension, or None when there is none (only under stable semantics).

    Examples
    --------
    >>> sorted(extension("abc", [("a", "b"), ("b", "a"), ("b", "c")], "preferred") or [])
    ['a', 'c']
    """
    names, core = core_of(arguments, attacks)
    ext = core.one(semantics_named(semantics))
    return None if ext is None else frozenset(names[i] for i in ext)


def _decide(arguments: Collection[str], attacks: Iterable[tuple[str, str]], a: str) -> tuple[int, Core]:
    names, core = core_of(arguments, attacks)
    try:
        return names.index(a), core
    except ValueError:
        raise ValueError(f"argument {a!r} is not in the framework") from None


def is_credulous(arguments: Collection[str], attacks: Iterable[tuple[str, str]], a: str, semantics: str) -> bool:
    """Is ``a`` in at least one extension?

    Examples
    --------
    >>> is_credulous("ab", [("a", "b"), ("b", "a")], "b", "preferred")
    True
    """
    sem = semantics_named(semantics)
    i, core = _decide(arguments, attacks, a)
    return core.is_credulous(i, sem)


def is_sceptical(arguments: Collection[str], attacks: Iterable[tuple[str, str]], a: str, semantics: str) -> bool:
    """Is ``a`` in every extension? Under stable semantics, True when there is no extension.

    Examples
    --------
    >>> is_sceptical("abc", [("a", "b"), ("b", "a"), ("a", "c"), ("b", "c"), ("c", "c")], "c", "stable")
    False
    """
    sem = semantics_named(semantics)
    i, core = _decide(arguments, attacks, a)
    return core.is_sceptical(i, sem)
