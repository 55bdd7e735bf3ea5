"""GraphML (read back by networkx) and DOT (rendered by Graphviz when it is installed), hostile text included."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import networkx as nx
import pytest

from argmap.document import from_document
from argmap.formats import write
from argmap.formats.dot import quote
from argmap.model import ArgumentMap
from argmap.pipeline import evaluate

HOSTILE = 'He said "stop" \\N <b>&amp;</b> } ]; digraph x { a -> b } \\'


def rival_map() -> ArgumentMap:
    return from_document(
        {
            "id": "rivals",
            "title": 'Who "did" it?',
            "question": "Who?",
            "analysts": [{"id": "ann", "name": "Ann"}, {"id": "bob", "name": 'Bob "B" <x>'}],
            "propositions": [
                {"id": "e1", "text": HOSTILE, "kind": "evidence", "asserted_by": ["ann"]},
                {"id": "e2", "text": "Line one\nline two\x01", "kind": "evidence"},
                {"id": "c1", "text": "A claim", "kind": "claim", "label": "claim"},
                {"id": "h1", "text": "First answer", "kind": "hypothesis"},
                {"id": "h2", "text": "Second answer", "kind": "hypothesis"},
            ],
            "relations": [
                {"id": "r1", "from": "e1", "to": "c1", "kind": "support", "by": ["ann"]},
                {"id": "r2", "from": "c1", "to": "h1", "kind": "support", "by": ["ann"]},
                {"id": "r3", "from": "e2", "to": "h2", "kind": "support", "by": ["bob"], "note": 'a "note"'},
                {"id": "r4", "from": "h1", "to": "h2", "kind": "attack", "by": ["ann"]},
                {"id": "r5", "from": "h2", "to": "h1", "kind": "attack", "by": ["bob"]},
                {"id": "r6", "from": "e2", "to": "h1", "kind": "support"},
                {"id": "r7", "from": "e2", "to": "h1", "kind": "attack"},
            ],
        },
        "rivals.yaml",
    )


# -- GraphML -----------------------------------------------------------------------------------------------


def test_graphml_loads_in_networkx_with_the_same_nodes_edges_and_labels() -> None:
    m = rival_map()
    ev = evaluate(m, distrust={"bob"})
    g = nx.read_graphml(io.BytesIO(write("graphml", ev).encode()))
    assert isinstance(g, nx.MultiDiGraph)  # r6 and r7 join the same two nodes
    assert sorted(g.nodes) == sorted(m.propositions)
    assert sorted(k for _, _, k in g.edges(keys=True)) == sorted(m.relations)
    for a, b, key in g.edges(keys=True):
        assert (a, b) == (m.relations[key].premises[0], m.relations[key].target)
        assert g.edges[a, b, key]["kind"] == str(m.relations[key].kind)
    assert {n: d["label"] for n, d in g.nodes(data=True)} == {p: str(x) for p, x in ev.labels.items()}
    assert {n: d["round"] for n, d in g.nodes(data=True) if "round" in d} == ev.rounds
    assert g.nodes["e1"]["text"] == HOSTILE and g.nodes["e1"]["kind"] == "evidence"
    assert g.nodes["c1"]["short"] == "claim" and g.nodes["e1"]["asserted_by"] == "ann"
    assert g.edges["e2", "h2", "r3"]["active"] is False and g.edges["e1", "c1", "r1"]["active"] is True
    assert g.edges["e2", "h2", "r3"]["by"] == "bob"
    assert g.graph["map"] == "rivals" and g.graph["distrust"] == "bob"


def test_graphml_types_its_keys_and_drops_characters_xml_cannot_hold() -> None:
    text = write("graphml", evaluate(rival_map()))
    assert 'attr.name="round" attr.type="long"' in text
    assert 'attr.name="active" attr.type="boolean"' in text
    assert "\x01" not in text
    g = nx.parse_graphml(text)
    assert g.nodes["e2"]["text"] == "Line one\nline two "


def test_graphml_is_sorted_so_document_order_does_not_change_the_file() -> None:
    m = rival_map()
    text = write("graphml", evaluate(m))
    assert re.findall(r'<node id="([^"]+)"', text) == ["c1", "e1", "e2", "h1", "h2"]
    doc = m.to_document()
    doc["propositions"].reverse()
    doc["relations"].reverse()
    assert write("graphml", evaluate(from_document(doc))) == text


# -- DOT ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain", '"plain"'),
        ('a "b"', '"a \\"b\\""'),
        ("back\\slash \\N", '"back\\\\slash \\\\N"'),
        ("two\nlines\r\nthree", '"two\\nlines\\nthree"'),
        ("bell\x07", '"bell "'),
        ("ends with \\", '"ends with \\\\"'),
    ],
)
def test_dot_strings_are_quoted_and_escaped(text: str, expected: str) -> None:
    assert quote(text) == expected


def dot_statements(text: str) -> tuple[dict[str, str], dict[str, str]]:
    """Node statements by node id and edge statements by relation id (``->`` counted outside strings only)."""
    nodes: dict[str, str] = {}
    edges: dict[str, str] = {}
    for line in text.splitlines():
        bare = re.sub(r'"(?:[^"\\]|\\.)*"', '""', line)
        if not line.startswith('  "'):
            continue
        if "->" in bare:
            edges[re.search(r'\bid="([^"]+)"', line).group(1)] = line  # type: ignore[union-attr]
        else:
            nodes[line.split('"')[1]] = line
    return nodes, edges


def test_dot_draws_kinds_as_shapes_labels_as_colours_and_attacks_dashed_red() -> None:
    m = rival_map()
    ev = evaluate(m, off={"e2"})
    text = write("dot", ev)
    assert text.startswith('digraph "rivals" {\n') and text.endswith("}\n")
    node_lines, edges = dot_statements(text)
    assert list(node_lines) == sorted(m.propositions)
    assert 'shape="box"' in node_lines["e1"] and 'shape="hexagon"' in node_lines["h1"]
    assert 'shape="ellipse"' in node_lines["c1"]
    for pid, label in ev.labels.items():
        assert f"\\n{label}" in node_lines[pid]
    assert 'fillcolor="#EEEEEE"' in node_lines["e2"]  # OFF
    assert 'fillcolor="#C7EADF"' in node_lines["h1"]  # IN: h2 lost its only support with e2 off
    assert list(edges) == sorted(m.relations)
    assert 'color="#CC0000"' in edges["r4"] and 'style="dashed"' in edges["r4"] and 'arrowhead="tee"' in edges["r4"]
    assert 'style="solid"' in edges["r2"] and "#CC0000" not in edges["r2"]
    assert 'style="dotted"' in edges["r3"]  # e2 is off: the relation is set aside


def test_dot_keeps_hostile_text_inside_strings() -> None:
    text = write("dot", evaluate(rival_map()))
    # Outside double-quoted strings only DOT syntax remains: ids, attributes, arrows and punctuation.
    outside = re.sub(r'"(?:[^"\\]|\\.)*"', '""', text)
    assert "digraph x" not in outside and "<b>" not in outside and "\\N" not in outside
    assert outside.count("{") == outside.count("}") == 1
    assert outside.count("->") == len(rival_map().relations)


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")
def test_graphviz_renders_the_dot_export() -> None:
    text = write("dot", evaluate(rival_map(), distrust={"ann"}))
    done = subprocess.run(["dot", "-Tsvg"], input=text.encode(), capture_output=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stderr == b""
    svg = done.stdout.decode()
    assert svg.count('class="node"') == 5 and svg.count('class="edge"') == 7
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert "He said &quot;stop&quot; \\N" in texts  # the backslash-N shows as written, not as the node name
    assert "&lt;b&gt;&amp;amp;&lt;/b&gt; } ]; digraph x" in texts  # the entity shows as written too


# -- the three shapes: junction nodes --------------------------------------------------------------------


def shaped_map() -> ArgumentMap:
    """e1 and e2 together support h1 (linked); e3 undercuts that step and e4 undercuts the undercut; h1 excludes h2."""
    return from_document(
        {
            "id": "shaped",
            "title": "Shaped",
            "analysts": [{"id": "ann", "name": "Ann"}],
            "propositions": [
                {"id": "e1", "text": "E1", "kind": "evidence"},
                {"id": "e2", "text": "E2", "kind": "evidence"},
                {"id": "e3", "text": "E3", "kind": "evidence"},
                {"id": "e4", "text": "E4", "kind": "evidence"},
                {"id": "h1", "text": "H1", "kind": "hypothesis"},
                {"id": "h2", "text": "H2", "kind": "hypothesis"},
            ],
            "relations": [
                {"id": "r1", "from": ["e1", "e2"], "to": "h1", "kind": "support", "by": ["ann"]},
                {"id": "u1", "from": "e3", "to": "r1", "kind": "attack"},
                {"id": "u2", "from": "e4", "to": "u1", "kind": "attack"},
                {"id": "s2", "from": "e3", "to": "h2", "kind": "support"},
                {"id": "x1", "from": "h1", "to": "h2", "kind": "excludes"},
            ],
        },
        "shaped.yaml",
    )


def test_graphml_draws_steps_as_junction_nodes_with_their_status() -> None:
    m = shaped_map()
    ev = evaluate(m, off={"e4"})
    g = nx.read_graphml(io.BytesIO(write("graphml", ev).encode()), force_multigraph=True)
    junctions = {n: d for n, d in g.nodes(data=True) if d["kind"] == "junction"}
    assert set(junctions) == {"r1", "u1"} == m.junctions
    # e4 off: u2 is set aside, so u1 stands and the linked step r1 fails.
    assert {n: (d["relation"], d["label"]) for n, d in junctions.items()} == {
        "r1": ("support", "OUT"),
        "u1": ("attack", "IN"),
    }
    assert set(g.edges(keys=True)) == {
        ("e1", "r1", "r1:e1"),
        ("e2", "r1", "r1:e2"),
        ("r1", "h1", "r1"),
        ("e3", "u1", "u1:e3"),
        ("u1", "r1", "u1"),  # an undercut ends on the junction of the step it attacks
        ("e4", "u1", "u2"),
        ("e3", "h2", "s2"),
        ("h1", "h2", "x1"),
    }
    assert g.edges["e1", "r1", "r1:e1"]["role"] == "premise" and g.edges["r1", "h1", "r1"]["role"] == "conclusion"
    assert g.edges["r1", "h1", "r1"]["status"] == "OUT" and g.edges["e4", "u1", "u2"]["active"] is False
    assert g.edges["h1", "h2", "x1"]["kind"] == "excludes" and "status" not in g.edges["h1", "h2", "x1"]
    assert {n: d["label"] for n, d in g.nodes(data=True) if d["kind"] != "junction"} == {
        p: str(x) for p, x in ev.labels.items()
    }
    assert set(g.edges(keys=True)) == set(m.graph.edges(keys=True))


def test_dot_draws_junctions_premise_lines_undercuts_and_a_two_headed_excludes() -> None:
    m = shaped_map()
    ev = evaluate(m)  # u2 undercuts u1, so the linked step holds
    node_lines, edges = dot_statements(write("dot", ev))
    assert list(node_lines) == sorted(m.propositions) + ["r1", "u1"]
    assert 'shape="circle"' in node_lines["r1"] and 'fillcolor="#C7EADF"' in node_lines["r1"]  # IN
    assert 'fillcolor="#F6D0BA"' in node_lines["u1"] and "the step fails" in node_lines["u1"]  # OUT
    assert edges["r1:e1"].startswith('  "e1" -> "r1" ') and 'arrowhead="none"' in edges["r1:e1"]
    assert edges["r1"].startswith('  "r1" -> "h1" ') and 'arrowhead="normal"' in edges["r1"]
    assert edges["u1"].startswith('  "u1" -> "r1" ') and 'arrowhead="tee"' in edges["u1"]
    assert edges["u2"].startswith('  "e4" -> "u1" ')
    assert (
        edges["x1"].startswith('  "h1" -> "h2" ') and 'dir="both"' in edges["x1"] and 'arrowtail="tee"' in edges["x1"]
    )
    assert sorted(edges) == ["r1", "r1:e1", "r1:e2", "s2", "u1", "u1:e3", "u2", "x1"]


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")
def test_graphviz_renders_junction_nodes() -> None:
    text = write("dot", evaluate(shaped_map(), distrust={"ann"}))
    done = subprocess.run(["dot", "-Tsvg"], input=text.encode(), capture_output=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stderr == b""
    svg = done.stdout.decode()
    assert svg.count('class="node"') == 8 and svg.count('class="edge"') == 8
    assert 'id="r1"' in svg and 'id="u1"' in svg
