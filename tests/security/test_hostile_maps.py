"""The hostile corpus against the loader: each file is refused in one line naming file and field, or
loads and stays usable, its text kept as text (never cleaned, never interpreted).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from argmap.cli import main
from argmap.document import MAX_BYTES, MAX_TEXT, from_document, load, loads
from argmap.errors import ArgmapError, FormatError, InvalidMap
from argmap.explain import MAX_DEPTH
from argmap.formats import WRITERS, read_any, write
from argmap.pipeline import evaluate
from argmap.scenario import SupportMode

HOSTILE = Path(__file__).resolve().parent.parent / "data" / "hostile"
EXPECTED: dict[str, str] = yaml.safe_load((HOSTILE / "refused" / "expected.yaml").read_text(encoding="utf-8"))
REFUSED = sorted(p for p in (HOSTILE / "refused").iterdir() if p.name != "expected.yaml")
ACCEPTED = sorted((HOSTILE / "accepted").iterdir())


def one_line_each(err: ArgmapError, name: str) -> list[str]:
    assert err.messages
    for message in err.messages:
        assert "\n" not in message and "\r" not in message, repr(message)
        assert message.startswith(f"{name}: "), repr(message)
        assert len(message) < 400, f"{len(message)} characters"
        message.encode("utf-8")
    return err.messages


def test_every_refused_file_says_what_its_error_must_name() -> None:
    assert sorted(EXPECTED) == [p.name for p in REFUSED]


@pytest.mark.parametrize("path", REFUSED, ids=lambda p: p.name)
def test_a_hostile_file_is_refused_in_one_line_naming_the_file_and_the_field(path: Path) -> None:
    with pytest.raises(ArgmapError) as caught:
        load(path)
    messages = one_line_each(caught.value, str(path))
    assert any(EXPECTED[path.name] in message for message in messages), messages


@pytest.mark.parametrize("path", [p for p in REFUSED if p.name != "not-utf8.yaml"], ids=lambda p: p.name)
def test_a_hostile_file_is_refused_by_the_import_reader_too(path: Path) -> None:
    with pytest.raises(ArgmapError) as caught:
        read_any(path.read_text(encoding="utf-8"), path.name)
    one_line_each(caught.value, path.name)


def test_validate_refuses_the_corpus_with_one_line_per_problem_and_no_traceback() -> None:
    result = CliRunner().invoke(main, ["validate", *map(str, REFUSED)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert len(lines) >= len(REFUSED)
    assert all(line.startswith(str(HOSTILE / "refused")) for line in lines), lines
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)


def test_no_yaml_tag_runs_code(tmp_path: Path) -> None:
    marker = Path("/tmp/argmap-pwned")
    marker.unlink(missing_ok=True)
    with pytest.raises(FormatError):
        load(HOSTILE / "refused" / "yaml-python-object.yaml")
    assert not marker.exists()


def test_an_alias_bomb_is_refused_at_once() -> None:
    started = time.perf_counter()
    with pytest.raises(FormatError, match="aliases"):
        load(HOSTILE / "refused" / "yaml-billion-laughs.yaml")
    assert time.perf_counter() - started < 5  # refused while parsing, never expanded


@pytest.mark.parametrize("path", ACCEPTED, ids=lambda p: p.name)
def test_an_accepted_hostile_file_loads_and_stays_usable(path: Path) -> None:
    m = read_any(path.read_text(encoding="utf-8"), path.name)
    for mode in SupportMode:
        result = evaluate(m, support=mode)
        assert set(result.labels) == set(m.propositions)
        for prop in m.propositions:
            json.dumps(result.explain(prop), ensure_ascii=False).encode("utf-8")
    for fmt in WRITERS:
        write(fmt, evaluate(m)).encode("utf-8")


def test_unicode_edge_cases_are_kept_exactly_as_written() -> None:
    path = HOSTILE / "accepted" / "unicode.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    m = load(path)
    assert m.title == raw["title"] and "\u202e" in m.title
    assert m.propositions["e4"].text == raw["propositions"][3]["text"] and "\x00" in m.propositions["e4"].text
    assert m.propositions["e1"].cites[0].quote == raw["propositions"][0]["cites"][0]["quote"]
    exported = json.loads(write("json", evaluate(m)))
    assert exported["propositions"][2]["text"] == raw["propositions"][2]["text"]  # U+2028, </script>


def test_cycles_and_self_attacks_load_and_stay_open() -> None:
    result = evaluate(load(HOSTILE / "accepted" / "cycles.yaml"))
    assert result.labels["e1"] == "UNDEC"  # evidence that attacks itself
    assert {result.labels[c] for c in ("c1", "c2", "c3")} == {"UNDEC"}  # odd cycle
    assert result.labels["h1"] == result.labels["h2"] == "UNDEC"  # even cycle
    assert result.labels["h3"] == "OUT" and result.labels["e2"] == "IN"


def test_every_payload_is_kept_as_text_in_every_field(hostile_documents: Callable[[str], dict[str, Any]]) -> None:
    doc = hostile_documents("hostile")
    m = from_document(doc, "hostile.json")
    assert m.to_document() == doc
    again = loads(write("json", evaluate(m)), "again.json")
    assert again.to_document() == doc


@pytest.mark.parametrize("field", ["title", "question", "description"])
def test_text_longer_than_the_limit_is_refused_naming_the_field(field: str) -> None:
    doc = {"id": "big", "title": "T", "propositions": [{"id": "e1", "text": "E", "kind": "evidence"}]}
    doc[field] = "x" * (MAX_TEXT + 1)
    with pytest.raises(InvalidMap) as caught:
        from_document(doc, "big.json")
    assert caught.value.messages == [f"big.json: {field}: {MAX_TEXT + 1} characters; at most {MAX_TEXT}"]


def test_a_proposition_of_exactly_the_limit_loads() -> None:
    doc = {"id": "big", "title": "T", "propositions": [{"id": "e1", "text": "y" * MAX_TEXT, "kind": "evidence"}]}
    assert len(from_document(doc).propositions["e1"].text) == MAX_TEXT


def test_a_file_over_the_size_limit_is_refused_before_parsing() -> None:
    with pytest.raises(FormatError, match=r"^huge\.yaml: the file is \d+ bytes; the limit is"):
        loads("#" * (MAX_BYTES + 1), "huge.yaml")


@pytest.mark.parametrize("depth", [10_000, 100_000])
@pytest.mark.parametrize(("opening", "fmt"), [("[", "json"), ('{"a":', "json"), ("[", "yaml"), ("- ", "yaml")])
def test_deep_nesting_is_refused(depth: int, opening: str, fmt: str) -> None:
    with pytest.raises(FormatError, match="nested too deeply|invalid"):
        loads(opening * depth, f"deep.{fmt}", fmt)


def big_map(n: int) -> dict[str, Any]:
    """``n`` propositions: evidence pairs supporting claims, claims supporting one of 10 rival hypotheses."""
    pairs = (n - 10) // 2
    props = [{"id": f"e{i}", "text": f"Evidence {i}", "kind": "evidence"} for i in range(pairs)]
    props += [{"id": f"c{i}", "text": f"Claim {i}", "kind": "claim"} for i in range(pairs)]
    props += [{"id": f"h{i}", "text": f"Hypothesis {i}", "kind": "hypothesis"} for i in range(10)]
    rels = [{"id": f"s{i}", "from": f"e{i}", "to": f"c{i}", "kind": "support"} for i in range(pairs)]
    rels += [{"id": f"t{i}", "from": f"c{i}", "to": f"h{i % 10}", "kind": "support"} for i in range(pairs)]
    rels += [{"id": f"x{i}", "from": f"h{i}", "to": f"h{(i + 1) % 10}", "kind": "attack"} for i in range(10)]
    return {"id": "big", "title": "A hundred thousand propositions", "propositions": props, "relations": rels}


def test_a_map_of_a_hundred_thousand_propositions_loads_and_evaluates() -> None:
    doc = big_map(100_000)
    m = loads(json.dumps(doc), "big.json")
    assert len(m.propositions) == 100_000
    result = evaluate(m, off=["e0"])
    assert result.labels["c0"] == "OUT" and result.labels["c1"] == "IN"
    assert set(result.labels.values()) <= {"IN", "OUT", "UNDEC", "OFF"}
    json.dumps(result.to_dict())
    json.dumps(result.explain("h0"))


def chain_map(n: int) -> dict[str, Any]:
    props = [{"id": "e0", "text": "E", "kind": "evidence"}] + [
        {"id": f"c{i}", "text": f"Claim {i}", "kind": "claim"} for i in range(1, n)
    ]
    rels = [
        {"id": f"r{i}", "from": f"c{i - 1}" if i > 1 else "e0", "to": f"c{i}", "kind": "support"} for i in range(1, n)
    ]
    return {"id": "chain", "title": "A long chain", "propositions": props, "relations": rels}


def test_a_long_support_chain_is_explained_to_a_bounded_depth() -> None:
    # A chain of 400 supports used to overflow Python's stack in explain (a 500 on the page and API).
    result = evaluate(from_document(chain_map(2_000)))
    tree = result.explain("c1999")
    depth, node = 0, tree
    while node["steps"]:
        node, depth = node["steps"][0]["node"], depth + 1
    assert depth == MAX_DEPTH and node["truncated"] is True and "explain c1899" in node["reason"]
    json.dumps(tree)
    assert len(result.describe("c1999")) > MAX_DEPTH
