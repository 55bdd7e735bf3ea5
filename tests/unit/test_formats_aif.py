"""AIF JSON: real AraucariaDB nodesets and an OVA3 file in, argmap maps out and back, malformed files refused."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from argmap.document import from_document
from argmap.errors import ArgmapError, FormatError, InvalidMap
from argmap.formats import detect, import_file, read_any, write
from argmap.formats.aif import aif_document
from argmap.formats.aif_reader import import_aif
from argmap.model import ArgumentMap, NodeKind, RelationKind
from argmap.pipeline import evaluate

DATA = Path(__file__).resolve().parent.parent / "data" / "aif"
CORPUS_FILES = sorted(DATA.glob("nodeset*.json"))


def labels(m: ArgumentMap, **scenario: Any) -> dict[str, str]:
    return {p: str(label) for p, label in evaluate(m, **scenario).labels.items()}


def small_map() -> ArgumentMap:
    return from_document(
        {
            "id": "small",
            "title": "A small map",
            "question": "Did it happen?",
            "analysts": [{"id": "ann", "name": "Ann Analyst", "affiliation": "Desk"}, {"id": "bob", "name": "Bob"}],
            "sources": [{"id": "s1", "title": "Source one"}],
            "propositions": [
                {"id": "e1", "text": "Something was seen", "kind": "evidence", "asserted_by": ["bob"]},
                {"id": "e2", "text": "Something else was said", "kind": "evidence"},
                {"id": "c1", "text": "So it is likely", "kind": "claim", "label": "likely"},
                {"id": "h1", "text": "It happened", "kind": "hypothesis"},
                {"id": "h2", "text": "It did not happen", "kind": "hypothesis"},
            ],
            "relations": [
                {
                    "id": "r1",
                    "from": "e1",
                    "to": "c1",
                    "kind": "support",
                    "by": ["ann"],
                    "cites": [{"source": "s1", "quote": "it was seen"}],
                    "note": "a note",
                },
                {"id": "r2", "from": "c1", "to": "h1", "kind": "support", "by": ["ann", "bob"]},
                {"id": "r3", "from": "e2", "to": "h2", "kind": "support", "by": ["bob"]},
                {"id": "r4", "from": "h1", "to": "h2", "kind": "attack", "by": ["ann"]},
                {"id": "r5", "from": "h2", "to": "h1", "kind": "attack", "by": ["bob"]},
            ],
        },
        "small.yaml",
    )


def by_id(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in items}


# -- real files -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.stem)
def test_every_corpus_file_is_detected_imported_and_solved(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    raw = json.loads(text)
    assert detect(text, path.name) == "aif"
    m = read_any(text, path.name)
    assert m.id == path.stem
    i_nodes = [n for n in raw["nodes"] if n["type"] == "I"]
    assert sorted(m.propositions) == sorted(f"i{n['nodeID']}" for n in i_nodes)
    for n in i_nodes:
        assert m.propositions[f"i{n['nodeID']}"].text == n["text"]
    result = labels(m)
    assert set(result) == set(m.propositions)
    # Under the evidential reading the leaves are evidence, so the map is not trivially all OUT.
    assert "IN" in result.values()
    assert all(m.propositions[e].kind is NodeKind.EVIDENCE for e in m.propositions if not _supported(m, e))


def _supported(m: ArgumentMap, pid: str) -> bool:
    return any(r.target == pid and r.kind is RelationKind.SUPPORT for r in m.relations.values())


def test_a_linked_ra_becomes_one_linked_support() -> None:
    m = import_file(DATA / "nodeset10.json").map
    supports = {(r.id, r.premises, r.target, str(r.kind)) for r in m.relations.values()}
    assert supports == {("r281", ("i278", "i279", "i280"), "i277", "support")}
    assert m.propositions["i277"].kind is NodeKind.HYPOTHESIS
    assert {m.propositions[p].kind for p in ("i278", "i279", "i280")} == {NodeKind.EVIDENCE}
    assert labels(m)["i277"] == "IN"
    assert labels(m, off={"i279"})["i277"] == "OUT"  # one premise gone and the step fails
    assert evaluate(m, off={"i279"}).inferences == {"r281": "OFF"}


def test_linked_ras_keep_their_premises_in_edge_order() -> None:
    raw = json.loads((DATA / "nodeset137.json").read_text(encoding="utf-8"))
    m = import_file(DATA / "nodeset137.json").map
    types = {n["nodeID"]: n["type"] for n in raw["nodes"]}
    for node, kind in types.items():
        if kind != "RA":
            continue
        premises = tuple(f"i{e['fromID']}" for e in raw["edges"] if e["toID"] == node and types[e["fromID"]] == "I")
        assert m.relations[f"r{node}"].premises == premises
    assert any(r.is_linked for r in m.relations.values())


def test_a_ca_becomes_an_attack_and_speakers_become_analysts() -> None:
    m = import_file(DATA / "nodeset127.json").map
    attack = m.relations["r1187"]
    assert (attack.premises[0], attack.target, attack.kind) == ("i379", "i378", RelationKind.ATTACK)
    assert {a.name for a in m.analysts.values()} == {"VCBrown", "Speaker"}
    assert m.propositions["i378"].asserted_by == ("vcbrown",)
    assert m.propositions["i379"].asserted_by == ("speaker",)
    assert m.relations["r1188"].note == "scheme PositionToKnow"
    assert labels(m)["i378"] == "OUT"  # its attacker is supported by evidence
    assert labels(m, off={"i380"})["i378"] == "IN"  # without that evidence the attacker has no support


def test_a_long_text_is_kept_and_labelled_short() -> None:
    m = import_file(DATA / "nodeset10.json").map
    p = m.propositions["i277"]
    assert len(p.text) > 200 and p.text.startswith("every person seeking asylum")
    assert p.label is not None and len(p.label) <= 60 and p.label.endswith("…")
    assert p.text.startswith(p.label[:-1].rstrip())


def test_an_l_node_speaker_is_read_from_its_text() -> None:
    m = import_file(DATA / "nodeset118.json").map
    assert [a.name for a in m.analysts.values()] == ["Poostix"]
    assert m.propositions["i1096"].asserted_by == ("poostix",)


# -- OVA3 and the node types the corpus lacks ------------------------------------------------------------------


def test_ova3_file_with_participants_undercutter_rephrase_and_preference() -> None:
    found = import_file(DATA / "ova3-undercut.json")
    m = found.map
    assert found.fmt == "aif"
    assert {a: x.name for a, x in m.analysts.items()} == {"bob-smith": "Bob Smith", "ann-jones": "Ann Jones"}
    assert m.propositions["i2"].asserted_by == ("bob-smith",)
    # The CA attacks the RA node: an undercut of the support, not a claim standing in for the inference.
    rels = {r.id: (r.premises, r.target, str(r.kind)) for r in m.relations.values()}
    assert rels == {
        "r5": (("i2",), "i4", "support"),
        "r7": (("i6",), "r5", "attack"),
        "r9": (("i4",), "i8", "support"),
    }
    assert m.is_undercut(m.relations["r7"]) and m.junctions == {"r5"}
    assert m.relations["r7"].by == ("ann-jones",)  # anchored by YA on a TA whose locution is Ann's
    assert m.relations["r9"].note == "rephrase"
    assert found.warnings == ("AIF.nodes[9]: PA (preference) node '10' skipped: argmap has no preferences",)
    assert [p.kind for p in m.propositions.values()] == [
        NodeKind.EVIDENCE,
        NodeKind.CLAIM,
        NodeKind.EVIDENCE,
        NodeKind.HYPOTHESIS,
    ]
    ev = evaluate(m)
    assert labels(m) == {"i2": "IN", "i4": "OUT", "i6": "IN", "i8": "OUT"}
    assert {r: str(x) for r, x in ev.inferences.items()} == {"r5": "OUT", "r7": "IN", "r9": "OUT"}
    assert labels(m, off={"i6"})["i8"] == "IN"
    assert labels(m, distrust={"ann-jones"})["i8"] == "IN"


def test_the_ova3_wrapper_is_detected() -> None:
    text = (DATA / "ova3-undercut.json").read_text(encoding="utf-8")
    assert detect(text, "upload.json") == "aif"


def test_an_argmap_document_is_not_taken_for_aif() -> None:
    text = json.dumps(small_map().to_document())
    assert detect(text, "small.json") == "json"


# -- malformed files -------------------------------------------------------------------------------------


def nodeset() -> dict[str, Any]:
    return {
        "nodes": [
            {"nodeID": "1", "text": "Premise", "type": "I"},
            {"nodeID": "2", "text": "Conclusion", "type": "I"},
            {"nodeID": "3", "text": "RA", "type": "RA"},
            {"nodeID": "4", "text": "Rival", "type": "I"},
            {"nodeID": "5", "text": "CA", "type": "CA"},
        ],
        "edges": [
            {"edgeID": "1", "fromID": "1", "toID": "3"},
            {"edgeID": "2", "fromID": "3", "toID": "2"},
            {"edgeID": "3", "fromID": "4", "toID": "5"},
            {"edgeID": "4", "fromID": "5", "toID": "2"},
        ],
    }


def problems_of(doc: dict[str, Any], name: str = "nodeset12.json") -> list[str]:
    """What a strict import refuses the file over (a lenient one skips some of it with warnings)."""
    with pytest.raises(InvalidMap) as err:
        import_aif(json.dumps(doc), name, strict=True)
    return err.value.messages


def test_the_unbroken_nodeset_imports() -> None:
    m = import_aif(json.dumps(nodeset()), "nodeset12.json").map
    assert labels(m) == {"i1": "IN", "i2": "OUT", "i4": "IN"}


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["edges"][3].update(toID="999"), "nodeset12.json: edges[3].toID: no node '999'"),
        (lambda d: d["edges"][0].pop("fromID"), "nodeset12.json: edges[0].fromID: missing (required)"),
        (lambda d: d["edges"].pop(0), "nodeset12.json: nodes[2]: RA node '3' has no premise"),
        (lambda d: d["edges"].pop(3), "nodeset12.json: nodes[4]: CA node '5' has no conclusion"),
        (lambda d: d["nodes"][0].update(type="Q"), "nodeset12.json: nodes[0].type: unknown AIF node type 'Q'"),
        (lambda d: d["nodes"][1].update(nodeID=[2]), "nodeset12.json: nodes[1].nodeID: must be text or a whole number"),
        (lambda d: d["nodes"][1].update(text=7), "nodeset12.json: nodes[1].text: must be text, not a number"),
        (lambda d: d["nodes"][3].update(nodeID="1"), "nodeset12.json: nodes[3].nodeID: duplicate node '1'"),
        (lambda d: d.update(nodes={"1": {}}), "nodeset12.json: nodes: must be a list of nodes, not an object"),
        (lambda d: d.pop("edges"), "nodeset12.json: edges: missing (required)"),
        (
            lambda d: d["edges"].append({"edgeID": "9", "fromID": "1", "toID": "4"}),
            "nodeset12.json: edges[4]: joins two I-nodes ('1' -> '4')",
        ),
        (
            lambda d: d.update(locutions=[{"nodeID": "77", "personID": 1}]),
            "nodeset12.json: locutions[0].nodeID: no node '77'",
        ),
        (
            lambda d: d.update(nodes=[n for n in d["nodes"] if n["type"] != "I"], edges=[]),
            "nodeset12.json: nodes[0]: RA node '3' has no premise",
        ),
    ],
)
def test_a_malformed_nodeset_names_the_file_and_the_node_or_edge(change: Any, expected: str) -> None:
    doc = nodeset()
    change(doc)
    found = problems_of(doc)
    assert any(p.startswith(expected) for p in found), found
    assert all(p.startswith("nodeset12.json: ") and "\n" not in p for p in found)


@pytest.mark.parametrize(
    ("change", "warning"),
    [
        (lambda d: d["edges"].pop(0), "nodes[2]: RA node '3' has no premise (no edge into it from an I-node); skipped"),
        (
            lambda d: d["edges"].pop(3),
            "nodes[4]: CA node '5' has no conclusion (no edge from it to an I-node or an RA/CA/MA node); skipped",
        ),
        (
            lambda d: d["edges"].append({"edgeID": "9", "fromID": "1", "toID": "4"}),
            "edges[4]: joins two I-nodes ('1' -> '4'); AIF links them through an RA, CA or MA node; skipped",
        ),
        (
            lambda d: d["edges"].append({"edgeID": "9", "fromID": "3", "toID": "1"}),
            "nodes[2]: RA node '3' leads from I-node '1' to itself; skipped",
        ),
        (
            lambda d: (
                d["nodes"].append({"nodeID": "9", "text": "MA", "type": "MA"})
                or d["edges"].extend([{"fromID": "2", "toID": "9"}, {"fromID": "9", "toID": "2"}])
            ),
            "nodes[5]: MA node '9' leads from I-node '2' to itself; skipped",
        ),
        (
            lambda d: (
                d["nodes"].append({"nodeID": "9", "text": "L", "type": "L"})
                or d["edges"].__setitem__(0, {"fromID": "9", "toID": "3"})
            ),
            "nodes[2]: RA node '3' has no premise (no edge into it from an I-node); skipped",
        ),
    ],
)
def test_a_node_that_cannot_be_read_is_skipped_with_one_warning_and_the_rest_kept(change: Any, warning: str) -> None:
    doc = nodeset()
    change(doc)
    found = import_aif(json.dumps(doc), "nodeset12.json")
    assert found.warnings == (warning,)
    assert sorted(found.map.propositions) == ["i1", "i2", "i4"]
    kept = {"r3", "r5"} - ({"r3"} if "RA node '3'" in warning else set()) - ({"r5"} if "CA node" in warning else set())
    assert set(found.map.relations) == kept
    assert problems_of(doc) == [f"nodeset12.json: {warning.removesuffix('; skipped')}"]


def test_an_undercut_of_a_skipped_node_is_skipped_too() -> None:
    doc = nodeset()
    doc["edges"].pop(0)  # RA 3 has no premise
    doc["edges"][2]["toID"] = "3"  # CA 5 undercuts it
    found = import_aif(json.dumps(doc), "nodeset12.json")
    assert found.warnings == (
        "nodes[2]: RA node '3' has no premise (no edge into it from an I-node); skipped",
        "nodes[4]: CA node '5' attacks the RA node '3', which is skipped; skipped",
    )
    assert not found.map.relations


def test_a_support_of_an_inference_is_skipped_with_a_warning() -> None:
    doc = nodeset()
    doc["nodes"].append({"nodeID": "6", "text": "RA", "type": "RA"})
    doc["edges"] += [{"fromID": "4", "toID": "6"}, {"fromID": "6", "toID": "3"}]
    found = import_aif(json.dumps(doc), "nodeset12.json", strict=True)
    assert found.warnings == (
        "nodes[5]: RA node '6' concludes to the RA node '3'; argmap has no support of an inference"
        " (only an attack on one, an undercut); skipped",
    )
    assert set(found.map.relations) == {"r3", "r5"}


def test_every_problem_is_reported_at_once() -> None:
    doc = nodeset()
    doc["edges"][3]["toID"] = "999"
    doc["nodes"][0]["type"] = "Q"
    doc["edges"].append({"edgeID": "5", "toID": "2"})
    found = problems_of(doc)
    assert "nodeset12.json: edges[3].toID: no node '999'" in found
    assert "nodeset12.json: edges[4].fromID: missing (required)" in found
    assert any(p.startswith("nodeset12.json: nodes[0].type: unknown AIF node type 'Q'") for p in found)
    # The broken node is reported once, not again by every edge that names it.
    assert not any("no node '1'" in p for p in found)


def test_ova3_paths_name_the_aif_object() -> None:
    doc = nodeset()
    doc["edges"][3]["toID"] = "999"
    assert problems_of({"AIF": doc}) == ["nodeset12.json: AIF.edges[3].toID: no node '999'"]


def test_a_file_without_i_nodes_has_nothing_to_import() -> None:
    assert problems_of({"nodes": [], "edges": []}) == [
        "nodeset12.json: nodes: no I-nodes (propositions); there is nothing to import"
    ]


def test_truncated_json_is_a_format_error_with_the_line() -> None:
    text = json.dumps(nodeset(), indent=1)[:-40]
    assert detect(text, "nodeset12.json") == "aif"
    with pytest.raises(FormatError, match=r"^nodeset12\.json: line \d+ column \d+: invalid JSON"):
        read_any(text, "nodeset12.json")


def test_json_that_is_not_aif_is_refused_by_the_aif_reader() -> None:
    with pytest.raises(InvalidMap, match="not AIF: expected a JSON object"):
        import_aif("[1, 2]", "list.json")


def test_an_empty_i_node_and_an_oversized_text_are_imported_with_warnings() -> None:
    doc = nodeset()
    doc["nodes"][0]["text"] = "   "
    doc["nodes"][3]["text"] = "word " * 2500
    found = import_aif(json.dumps(doc), "odd.json")
    assert found.map.propositions["i1"].text == "(empty I-node 1)"
    assert len(found.map.propositions["i4"].text) == 10_000
    assert len(found.warnings) == 2 and "nodes[0]" in found.warnings[0] and "nodes[3]" in found.warnings[1]


def test_numeric_ids_and_odd_ids_are_sanitised() -> None:
    doc = nodeset()
    for node in doc["nodes"]:
        node["nodeID"] = f"A/{node['nodeID']}"
    for edge in doc["edges"]:
        edge["fromID"], edge["toID"] = f"A/{edge['fromID']}", f"A/{edge['toID']}"
    doc["nodes"][0]["nodeID"] = doc["edges"][0]["fromID"] = 101  # OVA writes numbers
    m = import_aif(json.dumps(doc), "Odd Name!.json").map
    assert m.id == "odd-name"
    assert sorted(m.propositions) == ["i101", "ia-2", "ia-4"]
    assert sorted(m.relations) == ["ra-3", "ra-5"]


# -- writing ---------------------------------------------------------------------------------------------


def test_the_writer_gives_i_ra_ca_nodes_and_locutions_as_ova_does() -> None:
    m = small_map()
    doc = aif_document(evaluate(m))
    nodes = {n["nodeID"]: n for n in doc["nodes"]}
    block = doc["argmap"]
    node_of = {entry["id"]: node for node, entry in block["propositions"].items()}
    assert [nodes[node_of[p]]["text"] for p in sorted(m.propositions)] == [
        m.propositions[p].text for p in sorted(m.propositions)
    ]
    types = [n["type"] for n in doc["nodes"]]
    assert types.count("I") == 5 and types.count("RA") == 3 and types.count("CA") == 2
    # one L-node and one YA per assertion and per analyst of a relation: e1 by bob; r1..r5 by six in all
    assert types.count("L") == types.count("YA") == 7 == len(doc["locutions"])
    edges = {(e["fromID"], e["toID"]) for e in doc["edges"]}
    rel_node = {entry["id"]: node for node, entry in block["relations"].items()}
    assert nodes[rel_node["r4"]]["type"] == "CA"
    assert (node_of["h1"], rel_node["r4"]) in edges and (rel_node["r4"], node_of["h2"]) in edges
    assert doc["participants"] == [
        {"participantID": 1, "firstname": "Ann", "surname": "Analyst"},
        {"participantID": 2, "firstname": "Bob", "surname": ""},
    ]
    assert all(set(n) == {"nodeID", "text", "type", "timestamp"} for n in doc["nodes"])
    assert block["labels"] == labels(m) and block["map"]["id"] == "small"


def test_the_writer_is_deterministic_and_sorted() -> None:
    first = write("aif", evaluate(small_map()))
    assert first == write("aif", evaluate(small_map()))
    doc = json.loads(first)
    assert list(doc) == sorted(doc)
    assert [int(n["nodeID"]) for n in doc["nodes"]] == list(range(1, len(doc["nodes"]) + 1))


def test_a_map_survives_aif_and_back_with_its_labels() -> None:
    m = small_map()
    exported = evaluate(m, off={"e2"}, distrust={"bob"})
    again = read_any(write("aif", exported), "small.aif.json")
    before, after = m.to_document(), again.to_document()
    for key in ("id", "title", "question"):
        assert after[key] == before[key]
    for key in ("analysts", "sources", "propositions", "relations"):
        assert by_id(after[key]) == by_id(before[key]), key
    assert labels(again, off={"e2"}, distrust={"bob"}) == {p: str(x) for p, x in exported.labels.items()}


def test_without_the_argmap_block_the_structure_and_speakers_survive() -> None:
    m = small_map()
    doc = aif_document(evaluate(m))
    block = doc.pop("argmap")
    prop_of = {f"i{node}": entry["id"] for node, entry in block["propositions"].items()}
    again = import_aif(json.dumps(doc), "bare.json").map
    ends = sorted((prop_of[r.premises[0]], prop_of[r.target], str(r.kind)) for r in again.relations.values())
    assert ends == sorted((r.premises[0], r.target, str(r.kind)) for r in m.relations.values())
    assert {a.name for a in again.analysts.values()} == {"Ann Analyst", "Bob"}
    kinds = {prop_of[p.id]: str(p.kind) for p in again.propositions.values()}
    assert kinds == {"e1": "evidence", "e2": "evidence", "c1": "claim", "h1": "claim", "h2": "claim"}


def test_a_stale_block_entry_is_ignored_not_trusted() -> None:
    doc = aif_document(evaluate(small_map()))
    first = next(iter(doc["argmap"]["propositions"]))
    doc["argmap"]["propositions"][first].update(id="Not An Id", kind="fact")
    m = import_aif(json.dumps(doc), "stale.json").map
    assert f"i{first}" in m.propositions
    assert all(p.kind in NodeKind for p in m.propositions.values())


def test_import_errors_are_argmap_errors_with_status_400() -> None:
    with pytest.raises(ArgmapError) as err:
        read_any('{"nodes": [{"nodeID": "1", "type": "RA"}], "edges": []}', "bad.json")
    assert err.value.status == 400
    assert err.value.messages == ["bad.json: nodes: no I-nodes (propositions); there is nothing to import"]
    with pytest.raises(ArgmapError) as err:
        import_aif('{"nodes": [{"nodeID": "1", "type": "RA"}], "edges": []}', "bad.json", strict=True)
    assert err.value.messages == [
        "bad.json: nodes: no I-nodes (propositions); there is nothing to import",
        "bad.json: nodes[0]: RA node '1' has no premise (no edge into it from an I-node)"
        " and no conclusion (no edge from it to an I-node or an RA/CA/MA node)",
    ]


def test_a_long_foreign_value_is_cut_in_the_message() -> None:
    doc = nodeset()
    doc["edges"][3]["toID"] = "9" * 500
    (message,) = problems_of(doc)
    assert message.startswith("nodeset12.json: edges[3].toID: no node '999") and message.endswith("...")
    assert len(message) < 120


# -- the three shapes ------------------------------------------------------------------------------------


def conflicts(*extra_edges: tuple[str, str], speakers: dict[str, str] | None = None) -> dict[str, Any]:
    """Two I-nodes in conflict both ways (CA 5: 1 -> 2, CA 6: 2 -> 1), each supported by evidence."""
    doc: dict[str, Any] = {
        "nodes": [
            {"nodeID": "1", "text": "It was an accident", "type": "I"},
            {"nodeID": "2", "text": "It was staged", "type": "I"},
            {"nodeID": "3", "text": "A witness saw a spark", "type": "I"},
            {"nodeID": "4", "text": "A video shows a fuse", "type": "I"},
            {"nodeID": "5", "text": "CA", "type": "CA"},
            {"nodeID": "6", "text": "CA", "type": "CA"},
            {"nodeID": "7", "text": "RA", "type": "RA"},
            {"nodeID": "8", "text": "RA", "type": "RA"},
        ],
        "edges": [
            {"fromID": a, "toID": b}
            for a, b in [("1", "5"), ("5", "2"), ("2", "6"), ("6", "1"), ("3", "7"), ("7", "1"), ("4", "8"), ("8", "2")]
        ],
    }
    doc["edges"] += [{"fromID": a, "toID": b} for a, b in extra_edges]
    for n, (node, name) in enumerate((speakers or {}).items(), 10):
        doc["nodes"] += [
            {"nodeID": f"{n}", "text": f"{name} : it conflicts", "type": "L"},
            {"nodeID": f"y{n}", "text": "Disagreeing", "type": "YA"},
        ]
        doc["edges"] += [{"fromID": f"{n}", "toID": f"y{n}"}, {"fromID": f"y{n}", "toID": node}]
    return doc


def test_two_conflicts_one_each_way_are_one_excludes_between_rival_hypotheses() -> None:
    m = import_aif(json.dumps(conflicts()), "rivals.json").map
    assert {r.id: (r.premises, r.target, str(r.kind)) for r in m.relations.values()} == {
        "r5": (("i1",), "i2", "excludes"),
        "r7": (("i3",), "i1", "support"),
        "r8": (("i4",), "i2", "support"),
    }
    assert m.hypotheses == ["i1", "i2"]  # rivals, not premises of each other
    assert labels(m) == {"i1": "UNDEC", "i2": "UNDEC", "i3": "IN", "i4": "IN"}


def test_conflicts_argued_by_the_same_speaker_are_an_excludes_by_that_speaker() -> None:
    m = import_aif(json.dumps(conflicts(speakers={"5": "Ann", "6": "Ann"})), "rivals.json").map
    assert m.relations["r5"].kind is RelationKind.EXCLUDES and m.relations["r5"].by == ("ann",)
    assert len(m.relations) == 3


@pytest.mark.parametrize(
    ("doc", "why"),
    [
        (conflicts(speakers={"5": "Ann", "6": "Bob"}), "different speakers: distrusting one keeps the other's attack"),
        (conflicts(speakers={"5": "Ann"}), "one argued, one not"),
        (conflicts(("3", "5")), "a linked conflict"),
    ],
)
def test_conflicts_that_differ_stay_two_attacks(doc: dict[str, Any], why: str) -> None:
    m = import_aif(json.dumps(doc), "rivals.json").map
    assert {r.id: str(r.kind) for r in m.relations.values() if r.id in ("r5", "r6")} == {
        "r5": "attack",
        "r6": "attack",
    }, why


def test_an_undercut_conflict_is_not_read_as_an_excludes() -> None:
    doc = conflicts()
    doc["nodes"].append({"nodeID": "9", "text": "CA", "type": "CA"})
    doc["edges"] += [{"fromID": "3", "toID": "9"}, {"fromID": "9", "toID": "6"}]
    m = import_aif(json.dumps(doc), "rivals.json").map
    assert (m.relations["r9"].target, m.relations["r6"].kind, m.relations["r5"].kind) == (
        "r6",
        RelationKind.ATTACK,
        RelationKind.ATTACK,
    )
    assert labels(m)["i1"] == "IN"  # the attack on it is undercut; its own attack on i2 stands
    assert labels(m)["i2"] == "OUT"


def test_a_linked_conflict_and_an_undercut_of_an_undercut() -> None:
    doc = nodeset()
    doc["edges"].insert(3, {"edgeID": "9", "fromID": "1", "toID": "5"})  # CA 5: 4 and 1 together against 2
    doc["nodes"] += [{"nodeID": "6", "text": "Doubt", "type": "I"}, {"nodeID": "7", "text": "CA", "type": "CA"}]
    doc["nodes"] += [
        {"nodeID": "8", "text": "Doubt of doubt", "type": "I"},
        {"nodeID": "9", "text": "CA", "type": "CA"},
    ]
    doc["edges"] += [{"fromID": a, "toID": b} for a, b in [("6", "7"), ("7", "5"), ("8", "9"), ("9", "7")]]
    m = import_aif(json.dumps(doc), "deep.json").map
    assert {r.id: (r.premises, r.target) for r in m.relations.values()} == {
        "r3": (("i1",), "i2"),
        "r5": (("i4", "i1"), "i2"),
        "r7": (("i6",), "r5"),
        "r9": (("i8",), "r7"),
    }
    assert m.junctions == {"r5", "r7"}
    assert {r: str(x) for r, x in evaluate(m).inferences.items()} == {"r3": "IN", "r5": "IN", "r7": "OUT", "r9": "IN"}


def shaped_map() -> ArgumentMap:
    doc = small_map().to_document()
    doc["relations"] = [
        {"id": "r1", "from": ["e1", "e2"], "to": "c1", "kind": "support", "by": ["ann"]},
        {"id": "r2", "from": "c1", "to": "h1", "kind": "support"},
        {"id": "r3", "from": "e2", "to": "r2", "kind": "attack", "by": ["bob"]},
        {"id": "r4", "from": "e1", "to": "r3", "kind": "attack"},
        {"id": "r5", "from": "h1", "to": "h2", "kind": "excludes"},
    ]
    return from_document(doc, "shaped.yaml")


def test_the_writer_draws_linked_steps_undercuts_and_excludes_as_aif_does() -> None:
    m = shaped_map()
    doc = aif_document(evaluate(m))
    block = doc["argmap"]
    node_of = {entry["id"]: node for node, entry in block["propositions"].items()}
    s_nodes: dict[str, list[str]] = {}
    for node, entry in block["relations"].items():
        s_nodes.setdefault(entry["id"], []).append(node)
    into: dict[str, list[str]] = {}
    for e in doc["edges"]:
        into.setdefault(e["toID"], []).append(e["fromID"])
    types = {n["nodeID"]: n["type"] for n in doc["nodes"]}
    (r1,) = s_nodes["r1"]
    assert types[r1] == "RA" and [p for p in into[r1] if types[p] == "I"] == [node_of["e1"], node_of["e2"]]
    (r2,), (r3,), (r4,) = s_nodes["r2"], s_nodes["r3"], s_nodes["r4"]
    assert r2 in {e["fromID"] for e in doc["edges"] if e["toID"] == node_of["h1"]}
    assert r3 in into[r2] and r4 in into[r3] and types[r3] == types[r4] == "CA"
    a, b = s_nodes["r5"]
    assert types[a] == types[b] == "CA" and block["relations"][a] == block["relations"][b] == {
        "id": "r5",
        "excludes": True,
    }
    assert into[a] == [node_of["h1"]] and into[node_of["h2"]].count(a) == 1
    assert into[b] == [node_of["h2"]] and b in into[node_of["h1"]]


@pytest.mark.parametrize("keep_block", [True, False])
def test_the_shapes_survive_aif_and_back(keep_block: bool) -> None:
    m = shaped_map()
    doc = aif_document(evaluate(m))
    if not keep_block:
        doc.pop("argmap")
    again = import_aif(json.dumps(doc), "shaped.json").map
    assert [str(r.kind) for r in again.relations.values()] == ["support", "support", "attack", "attack", "excludes"]
    assert [len(r.premises) for r in again.relations.values()] == [2, 1, 1, 1, 1]
    if keep_block:
        assert by_id(again.to_document()["relations"]) == by_id(m.to_document()["relations"])
        assert labels(again) == labels(m)
    rels = list(again.relations.values())
    assert [again.is_undercut(r) for r in rels] == [False, False, True, True, False]
    assert (rels[2].target, rels[3].target) == (rels[1].id, rels[2].id)
