"""Fuzzing the map loader: any text, bytes or data ends in a usable map or a clear ArgmapError.

Inputs: random text, random bytes (as a file and decoded leniently), random JSON values, YAML
built from its special tokens (anchors, tags, merges, flow), and the base map with random
mutations (values replaced, keys dropped or added, items duplicated), read as data, JSON and YAML.
"""

from __future__ import annotations

import copy
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.document import from_document, load, loads
from argmap.errors import ArgmapError
from argmap.model import ArgumentMap

Usable = Callable[[ArgumentMap], None]
ClearError = Callable[[ArgmapError, str], None]

BASE: dict[str, Any] = yaml.safe_load(Path(__file__).with_name("base.yaml").read_text(encoding="utf-8"))
# ARGMAP_FUZZ_EXAMPLES=20000 for a long hunt; the default keeps the suite fast.
FUZZ = settings(
    max_examples=int(os.environ.get("ARGMAP_FUZZ_EXAMPLES", 300)),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# Words the schema cares about, so that mutations often stay close to valid.
WORDS = [
    *("e1", "e2", "c1", "h1", "h2", "r1", "r4", "ann", "bob", "s1", "s2", "x"),
    *("evidence", "claim", "hypothesis", "support", "attack", "id", "title", "text", "kind", "from", "to"),
    *("", " ", "\x00", "\ud800", "\u202e", "\u200b", "e\u0301", "🧨", "a" * 65, "A", "-x"),
    *("https://example.org/", "javascript:alert(1)", "<img src=x onerror=alert(1)>", "two words here"),
]
FIELDS = [
    *("id", "title", "question", "description", "analysts", "sources", "propositions", "relations"),
    *("name", "affiliation", "outlet", "author", "date", "url", "file", "text", "kind", "label"),
    *("asserted_by", "cites", "source", "quote", "from", "to", "by", "note", "labels", "argmap"),
]
scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20) | st.sampled_from(WORDS)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=8), inner),
    max_leaves=12,
)


def _slots(node: Any, out: list[tuple[Any, Any]]) -> None:
    """Every (container, key) of a document, depth first."""
    if isinstance(node, dict):
        for key in list(node):
            out.append((node, key))
            _slots(node[key], out)
    elif isinstance(node, list):
        for i, item in enumerate(node):
            out.append((node, i))
            _slots(item, out)


@st.composite
def mutated_documents(draw: st.DrawFn) -> dict[str, Any]:
    doc = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 4))):
        slots: list[tuple[Any, Any]] = []
        _slots(doc, slots)
        container, key = draw(st.sampled_from(slots))
        op = draw(st.sampled_from(["replace", "word", "copy", "delete", "add", "duplicate"]))
        if op == "replace":
            container[key] = draw(json_values)
        elif op == "word":
            container[key] = draw(st.sampled_from(WORDS))
        elif op == "copy":  # another value of the map: references, texts and whole records move around
            source, other = draw(st.sampled_from(slots))
            container[key] = copy.deepcopy(source[other])
        elif op == "delete":
            del container[key]
        elif op == "add" and isinstance(container, dict):
            container[draw(st.sampled_from(FIELDS))] = draw(json_values)
        elif op == "add":
            container.insert(key, draw(json_values))
        elif isinstance(container, list):
            container.append(copy.deepcopy(container[key]))
    return doc


YAML_TOKENS = [
    *("id: m\n", "title: t\n", "propositions:\n", "- ", "  ", "{", "}", "[", "]", ",", ": ", "? ", "\n"),
    *("&a ", "*a ", "<<: ", "!!int ", "!!float ", "!!bool ", "!!timestamp ", "!!binary ", "!!set ", "!!omap "),
    *("!!python/object:os.system ", "!!python/name:os.system ", "!x ", "%YAML 1.1\n", "---\n", "...\n", "| \n"),
    *("'q'", '"\\ud800"', '"\\x00"', "0x", "0b_", "._", "+", "1:2", "2001-13-45", "~", ".nan", "9" * 20, "e1", "#c"),
]


