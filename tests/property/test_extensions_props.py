"""Complete, preferred and stable extensions against brute force over every subset of arguments."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.extensions import extension, extensions, is_credulous, is_sceptical

Framework = tuple[list[str], set[tuple[str, str]]]
SEMANTICS = ("complete", "preferred", "stable")


def brute_force(args: list[str], attacks: set[tuple[str, str]]) -> dict[str, set[frozenset[str]]]:
    """Every subset as a bitmask at once (numpy): the definitions, literally."""
    n = len(args)
    index = {a: i for i, a in enumerate(args)}
    attackers = [0] * n
    for a, b in attacks:
        attackers[index[b]] |= 1 << index[a]
    sets = np.arange(1 << n, dtype=np.int64)
    member = [(sets >> i) & 1 == 1 for i in range(n)]
    hit = [(sets & attackers[i]) != 0 for i in range(n)]  # i is attacked by the set
    defended = [np.ones(sets.size, np.bool_) for _ in range(n)]
    for i in range(n):
        for j in range(n):
            if attackers[i] >> j & 1:
                defended[i] &= hit[j]
    ok = np.ones(sets.size, np.bool_)
    for i in range(n):
        ok &= ~(member[i] & hit[i])  # conflict-free
    admissible = ok.copy()
    complete = ok.copy()
    stable = ok.copy()
    for i in range(n):
        admissible &= ~member[i] | defended[i]
        stable &= member[i] | hit[i]
    complete = admissible.copy()
    for i in range(n):
        complete &= member[i] | ~defended[i]

    def named(mask: int) -> frozenset[str]:
        return frozenset(a for i, a in enumerate(args) if mask >> i & 1)

    completes = [int(s) for s in np.flatnonzero(complete)]
    preferred = [c for c in completes if not any(c != d and c & d == c for d in completes)]
    return {
        "complete": {named(s) for s in completes},
        "preferred": {named(s) for s in preferred},
        "stable": {named(int(s)) for s in np.flatnonzero(stable)},
    }


def check(args: list[str], attacks: set[tuple[str, str]]) -> None:
    expected = brute_force(args, attacks)
    for sem in SEMANTICS:
        got = list(extensions(args, attacks, sem))
        assert len(got) == len(set(got)), f"{sem}: an extension listed twice"
        assert set(got) == expected[sem], sem
        one = extension(args, attacks, sem)
        assert (one is None) == (not expected[sem])
        assert one is None or one in expected[sem]
        for a in args:
            assert is_credulous(args, attacks, a, sem) == any(a in e for e in expected[sem]), (sem, a)
            assert is_sceptical(args, attacks, a, sem) == all(a in e for e in expected[sem]), (sem, a)
    assert extension(args, attacks, "complete") == min(expected["complete"], key=len)  # the grounded one


@pytest.mark.parametrize("n", [0, 1, 2, 3])
def test_every_framework_of_up_to_three_arguments(n: int) -> None:
    args = [f"a{i}" for i in range(n)]
    pairs = list(itertools.product(args, args))
    for bits in range(1 << len(pairs)):
        check(args, {p for k, p in enumerate(pairs) if bits >> k & 1})


@st.composite
def frameworks(draw: st.DrawFn, max_args: int) -> Framework:
    args = [f"a{i}" for i in range(draw(st.integers(1, max_args)))]
    pairs = st.tuples(st.sampled_from(args), st.sampled_from(args))
    density = draw(st.sampled_from([1, 2, 3]))
    return args, draw(st.sets(pairs, max_size=len(args) * density))


@settings(max_examples=1500, deadline=None)
@given(frameworks(max_args=8))
def test_frameworks_of_up_to_eight_arguments(af: Framework) -> None:
    check(*af)


@settings(max_examples=1000, deadline=None)
@given(frameworks(max_args=14), st.data())
def test_frameworks_of_up_to_fourteen_arguments(af: Framework, data: st.DataObject) -> None:
    args, attacks = af
    expected = brute_force(args, attacks)
    a = data.draw(st.sampled_from(args))
    for sem in SEMANTICS:
        assert set(extensions(args, attacks, sem)) == expected[sem], sem
        assert is_credulous(args, attacks, a, sem) == any(a in e for e in expected[sem]), sem
        assert is_sceptical(args, attacks, a, sem) == all(a in e for e in expected[sem]), sem
