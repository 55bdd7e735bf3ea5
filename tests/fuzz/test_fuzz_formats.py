"""Fuzzing every registered reader: any text ends in a usable map (or framework) or an ArgmapError.

Each map reader (``READERS``: json, yaml, aif, the ICCMA formats, whatever registers later) and
each framework reader (``FRAMEWORK_READERS``) is fed random text and valid files of its format
with random edits; ``read_any`` is fed the same with names that point at every format. Valid
files come from the writers, so a new format is fuzzed as soon as it registers.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.document import loads
from argmap.errors import ArgmapError
from argmap.formats import FRAMEWORK_READERS, READERS, WRITERS, read, read_any, read_framework, write
from argmap.model import ArgumentMap
from argmap.pipeline import evaluate
from argmap.semantics import grounded_labelling

Usable = Callable[[ArgumentMap], None]
ClearError = Callable[[ArgmapError, str], None]

# ARGMAP_FUZZ_EXAMPLES=20000 for a long hunt; the default keeps the suite fast.
FUZZ = settings(
    max_examples=int(os.environ.get("ARGMAP_FUZZ_EXAMPLES", 200)),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
BASE_TEXT = Path(__file__).with_name("base.yaml").read_text(encoding="utf-8")
BASE = loads(BASE_TEXT, "base.yaml")
# The writer whose output a reader reads, where the names differ.
WRITER_OF = {"yaml": None, "af": "iccma", "i23": "iccma"}
SUFFIX = {"json": ".json", "yaml": ".yaml", "aif": ".json", "af": ".af", "i23": ".i23", "tgf": ".tgf", "apx": ".apx"}


def valid_text(fmt: str) -> str:
    """A valid file in format ``fmt``: the base map as its writer writes it."""
    if fmt == "yaml":
        return BASE_TEXT
    if fmt in ("af", "i23", "iccma"):
        fmt = "iccma"
    if fmt not in WRITERS:
        return BASE_TEXT
    return write(fmt, evaluate(BASE))


@st.composite
def edited(draw: st.DrawFn, text: str) -> str:
    """``text`` with a few random edits: cut, duplicated, or characters replaced/inserted."""
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 40)))
        op = draw(st.sampled_from(["delete", "insert", "replace", "duplicate", "truncate"]))
        noise = draw(
            st.text(max_size=8) | st.sampled_from(["\n", "#", "%", "(", ")", ".", ",", "{", "}", '"', "0", "-1"])
        )
        if op == "delete":
            text = text[:i] + text[j:]
        elif op == "insert":
            text = text[:i] + noise + text[i:]
        elif op == "replace":
            text = text[:i] + noise + text[j:]
        elif op == "duplicate":
            text = text[:j] + text[i:j] + text[j:]
        else:
            text = text[:i]
    return text


def _map_or_error(read_it: Callable[[], ArgumentMap], name: str, usable: Usable, clear_error: ClearError) -> None:
    try:
        m = read_it()
    except ArgmapError as err:
        clear_error(err, name)
        return
    assert isinstance(m, ArgumentMap)
    usable(m)


def _framework_or_error(fmt: str, text: str, name: str, clear_error: ClearError) -> None:
    try:
        dung = read_framework(fmt, text, name)
    except ArgmapError as err:
        clear_error(err, name)
        return
    labels = grounded_labelling(dung.arguments, dung.attacks).labels
    assert set(labels) == set(dung.arguments)


@pytest.mark.parametrize("fmt", sorted(READERS))
def test_every_reader_reads_the_valid_file_it_is_fuzzed_from(fmt: str) -> None:
    text = valid_text(fmt)
    m = read(fmt, text, f"base{SUFFIX.get(fmt, '')}")
    assert m.propositions


@pytest.mark.parametrize("fmt", sorted(READERS))
@FUZZ
@given(data=st.data())
def test_every_reader_reads_or_refuses_edited_files(
    fmt: str, data: st.DataObject, usable: Usable, clear_error: ClearError
) -> None:
    name = f"fuzz{SUFFIX.get(fmt, '.txt')}"
    text = data.draw(edited(valid_text(fmt)) | st.text(max_size=200), label="text")
    _map_or_error(lambda: read(fmt, text, name), name, usable, clear_error)


@pytest.mark.parametrize("fmt", sorted(READERS))
@FUZZ
@given(value=st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["nodes", "edges", "nodeID", "type", "text", "fromID", "toID", "AIF", "argmap", "id"]),
        inner, max_size=5),
    max_leaves=15,
))  # fmt: skip
def test_every_reader_reads_or_refuses_random_json(
    fmt: str, value: Any, usable: Usable, clear_error: ClearError
) -> None:
    text = json.dumps(value)
    _map_or_error(lambda: read(fmt, text, "fuzz.json"), "fuzz.json", usable, clear_error)


@FUZZ
@given(data=st.data(), fmt=st.sampled_from(sorted(READERS)), suffix=st.sampled_from(sorted(set(SUFFIX.values()))))
def test_read_any_reads_or_refuses_whatever_the_name_says(
    data: st.DataObject, fmt: str, suffix: str, usable: Usable, clear_error: ClearError
) -> None:
    text = data.draw(edited(valid_text(fmt)), label="text")
    name = f"fuzz{suffix}"
    _map_or_error(lambda: read_any(text, name), name, usable, clear_error)


@pytest.mark.parametrize("fmt", sorted(FRAMEWORK_READERS))
@FUZZ
@given(data=st.data())
def test_every_framework_reader_reads_or_refuses_any_text(
    fmt: str, data: st.DataObject, clear_error: ClearError
) -> None:
    seed = {"tgf": "a\nb\nc\n#\na b\nb c\nc c\n", "apx": "arg(a).\narg(b).\natt(a,b).\natt(b,b).\n"}
    valid = seed.get(fmt, "p af 3\n# a comment\n1 2\n2 3\n3 3\n")
    text = data.draw(edited(valid) | st.text(max_size=200), label="text")
    _framework_or_error(fmt, text, f"fuzz.{fmt}", clear_error)


@pytest.mark.parametrize("fmt", sorted(set(READERS) & set(WRITERS)))
def test_what_a_writer_writes_its_reader_reads_back(fmt: str) -> None:
    m = read(fmt, write(fmt, evaluate(BASE)), f"again{SUFFIX.get(fmt, '')}")
    assert set(m.propositions) or fmt not in ("json", "aif")


FRAMEWORK_SEEDS = {
    "tgf": "a\nb\nc\n#\na b\nb c\nc c\n",
    "apx": "arg(a).\narg(b).\narg(c).\natt(a,b).\natt(b,c).\natt(c,c).\n",
    "i23": "p af 4\n# a comment\n1 2\n2 3\n3 3\n4 1\n",
}
FRAMEWORK_SEEDS["af"] = FRAMEWORK_SEEDS["i23"]


def _reference_answer(fmt: str, raw: bytes, name: str) -> str | None:
    """What ``argmap solve`` must print, from the reference reader and grounded_labelling; None if refused."""
    try:
        dung = read_framework(fmt, raw.decode("utf-8-sig"), name)
    except (ArgmapError, UnicodeDecodeError):
        return None
    labels = grounded_labelling(dung.arguments, dung.attacks).labels
    return " ".join(["w", *(a for a in dung.arguments if labels[a] == "IN")])


@pytest.mark.parametrize("fmt", sorted(FRAMEWORK_SEEDS))
@FUZZ
@given(data=st.data())
def test_the_fast_solver_answers_as_the_reference_or_refuses_as_it_does(
    fmt: str, data: st.DataObject, clear_error: ClearError
) -> None:
    from argmap.solver import solve_file  # `argmap solve AF`'s path (numpy readers, vectorised rounds)

    text = data.draw(edited(FRAMEWORK_SEEDS[fmt]) | st.text(max_size=120), label="text")
    raw = (
        text.encode("utf-8", "surrogateescape")
        if data.draw(st.booleans(), label="utf-8")
        else data.draw(st.binary(max_size=120), label="bytes")
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz.{fmt}"
        path.write_bytes(raw)
        expected = _reference_answer(fmt, raw, str(path))
        try:
            answer = solve_file(path, fmt)
        except ArgmapError as err:
            clear_error(err, str(path))
            assert expected is None, f"refused a file the reference reads: {err}"
            return
    assert answer.rstrip("\n") == expected
