"""argmap.solver against the simple algorithm and the reference readers, on random frameworks and files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap.solver.rounds as rounds_module
from argmap import formats
from argmap.errors import FormatError
from argmap.semantics import grounded_labelling
from argmap.solver import read_framework, solve_file
from argmap.solver.rounds import grounded_rounds

STRATEGIES: list[dict[str, object]] = [
    {"USE_ORDER": False, "SORT_STEP": float("inf")},
    {"SORT_STEP": 0.0, "NARROW": 0},
    {"SORT_STEP": 0.0, "NARROW": 10**9},
    {"SORT_STEP": 0.0, "NARROW": 2},
    {},
]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

Framework = tuple[int, list[tuple[int, int]]]


@st.composite
def frameworks(draw: st.DrawFn, max_args: int = 30) -> Framework:
    """Any framework: self-attacks, repeated attacks and isolated arguments included, in any order."""
    n = draw(st.integers(0, max_args))
    if n == 0:
        return 0, []
    arg = st.integers(0, n - 1)
    attacks = draw(st.lists(st.tuples(arg, arg), max_size=3 * n))
    if draw(st.booleans()):  # a chain through everything: deep, narrow rounds
        attacks += [(i, i + 1) for i in range(n - 1)]
    if draw(st.booleans()):
        attacks.sort()
    return n, attacks


@pytest.mark.parametrize("costs", STRATEGIES, ids=["wide", "adjacency", "narrow", "mixed", "default"])
@SETTINGS
@given(af=frameworks())
def test_labels_and_rounds_are_the_simple_algorithm_s(
    af: Framework, costs: dict[str, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in costs.items():
        monkeypatch.setattr(rounds_module, name, value)
    n, attacks = af
    src = np.array([a for a, _ in attacks], np.int32)
    dst = np.array([b for _, b in attacks], np.int32)
    labels, rounds = grounded_rounds(n, src, dst)
    lab = grounded_labelling([str(i) for i in range(n)], [(str(a), str(b)) for a, b in attacks])
    code = {"UNDEC": 0, "IN": 1, "OUT": 2}
    assert labels.tolist() == [code[lab.labels[str(i)]] for i in range(n)]
    assert rounds.tolist() == [lab.rounds.get(str(i), 0) for i in range(n)]


@st.composite
def i23_texts(draw: st.DrawFn) -> str:
    """A valid ``p af N`` file, laid out in any of the ways the format allows."""
    n, attacks = draw(frameworks(max_args=12))
    n = max(n, 1)
    blank = st.sampled_from([" ", "  ", "\t", " \t"])
    end = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    lines = [draw(st.sampled_from(["", "# made by hand", "  # indented"])), f"p{draw(blank)}af{draw(blank)}{n}"]
    for a, b in attacks:
        lead, trail = draw(st.sampled_from(["", " "])), draw(st.sampled_from(["", " ", "\t"]))
        lines.append(f"{lead}{a + 1}{draw(blank)}{b + 1}{trail}")
        lines += draw(st.sampled_from([[], [""], ["# note: 1 2"]]))
    return end.join(lines) + draw(st.sampled_from(["", end]))


def mutate(text: str, data: st.DataObject) -> str:
    """A small edit that often breaks the file: a character changed, removed, or added."""
    if not text:
        return data.draw(st.text(max_size=5))
    i = data.draw(st.integers(0, len(text) - 1))
    new = data.draw(
        st.sampled_from(["", "0", "9", "x", " ", "\n", "#", "-", "p af 2", "\u00a0", "\x0c", "999", ")", "(", ",", "."])
    )
    return text[:i] + new + text[i + data.draw(st.integers(0, 2)) :]


def same_as_reference(path: Path, fmt: str, text: str) -> None:
    """The fast reader gives the reference reader's framework, or its very error (files are read as utf-8-sig)."""
    try:
        dung = formats.read_framework(fmt, text.removeprefix("\ufeff"), str(path))
    except FormatError as err:
        with pytest.raises(FormatError) as ours:
            read_framework(path, fmt)
        assert str(ours.value) == str(err)
        return
    af = read_framework(path, fmt)
    names = [af.prefix + str(x) for x in (af.names if af.names is not None else range(1, af.n + 1))]
    assert names == dung.arguments
    assert [(names[a], names[b]) for a, b in zip(af.src.tolist(), af.dst.tolist(), strict=True)] == dung.attacks


@SETTINGS
@given(text=i23_texts(), data=st.data())
def test_i23_files_read_as_the_reference_reads_them(tmp_path: Path, text: str, data: st.DataObject) -> None:
    path = tmp_path / "x.i23"
    for version in (text, mutate(text, data)):
        path.write_bytes(version.encode())
        same_as_reference(path, "i23", version)


@SETTINGS
@given(af=frameworks(max_args=10), data=st.data())
def test_tgf_files_read_as_the_reference_reads_them(tmp_path: Path, af: Framework, data: st.DataObject) -> None:
    n, attacks = af
    names = data.draw(
        st.sampled_from([[str(i + 1) for i in range(n)], [str(3 * i + 2) for i in range(n)], list("abcdefghij")[:n]])
    )
    text = "".join(f"{a}\n" for a in names) + "#\n" + "".join(f"{names[a]} {names[b]}\n" for a, b in attacks)
    path = tmp_path / "x.tgf"
    for version in (text, mutate(text, data)):
        path.write_bytes(version.encode())
        same_as_reference(path, "tgf", version)


@SETTINGS
@given(af=frameworks(max_args=10), data=st.data())
def test_apx_files_read_as_the_reference_reads_them(tmp_path: Path, af: Framework, data: st.DataObject) -> None:
    n, attacks = af
    prefix = data.draw(st.sampled_from(["a", "", "arg_", "x"]))
    names = [f"{prefix}{i + 1}" for i in range(n)] if data.draw(st.booleans()) else list("abcdefghij")[:n]
    text = "".join(f"arg({a}).\n" for a in names) + "".join(f"att({names[a]},{names[b]}).\n" for a, b in attacks)
    path = tmp_path / "x.apx"
    for version in (text, mutate(text, data)):
        path.write_bytes(version.encode())
        same_as_reference(path, "apx", version)


@SETTINGS
@given(af=frameworks(max_args=10))
def test_solve_file_prints_the_simple_algorithm_s_extension(tmp_path: Path, af: Framework) -> None:
    n, attacks = af
    path = tmp_path / "x.i23"
    path.write_text(f"p af {n}\n" + "".join(f"{a + 1} {b + 1}\n" for a, b in attacks))
    lab = grounded_labelling([str(i + 1) for i in range(n)], [(str(a + 1), str(b + 1)) for a, b in attacks])
    assert solve_file(path, "i23").split() == ["w", *(str(i + 1) for i in range(n) if lab.labels[str(i + 1)] == "IN")]
