"""Grounded semantics against its definitions, by brute force on small frameworks."""

from __future__ import annotations

from itertools import chain, combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.semantics import Label, grounded_labelling

Framework = tuple[list[str], set[tuple[str, str]]]


@st.composite
def frameworks(draw: st.DrawFn, max_args: int = 7) -> Framework:
    args = [f"a{i}" for i in range(draw(st.integers(0, max_args)))]
    if not args:
        return args, set()
    pairs = st.tuples(st.sampled_from(args), st.sampled_from(args))
    return args, draw(st.sets(pairs, max_size=len(args) * 3))


def conflict_free(s: set[str], attacks: set[tuple[str, str]]) -> bool:
    return not any(a in s and b in s for a, b in attacks)


def defended(s: set[str], a: str, attacks: set[tuple[str, str]]) -> bool:
    return all(any((d, b) in attacks for d in s) for b, target in attacks if target == a)


def complete_extensions(args: list[str], attacks: set[tuple[str, str]]) -> list[set[str]]:
    subsets = chain.from_iterable(combinations(args, k) for k in range(len(args) + 1))
    out = []
    for subset in subsets:
        s = set(subset)
        if conflict_free(s, attacks) and s == {a for a in args if defended(s, a, attacks)}:
            out.append(s)
    return out


@settings(max_examples=300, deadline=None)
@given(frameworks())
def test_grounded_is_the_least_complete_extension(af: Framework) -> None:
    args, attacks = af
    grounded = grounded_labelling(args, attacks).extension()
    completes = complete_extensions(args, attacks)
    least = min(completes, key=len)
    assert grounded == least
    assert all(least <= c for c in completes)


@settings(max_examples=300, deadline=None)
@given(frameworks(max_args=12))
def test_in_iff_all_attackers_out_and_out_iff_some_attacker_in(af: Framework) -> None:
    args, attacks = af
    labels = grounded_labelling(args, attacks).labels
    for a in args:
        attackers = [b for b, t in attacks if t == a]
        assert (labels[a] is Label.IN) == all(labels[b] is Label.OUT for b in attackers)
        assert (labels[a] is Label.OUT) == any(labels[b] is Label.IN for b in attackers)


@settings(max_examples=200, deadline=None)
@given(frameworks(max_args=10), st.randoms(use_true_random=False))
def test_labels_and_rounds_are_invariant_under_renaming(af: Framework, rnd: object) -> None:
    args, attacks = af
    shuffled = list(args)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    rename = {a: f"x{b}" for a, b in zip(args, shuffled, strict=True)}
    before = grounded_labelling(args, attacks)
    after = grounded_labelling(list(reversed([rename[a] for a in args])), {(rename[a], rename[b]) for a, b in attacks})
    assert {rename[a]: label for a, label in before.labels.items()} == after.labels
    assert {rename[a]: r for a, r in before.rounds.items()} == after.rounds


@settings(max_examples=200, deadline=None)
@given(frameworks(max_args=10))
def test_rounds_match_iterating_the_characteristic_function(af: Framework) -> None:
    args, attacks = af
    lab = grounded_labelling(args, attacks)
    s: set[str] = set()
    k = 0
    expected: dict[str, int] = {}
    while True:
        k += 1
        attacked_by_s = {b for a, b in attacks if a in s}
        nxt = {a for a in args if all(b in attacked_by_s for b, t in attacks if t == a)}
        for a in nxt - s:
            expected.setdefault(a, k)
        for a in {b for a, b in attacks if a in nxt}:
            expected.setdefault(a, k)
        if nxt == s:
            break
        s = nxt
    assert lab.rounds == expected
