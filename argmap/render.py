"""The graph as vis-network data: a pyvis Network built from the map, styled by kind and label.

The only module that imports pyvis. pyvis's own HTML links CDNs, so it is used to build the nodes,
edges and options only; the page hands them to vis-network (served from pyvis's package folder) as
JSON data. Shapes carry the kind (evidence box, claim ellipse, hypothesis hexagon); the palette is
Okabe & Ito's colour-blind-safe set, and the border pattern repeats the label (IN solid, OUT
dashed, UNDEC dotted, OFF grey and faded) so colour is never the only cue. Support is a solid blue
arrow, attack a dashed vermillion line ending in a bar, ``excludes`` a lighter dashed line with a
head at each end. Tooltips are plain text.

A reified relation (``m.junctions``: linked steps and steps that are undercut) is a small diamond
whose node id is the relation id: its premises flow into it (edges ``<rid>:<premise>``) and one
edge (id ``<rid>``) leaves it for the target, so an undercut ends on the junction of the step it
attacks. Every step is drawn by its status (``Evaluation.inferences``): a failed step (OUT) dotted
and faded, a step set aside (OFF) faint, as inactive edges.

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
RELATION_COLOURS = {
    "support": OKABE_ITO["blue"],
    "attack": OKABE_ITO["vermillion"],
    "excludes": OKABE_ITO["reddish_purple"],
}
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


# An edge's class: the relation it draws (``rival``: an attack between hypotheses, drawn lighter), or a
# premise's edge into a junction (``support-premise``, ``attack-premise``: no head, the junction's edge has it).
EDGE_CLASSES = ("support", "attack", "rival", "excludes", "support-premise", "attack-premise")
# How an edge shows its step's status: ``active`` (IN or UNDEC), ``failed`` (OUT), ``inactive`` (OFF).
EDGE_STATES = ("active", "failed", "inactive")
FAILED_DASHES = [2, 5]  # a failed step's edges are dotted and faded, whatever their kind

LABEL_MIN_PX = 5  # a label smaller than this on screen is not drawn: zoom in to read it
READABLE_PX = 11  # the first view draws the hypotheses and their neighbours' labels at least this big
BIG_MAP = 300  # propositions from which the page draws for speed (see BIG_MAP_VIEW)
# On big maps: below ``plain_below`` scale, edges are straight lines without heads or dashes (at that
# size those are invisible, and they cost most of a redraw); edges are hidden while dragging or zooming.
BIG_MAP_VIEW: dict[str, Any] = {
    "plain_below": 0.3,
    "plain_edge": {
        "smooth": {"enabled": False},
        "arrows": {"to": {"enabled": False}, "from": {"enabled": False}},
        "dashes": False,
    },
    "interaction": {"hideEdgesOnDrag": True, "hideEdgesOnZoom": True},
}
RIVAL_SMOOTH = {"enabled": True, "type": "curvedCW", "roundness": 0.3}
JUNCTION_SIZE = 9


def edge_class(m: ArgumentMap, relation: Relation) -> str:
    """``support``, ``attack``, ``excludes``, or ``rival`` for an attack between hypotheses (drawn lighter)."""
    if relation.kind is RelationKind.SUPPORT:
        return "support"
    if relation.kind is RelationKind.EXCLUDES:
        return "excludes"
    if relation.target not in m.propositions:
        return "attack"
    ends = {m.propositions[p].kind for p in (*relation.premises, relation.target)}
    return "rival" if ends == {NodeKind.HYPOTHESIS} else "attack"


def edge_style(edge: str, state: str | bool) -> dict[str, Any]:
    """The vis-network edge properties of an edge class in a state (``True``/``False``: active/inactive).

    A failed step's edges are dotted and faded; an inactive one's faint and thin.

    Examples
    --------
    >>> edge_style("attack", True)["arrows"]["to"]["type"], edge_style("support", True)["dashes"]
    ('bar', False)
    >>> edge_style("support", "failed")["dashes"], edge_style("excludes", True)["arrows"]["from"]["enabled"]
    ([2, 5], True)
    """
    state = "active" if state is True else "inactive" if state is False else state
    kind = edge.removesuffix("-premise")
    colour = RELATION_COLOURS["support" if kind == "support" else "excludes" if kind == "excludes" else "attack"]
    light = kind in ("rival", "excludes")
    opacity = {"active": 0.7 if kind == "excludes" else 0.5 if light else 0.85, "failed": 0.4, "inactive": 0.18}[state]
    width = {"active": 1.4 if light else 2.0, "failed": 1.4, "inactive": 1.0}[state]
    dashes: bool | list[int] = False if kind == "support" else [4, 4] if kind == "excludes" else [10, 6]
    head = {"enabled": edge == kind, "type": "arrow" if kind in ("support", "excludes") else "bar", "scaleFactor": 0.8}
    return {
        "color": {"color": colour, "highlight": colour, "hover": colour, "opacity": opacity},
        "dashes": FAILED_DASHES if state == "failed" else dashes,
        "width": width,
        "arrows": {"to": head, "from": {**head, "enabled": kind == "excludes"}},
    }


def junction_style(label: str) -> dict[str, Any]:
    """The vis-network node properties of a junction (a step of its own) whose step has ``label``.

    Examples
    --------
    >>> junction_style("OUT")["opacity"] < junction_style("IN")["opacity"]
    True
    """
    colour = PALETTE[label]
    dashes = {"IN": False, "OUT": [3, 2], "UNDEC": [1, 2], "OFF": [2, 2]}[label]
    return {
        "color": {
            "border": colour["border"],
            "background": colour["background"],
            "highlight": {"border": OKABE_ITO["black"], "background": colour["background"]},
            "hover": {"border": OKABE_ITO["black"], "background": colour["background"]},
        },
        "size": JUNCTION_SIZE,
        "borderWidth": 2,
        "borderWidthSelected": 3,
        "shapeProperties": {"borderDashes": dashes},
        "opacity": {"IN": 1.0, "UNDEC": 1.0, "OUT": 0.7, "OFF": 0.4}[label],
        "shadow": {"enabled": False},
    }


JUNCTION_CHANGED_STYLE: dict[str, Any] = {
    "borderWidth": 3,
    "shadow": {"enabled": True, "color": "rgba(0, 114, 178, 0.75)", "size": 14, "x": 0, "y": 0},
}


def step_state(label: str) -> str:
    """The edge state that shows a step's status: OUT ``failed``, OFF ``inactive``, else ``active``."""
    return "failed" if label == "OUT" else "inactive" if label == "OFF" else "active"


