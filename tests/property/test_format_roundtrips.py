"""Round trips through every format, over generated small maps and scenarios (hypothesis)."""

from __future__ import annotations

import io
import json
from collections import Counter
from typing import Any

import networkx as nx
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from argmap.document import from_document, loads
from argmap.formats import document_text, read, read_framework, write
from argmap.formats.aif import aif_document
from argmap.formats.aif_reader import import_aif
from argmap.formats.iccma_export import side_table
from argmap.model import ArgumentMap, RelationKind
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
    relations = relation_records(draw, prop_ids)
    for r in relations:
        by = draw(st.lists(st.sampled_from(analyst_ids), unique=True, max_size=2)) if analyst_ids else []
        if by:
            r["by"] = by
        if draw(st.integers(0, 3)) == 0:
            r["note"] = draw(TEXT)
    return {
        "id": draw(IDS),
        "title": draw(TEXT),
        "question": draw(st.just("") | TEXT),
        "analysts": analysts,
        "sources": sources,
        "propositions": propositions,
        "relations": relations,
    }


def free(rid: str, taken: list[str]) -> str:
    while rid in taken:
        rid += "x"
    return rid


def relation_records(draw: st.DrawFn, prop_ids: list[str]) -> list[dict[str, Any]]:
    """Relations of all three shapes: linked ``from`` lists, undercuts (of undercuts too, in cycles too), excludes."""
    kinds = draw(st.lists(st.sampled_from(["support", "attack", "attack", "excludes"]), max_size=10))
    ids = [free(f"r{n}", prop_ids) for n in range(len(kinds))]  # one namespace for propositions and relations
    steps = [rid for rid, kind in zip(ids, kinds, strict=True) if kind != "excludes"]
    relations: list[dict[str, Any]] = []
    for rid, kind in zip(ids, kinds, strict=True):
        premises = draw(st.lists(st.sampled_from(prop_ids), min_size=1, max_size=3, unique=True))
        targets = [p for p in prop_ids if p not in premises or (kind == "attack" and len(premises) == 1)]
        undercuts = [t for t in steps if t != rid] if kind == "attack" else []
        if kind == "excludes":
            premises = premises[:1]
            targets = [p for p in prop_ids if p != premises[0]]
        if undercuts and (not targets or draw(st.integers(0, 2)) == 0):
            target = draw(st.sampled_from(undercuts))
        elif targets:
            target = draw(st.sampled_from(targets))
        else:  # one proposition: a lone premise attacking itself is all a step can be
            premises, target, kind = prop_ids[:1], prop_ids[0], "attack"
        single = len(premises) == 1 and (kind == "excludes" or draw(st.booleans()))  # `from: x` or `from: [x]`
        frm: str | list[str] = premises[0] if single else premises
        relations.append({"id": rid, "from": frm, "to": target, "kind": kind})
    return relations


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


def rival_attacks(m: ArgumentMap) -> bool:
    """Whether one-premise conflicts between two propositions, argued by the same analysts, could pair up otherwise.

    Without argmap's block, a CA node each way between two I-nodes reads as one ``excludes``
    (aif_reader's documented reading): two attacks that mirror each other, or an excludes beside
    another attack or excludes between the same two, cannot come back as they were written.
    """
    undercut = set(m.undercuts)
    attacks: Counter[tuple[str, str, frozenset[str]]] = Counter()
    excludes: Counter[tuple[frozenset[str], frozenset[str]]] = Counter()
    for r in m.relations.values():
        if len(r.premises) != 1 or r.target not in m.propositions or r.target == r.premises[0]:
            continue
        if r.kind is RelationKind.EXCLUDES:
            excludes[(frozenset((r.premises[0], r.target)), frozenset(r.by))] += 1
        elif r.kind is RelationKind.ATTACK and r.id not in undercut:
            attacks[(r.premises[0], r.target, frozenset(r.by))] += 1
    for a, b, by in list(attacks):
        if attacks[(b, a, by)] or excludes[(frozenset((a, b)), by)]:
            return True
    return any(n > 1 for n in excludes.values())


def shape(m: ArgumentMap, prop: dict[str, str], rel: dict[str, str]) -> set[tuple[str, tuple[str, ...], str, str]]:
    """Every relation as (id, premises in order, target, kind), ids mapped by ``prop`` and ``rel``."""
    return {
        (rel[r.id], tuple(prop[p] for p in r.premises), prop.get(r.target) or rel[r.target], str(r.kind))
        for r in m.relations.values()
    }


@settings(max_examples=80, deadline=None)
@given(evaluations())
def test_aif_without_the_argmap_block_keeps_every_shape_and_speaker(ev: Evaluation) -> None:
    assume(not rival_attacks(ev.map))
    doc = aif_document(ev)
    block = doc.pop("argmap")
    found = import_aif(json.dumps(doc), "bare.json")
    prop_of = {f"i{node}": entry["id"] for node, entry in block["propositions"].items()}
    rel_of = {f"r{node}": entry["id"] for node, entry in block["relations"].items()}
    assert sorted(prop_of[p] for p in found.map.propositions) == sorted(ev.map.propositions)
    for pid, p in found.map.propositions.items():
        assert p.text == ev.map.propositions[prop_of[pid]].text
        original = ev.map.propositions[prop_of[pid]].asserted_by
        assert [found.map.analysts[a].name for a in p.asserted_by] == [
            " ".join(ev.map.analysts[a].name.split()) for a in original
        ]
    identity = {x: x for x in [*ev.map.propositions, *ev.map.relations]}
    assert shape(found.map, prop_of, rel_of) == shape(ev.map, identity, identity)
    for r in found.map.relations.values():
        assert [found.map.analysts[a].name for a in r.by] == [
            " ".join(ev.map.analysts[a].name.split()) for a in ev.map.relations[rel_of[r.id]].by
        ]
    assert found.warnings == ()


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
    assert set(g.nodes) == set(m.propositions) | m.junctions
    assert set(g.edges(keys=True)) == set(m.graph.edges(keys=True))
    assert {n: d["label"] for n, d in g.nodes(data=True) if n in m.propositions} == labels(ev)
    assert {n: d["label"] for n, d in g.nodes(data=True) if n in m.junctions} == {
        r: str(ev.inferences[r]) for r in m.junctions
    }
    assert {n: d["kind"] for n, d in g.nodes(data=True)} == {
        **{p.id: str(p.kind) for p in m.propositions.values()},
        **{r: "junction" for r in m.junctions},
    }
    assert {d["id"]: d["kind"] for _, _, d in g.edges(data=True)} == {r.id: str(r.kind) for r in m.relations.values()}


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
