"""Inputs the fuzzers found that crashed a reader or the scenario parser, kept as plain examples.

Each used to raise something other than an ArgmapError (a traceback for the user, a 500 for the
web); each must now be refused in one line that names the file and what is wrong.
"""

from __future__ import annotations

from typing import Any

import pytest

from argmap.document import loads
from argmap.errors import ArgmapError, FormatError, InvalidMap, InvalidScenario
from argmap.scenario import scenario_for, scenario_from_query

MAP = loads(
    '{"id": "m", "title": "T", "analysts": [{"id": "ann", "name": "Ann"}], '
    '"propositions": [{"id": "e1", "text": "E", "kind": "evidence"}]}',
    "m.json",
)


@pytest.mark.parametrize(
    ("text", "error", "says"),
    [
        # int() refuses numbers past 4300 digits with a bare ValueError, in JSON and in YAML.
        ('{"id": ' + "9" * 5000 + "}", FormatError, "invalid JSON: a number is too long"),
        ("id: " + "9" * 5000 + "\n", FormatError, "line 1 column 5: invalid YAML: cannot read '9999"),
        # A hex number is read, but cannot be shown in decimal in the message.
        ("id: 0x" + "f" * 5000 + "\n", InvalidMap, "id: must be a text id like 'e1', not a number too long to show"),
        # PyYAML's constructors raise ValueError/KeyError/AttributeError/IndexError on bad tagged scalars.
        ("id: m\ntitle: !!int abc\n", FormatError, "line 2 column 8: invalid YAML: cannot read 'abc' as int"),
        ("id: m\ntitle: !!float .\n", FormatError, "cannot read '.' as float"),
        ("id: m\ntitle: !!bool maybe\n", FormatError, "cannot read 'maybe' as bool"),
        ("id: m\ntitle: !!timestamp 2001-13-45\n", FormatError, "cannot read '2001-13-45' as timestamp"),
        ("id: m\ntitle: !!timestamp garbage\n", FormatError, "cannot read 'garbage' as timestamp"),
        ('id: !!int ""\n', FormatError, "cannot read '' as int"),
        ("id: 0b_\n", FormatError, "cannot read '0b_' as int"),
        # PyYAML's message for a NUL byte spans two lines.
        ("id: a\x00b\n", FormatError, "invalid YAML: unacceptable character #x0000"),
        # `propositions:` with nothing after it passed the checks, then broke the map builder.
        ("id: m\ntitle: T\npropositions:\n", InvalidMap, "propositions: the map has no propositions"),
        # A lone surrogate (JSON's \ud800) loaded, then broke every UTF-8 write: export, import, the terminal.
        (
            '{"id": "m", "title": "\\ud800", "propositions": [{"id": "e", "text": "x", "kind": "evidence"}]}',
            InvalidMap,
            "title: not valid Unicode text",
        ),
        ('{"id": "m", "\\ud800": 1}', InvalidMap, r"'\ud800': unknown field"),
        # A quote of one 20,000-character "word" passed the 25-word limit.
        (
            '{"id": "m", "title": "T", "sources": [{"id": "s", "title": "S"}], "propositions": [{"id": "e", '
            '"text": "x", "kind": "evidence", "cites": [{"source": "s", "quote": "' + "x" * 20_000 + '"}]}]}',
            InvalidMap,
            "propositions[0].cites[0].quote: 20000 characters; at most 10000",
        ),
    ],
    ids=lambda value: value if isinstance(value, str) and len(value) < 30 else None,
)
def test_input_that_crashed_the_loader_is_refused_in_one_line(text: str, error: type, says: str) -> None:
    with pytest.raises(error) as caught:
        loads(text, "crash.yaml")
    assert any(message.startswith("crash.yaml: ") and says in message for message in caught.value.messages), (
        caught.value.messages
    )
    assert all("\n" not in message and len(message) < 300 for message in caught.value.messages)


def test_an_unknown_value_is_quoted_short_in_the_message() -> None:
    with pytest.raises(InvalidMap) as caught:
        loads('{"id": "m", "title": "T", "propositions": [{"id": "e", "text": "x", "kind": "' + "k" * 9000 + '"}]}')
    assert all(len(message) < 200 for message in caught.value.messages)


@pytest.mark.parametrize(
    "args",
    [
        {"off": False},  # list(False): TypeError
        {"distrust": 3},
        {"support": [["evidential"]]},  # set() of lists: TypeError
        {"support": ["deductive", ["x"]]},
        {"support": 5},
    ],
)
def test_query_values_that_crashed_the_scenario_parser_are_a_400(args: dict[str, Any]) -> None:
    with pytest.raises(InvalidScenario):
        scenario_from_query(MAP, args)


@pytest.mark.parametrize(("off", "distrust", "support"), [(None, False, None), (1.5, None, None), (None, None, [1])])
def test_values_that_crashed_scenario_for_are_a_400(off: Any, distrust: Any, support: Any) -> None:
    with pytest.raises(ArgmapError) as caught:
        scenario_for(MAP, off, distrust, support)
    assert caught.value.status == 400
