"""GraphML out, for Gephi, yEd, Cytoscape and networkx: the map with the scenario's labels as typed data.

A directed multigraph written by ``networkx.generate_graphml``:

* graph: ``map`` (its id), ``title``, ``question``, ``support``, ``off``, ``distrust`` (comma-separated);
* node (keyed by proposition id): ``id``, ``text``, ``short`` (the text drawn on the graph), ``kind``
  (evidence/claim/hypothesis), ``label`` (the verdict: IN/OUT/UNDEC/OFF), ``round`` (an int, for IN
  and OUT only), ``asserted_by`` (comma-separated analyst ids);
* junction node (keyed by relation id) for each step drawn as a node of its own (``ArgumentMap.junctions``:
  a linked step, or one that is undercut, DESIGN §7): ``id``, ``kind`` = ``junction``, ``relation``
  (support/attack), ``label`` (the step's status from ``evaluation.inferences``), ``round``, ``text``
  and ``short`` (a gist: "e1 + e2 -> h1");
* edge: ``id`` (the relation id), ``kind`` (support/attack/excludes), ``by`` (comma-separated analyst
  ids), ``active`` (a boolean: whether the scenario keeps the relation), ``note``, ``status`` (the
  step's status; none on an excludes) and ``role``. A relation without a junction is one edge
  ``premise -> target`` keyed by its id (``role`` direct); a junction's relation is one edge per premise
  ``premise -> junction`` keyed ``<id>:<premise>`` (``role`` premise) and ``junction -> target`` keyed by
  its id (``role`` conclusion). An undercut ends on the junction of the step it attacks. An ``excludes``
  is one edge ``from -> to``; it is symmetric, so read it both ways. The edges are those of
  ``ArgumentMap.graph``.

Nodes are added sorted by id and edges in relation-id order (networkx then writes each node's edges
after it), so the file does not depend on document order. Characters XML 1.0 cannot hold (control
characters other than tab and newline) are written as spaces. Imports networkx, model, pipeline and the registry.
"""

from __future__ import annotations

import re

import networkx as nx

from argmap.compile import active_relations, inference
from argmap.formats._registry import writer
from argmap.model import Graph
from argmap.pipeline import Evaluation

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@writer("graphml", "application/graphml+xml", "graphml")
def write_graphml(evaluation: Evaluation) -> str:
    """The map and its labels as GraphML (see the module docstring for the attributes)."""
    return "\n".join(nx.generate_graphml(labelled_graph(evaluation))) + "\n"


def labelled_graph(evaluation: Evaluation) -> Graph:
    """The map as a networkx MultiDiGraph whose nodes and edges carry the scenario's labels.

    Examples
    --------
    >>> from argmap.document import from_document
    >>> from argmap.pipeline import evaluate
    >>> m = from_document({"id": "m", "title": "t", "propositions": [
    ...     {"id": "e1", "text": "E", "kind": "evidence"}, {"id": "h1", "text": "H", "kind": "hypothesis"}],
    ...     "relations": [{"id": "r1", "from": "e1", "to": "h1", "kind": "support"}]})
    >>> g = labelled_graph(evaluate(m))
    >>> g.nodes["h1"]["label"], g.nodes["h1"]["round"], g.edges["e1", "h1", "r1"]["kind"]
    ('IN', 2, 'support')

    A linked step is a junction node that its premises point into:

    >>> m = from_document({"id": "m", "title": "t", "propositions": [
    ...     {"id": "e1", "text": "E", "kind": "evidence"}, {"id": "e2", "text": "F", "kind": "evidence"},
    ...     {"id": "h1", "text": "H", "kind": "hypothesis"}],
    ...     "relations": [{"id": "r1", "from": ["e1", "e2"], "to": "h1", "kind": "support"}]})
    >>> g = labelled_graph(evaluate(m, off={"e2"}))
    >>> g.nodes["r1"]["kind"], g.nodes["r1"]["label"], sorted(g.edges(keys=True))
    ('junction', 'OFF', [('e1', 'r1', 'r1:e1'), ('e2', 'r1', 'r1:e2'), ('r1', 'h1', 'r1')])
    """
    m, scenario = evaluation.map, evaluation.scenario
    g: Graph = nx.MultiDiGraph()
    g.graph.update(
        map=m.id,
        title=_xml(m.title),
        question=_xml(m.question),
        support=str(scenario.support),
        off=",".join(sorted(scenario.off)),
        distrust=",".join(sorted(scenario.distrust)),
    )
    for pid in sorted(m.propositions):
        p = m.propositions[pid]
        attrs: dict[str, object] = {
            "id": p.id,
            "text": _xml(p.text),
            "short": _xml(p.short),
            "kind": str(p.kind),
            "label": str(evaluation.labels[pid]),
            "asserted_by": ",".join(p.asserted_by),
        }
        if pid in evaluation.rounds:
            attrs["round"] = evaluation.rounds[pid]
        g.add_node(pid, **attrs)
    for rid in sorted(m.junctions):
        r = m.relations[rid]
        gist = f"{' + '.join(r.premises)} -> {r.target}"
        step: dict[str, object] = {"id": rid, "text": gist, "short": gist, "kind": "junction", "relation": str(r.kind)}
        step["label"] = str(evaluation.inferences[rid])
        if inference(rid) in evaluation.all_rounds:
            step["round"] = evaluation.all_rounds[inference(rid)]
        g.add_node(rid, **step)
    active = {r.id for r in active_relations(m, scenario)}
    for rid in sorted(m.relations):
        r = m.relations[rid]
        attrs = {"id": rid, "kind": str(r.kind), "by": ",".join(r.by), "active": rid in active}
        attrs["note"] = _xml(r.note or "")
        if rid in evaluation.inferences:
            attrs["status"] = str(evaluation.inferences[rid])
        if rid in m.junctions:
            for premise in r.premises:
                g.add_edge(premise, rid, key=f"{rid}:{premise}", role="premise", **attrs)
            g.add_edge(rid, r.target, key=rid, role="conclusion", **attrs)
        else:
            g.add_edge(r.premises[0], r.target, key=rid, role="direct", **attrs)
    return g


def _xml(text: str) -> str:
    return _NOT_XML.sub(" ", text)