OPTIONS: dict[str, Any] = {
    "autoResize": True,
    "physics": {"enabled": False},
    "layout": {"improvedLayout": False, "randomSeed": 1},
    "interaction": {
        "hover": True,
        "tooltipDelay": 120,
        # The page draws its own zoom and pan buttons (focusable, labelled); vis-network's are neither.
        "navigationButtons": False,
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
    tooltip) and fixed ``x``/``y``; a junction (``kind`` ``junction``, id = its relation's id) has
    an empty label. Edges carry ``id``, ``from``, ``to`` and ``style`` (``edge_class``); a
    relation's own edge has the relation's id, ``by`` and ``title`` (plus ``smooth`` on rival
    attacks and ``excludes``), a premise's edge into a junction is ``<rid>:<premise>`` with
    ``step`` = rid and no title (its junction has the step's). The page adds each node's shape and
    style from the tables of ``explorer_vis``.

    Examples
    --------
    >>> from argmap.document import from_document
    >>> m = from_document({"id": "m", "title": "t", "propositions": [
    ...     {"id": "e1", "text": "E", "kind": "evidence"}, {"id": "e2", "text": "F", "kind": "evidence"},
    ...     {"id": "h1", "text": "H", "kind": "hypothesis"}],
    ...     "relations": [{"id": "r1", "from": ["e1", "e2"], "to": "h1", "kind": "support"}]})
    >>> sorted(graph(m)["nodes"][0]), [n["id"] for n in graph(m)["nodes"] if n["kind"] == "junction"]
    (['id', 'kind', 'label', 'title', 'x', 'y'], ['r1'])
    >>> [(e["id"], e["from"], e["to"], e["style"]) for e in graph(m)["edges"]]  # doctest: +NORMALIZE_WHITESPACE
    [('r1:e1', 'e1', 'r1', 'support-premise'), ('r1:e2', 'e2', 'r1', 'support-premise'),
     ('r1', 'r1', 'h1', 'support')]
    """
    where = positions(m)
    nodes = [
        {
            "id": p.id,
            "label": p.short,
            "kind": str(p.kind),
            "title": f"{p.text}\n\n{p.kind}",  # ids only in the details' "Ids"
            "x": where[p.id][0],
            "y": where[p.id][1],
        }
        for p in m.propositions.values()
    ]
    edges: list[dict[str, Any]] = []
    for r in m.relations.values():
        title = _title(m, r)
        style = edge_class(m, r)
        edge: dict[str, Any] = {"id": r.id, "from": r.premises[0], "to": r.target, "style": style, "by": list(r.by)}
        if r.id in m.junctions:
            x, y = where[r.id]
            nodes.append({"id": r.id, "label": "", "kind": "junction", "title": title, "x": x, "y": y})
            for p in r.premises:
                edges.append(
                    {
                        "id": f"{r.id}:{p}",
                        "from": p,
                        "to": r.id,
                        "style": f"{r.kind}-premise",
                        "step": r.id,
                    }
                )
            edge["from"] = r.id
        edge["title"] = title
        if style in ("rival", "excludes"):
            edge["smooth"] = RIVAL_SMOOTH
        edges.append(edge)
    return {"nodes": nodes, "edges": edges}


def _title(m: ArgumentMap, r: Relation) -> str:
    """A relation's plain-text tooltip: "A + B supports C", who argues it and its note."""
    names = ", ".join(m.analysts[a].name for a in r.by if a in m.analysts) or "unattributed"
    premises = " + ".join(m.propositions[p].short for p in r.premises)
    if r.target in m.relations:
        step = m.relations[r.target]
        target = f"the step ({' + '.join(m.propositions[p].short for p in step.premises)} → "
        target += f"{m.propositions[step.target].short if step.target in m.propositions else 'a step'})"
        verb = "undercuts"
    else:
        target = m.propositions[r.target].short
        verb = {RelationKind.SUPPORT: "supports", RelationKind.ATTACK: "attacks"}.get(r.kind, "excludes")
    title = f"{premises} {verb} {target}\nby {names}"
    return f"{title}\n{r.note}" if r.note else title


SHAPE_OF = {**{str(k): shape for k, shape in SHAPES.items()}, "junction": "diamond"}


@functools.lru_cache(maxsize=32)
def network(m: ArgumentMap) -> Network:
    """A pyvis Network of the map with fixed positions and physics off (cached per map object)."""
    net = Network(directed=True)
    net.set_options("{}")
    net.options = {**OPTIONS}
    records = graph(m)
    for node in records["nodes"]:
        extra = {k: v for k, v in node.items() if k not in ("id", "label")}
        net.add_node(node["id"], label=node["label"], shape=SHAPE_OF[node["kind"]], fixed=False, physics=False, **extra)
        net.nodes[-1]["label"] = node["label"]  # pyvis labels an unlabelled node with its id: a junction has none
    kinds = {r.id: str(r.kind) for r in m.relations.values()}
    for edge in records["edges"]:
        extra = {k: v for k, v in edge.items() if k not in ("from", "to")}
        net.add_edge(edge["from"], edge["to"], kind=kinds[edge.get("step", edge["id"])], **extra)
    return net


def explorer_vis(m: ArgumentMap) -> dict[str, Any]:
    """What the explorer page draws the graph from: ``graph(m)``, options and the style tables.

    Nothing here depends on a scenario: the page styles each proposition as ``styles[kind][label]``,
    each junction as ``junction_styles[status]`` and each edge as ``edge_styles[style][state]`` from
    the labels and step statuses it is given (see ``edge_states``). ``view`` holds ``BIG_MAP_VIEW``
    on maps of ``BIG_MAP`` propositions or more, else None.
    """
    big = len(m.propositions) >= BIG_MAP
    options = {**OPTIONS, "interaction": {**OPTIONS["interaction"], **BIG_MAP_VIEW["interaction"]}} if big else OPTIONS
    return {
        **graph(m),
        "options": options,
        "shapes": SHAPE_OF,
        **_style_tables(),
        "view": BIG_MAP_VIEW if big else None,
        "edge_smooth": OPTIONS["edges"]["smooth"],
        "label_min_px": LABEL_MIN_PX,
        "readable_px": READABLE_PX,
    }


def _style_tables() -> dict[str, Any]:
    return {
        "styles": {str(k): {label: node_style(k, label) for label in PALETTE} for k in NodeKind},
        "junction_styles": {label: junction_style(label) for label in PALETTE},
        "changed_style": CHANGED_STYLE,
        "junction_changed_style": JUNCTION_CHANGED_STYLE,
        "edge_styles": {c: {s: edge_style(c, s) for s in EDGE_STATES} for c in EDGE_CLASSES},
        "palette": PALETTE,
        "relation_colours": RELATION_COLOURS,
    }


def edge_states(m: ArgumentMap, evaluation: Evaluation) -> dict[str, str]:
    """The state of every edge of ``graph(m)`` under ``evaluation`` (``static/graph.js`` computes the same).

    A relation's edge shows its step's status (``step_state``); a premise's edge into a junction is
    ``failed`` where that premise is rejected, so a failed linked step shows which premise failed;
    an ``excludes`` is ``active`` or ``inactive``.
    """
    status = {**{p: str(label) for p, label in evaluation.labels.items()}, **evaluation.inferences}
    active = {r.id for r in active_relations(m, evaluation.scenario)}
    out = {}
    for edge in graph(m)["edges"]:
        rid = edge.get("step", edge["id"])
        if edge["style"] == "excludes":
            out[edge["id"]] = "active" if rid in active else "inactive"
        elif "step" in edge and status[rid] != "OFF":
            out[edge["id"]] = step_state(status[edge["from"]])
        else:
            out[edge["id"]] = step_state(str(status[rid]))
    return out


def vis_data(m: ArgumentMap, evaluation: Evaluation) -> dict[str, Any]:
    """Nodes, edges and options for vis-network, styled for ``evaluation``, plus the styles the page reuses.

    ``styles[kind][label]``, ``junction_styles[status]`` and ``edge_styles[style][state]`` let the
    page restyle nodes and edges in place when the scenario changes; positions never change.
    """
    net = network(m)
    labels = {p: str(label) for p, label in evaluation.labels.items()}
    steps = {r: str(label) for r, label in evaluation.inferences.items()}
    nodes = [
        {
            **node,
            **(
                junction_style(steps[node["id"]])
                if node["kind"] == "junction"
                else node_style(node["kind"], labels[node["id"]])
            ),
        }
        for node in net.nodes
    ]
    states = edge_states(m, evaluation)
    edges = [{**edge, **edge_style(edge["style"], states[edge["id"]])} for edge in net.edges]
    return {"nodes": nodes, "edges": edges, "options": net.options, **_style_tables()}
