"""The drawing: layers left to right, positions that never depend on the scenario, styles by kind and label,
and the compact data the explorer page draws from (computed once per map)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from flask.testing import FlaskClient

import argmap
from argmap import render
from argmap.document import from_document
from argmap.layout import column_limit, layers, positions
from argmap.render import (
    BIG_MAP,
    BIG_MAP_VIEW,
    LABEL_MIN_PX,
    PALETTE,
    SHAPES,
    edge_style,
    explorer_vis,
    node_style,
    vis_data,
)
from argmap.web.view import page_json, page_model


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
    assert e1["title"] == "A video shows the event.\n\nevidence"  # no id
    [r6] = [e for e in data["edges"] if e["id"] == "r6"]
    assert "Bob Builder" in r6["title"] and "X and H2 cannot both hold." in r6["title"]


def test_restyling_data_covers_every_kind_and_label(small_map: dict[str, Any]) -> None:
    m = from_document(small_map)
    data = vis_data(m, argmap.evaluate(m))
    assert set(data["styles"]) == {"evidence", "claim", "hypothesis"}
    assert all(set(by_label) == set(PALETTE) for by_label in data["styles"].values())
    assert set(data["edge_styles"]) == {"support", "attack", "rival", "excludes", "support-premise", "attack-premise"}
    assert all(set(by_state) == {"active", "failed", "inactive"} for by_state in data["edge_styles"].values())
    assert set(data["junction_styles"]) == set(PALETTE)
    assert data["changed_style"]["borderWidth"] > data["styles"]["claim"]["IN"]["borderWidth"]


def test_the_explorer_ships_compact_records_and_one_style_table(small_map: dict[str, Any]) -> None:
    m = from_document(small_map)
    data = explorer_vis(m)
    nodes = {n["id"]: n for n in data["nodes"]}
    assert set(nodes["e1"]) == {"id", "label", "kind", "title", "x", "y"}  # no per-node style
    assert nodes["e1"]["label"] == "Video" and nodes["h1"]["kind"] == "hypothesis"
    assert (nodes["e1"]["x"], nodes["e1"]["y"]) == positions(m)["e1"]
    full = {n["id"]: n for n in vis_data(m, argmap.evaluate(m))["nodes"]}
    assert {p: (n["title"], n["label"]) for p, n in nodes.items()} == {
        p: (n["title"], n["label"]) for p, n in full.items()
    }
    edges = {e["id"]: e for e in data["edges"]}
    assert set(edges["r1"]) == {"id", "from", "to", "style", "by", "title"}
    assert edges["r3"]["style"] == "rival" and edges["r3"]["smooth"]["roundness"] > 0.12
    assert data["styles"]["claim"]["OUT"] == node_style("claim", "OUT")
    assert data["shapes"] == {"evidence": "box", "claim": "ellipse", "hypothesis": "hexagon", "junction": "diamond"}
    assert data["view"] is None  # a small map is drawn in full detail at any zoom
    assert data["options"]["nodes"]["scaling"]["label"]["drawThreshold"] == LABEL_MIN_PX + 1


def big_document(n_evidence: int, n_hypotheses: int) -> dict[str, Any]:
    """Evidence ``eI`` supports hypothesis ``h(I mod n_hypotheses)``."""
    props = [{"id": f"e{i}", "text": f"evidence {i}", "kind": "evidence"} for i in range(n_evidence)]
    props += [{"id": f"h{i}", "text": f"answer {i}", "kind": "hypothesis"} for i in range(n_hypotheses)]
    rels = [
        {"id": f"r{i}", "from": f"e{i}", "to": f"h{i % n_hypotheses}", "kind": "support"} for i in range(n_evidence)
    ]
    return {"id": "big", "title": "t", "propositions": props, "relations": rels}


def test_big_maps_draw_plain_edges_far_out_and_hide_them_while_moving() -> None:
    m = from_document(big_document(BIG_MAP, 10))
    data = explorer_vis(m)
    assert data["view"] == BIG_MAP_VIEW and 0 < data["view"]["plain_below"] < 1
    assert data["view"]["plain_edge"]["arrows"]["to"]["enabled"] is False
    assert data["options"]["interaction"]["hideEdgesOnDrag"] is True
    assert data["options"]["interaction"]["tooltipDelay"] == 120  # the rest of the options stay
    small = from_document(big_document(BIG_MAP - 11, 10))
    assert explorer_vis(small)["view"] is None
    assert "hideEdgesOnDrag" not in explorer_vis(small)["options"]["interaction"]


def test_many_hypotheses_wrap_into_columns_instead_of_one_tall_one() -> None:
    m = from_document(big_document(600, 200))
    where = positions(m)
    hyps = [where[f"h{i}"] for i in range(200)]
    evidence = [where[f"e{i}"] for i in range(600)]
    assert len({x for x, _ in hyps}) > 2  # several columns (one zigzag column steps between two x)
    height = max(y for _, y in hyps) - min(y for _, y in hyps)
    assert height <= 1.2 * (max(y for _, y in evidence) - min(y for _, y in evidence))
    assert len(set(hyps)) == 200
    few = positions(from_document(big_document(6, 3)))
    assert len({few[f"h{i}"][0] for i in range(3)}) == 2  # a short list keeps its zigzag column


def test_the_layout_is_computed_once_per_map_whatever_the_scenario(
    client: FlaskClient, maps_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []

    def counted(m: argmap.ArgumentMap) -> dict[str, tuple[float, float]]:
        calls.append(m.id)
        return positions(m)

    monkeypatch.setattr(render, "positions", counted)
    for query in ("", "?off=e1", "?distrust=bob", "?support=abstract", "?off=e1,e2"):
        assert client.get(f"/maps/small{query}").status_code == 200
    assert client.get("/maps/small/ach").status_code == 200  # the ACH page draws the same map
    assert calls == ["small"]

    # A changed file is a new map: drawn again, once, with its new text.
    doc = yaml.safe_load((maps_dir / "small.yaml").read_text(encoding="utf-8"))
    doc["propositions"][0]["label"] = "Video, reread"
    (maps_dir / "small.yaml").write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    for query in ("", "?off=e2"):
        page = client.get(f"/maps/small{query}").text
        assert "Video, reread" in page
    assert calls == ["small", "small"]


def test_the_page_data_is_the_model_as_json_safe_in_a_script(small_map: dict[str, Any]) -> None:
    doc = json.loads(json.dumps(small_map))
    doc["propositions"][0]["text"] = "</script><b>&'\""
    m = from_document(doc)
    model = page_model(m, argmap.evaluate(m, off={"e1"}))
    text = str(page_json(m, model))
    assert json.loads(text) == json.loads(json.dumps(model))
    assert "<" not in text and ">" not in text and "&" not in text and "'" not in text
    assert page_json(m, model) == page_json(m, page_model(m, argmap.evaluate(m, off={"e1"})))


def shapes_map() -> argmap.ArgumentMap:
    """A linked support r1 (e1 with c2), a support r2 undercut by u1 (itself undercut by v1), h1 excludes h2."""
    props = [("e1", "evidence"), ("e2", "evidence"), ("e3", "evidence"), ("e5", "evidence"), ("c2", "claim")]
    props += [("c1", "claim"), ("h1", "hypothesis"), ("h2", "hypothesis")]
    return from_document(
        {
            "id": "shapes",
            "title": "t",
            "analysts": [{"id": "bob", "name": "Bob Builder"}],
            "propositions": [{"id": p, "text": f"Text {p}", "kind": k} for p, k in props],
            "relations": [
                {"id": "r0", "from": "e2", "to": "c2", "kind": "support"},
                {"id": "r1", "from": ["e1", "c2"], "to": "c1", "kind": "support"},
                {"id": "r2", "from": "c1", "to": "h1", "kind": "support", "by": ["bob"]},
                {"id": "u1", "from": "e3", "to": "r2", "kind": "attack"},
                {"id": "v1", "from": "e5", "to": "u1", "kind": "attack"},
                {"id": "x1", "from": "h1", "to": "h2", "kind": "excludes"},
            ],
        }
    )


def test_reified_relations_are_junction_nodes_between_their_premises_and_target() -> None:
    m = shapes_map()
    data = explorer_vis(m)
    junctions = {n["id"]: n for n in data["nodes"] if n["kind"] == "junction"}
    assert set(junctions) == set(m.junctions) == {"r1", "r2", "u1"}  # linked, undercut, undercut and undercut
    assert all(n["label"] == "" and n["title"] for n in junctions.values())
    edges = {e["id"]: (e["from"], e["to"], e["style"]) for e in data["edges"]}
    assert edges["r1:e1"] == ("e1", "r1", "support-premise") and edges["r1:c2"] == ("c2", "r1", "support-premise")
    assert edges["r1"] == ("r1", "c1", "support")  # one edge leaves the junction for the target
    assert edges["u1:e3"] == ("e3", "u1", "attack-premise") and edges["u1"] == ("u1", "r2", "attack")
    assert edges["v1"] == ("e5", "u1", "attack")  # an undercut ends on the junction of the step it attacks
    assert edges["x1"] == ("h1", "h2", "excludes")
    assert edges["r0"] == ("e2", "c2", "support")  # a plain step stays one edge
    where = positions(m)
    assert max(where["e1"][0], where["c2"][0]) < where["r1"][0] < where["c1"][0]
    assert where["c1"][0] < where["r2"][0] < where["h1"][0]
    assert min(where["r1"][1], where["c1"][1]) <= where["r1"][1] <= max(where["e1"][1], where["c2"][1], where["c1"][1])
    assert len(set(where.values())) == len(where) == len(m.propositions) + 3
    net = render.network(m)
    assert {n["id"]: n["shape"] for n in net.nodes}["r1"] == "diamond"
    assert [n["label"] for n in net.nodes if n["id"] == "r1"] == [""]


def test_each_edge_shows_its_steps_status() -> None:
    m = shapes_map()
    states = render.edge_states(m, argmap.evaluate(m))
    # u1 is undercut by v1 (e5 holds): u1 fails, so r2 holds.
    assert [states[e] for e in ("r1", "r2", "u1", "v1", "x1")] == ["active", "active", "failed", "active", "active"]
    states = render.edge_states(m, argmap.evaluate(m, off={"e5", "e2"}))
    assert states["r2"] == "failed"  # undercut by u1, now unopposed
    assert states["r1"] == "failed" and states["r1:c2"] == "failed" and states["r1:e1"] == "active"
    assert states["v1"] == "inactive" and states["r0"] == "inactive"
    states = render.edge_states(m, argmap.evaluate(m, distrust={"bob"}, off={"e1"}))
    assert states["r2"] == states["r2:c1"] == "inactive" and states["x1"] == "active"
    data = vis_data(m, argmap.evaluate(m, off={"e5", "e2"}))
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["r2"]["color"]["border"] == PALETTE["OUT"]["border"] and nodes["r2"]["opacity"] < 1
    assert nodes["u1"]["color"]["border"] == PALETTE["IN"]["border"]
    edges = {e["id"]: e for e in data["edges"]}
    assert edges["r2"]["dashes"] == render.FAILED_DASHES and edges["r1:e1"]["dashes"] is False
    assert edges["x1"]["arrows"]["to"]["enabled"] and edges["x1"]["arrows"]["from"]["enabled"]
    assert not edges["r1:e1"]["arrows"]["to"]["enabled"]  # premises flow in; the junction's edge has the head


def test_the_page_carries_the_steps_status_and_a_legend_for_it(client: FlaskClient) -> None:
    page = client.get("/maps/small?off=e1").text
    assert "failed step" in page and "inactive step" in page and "excludes" in page
    model = page_model(m := from_document(yaml.safe_load(client.get("/api/maps/small").data)), argmap.evaluate(m))
    assert model["inferences"] == {r: str(label) for r, label in argmap.evaluate(m).inferences.items()}
    body = client.get("/api/maps/small/labels?off=e1").get_json()
    assert set(body["inferences"]) == {
        r.id for r in m.relations.values() if r.kind is not argmap.model.RelationKind.EXCLUDES
    }


def test_undercuts_in_a_cycle_still_get_positions() -> None:
    m = from_document(
        {
            "id": "cyc",
            "title": "t",
            "propositions": [{"id": p, "text": p, "kind": "evidence"} for p in ("a", "b", "c")]
            + [{"id": "h", "text": "h", "kind": "hypothesis"}],
            "relations": [
                {"id": "s", "from": "c", "to": "h", "kind": "support"},
                {"id": "u", "from": "a", "to": "v", "kind": "attack"},
                {"id": "v", "from": "b", "to": "u", "kind": "attack"},
            ],
        }
    )
    where = positions(m)
    assert {"u", "v"} <= set(where) and where["u"] != where["v"]
    assert {n["id"] for n in explorer_vis(m)["nodes"]} == {"a", "b", "c", "h", "u", "v"}
