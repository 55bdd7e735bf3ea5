"""Coherent accounts of a map: the preferred (or stable, or complete) extensions of its compiled framework.

Where grounded semantics leaves rival hypotheses UNDEC, each preferred extension of the same compiled
framework is a maximal coherent position a reader could hold; a stable one also rejects everything it
does not accept (DESIGN §9). An account lists only propositions: meta-arguments of the compilation
(``unsupported(x)``, ``inf(r)``, ``not(p)``) are never shown.

The framework is split by ``argmap.extensions.Core`` into its grounded part and independent pieces of
the undecided core; each piece's extensions are listed (at most ``PIECE_CAP``) and projected onto the
propositions, so the number of accounts is an exact product without listing them all. Explanations
(why a hypothesis can be held within an account, what sets two accounts apart) are in
``argmap.account_reasons``. Imports compile, extensions, model, scenario; never Flask.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from typing import Any

from argmap.compile import Framework, compile_map
from argmap.errors import InvalidScenario
from argmap.extensions import Core, Semantics, core_of
from argmap.model import ArgumentMap
from argmap.scenario import Scenario, scenario_for

LIMIT = 64  # accounts listed at most (DESIGN §9)
PIECE_CAP = 4096  # extensions listed per piece of the undecided core before its count is given up
ACCOUNT_SEMANTICS = (Semantics.PREFERRED, Semantics.STABLE, Semantics.COMPLETE)


@dataclass(frozen=True)
class Account:
    """One coherent account: the propositions it accepts (document order) and its hypotheses."""

    accepted: tuple[str, ...]
    hypotheses: tuple[str, ...]
    extension: frozenset[str] = field(default=frozenset(), compare=False)  # meta-arguments too

    def to_dict(self) -> dict[str, Any]:
        return {"in": list(self.accepted), "hypotheses": list(self.hypotheses)}


@dataclass(frozen=True)
class Accounts:
    """The accounts of a map under a scenario and a semantics.

    ``count`` is the exact number of accounts, or None when a piece of the framework has more than
    ``PIECE_CAP`` (then ``truncated`` is true and ``count_at_least`` is a lower bound).
    """

    m: ArgumentMap
    scenario: Scenario
    semantics: Semantics
    af: Framework = field(repr=False)
    accounts: list[Account]
    credulous: list[str]
    sceptical: list[str]
    count: int | None
    count_at_least: int
    truncated: bool
    settled: frozenset[str] = frozenset()  # propositions IN in every account (the grounded verdict's IN)
    undecided: frozenset[str] = frozenset()  # arguments the grounded labelling leaves UNDEC (meta ones too)

    def to_dict(self) -> dict[str, Any]:
        """The JSON body of ``GET /api/maps/<id>/accounts`` (DESIGN §9)."""
        return {
            "semantics": str(self.semantics),
            "accounts": [a.to_dict() for a in self.accounts],
            "credulous": self.credulous,
            "sceptical": self.sceptical,
            "truncated": self.truncated,
            "count": self.count,
            "count_at_least": self.count_at_least,
            "scenario": self.scenario.to_dict(),
        }


def semantics_for(value: str | None) -> Semantics:
    """The account semantics named ``value`` (default preferred); InvalidScenario (400, exit 2) otherwise."""
    if value is None or value == "":
        return Semantics.PREFERRED
    try:
        sem = Semantics(value)
    except ValueError:
        sem = None
    if sem not in ACCOUNT_SEMANTICS:
        known = ", ".join(s.value for s in ACCOUNT_SEMANTICS)
        raise InvalidScenario(f"Unknown semantics {value!r}; use one of: {known}.")
    assert sem is not None
    return sem


def accounts(
    m: ArgumentMap,
    off: object = None,
    distrust: object = None,
    support: object = None,
    *,
    semantics: str = "preferred",
    limit: int = LIMIT,
    scenario: Scenario | None = None,
) -> Accounts:
    """Return the coherent accounts of ``m`` under a scenario.

    Parameters
    ----------
    m : ArgumentMap
        The map.
    off, distrust, support
        The scenario, as for ``argmap.evaluate`` (or pass ``scenario=``).
    semantics : str
        ``preferred`` (default: maximal coherent positions), ``stable`` or ``complete``.
    limit : int
        Accounts listed at most; ``truncated`` says when there are more.

    Returns
    -------
    Accounts
        ``accounts`` (each its accepted propositions and hypotheses), ``credulous`` (hypotheses in
        some account), ``sceptical`` (in every account; with no account at all, none), ``count``.

    Examples
    --------
    >>> from argmap.document import from_document
    >>> m = from_document({"id": "m", "title": "t", "propositions": [
    ...     {"id": "h1", "text": "Ukraine did it", "kind": "hypothesis"},
    ...     {"id": "h2", "text": "Russia staged it", "kind": "hypothesis"}],
    ...     "relations": [{"id": "r1", "from": "h1", "to": "h2", "kind": "attack"},
    ...                   {"id": "r2", "from": "h2", "to": "h1", "kind": "attack"}]})
    >>> result = accounts(m, support="abstract")
    >>> [a.hypotheses for a in result.accounts], result.credulous, result.sceptical, result.count
    ([('h1',), ('h2',)], ['h1', 'h2'], [], 2)
    """
    sem = semantics_for(semantics)
    if scenario is None:
        scenario = scenario_for(m, off, distrust, support)  # type: ignore[arg-type]
    af = compile_map(m, scenario=scenario)
    in_map = [p for p in m.propositions if p in af.arguments]
    # Attacks sorted: the search, and so the order accounts are listed (and linked) in, never depends on hashing.
    names, core = core_of(in_map + sorted(af.arguments.difference(in_map)), sorted(af.attacks))
    props = len(in_map)  # arguments 0..props-1 are propositions, in document order
    hypotheses = set(m.hypotheses)

    lists: list[list[tuple[int, ...]]] = []  # per piece: its extensions, projected onto propositions
    full: list[dict[tuple[int, ...], list[int]]] = []  # projection -> the first extension behind it
    capped = False
    for exts, more in core.piece_extensions(sem, PIECE_CAP):
        behind: dict[tuple[int, ...], list[int]] = {}
        for ext in exts:
            behind.setdefault(tuple(i for i in ext if i < props), ext)
        lists.append(list(behind))
        full.append(behind)
        capped = capped or more
    count_at_least = math.prod(len(x) for x in lists)
    count = None if capped else count_at_least
    listed = []
    for combo in itertools.islice(itertools.product(*lists), limit):
        extension = list(core.grounded)
        for p, part in enumerate(combo):
            extension.extend(full[p][part])
        ids = tuple(names[i] for i in sorted(extension) if i < props)
        args = frozenset(names[i] for i in extension)
        listed.append(Account(ids, tuple(p for p in ids if p in hypotheses), args))

    credulous, sceptical = [], []
    if listed:
        for h in m.hypotheses:
            if h not in af.arguments:
                continue
            i = names.index(h)
            if _credulous(core, lists, i, sem, capped):
                credulous.append(h)
            if _sceptical(core, lists, i, sem, capped):
                sceptical.append(h)
    truncated = capped or count_at_least > limit
    settled = frozenset(names[i] for i in core.grounded if i < props)
    undecided = frozenset(names[i] for i in core.piece_of)
    return Accounts(
        m, scenario, sem, af, listed, credulous, sceptical, count, count_at_least, truncated, settled, undecided
    )


def _credulous(core: Core, lists: list[list[tuple[int, ...]]], i: int, sem: Semantics, capped: bool) -> bool:
    if i not in core.piece_of:
        return i in core.grounded
    p, _ = core.piece_of[i]
    if not capped:
        return any(i in ext for ext in lists[p])
    return core.is_credulous(i, sem)


def _sceptical(core: Core, lists: list[list[tuple[int, ...]]], i: int, sem: Semantics, capped: bool) -> bool:
    if i not in core.piece_of:
        return i in core.grounded
    p, _ = core.piece_of[i]
    if not capped:
        return all(i in ext for ext in lists[p])
    return core.is_sceptical(i, sem)
