"""The drawing: layers left to right, positions that never depend on the scenario, styles by kind and label."""

from __future__ import annotations

from typing import Any

import argmap
from argmap.document import from_document
from argmap.layout import column_limit, layers, positions
from argmap.render import PALETTE, SHAPES, edge_style, node_style, vis_data


def test_layers_run_from_evidence_through_claims_to_hypotheses(small_map: dict[str, Any]) -> None:
    m = from_document(small_map)
    layer = layers(m)
    assert layer["e1"] == layer["e2"] == layer["e3"] == 0
    assert layer["c1"] == layer["c2"] == 1
    assert layer["h1"] == layer["h2"] == 2
    where = positions(m)
    assert max(where[e][0] for e in ("e1", "e2", "e3")) < min(where[c][0] for c in ("c1", "c2"))
    assert max(where[c][0] for c in ("c1", "c2")) < min(where[h][0] for h in ("h1", "h2"))


def test_support_cycles_do_not_break_the_layers() -> None:
    doc = {
        "id": "cyc",
        "title": "t",
        "propositions": [{"id": i, "text": i, "kind": "claim"} for i in ("a", "b", "c")]
        + [{"id": "e", "text": "e", "kind": "evidence"}, {"id": "h", "text": "h", "kind": "hypothesis"}],
        "relations": [
            {"id": "r1", "from": "a", "to": "b", "kind": "support"},
            {"id": "r2", "from": "b", "to": "a", "kind": "support"},
            {"id": "r3", "from": "b", "to": "c", "kind": "support"},
            {"id": "r4", "from": "e", "to": "a", "kind": "support"},
            {"id": "r5", "from": "c", "to": "h", "kind": "support"},
        ],
    }
    layer = layers(from_document(doc))
    assert layer["a"] == layer["b"] < layer["c"] < layer["h"]
    assert layer["e"] == 0


def test_no_two_nodes_share_a_position_in_a_big_map() -> None:
    n = 600
    props = [{"id": f"e{i}", "text": f"evidence {i}", "kind": "evidence"} for i in range(n)]
    props += [{"id": f"c{i}", "text": f"claim {i}", "kind": "claim"} for i in range(n // 3)]
    props += [{"id": f"h{i}", "text": f"hyp {i}", "kind": "hypothesis"} for i in range(4)]
    rels = [{"id": f"s{i}", "from": f"e{i}", "to": f"c{i % (n // 3)}", "kind": "support"} for i in range(n)]
    rels += [{"id": f"t{i}", "from": f"c{i}", "to": f"h{i % 4}", "kind": "support"} for i in range(n // 3)]
    m = from_document({"id": "big", "title": "t", "propositions": props, "relations": rels})
    where = positions(m)
    assert len(set(where.values())) == len(where) == len(props)
    assert column_limit(m) > 12  # tall layers wrap into columns that grow with the map


def test_positions_do_not_depend_on_the_scenario(small_map: dict[str, Any]) -> None:
    m = from_document(small_map)
    a = vis_data(m, argmap.evaluate(m))
    b = vis_data(m, argmap.evaluate(m, off={"e1", "e2"}, distrust={"bob"}, support="abstract"))
    assert [(n["id"], n["x"], n["y"]) for n in a["nodes"]] == [(n["id"], n["x"], n["y"]) for n in b["nodes"]]
    assert a["options"]["physics"]["enabled"] is False


def test_nodes_show_kind_by_shape_and_label_by_colour_and_pattern(small_map: dict[str, Any]) -> None:
    m = from_document(small_map)
    data = vis_data(m, argmap.evaluate(m, off={"e1"}))
    nodes = {n["id"]: n for n in data["nodes"]}
    assert {nodes[p]["shape"] for p in ("e1", "e2")} == {SHAPES[argmap.NodeKind.EVIDENCE]} == {"box"}
    assert nodes["c1"]["shape"] == "ellipse" and nodes["h1"]["shape"] == "hexagon"
    assert nodes["h1"]["color"]["border"] == PALETTE["OUT"]["border"]  # h1 is OUT without e1
    assert nodes["h1"]["shapeProperties"]["borderDashes"]  # OUT is dashed, not only red
    assert nodes["e1"]["opacity"] < 1  # OFF is faded
    assert nodes["e2"]["shapeProperties"]["borderDashes"] is False  # IN is solid
    patterns = {str(node_style("claim", label)["shapeProperties"]["borderDashes"]) for label in PALETTE}
    assert len(patterns) == len(PALETTE)  # each label has its own border pattern
    assert len({PALETTE[label]["border"] for label in PALETTE}) == len(PALETTE)


def test_support_and_attack_edges_differ_in_colour_line_and_head(small_map: dict[str, Any]) -> None:
    m = from_document(small_map)
    edges = {e["id"]: e for e in vis_data(m, argmap.evaluate(m, distrust={"bob"}))["edges"]}
    support, attack = edges["r1"], edges["r7"]
    assert support["dashes"] is False and attack["dashes"]
    assert support["arrows"]["to"]["type"] == "arrow" and attack["arrows"]["to"]["type"] == "bar"
    assert support["color"]["color"] != attack["color"]["color"]
    assert edges["r3"]["style"] == "rival"  # hypothesis against hypothesis: drawn lighter
    assert edges["r5"]["color"]["opacity"] < edges["r1"]["color"]["opacity"]  # bob's relation is inactive
    assert edge_style("attack", False)["color"]["opacity"] < edge_style("attack", True)["color"]["opacity"]


def test_tooltips_are_plain_text(small_map: dict[str, Any]) -> None:
    m = from_document(small_map)
    data = vis_data(m, argmap.evaluate(m))
    [e1] = [n for n in data["nodes"] if n["id"] == "e1"]
    assert e1["title"] == "A video shows the event.\n\nevidence · e1"
    [r6] = [e for e in data["edges"] if e["id"] == "r6"]
    assert "Bob Builder" in r6["title"] and "X and H2 cannot both hold." in r6["title"]


def test_restyling_data_covers_every_kind_and_label(small_map: dict[str, Any]) -> None:
    m = from_document(small_map)
    data = vis_data(m, argmap.evaluate(m))
    assert set(data["styles"]) == {"evidence", "claim", "hypothesis"}
    assert all(set(by_label) == set(PALETTE) for by_label in data["styles"].values())
    assert set(data["edge_styles"]) == {"support", "attack", "rival"}
    assert data["changed_style"]["borderWidth"] > data["styles"]["claim"]["IN"]["borderWidth"]
