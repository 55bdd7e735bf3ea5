"""Round trips through every format, over generated small maps and scenarios (hypothesis)."""

from __future__ import annotations

import io
import json
from typing import Any

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.document import from_document, loads
from argmap.formats import document_text, read, read_framework, write
from argmap.formats.aif import aif_document
from argmap.formats.aif_reader import import_aif
from argmap.formats.iccma_export import side_table
from argmap.model import ArgumentMap
from argmap.pipeline import Evaluation, evaluate
from argmap.semantics import grounded_extension

# Text as users write it: any letters, quotes, markup and escapes, line breaks; no C0 controls or surrogates.
TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")) | st.sampled_from('"\\<>&{}[];\n\t'),
    min_size=1,
    max_size=24,
).filter(str.strip)
IDS = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,6}", fullmatch=True)
KINDS = st.sampled_from(["evidence", "claim", "hypothesis"])


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    analysts = [{"id": aid, "name": draw(TEXT)} for aid in draw(st.lists(IDS, max_size=3, unique=True).map(sorted))]
    analyst_ids = [a["id"] for a in analysts]
    sources = [{"id": "s1", "title": "A source"}]
    prop_ids = draw(st.lists(IDS, min_size=1, max_size=7, unique=True))
    propositions: list[dict[str, Any]] = []
    for pid in prop_ids:
        p: dict[str, Any] = {"id": pid, "text": draw(TEXT), "kind": draw(KINDS)}
        if draw(st.booleans()):
            p["label"] = draw(TEXT)
        asserted = draw(st.lists(st.sampled_from(analyst_ids), unique=True, max_size=2)) if analyst_ids else []
        if asserted:
            p["asserted_by"] = asserted
        if draw(st.integers(0, 4)) == 0:
            p["cites"] = [{"source": "s1", "quote": "a short quote"}]
        propositions.append(p)
    relations: list[dict[str, Any]] = []
    for n in range(draw(st.integers(0, 10))):
        rid = f"r{n}"
        while rid in prop_ids:  # propositions and relations share one namespace
            rid += "x"
        r: dict[str, Any] = {
            "id": rid,
            "from": draw(st.sampled_from(prop_ids)),
            "to": draw(st.sampled_from(prop_ids)),
            "kind": draw(st.sampled_from(["support", "attack"])),
        }
        if r["from"] == r["to"]:
            r["kind"] = "attack"  # only a lone premise attacking itself may be its own target
        by = draw(st.lists(st.sampled_from(analyst_ids), unique=True, max_size=2)) if analyst_ids else []
        if by:
            r["by"] = by
        if draw(st.integers(0, 3)) == 0:
            r["note"] = draw(TEXT)
        relations.append(r)
    return {
        "id": draw(IDS),
        "title": draw(TEXT),
        "question": draw(st.just("") | TEXT),
        "analysts": analysts,
        "sources": sources,
        "propositions": propositions,
        "relations": relations,
    }


@st.composite
def evaluations(draw: st.DrawFn) -> Evaluation:
    m = from_document(draw(documents()), "generated.yaml")
    off = draw(st.sets(st.sampled_from(m.evidence))) if m.evidence else set()
    distrust = draw(st.sets(st.sampled_from(list(m.analysts)))) if m.analysts else set()
    support = draw(st.sampled_from(["evidential", "deductive", "abstract"]))
    return evaluate(m, off=off, distrust=distrust, support=support)


def by_id(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in items}


def same_map(a: ArgumentMap, b: ArgumentMap) -> None:
    before, after = a.to_document(), b.to_document()
    assert [after[k] for k in ("id", "title", "question")] == [before[k] for k in ("id", "title", "question")]
    for key in ("analysts", "sources", "propositions", "relations"):
        assert by_id(after[key]) == by_id(before[key]), key


def labels(ev: Evaluation) -> dict[str, str]:
    return {p: str(label) for p, label in ev.labels.items()}


@settings(max_examples=60, deadline=None)
@given(evaluations())
def test_argmap_json_to_argmap_json_is_identical(ev: Evaluation) -> None:
    text = write("json", ev)
    again = read("json", text, "again.json")
    assert write("json", evaluate(again, scenario=ev.scenario)) == text


@settings(max_examples=40, deadline=None)
@given(evaluations())
def test_the_imported_yaml_and_json_documents_load_back_the_same(ev: Evaluation) -> None:
    for fmt in ("yaml", "json"):
        assert loads(document_text(ev.map, fmt), f"m.{fmt}", fmt).to_document() == ev.map.to_document()


