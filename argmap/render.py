"""The graph as vis-network data: a pyvis Network built from the map, styled by kind and label.

The only module that imports pyvis. pyvis's own HTML links CDNs, so it is used to build the nodes,
edges and options only; the page hands them to vis-network (served from pyvis's package folder) as
JSON data. Shapes carry the kind (evidence box, claim ellipse, hypothesis hexagon); the palette is
Okabe & Ito's colour-blind-safe set, and the border pattern repeats the label (IN solid, OUT
dashed, UNDEC dotted, OFF grey and faded) so colour is never the only cue. Support is a solid blue
arrow, attack a dashed vermillion line ending in a bar. Tooltips are plain text.

The explorer ships ``graph(m)``: one compact record per node and edge (no style), computed once per
map, and the style tables; the page styles each node from its kind and label. Big maps get
``BIG_MAP`` settings: edges drawn plainly when zoomed far out, edges hidden while dragging.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pyvis
from pyvis.network import Network

from argmap.compile import active_relations
from argmap.layout import positions
from argmap.model import ArgumentMap, NodeKind, Relation, RelationKind
from argmap.pipeline import Evaluation

# vis-network as pyvis ships it; the page loads these two files from here, never from a CDN.
VIS_DIR = Path(pyvis.__file__).resolve().parent / "lib" / "vis-9.1.2"
VIS_FILES = ("vis-network.min.js", "vis-network.css")

# Okabe & Ito (2008), "Color Universal Design": distinguishable under every common colour deficiency.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
}

PALETTE: dict[str, dict[str, Any]] = {
    "IN": {"border": OKABE_ITO["bluish_green"], "background": "#CFEDE4", "dashes": False, "name": "accepted"},
    "OUT": {"border": OKABE_ITO["vermillion"], "background": "#F7D9C6", "dashes": [9, 5], "name": "rejected"},
    "UNDEC": {"border": OKABE_ITO["orange"], "background": "#FBEBC4", "dashes": [2, 4], "name": "undecided"},
    "OFF": {"border": "#9A9A9A", "background": "#F2F2F2", "dashes": [4, 4], "name": "switched off"},
}
RELATION_COLOURS = {"support": OKABE_ITO["blue"], "attack": OKABE_ITO["vermillion"]}
SHAPES = {NodeKind.EVIDENCE: "box", NodeKind.CLAIM: "ellipse", NodeKind.HYPOTHESIS: "hexagon"}
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif"
TEXT = "#1B1B1B"


def node_style(kind: NodeKind | str, label: str) -> dict[str, Any]:
    """The vis-network node properties that show ``label`` on a node of ``kind``.

    Examples
    --------
    >>> node_style("claim", "OUT")["shapeProperties"]
    {'borderDashes': [9, 5]}
    """
    colour = PALETTE[label]
    off = label == "OFF"
    hypothesis = kind == NodeKind.HYPOTHESIS
    return {
        "color": {
            "border": colour["border"],
            "background": colour["background"],
            "highlight": {"border": OKABE_ITO["black"], "background": colour["background"]},
            "hover": {"border": OKABE_ITO["black"], "background": colour["background"]},
        },
        "borderWidth": 4 if hypothesis else 2.5,
        "borderWidthSelected": 5 if hypothesis else 4,
        "shapeProperties": {"borderDashes": colour["dashes"]},
        "opacity": 0.45 if off else 1.0,
        "font": {
            "color": "#8A8A8A" if off else TEXT,
            "size": 18 if hypothesis else 14,
            "face": FONT,
            "strokeWidth": 3 if hypothesis else 0,
            "strokeColor": "#FFFFFF",
        },
        "shadow": {"enabled": False},
    }


# Added to a node whose label just changed: a wide border and a halo, until the next switch.
CHANGED_STYLE: dict[str, Any] = {
    "borderWidth": 6,
    "shadow": {"enabled": True, "color": "rgba(0, 114, 178, 0.75)", "size": 22, "x": 0, "y": 0},
}


EDGE_CLASSES = ("support", "attack", "rival")

LABEL_MIN_PX = 5  # a label smaller than this on screen is not drawn: zoom in to read it
BIG_MAP = 300  # propositions from which the page draws for speed (see BIG_MAP_VIEW)
# On big maps: below ``plain_below`` scale, edges are straight lines without heads or dashes (at that
# size those are invisible, and they cost most of a redraw); edges are hidden while dragging or zooming.
BIG_MAP_VIEW: dict[str, Any] = {
    "plain_below": 0.3,
    "plain_edge": {"smooth": {"enabled": False}, "arrows": {"to": {"enabled": False}}, "dashes": False},
    "interaction": {"hideEdgesOnDrag": True, "hideEdgesOnZoom": True},
}
RIVAL_SMOOTH = {"enabled": True, "type": "curvedCW", "roundness": 0.3}


def edge_class(m: ArgumentMap, relation: Relation) -> str:
    """``support``, ``attack``, or ``rival`` for an attack between two hypotheses (drawn lighter)."""
    if relation.kind is RelationKind.SUPPORT:
        return "support"
    if relation.target not in m.propositions:
        return "attack"
    ends = (m.propositions[relation.premises[0]].kind, m.propositions[relation.target].kind)
    return "rival" if ends == (NodeKind.HYPOTHESIS, NodeKind.HYPOTHESIS) else "attack"


def edge_style(edge: str, active: bool) -> dict[str, Any]:
    """The vis-network edge properties of a support, attack or rival attack, faded when inactive.

    Examples
    --------
    >>> edge_style("attack", True)["arrows"]["to"]["type"], edge_style("support", True)["dashes"]
    ('bar', False)
    """
    support = edge == "support"
    colour = RELATION_COLOURS["support" if support else "attack"]
    opacity = (0.85 if edge != "rival" else 0.5) if active else 0.18
    return {
        "color": {"color": colour, "highlight": colour, "hover": colour, "opacity": opacity},
        "dashes": False if support else [10, 6],
        "width": (1.4 if edge == "rival" else 2.0) if active else 1.0,
        "arrows": {"to": {"enabled": True, "type": "arrow" if support else "bar", "scaleFactor": 0.8}},
    }


OPTIONS: dict[str, Any] = {
    "autoResize": True,
    "physics": {"enabled": False},
    "layout": {"improvedLayout": False, "randomSeed": 1},
    "interaction": {
        "hover": True,
        "tooltipDelay": 120,
        "navigationButtons": True,
        "keyboard": {"enabled": True, "bindToWindow": False},
        "multiselect": False,
        "selectConnectedEdges": True,
        "zoomSpeed": 0.6,
    },
    "nodes": {
        "widthConstraint": {"maximum": 180},
        "margin": {"top": 8, "right": 10, "bottom": 8, "left": 10},
        "size": 24,
        "physics": False,
        # vis-network leaves out a label drawn smaller than drawThreshold - 1 screen pixels.
        "scaling": {"label": {"drawThreshold": LABEL_MIN_PX + 1}},
    },
    "edges": {
        "smooth": {"enabled": True, "type": "curvedCW", "roundness": 0.12},
        "selectionWidth": 2,
        "hoverWidth": 1,
    },
}


@functools.lru_cache(maxsize=16)
def graph(m: ArgumentMap) -> dict[str, list[dict[str, Any]]]:
    """Every node and edge as a compact record, without styles; computed once per map object.

    Nodes carry ``id``, ``label`` (the short text drawn), ``kind``, ``title`` (the plain-text
    tooltip) and fixed ``x``/``y``; edges ``id``, ``from``, ``to``, ``style`` (``edge_class``),
    ``by`` and ``title``, plus ``smooth`` on rival attacks. The page adds each node's shape and
    style from the tables of ``explorer_vis``.

    Examples
    --------
    >>> from argmap.document import from_document
    >>> m = from_document({"id": "m", "title": "t", "propositions": [
    ...     {"id": "e1", "text": "E", "kind": "evidence"}, {"id": "h1", "text": "H", "kind": "hypothesis"}],
    ...     "relations": [{"id": "r1", "from": "e1", "to": "h1", "kind": "support"}]})
    >>> sorted(graph(m)["nodes"][0]), graph(m)["edges"][0]["style"]
    (['id', 'kind', 'label', 'title', 'x', 'y'], 'support')
    """
    where = positions(m)
    nodes = [
        {
            "id": p.id,
            "label": p.short,
            "kind": str(p.kind),
            "title": f"{p.text}\n\n{p.kind} · {p.id}",
            "x": where[p.id][0],
            "y": where[p.id][1],
        }
        for p in m.propositions.values()
    ]
    edges: list[dict[str, Any]] = []
    for r in m.relations.values():
        if r.target not in m.propositions:
            continue  # TODO(#10): draw undercuts onto the junction of the step they attack
        names = ", ".join(m.analysts[a].name for a in r.by if a in m.analysts) or "unattributed"
        verb = "supports" if r.kind is RelationKind.SUPPORT else "attacks"
        premises = " + ".join(m.propositions[p].short for p in r.premises)
        title = f"{premises} {verb} {m.propositions[r.target].short}\nby {names}"
        if r.note:
            title += f"\n{r.note}"
        style = edge_class(m, r)
        edge: dict[str, Any] = {
            "id": r.id,
            "from": r.premises[0],
            "to": r.target,
            "style": style,
            "by": list(r.by),
            "title": title,
        }
        if style == "rival":
            edge["smooth"] = RIVAL_SMOOTH
        edges.append(edge)
    return {"nodes": nodes, "edges": edges}


@functools.lru_cache(maxsize=32)
def network(m: ArgumentMap) -> Network:
    """A pyvis Network of the map with fixed positions and physics off (cached per map object)."""
    net = Network(directed=True)
    net.set_options("{}")
    net.options = {**OPTIONS}
    records = graph(m)
    for node in records["nodes"]:
        extra = {k: v for k, v in node.items() if k not in ("id", "label")}
        net.add_node(
            node["id"], label=node["label"], shape=SHAPES[NodeKind(node["kind"])], fixed=False, physics=False, **extra
        )
    kinds = {r.id: str(r.kind) for r in m.relations.values()}
    for edge in records["edges"]:
        extra = {k: v for k, v in edge.items() if k not in ("from", "to")}
        net.add_edge(edge["from"], edge["to"], kind=kinds[edge["id"]], **extra)
    return net


def explorer_vis(m: ArgumentMap) -> dict[str, Any]:
    """What the explorer page draws the graph from: ``graph(m)``, options and the style tables.

    Nothing here depends on a scenario: the page styles each node as ``styles[kind][label]`` and
    each edge as ``edge_styles[style]["active" | "inactive"]`` from the labels it is given. ``view``
    holds ``BIG_MAP_VIEW`` on maps of ``BIG_MAP`` propositions or more, else None.
    """
    big = len(m.propositions) >= BIG_MAP
    options = {**OPTIONS, "interaction": {**OPTIONS["interaction"], **BIG_MAP_VIEW["interaction"]}} if big else OPTIONS
    return {
        **graph(m),
        "options": options,
        "shapes": {str(k): shape for k, shape in SHAPES.items()},
        **_style_tables(),
        "view": BIG_MAP_VIEW if big else None,
        "edge_smooth": OPTIONS["edges"]["smooth"],
        "label_min_px": LABEL_MIN_PX,
    }


def _style_tables() -> dict[str, Any]:
    return {
        "styles": {str(k): {label: node_style(k, label) for label in PALETTE} for k in NodeKind},
        "changed_style": CHANGED_STYLE,
        "edge_styles": {c: {"active": edge_style(c, True), "inactive": edge_style(c, False)} for c in EDGE_CLASSES},
        "palette": PALETTE,
        "relation_colours": RELATION_COLOURS,
    }


def vis_data(m: ArgumentMap, evaluation: Evaluation) -> dict[str, Any]:
    """Nodes, edges and options for vis-network, styled for ``evaluation``, plus the styles the page reuses.

    ``styles[kind][label]`` and ``edge_styles[kind][active]`` let the page restyle nodes and edges
    in place when the scenario changes; positions never change.
    """
    net = network(m)
    labels = {p: str(label) for p, label in evaluation.labels.items()}
    nodes = [{**node, **node_style(node["kind"], labels[node["id"]])} for node in net.nodes]
    active = {r.id for r in active_relations(m, evaluation.scenario)}
    edges = [{**edge, **edge_style(edge["style"], edge["id"] in active)} for edge in net.edges]
    return {"nodes": nodes, "edges": edges, "options": net.options, **_style_tables()}
