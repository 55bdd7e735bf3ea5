"""The fast ICCMA path (argmap.solver): reading bytes with numpy, the three kinds of round, printing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

import argmap.solver.rounds as rounds_module
from argmap import formats
from argmap.errors import FormatError
from argmap.formats import iccma
from argmap.semantics import grounded_labelling
from argmap.solver import FRAMEWORK_SUFFIXES, _join_numbers, read_framework, solve_file
from argmap.solver.reading import MAX_ARGUMENTS, Irregular, apx_arrays, i23_arrays, padded, tgf_arrays
from argmap.solver.rounds import _radix_order, grounded_rounds

# Settings that force each way of running rounds: gathers over all attacks only, adjacency lists only,
# plain Python only, and Python for frontiers of at most two arguments (switching back and forth).
STRATEGIES: dict[str, dict[str, object]] = {
    "wide": {"USE_ORDER": False, "SORT_STEP": float("inf")},
    "adjacency": {"SORT_STEP": 0.0, "NARROW": 0},
    "narrow": {"SORT_STEP": 0.0, "NARROW": 10**9},
    "mixed": {"SORT_STEP": 0.0, "NARROW": 2},
}


@pytest.fixture(params=list(STRATEGIES))
def strategy(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    for name, value in STRATEGIES[request.param].items():
        monkeypatch.setattr(rounds_module, name, value)
    yield request.param


def reference(n: int, attacks: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Labels (0 UNDEC, 1 IN, 2 OUT) and rounds from argmap.semantics, the simple algorithm."""
    lab = grounded_labelling([str(i) for i in range(n)], [(str(a), str(b)) for a, b in attacks])
    code = {"UNDEC": 0, "IN": 1, "OUT": 2}
    return [code[lab.labels[str(i)]] for i in range(n)], [lab.rounds.get(str(i), 0) for i in range(n)]