@settings(max_examples=60, deadline=None)
@given(evaluations())
def test_a_map_survives_aif_with_its_labels(ev: Evaluation) -> None:
    again = read("aif", write("aif", ev), f"{ev.map.id}.aif.json")
    same_map(ev.map, again)
    assert labels(evaluate(again, scenario=ev.scenario)) == labels(ev)


@settings(max_examples=60, deadline=None)
@given(evaluations())
def test_aif_without_the_argmap_block_keeps_ends_kinds_and_speakers(ev: Evaluation) -> None:
    doc = aif_document(ev)
    block = doc.pop("argmap")
    found = import_aif(json.dumps(doc), "bare.json").map
    prop_of = {f"i{node}": entry["id"] for node, entry in block["propositions"].items()}
    assert sorted(prop_of[p] for p in found.propositions) == sorted(ev.map.propositions)
    for pid, p in found.propositions.items():
        assert p.text == ev.map.propositions[prop_of[pid]].text
        original = ev.map.propositions[prop_of[pid]].asserted_by
        assert [found.analysts[a].name for a in p.asserted_by] == [
            " ".join(ev.map.analysts[a].name.split()) for a in original
        ]
    ends = sorted((prop_of[r.premises[0]], prop_of[r.target], str(r.kind)) for r in found.relations.values())
    assert ends == sorted((r.premises[0], r.target, str(r.kind)) for r in ev.map.relations.values())


@settings(max_examples=60, deadline=None)
@given(evaluations(), st.sampled_from(["iccma", "tgf", "apx"]))
def test_the_compiled_framework_survives_iccma(ev: Evaluation, fmt: str) -> None:
    dung = read_framework("i23" if fmt == "iccma" else fmt, write(fmt, ev), f"af.{fmt}")
    table = side_table(fmt, ev)
    assert {table["arguments"][a] for a in dung.arguments} == set(ev.framework.arguments)
    assert {(table["arguments"][a], table["arguments"][b]) for a, b in dung.attacks} == set(ev.framework.attacks)
    solved = {table["arguments"][a] for a in grounded_extension(dung.arguments, dung.attacks)}
    assert solved == {a for a, label in ev.all_labels.items() if label == "IN"}


@settings(max_examples=60, deadline=None)
@given(evaluations())
def test_graphml_loads_in_networkx_with_the_same_nodes_edges_and_labels(ev: Evaluation) -> None:
    g = nx.read_graphml(io.BytesIO(write("graphml", ev).encode()), force_multigraph=True)
    m = ev.map
    assert set(g.nodes) == set(m.propositions)
    assert {(a, b, k) for a, b, k in g.edges(keys=True)} == {
        (r.premises[0], r.target, r.id) for r in m.relations.values()
    }
    assert {n: d["label"] for n, d in g.nodes(data=True)} == labels(ev)
    assert {n: d["kind"] for n, d in g.nodes(data=True)} == {p.id: str(p.kind) for p in m.propositions.values()}
    assert {k: d["kind"] for _, _, k, d in g.edges(keys=True, data=True)} == {
        r.id: str(r.kind) for r in m.relations.values()
    }


@settings(max_examples=40, deadline=None)
@given(evaluations())
def test_every_writer_is_deterministic(ev: Evaluation) -> None:
    doc = ev.map.to_document()
    doc["propositions"].reverse()
    doc["relations"].reverse()
    shuffled = evaluate(from_document(doc), scenario=ev.scenario)
    for fmt in ("aif", "iccma", "tgf", "apx", "graphml", "dot"):
        assert write(fmt, ev) == write(fmt, shuffled), fmt


ANY_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=30).filter(str.strip)


@settings(max_examples=200, deadline=None)
@given(ANY_TEXT, ANY_TEXT)
def test_argmap_import_writes_any_text_so_that_it_loads_back(text: str, name: str) -> None:
    m = from_document(
        {
            "id": "m",
            "title": name,
            "analysts": [{"id": "a", "name": name}],
            "propositions": [{"id": "p", "text": text, "kind": "claim", "asserted_by": ["a"]}],
        }
    )
    for fmt in ("yaml", "json"):
        assert loads(document_text(m, fmt), f"m.{fmt}", fmt).to_document() == m.to_document()


def test_a_next_line_character_survives_yaml() -> None:
    m = from_document({"id": "m", "title": "0\x85", "propositions": [{"id": "p", "text": "a\u2028b", "kind": "claim"}]})
    assert loads(document_text(m, "yaml"), "m.yaml", "yaml").to_document() == m.to_document()
