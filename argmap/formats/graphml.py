"""GraphML out, for Gephi, yEd, Cytoscape and networkx: the map with the scenario's labels as typed data.

A directed multigraph written by ``networkx.generate_graphml``:

* graph: ``map`` (its id), ``title``, ``question``, ``support``, ``off``, ``distrust`` (comma-separated);
* node (keyed by proposition id): ``id``, ``text``, ``short`` (the text drawn on the graph), ``kind``
  (evidence/claim/hypothesis), ``label`` (the verdict: IN/OUT/UNDEC/OFF), ``round`` (an int, for IN
  and OUT only), ``asserted_by`` (comma-separated analyst ids);
* edge (keyed by relation id): ``id``, ``kind`` (support/attack), ``by`` (comma-separated analyst ids),
  ``active`` (a boolean: whether the scenario keeps the relation), ``note``.

Nodes are added sorted by id and edges in relation-id order (networkx then writes each node's edges
after it), so the file does not depend on document order. Characters XML 1.0 cannot hold (control
characters other than tab and newline) are written as spaces. Imports networkx, model, pipeline and the registry.
"""

from __future__ import annotations

import re

import networkx as nx

from argmap.compile import active_relations
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
    active = {r.id for r in active_relations(m, scenario)}
    for rid in sorted(m.relations):
        r = m.relations[rid]
        g.add_edge(  # TODO(#10): junction nodes for linked steps and undercuts
            r.premises[0],
            r.target,
            key=rid,
            id=rid,
            kind=str(r.kind),
            by=",".join(r.by),
            active=rid in active,
            note=_xml(r.note or ""),
        )
    return g


def _xml(text: str) -> str:
    return _NOT_XML.sub(" ", text)