def fast(n: int, attacks: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    src = np.array([a for a, _ in attacks], np.int32)
    dst = np.array([b for _, b in attacks], np.int32)
    labels, rounds = grounded_rounds(n, src, dst)
    return labels.tolist(), rounds.tolist()


FRAMEWORKS = {
    "empty": (0, []),
    "isolated": (3, []),
    "chain": (7, [(i, i + 1) for i in range(6)]),
    "opened cycle": (6, [(0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (5, 1)]),
    "even cycle": (4, [(0, 1), (1, 2), (2, 3), (3, 0)]),
    "self-attack feeding a chain": (4, [(0, 0), (0, 1), (1, 2), (3, 2)]),
    "duplicates": (3, [(0, 1), (0, 1), (1, 2), (1, 2), (2, 2)]),
    "unsorted": (6, [(5, 4), (0, 1), (4, 3), (1, 2), (3, 2), (2, 5)]),
    "wide then deep": (12, [(0, 2), (1, 3), (2, 4), (3, 4), *((i, i + 1) for i in range(4, 11))]),
}


@pytest.mark.parametrize("case", list(FRAMEWORKS))
def test_labels_and_rounds_equal_the_simple_algorithm(case: str, strategy: str) -> None:
    n, attacks = FRAMEWORKS[case]
    assert fast(n, attacks) == reference(n, attacks)


def test_a_chain_alternates_in_and_out_one_round_at_a_time(strategy: str) -> None:
    labels, rounds = fast(9, [(i, i + 1) for i in range(8)])
    assert labels == [1, 2] * 4 + [1]
    assert rounds == [1, 1, 2, 2, 3, 3, 4, 4, 5]


def test_a_long_shuffled_chain_goes_through_every_kind_of_round() -> None:
    # 20 000 arguments in random order: gathers first, then adjacency lists and plain Python.
    n = 20_000
    perm = np.random.default_rng(7).permutation(n).astype(np.int32)
    src, dst = perm[:-1].copy(), perm[1:].copy()
    order = np.random.default_rng(8).permutation(n - 1)
    labels, rounds = grounded_rounds(n, src[order], dst[order])
    position = np.empty(n, np.int64)
    position[perm] = np.arange(n)
    assert (labels[perm] == np.where(np.arange(n) % 2 == 0, 1, 2)).all()
    assert (rounds == position // 2 + 1).all()


def test_radix_order_is_a_stable_sort() -> None:
    keys = np.random.default_rng(3).integers(0, 3_000_000, 10_000).astype(np.int32)
    assert (_radix_order(keys) == np.argsort(keys, kind="stable")).all()
    small = keys % 1000
    assert (_radix_order(small) == np.argsort(small, kind="stable")).all()


@pytest.mark.parametrize(
    "text",
    [
        "p af 3\n1 2\n2 3\n",
        "p af 3\n1 2\n2 3",  # no final newline
        "# made by hand\n\np af 3\n  1 2  \n\n2\t3\n# the end\n",
        "p af 3\r\n1 2\r\n2 3\r\n",
        "p af 3\r1 2\r2 3\r",
        "p  af\t3\n1   2\n",
        "p af 3\n",
        "p af 12345\n12345 1\n",
        "p af 3\n00000003 1\n",  # eight digits: one 8-byte load
    ],
)
def test_the_fast_reader_reads_what_the_reference_reads(text: str) -> None:
    buf = padded(text.encode())
    n, src, dst = i23_arrays(buf, len(text.encode()))
    dung = formats.read_framework("i23", text, "x.i23")
    assert [str(i + 1) for i in range(n)] == dung.arguments
    assert [(str(a + 1), str(b + 1)) for a, b in zip(src.tolist(), dst.tolist(), strict=True)] == dung.attacks


@pytest.mark.parametrize(
    "text",
    [
        "",  # no header
        "1 2\n",
        "p af 3\n1 7\n",  # out of range
        "p af 3\n0 1\n",
        "p af 3\n1 2 3\n",  # three numbers
        "p af 3\n1\n",
        "p af 3\n1 x\n",
        "p af 3\n1 2 # why\n",
        "p af 3\n000000003 1\n",  # nine digits
        "p af 10000001\n",  # more than the reference reader takes
        "\ufeffp af 3\n1 2\n",
        "p af 3\n1\u00a02\n",
        "p af 3\n1 2\x0c2 3\n",
    ],
)
def test_other_shapes_are_left_to_the_reference_reader(text: str) -> None:
    raw = text.encode()
    with pytest.raises(Irregular):
        i23_arrays(padded(raw), len(raw))


@pytest.mark.parametrize(
    ("text", "names", "attacks"),
    [
        ("1\n2\n3\n#\n1 2\n2 3\n", [1, 2, 3], [(0, 1), (1, 2)]),
        ("3\n1\n3\n#\n3 1\n", [3, 1], [(0, 1)]),  # a repeat keeps the first place
        ("10\n2\n#\n", [10, 2], []),
        ("#\n", [], []),
    ],
)
def test_numeric_tgf_reads_with_numpy(text: str, names: list[int], attacks: list[tuple[int, int]]) -> None:
    raw = text.encode()
    got_names, src, dst = tgf_arrays(padded(raw), len(raw))
    assert got_names.tolist() == names
    assert list(zip(src.tolist(), dst.tolist(), strict=True)) == attacks


@pytest.mark.parametrize("text", ["a\nb\n#\na b\n", "01\n1\n#\n01 1\n", "1 first\n2\n#\n1 2\n", "1\n#\n1 2\n", "1\n"])
def test_tgf_of_other_names_is_left_to_the_reference_reader(text: str) -> None:
    raw = text.encode()
    with pytest.raises(Irregular):
        tgf_arrays(padded(raw), len(raw))


@pytest.mark.parametrize(
    ("text", "prefix", "names", "attacks"),
    [
        ("arg(a1).\narg(a2).\natt(a1,a2).\natt(a2,a2).\n", b"a", [1, 2], [(0, 1), (1, 1)]),
        ("arg(x_7).\narg(x_3).\narg(x_7).\natt(x_3,x_7).", b"x_", [7, 3], [(1, 0)]),
        ("arg(12).\n", b"", [12], []),
    ],
)
def test_apx_of_numbered_names_reads_with_numpy(
    text: str, prefix: bytes, names: list[int], attacks: list[tuple[int, int]]
) -> None:
    raw = text.encode()
    got_prefix, got_names, src, dst = apx_arrays(padded(raw), len(raw))
    assert (got_prefix, got_names.tolist()) == (prefix, names)
    assert list(zip(src.tolist(), dst.tolist(), strict=True)) == attacks


@pytest.mark.parametrize(
    "text",
    [
        "arg(a1). arg(a2).\n",  # two facts a line
        "arg(a1).arg(a2).\n",
        "arg(a01).\n",  # not the name a1
        "arg(a1).\natt(a1,b1).\n",  # another prefix
        "arg(a1).\natt(a1,a1,a1).\n",
        "arg(a1).\natt(a1a1).\n",
        "arg(a1).\natt(a1,a1).\narg(a2).\n",  # an argument after the attacks
        "att(a1,a1).\narg(a1).\n",
        "arg(a1).\n% a comment\n",
        "arg(a1).\natt(a1,a2).\n",  # undeclared
        "arg(a1).\n\natt(a1,a1).\n",  # a blank line
        "arg(ab1).\narg(a2).\n",
        "arg(a1)\n",
        "",
    ],
)
def test_apx_of_other_shapes_is_left_to_the_reference_reader(text: str) -> None:
    raw = text.encode()
    with pytest.raises(Irregular):
        apx_arrays(padded(raw), len(raw))


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("f.i23", "p af 5\n1 2\n2 3\n4 4\n5 4\n", "w 1 3 5"),
        ("f.af", "p af 2\n1 2\n2 1\n", "w"),
        ("f.i23", "# comment\np af 3\n2 1\n# another\n3 2\n", "w 1 3"),
        ("f.i23", "p af 3\n003 1\n", "w 2 3"),  # leading zeros count for nothing, as in int()
        ("f.tgf", "5\n3\n9\n#\n5 3\n3 9\n", "w 5 9"),
        ("f.tgf", "a\nb\nc\n#\na b\nb c\n", "w a c"),
        ("f.apx", "arg(a).\narg(b).\natt(a,b).\n", "w a"),
        ("f.apx", "arg(a1).\narg(a2).\narg(a3).\natt(a1,a2).\natt(a2,a3).\n", "w a1 a3"),
        ("f.apx", "arg(3).\narg(1).\natt(3,1).", "w 3"),
        ("f.i23", "\ufeffp af 2\n1 2\n", "w 1"),  # a byte order mark is no part of the text
    ],
)
def test_solve_file_prints_the_extension_in_file_order(tmp_path: Path, name: str, text: str, expected: str) -> None:
    path = tmp_path / name
    path.write_text(text)
    assert solve_file(path, FRAMEWORK_SUFFIXES[path.suffix]) == expected


def test_read_framework_keeps_names_as_written(tmp_path: Path) -> None:
    path = tmp_path / "x.apx"
    path.write_text("arg(b).\narg(a).\natt(a,b).\natt(a,b).\n")
    af = read_framework(path, "apx")
    assert (af.n, af.names, af.src.tolist(), af.dst.tolist()) == (2, ["b", "a"], [1, 1], [0, 0])


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: None, "no such file"),
        (lambda p: p.mkdir(), "is a directory"),
        (lambda p: p.write_bytes(b"p af 2\n1 \xff\n"), "not UTF-8 text (byte 9)"),
        (lambda p: p.write_text("p af 3\n1 2\n3 4\n"), "line 3: expected two argument numbers in 1..3, got '3 4'"),
    ],
)
def test_unreadable_files_raise_one_line_format_errors(tmp_path: Path, make: object, message: str) -> None:
    path = tmp_path / "x.i23"
    make(path)  # type: ignore[operator]
    with pytest.raises(FormatError) as err:
        solve_file(path, "i23")
    assert str(err.value).startswith(f"{path}: ") and message in str(err.value) and "\n" not in str(err.value)


def test_numbers_are_joined_as_str_would() -> None:
    values = np.array([0, 1, 9, 10, 99, 100, 9_999, 10_000, 12_345_678, 99_999_999, 100_000_000, 2**40])
    assert _join_numbers(values) == " ".join(map(str, values.tolist()))
    assert _join_numbers(np.array([], np.int64)) == ""


def test_the_suffixes_and_limits_are_the_format_registry_s() -> None:
    assert FRAMEWORK_SUFFIXES == formats.FRAMEWORK_SUFFIXES
    assert MAX_ARGUMENTS == iccma.MAX_ARGUMENTS
