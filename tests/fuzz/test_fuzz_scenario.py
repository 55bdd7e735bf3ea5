"""Fuzzing the scenario parser: any query string or value ends in a Scenario or an InvalidScenario.

A scenario that parses names only the map's evidence and analysts and a known support reading,
and survives its own query string (the page's URL) unchanged.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from argmap.document import load
from argmap.errors import ArgmapError, InvalidScenario
from argmap.model import ArgumentMap
from argmap.pipeline import evaluate
from argmap.scenario import Scenario, SupportMode, scenario_for, scenario_from_query

# ARGMAP_FUZZ_EXAMPLES=20000 for a long hunt; the default keeps the suite fast.
FUZZ = settings(
    max_examples=int(os.environ.get("ARGMAP_FUZZ_EXAMPLES", 300)),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
MAP = load(Path(__file__).with_name("base.yaml"))
KNOWN = [*MAP.propositions, *MAP.analysts, *(m.value for m in SupportMode)]
pieces = st.sampled_from([*KNOWN, "", ",", " ", "e9", "E1", "\x00", "\ud800", "%", "&", "=", "+", "e1,e1"]) | st.text(
    max_size=6
)
words = st.lists(pieces, max_size=4).map("".join)
keys = st.sampled_from(["off", "distrust", "support", "x", "off[]", ""])
junk = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | words,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(words, inner, max_size=2) | st.tuples(inner),
    max_leaves=6,
)


def _check(m: ArgumentMap, scenario: Scenario) -> None:
    assert scenario.off <= set(m.evidence)
    assert scenario.distrust <= set(m.analysts)
    assert isinstance(scenario.support, SupportMode)
    again = scenario_from_query(m, MultiDict(parse_qsl(scenario.to_query(), keep_blank_values=True)))
    assert again == scenario
    assert set(evaluate(m, scenario=scenario).labels) == set(m.propositions)


def _scenario_or_refused(parse: Any) -> None:
    try:
        scenario = parse()
    except InvalidScenario as err:
        assert err.status == 400 and err.messages
        assert all(message.strip() and "\n" not in message for message in err.messages)
        return
    _check(MAP, scenario)


@FUZZ
@given(pairs=st.lists(st.tuples(keys, words), max_size=6))
def test_any_query_string_gives_a_scenario_or_a_400(pairs: list[tuple[str, str]]) -> None:
    query = "&".join(f"{quote(k)}={quote(v, safe=',', errors='surrogatepass')}" for k, v in pairs)
    args = MultiDict(parse_qsl(query, keep_blank_values=True, errors="surrogateescape"))
    _scenario_or_refused(lambda: scenario_from_query(MAP, args))


@FUZZ
@given(raw=st.text(max_size=80))
def test_any_raw_query_text_gives_a_scenario_or_a_400(raw: str) -> None:
    args = MultiDict(parse_qsl(raw, keep_blank_values=True))
    _scenario_or_refused(lambda: scenario_from_query(MAP, args))


@FUZZ
@given(args=st.dictionaries(keys, junk, max_size=4))
def test_any_mapping_of_values_gives_a_scenario_or_a_400(args: dict[str, Any]) -> None:
    _scenario_or_refused(lambda: scenario_from_query(MAP, args))


@FUZZ
@given(off=junk, distrust=junk, support=junk)
def test_scenario_for_takes_any_values_or_refuses_them(off: Any, distrust: Any, support: Any) -> None:
    _scenario_or_refused(lambda: scenario_for(MAP, off, distrust, support))


@FUZZ
@given(off=st.lists(st.sampled_from(MAP.evidence)), distrust=st.lists(st.sampled_from(list(MAP.analysts))))
def test_every_scenario_of_known_ids_parses_and_round_trips(off: list[str], distrust: list[str]) -> None:
    for mode in SupportMode:
        scenario = scenario_for(MAP, ",".join(off), distrust, mode.value)
        assert scenario == Scenario(frozenset(off), frozenset(distrust), mode)
        _check(MAP, scenario)


def test_evaluate_refuses_what_the_parser_refuses() -> None:
    for kwargs in ({"off": "e9"}, {"distrust": "nobody"}, {"support": "magic"}, {"off": "h1"}):
        try:
            evaluate(MAP, **kwargs)
        except ArgmapError as err:
            assert isinstance(err, InvalidScenario)
        else:
            raise AssertionError(f"{kwargs} was accepted")


@FUZZ
@given(pairs=st.lists(st.tuples(keys, words), max_size=5), raw=st.text(max_size=40))
def test_the_diff_endpoints_scenario_strings_give_a_scenario_or_a_400(pairs: list[tuple[str, str]], raw: str) -> None:
    from argmap.analysis import parse_scenario  # /api/maps/<id>/diff?a=...&b=...

    query = "&".join(f"{quote(k)}={quote(v, safe=',', errors='surrogatepass')}" for k, v in pairs)
    for text in (query, "?" + query, raw, query + raw):
        _scenario_or_refused(lambda t=text: parse_scenario(MAP, t))
