"""Grounded labelling on literature examples, rounds, and bad input."""

from __future__ import annotations

import pytest

from argmap.semantics import Label, grounded, grounded_extension, grounded_labelling


def labels_of(arguments: str, attacks: list[str]) -> dict[str, str]:
    return {a: str(label) for a, label in grounded(list(arguments), [(x[0], x[1]) for x in attacks]).items()}


def test_dung_1995_nixon_diamond_is_undecided() -> None:
    # Dung 1995, example 2: two mutually attacking arguments; grounded takes neither.
    assert labels_of("ab", ["ab", "ba"]) == {"a": "UNDEC", "b": "UNDEC"}


def test_dung_1995_reinstatement_chain() -> None:
    # a attacks b, b attacks c: a defends c.
    assert labels_of("abc", ["ab", "bc"]) == {"a": "IN", "b": "OUT", "c": "IN"}


def test_self_attacker_is_undecided_and_blocks_nothing_it_cannot_defeat() -> None:
    assert labels_of("ab", ["aa", "ab"]) == {"a": "UNDEC", "b": "UNDEC"}


def test_odd_cycle_is_undecided_and_its_attacked_targets_too() -> None:
    assert labels_of("abcd", ["ab", "bc", "ca", "cd"]) == dict.fromkeys("abcd", "UNDEC")


def test_even_cycle_broken_by_an_unattacked_attacker() -> None:
    # e attacks a in the cycle a<->b: a OUT, b IN.
    assert labels_of("abe", ["ab", "ba", "ea"]) == {"a": "OUT", "b": "IN", "e": "IN"}


def test_rounds_count_the_iterations_of_the_characteristic_function() -> None:
    lab = grounded_labelling("abcde", [("a", "b"), ("b", "c"), ("c", "d"), ("d", "e")])
    assert lab.rounds == {"a": 1, "b": 1, "c": 2, "d": 2, "e": 3}


def test_in_round_waits_for_the_last_attacker_to_go_out() -> None:
    # c is attacked by b (OUT in round 1) and d (OUT in round 2): c is IN in round 3.
    attacks = [("a", "b"), ("b", "c"), ("d", "c"), ("e", "d"), ("f", "e"), ("g", "f")]
    lab = grounded_labelling("abcdefg", attacks)
    assert (lab.rounds["b"], lab.rounds["d"]) == (1, 2)
    assert lab.labels["c"] is Label.IN and lab.rounds["c"] == 3


def test_out_round_is_the_earliest_in_attacker() -> None:
    lab = grounded_labelling("abcz", [("a", "z"), ("b", "c"), ("c", "z")])
    assert lab.rounds["z"] == 1


def test_duplicate_attacks_and_isolated_arguments() -> None:
    assert labels_of("abc", ["ab", "ab"]) == {"a": "IN", "b": "OUT", "c": "IN"}


def test_empty_framework() -> None:
    assert grounded([], []) == {}


def test_attack_on_an_unknown_argument_is_refused() -> None:
    with pytest.raises(ValueError, match="'z'"):
        grounded(["a"], [("a", "z")])


def test_grounded_extension_is_the_in_set() -> None:
    assert grounded_extension(["a", "b", "c"], [("a", "b"), ("b", "c")]) == {"a", "c"}


def test_labels_are_strings_for_json() -> None:
    assert grounded(["a"], [])["a"] == "IN"