def _loaded_or_refused(load_it: Callable[[], ArgumentMap], name: str, usable: Usable, clear_error: ClearError) -> None:
    try:
        m = load_it()
    except ArgmapError as err:
        clear_error(err, name)
        return
    usable(m)


@FUZZ
@given(text=st.text(max_size=300), fmt=st.sampled_from([None, "json", "yaml"]))
def test_any_text_loads_or_is_refused(text: str, fmt: str | None, usable: Usable, clear_error: ClearError) -> None:
    _loaded_or_refused(lambda: loads(text, "fuzz.txt", fmt), "fuzz.txt", usable, clear_error)


@FUZZ
@given(data=st.binary(max_size=300), suffix=st.sampled_from([".yaml", ".json", ".txt"]))
def test_any_file_loads_or_is_refused(data: bytes, suffix: str, usable: Usable, clear_error: ClearError) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{suffix}"
        path.write_bytes(data)
        _loaded_or_refused(lambda: load(path), str(path), usable, clear_error)
    # The same bytes decoded leniently: surrogateescape gives lone surrogates, latin-1 any code point < 256.
    for text in (data.decode("utf-8", "surrogateescape"), data.decode("latin-1")):
        _loaded_or_refused(lambda t=text: loads(t, "fuzz.txt"), "fuzz.txt", usable, clear_error)


@FUZZ
@given(value=json_values)
def test_any_json_value_loads_or_is_refused(value: Any, usable: Usable, clear_error: ClearError) -> None:
    _loaded_or_refused(lambda: from_document(value, "fuzz.json"), "fuzz.json", usable, clear_error)
    text = json.dumps(value)
    _loaded_or_refused(lambda: loads(text, "fuzz.json", "json"), "fuzz.json", usable, clear_error)


@FUZZ
@given(tokens=st.lists(st.sampled_from(YAML_TOKENS), max_size=30))
def test_yaml_made_of_special_tokens_loads_or_is_refused(
    tokens: list[str], usable: Usable, clear_error: ClearError
) -> None:
    text = "".join(tokens)
    _loaded_or_refused(lambda: loads(text, "fuzz.yaml", "yaml"), "fuzz.yaml", usable, clear_error)


@FUZZ
@given(doc=mutated_documents())
def test_mutated_maps_load_or_are_refused(doc: dict[str, Any], usable: Usable, clear_error: ClearError) -> None:
    _loaded_or_refused(lambda: from_document(doc, "fuzz.json"), "fuzz.json", usable, clear_error)
    as_json = json.dumps(doc)
    _loaded_or_refused(lambda: loads(as_json, "fuzz.json", "json"), "fuzz.json", usable, clear_error)
    try:
        as_yaml = yaml.safe_dump(doc, allow_unicode=True)
    except yaml.YAMLError:
        return  # PyYAML cannot write every string (lone surrogates); the JSON path covers them
    _loaded_or_refused(lambda: loads(as_yaml, "fuzz.yaml", "yaml"), "fuzz.yaml", usable, clear_error)


@FUZZ
@given(doc=mutated_documents())
def test_a_refused_map_names_every_problem_and_a_loaded_one_round_trips(doc: dict[str, Any]) -> None:
    try:
        m = from_document(doc, "fuzz.json")
    except ArgmapError as err:
        assert all(message.startswith("fuzz.json: ") for message in err.messages)
        return
    again = loads(json.dumps(m.to_document(), ensure_ascii=False), "again.json")
    assert again.to_document() == m.to_document()


@pytest.mark.parametrize("value", [0, 1.5, "text", [], [1, 2], None, True, {"id": "m"}])
def test_a_document_that_is_not_a_map_is_refused_in_one_line(value: Any, clear_error: ClearError) -> None:
    with pytest.raises(ArgmapError) as caught:
        loads(json.dumps(value), "not-a-map.json")
    clear_error(caught.value, "not-a-map.json")
