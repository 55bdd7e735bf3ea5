"""Loading map documents: every problem reported in one pass, one line each, with its path."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from argmap.document import MAX_QUOTE_WORDS, load, loads, problems
from argmap.errors import FormatError, InvalidMap
from argmap.model import NodeKind, RelationKind

from .conftest import tiny_document


def valid() -> dict[str, Any]:
    doc = tiny_document("e1 c1 h1", "e1>c1 c1>h1 e1!h1", by={"r1": ["ann"]})
    doc["sources"] = [{"id": "s1", "title": "A source", "outlet": "Paper", "date": "2023-05-04"}]
    doc["relations"][0]["cites"] = [{"source": "s1", "quote": "a short quote"}]
    return doc


def test_a_valid_document_has_no_problems_and_loads_in_order() -> None:
    assert problems(valid()) == []
    m = loads(json.dumps(valid()), "m.json")
    assert list(m.propositions) == ["e1", "c1", "h1"]
    assert m.propositions["e1"].kind is NodeKind.EVIDENCE
    assert m.relations["r3"].kind is RelationKind.ATTACK
    assert m.relations["r1"].cites[0].quote == "a short quote"


def test_yaml_and_json_give_the_same_map(tmp_path: Path) -> None:
    import yaml

    (tmp_path / "m.yaml").write_text(yaml.safe_dump(valid()))
    (tmp_path / "m.json").write_text(json.dumps(valid()))
    assert load(tmp_path / "m.yaml").to_document() == load(tmp_path / "m.json").to_document()


def test_document_round_trips_through_to_document() -> None:
    m = loads(json.dumps(valid()))
    assert loads(json.dumps(m.to_document())).to_document() == m.to_document()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["relations"][1].update(to="h9"), "relations[1].to: no proposition 'h9'"),
        (lambda d: d["relations"][0].update(by=["zed"]), "relations[0].by[0]: no analyst 'zed'"),
        (lambda d: d["propositions"][1].update(id="e1"), "propositions[1].id: duplicate id 'e1' in propositions"),
        (lambda d: d["propositions"][0].update(kind="fact"), "propositions[0].kind: unknown kind 'fact'"),
        (lambda d: d["relations"][0].update(kind="undercut"), "relations[0].kind: unknown kind 'undercut'"),
        (lambda d: d["propositions"][2].update(id="H 1"), "propositions[2].id: 'H 1' is not a valid id"),
        (lambda d: d["propositions"][0].update(text=42), "propositions[0].text: must be text, not a number"),
        (lambda d: d["propositions"][0].pop("kind"), "propositions[0].kind: missing (required)"),
        (lambda d: d["relations"][0].update(form="e1"), "relations[0].form: unknown field"),
        (lambda d: d.update(relations={"r1": 1}), "relations: must be a list, not a mapping"),
        (lambda d: d["relations"][0]["cites"][0].update(source="s9"), "relations[0].cites[0].source: no source 's9'"),
        (
            lambda d: d["relations"][0]["cites"][0].update(quote="word " * (MAX_QUOTE_WORDS + 1)),
            f"relations[0].cites[0].quote: {MAX_QUOTE_WORDS + 1} words",
        ),
        (lambda d: d["sources"][0].update(url="javascript:alert(1)"), "sources[0].url: must start with http"),
        (lambda d: d["propositions"][1].update(asserted_by=["ann", "x"]), "propositions[1].asserted_by[1]: no analyst"),
        (lambda d: d.pop("title"), "title: missing (required)"),
        (lambda d: d.update(id=7), "id: must be a text id"),
        (lambda d: d.update(propositions=[]), "propositions: the map has no propositions"),
    ],
)
def test_each_problem_is_named_with_its_path(change: Any, expected: str) -> None:
    doc = valid()
    change(doc)
    found = problems(doc)
    assert any(p.startswith(expected) for p in found), found


def test_every_problem_is_reported_in_one_pass_with_the_file_name() -> None:
    doc = valid()
    doc["relations"][0]["to"] = "h9"
    doc["relations"][1]["kind"] = "bogus"
    doc["propositions"][0]["id"] = "E 1"
    with pytest.raises(InvalidMap) as err:
        loads(json.dumps(doc), "maps/m.json")
    assert len(err.value.messages) >= 3
    assert all(line.startswith("maps/m.json: ") for line in err.value.messages)
    assert all("\n" not in line for line in err.value.messages)


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("", "m.yaml", "m.yaml: the file is empty"),
        ("   \n", "m.json", "m.json: the file is empty"),
        ("id: [1,\n", "m.yaml", "m.yaml: line 2 column 1: invalid YAML"),
        ('{"id": "x",\n "title": }', "m.json", "m.json: line 2 column 11: invalid JSON"),
        ("a: &x [1]\nb: *x\n", "m.yaml", "aliases (*name) are not allowed"),
    ],
)
def test_syntax_errors_name_the_file_and_line(text: str, name: str, expected: str) -> None:
    with pytest.raises(FormatError) as err:
        loads(text, name)
    assert expected in str(err.value)


def test_a_document_that_is_not_a_mapping_is_refused() -> None:
    with pytest.raises(InvalidMap, match="must be a mapping"):
        loads("- a\n- b\n", "m.yaml")


def test_missing_and_undecodable_files(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="no such file"):
        load(tmp_path / "nope.yaml")
    (tmp_path / "bin.yaml").write_bytes(b"\xff\xfe\x00")
    with pytest.raises(FormatError, match="not UTF-8"):
        load(tmp_path / "bin.yaml")
    with pytest.raises(FormatError, match="is a directory"):
        load(tmp_path)


def test_yaml_dates_stay_text() -> None:
    doc = valid()
    import yaml

    m = loads(yaml.safe_dump(doc).replace("'2023-05-04'", "2023-05-04"), "m.yaml")
    assert m.sources["s1"].date == "2023-05-04"


def test_an_export_with_labels_reads_back_as_a_map() -> None:
    doc = valid()
    doc.update(labels={"e1": "IN"}, rounds={"e1": 1}, scenario={"off": []})
    assert problems(doc) == []
