"""AIF JSON out, in the AIFdb / OVA3 nodeset shape, with argmap's labels in a block AIF tools ignore.

The file is ``{"nodes", "edges", "locutions", "participants", "argmap"}``:

* each proposition is an I-node, each support an RA node ("Default Inference") and each attack a CA
  node ("Default Conflict"), joined ``I -> RA -> I`` and ``I -> CA -> I``; a linked step's S-node has
  one edge from each premise, in order; an undercut's CA node points at the S-node of the step it
  attacks; an ``excludes`` is two CA nodes, one each way (how AIF draws a mutual conflict), both
  marked ``"excludes": true`` in the block under the one relation id;
* each analyst is a participant (``firstname`` the first word of the name, ``surname`` the rest);
  as OVA records dialogue, each ``asserted_by`` is an L-node of that participant anchored on the
  I-node by a YA node ("Asserting"), and each ``by`` an L-node anchored on the RA ("Arguing") or CA
  ("Disagreeing");
* node ids are numbers as text, given in a fixed order (I-nodes by proposition id, then RA/CA nodes
  by relation id, then locutions), edges follow, timestamps are one fixed value: an unchanged map
  exports byte for byte the same, and a changed one diffs cleanly;
* ``argmap`` holds the map's id, title and question, the scenario, the ``labels`` and ``rounds``
  per proposition id, and per node id what AIF cannot say (proposition id, kind, label, quotes;
  relation id, quotes, note; analyst ids) -- so the proposition behind I-node ``n`` is
  ``argmap.propositions[n].id``, and argmap's AIF reader restores the map from it.

Imports model, pipeline and the registry.
"""

from __future__ import annotations

import json
from typing import Any

from argmap.formats._registry import writer
from argmap.model import ArgumentMap, RelationKind
from argmap.pipeline import Evaluation

TIMESTAMP = "2000-01-01 00:00:00"  # fixed, so exports diff cleanly; AIF tools require one
BLOCK_VERSION = 1
_S_NODE = {
    RelationKind.SUPPORT: ("RA", "Default Inference", "Arguing"),
    RelationKind.ATTACK: ("CA", "Default Conflict", "Disagreeing"),
    RelationKind.EXCLUDES: ("CA", "Default Conflict", "Disagreeing"),
}


@writer("aif", "application/json", "aif.json")
def write_aif(evaluation: Evaluation) -> str:
    """The map as AIF JSON (AIFdb/OVA3 nodeset) with the scenario's labels in ``argmap``."""
    return json.dumps(aif_document(evaluation), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def aif_document(evaluation: Evaluation) -> dict[str, Any]:
    """The AIF nodeset of a map under a scenario, as plain data (see the module docstring).

    Examples
    --------
    >>> from argmap.document import from_document
    >>> from argmap.pipeline import evaluate
    >>> m = from_document({"id": "m", "title": "t", "propositions": [
    ...     {"id": "e1", "text": "It rained", "kind": "evidence"},
    ...     {"id": "h1", "text": "The street is wet", "kind": "hypothesis"}],
    ...     "relations": [{"id": "r1", "from": "e1", "to": "h1", "kind": "support"}]})
    >>> doc = aif_document(evaluate(m))
    >>> [(n["nodeID"], n["type"], n["text"]) for n in doc["nodes"]]
    [('1', 'I', 'It rained'), ('2', 'I', 'The street is wet'), ('3', 'RA', 'Default Inference')]
    >>> [(e["fromID"], e["toID"]) for e in doc["edges"]]
    [('1', '3'), ('3', '2')]
    >>> doc["argmap"]["labels"]
    {'e1': 'IN', 'h1': 'IN'}
    """
    m = evaluation.map
    out = _Nodeset()
    persons = {aid: n for n, aid in enumerate(sorted(m.analysts), 1)}
    node_of: dict[str, str] = {}
    props_block: dict[str, Any] = {}
    for pid in sorted(m.propositions):
        p = m.propositions[pid]
        node_of[pid] = out.node(p.text, "I")
        entry: dict[str, Any] = {"id": p.id, "kind": str(p.kind)}
        if p.label:
            entry["label"] = p.label
        if p.cites:
            entry["cites"] = [c.to_dict() for c in p.cites]
        props_block[node_of[pid]] = entry
    rels_block: dict[str, Any] = {}
    s_nodes_of: dict[str, list[str]] = {}  # relation id -> its S-node (two for an excludes)
    for rid in sorted(m.relations):
        r = m.relations[rid]
        node_type, text, _ = _S_NODE[r.kind]
        s_nodes_of[rid] = [out.node(text, node_type) for _ in range(2 if r.kind is RelationKind.EXCLUDES else 1)]
    for rid in sorted(m.relations):
        r = m.relations[rid]
        entry = {"id": r.id}
        if r.cites:
            entry["cites"] = [c.to_dict() for c in r.cites]
        if r.note:
            entry["note"] = r.note
        if r.kind is RelationKind.EXCLUDES:
            entry["excludes"] = True
            (a,), b = r.premises, r.target
            for s, (x, y) in zip(s_nodes_of[rid], ((a, b), (b, a)), strict=True):
                out.edge(node_of[x], s)
                out.edge(s, node_of[y])
                rels_block[s] = entry
            continue
        s = s_nodes_of[rid][0]
        for premise in r.premises:
            out.edge(node_of[premise], s)
        out.edge(s, node_of.get(r.target) or s_nodes_of[r.target][0])  # an undercut ends on the step's S-node
        rels_block[s] = entry
    for pid in sorted(m.propositions):
        p = m.propositions[pid]
        for aid in p.asserted_by:
            out.locution(persons[aid], f"{m.analysts[aid].name} : {p.text}", "Asserting", node_of[pid])
    for rid in sorted(m.relations):
        r = m.relations[rid]
        said = r.cites[0].quote if r.cites else _gist(m, rid)
        for s in s_nodes_of[rid]:
            for aid in r.by:
                out.locution(persons[aid], f"{m.analysts[aid].name} : {said}", _S_NODE[r.kind][2], s)
    return {
        "nodes": out.nodes,
        "edges": out.edges,
        "locutions": out.locutions,
        "participants": [_participant(m, aid, n) for aid, n in persons.items()],
        "argmap": {
            "version": BLOCK_VERSION,
            "map": _compact({"id": m.id, "title": m.title, "question": m.question, "description": m.description}),
            "scenario": evaluation.scenario.to_dict(),
            "labels": {p: str(label) for p, label in sorted(evaluation.labels.items())},
            "rounds": dict(sorted(evaluation.rounds.items())),
            "analysts": {str(n): _compact(m.analysts[aid].to_dict()) for aid, n in persons.items()},
            "sources": [s.to_dict() for s in m.sources.values()],
            "propositions": props_block,
            "relations": rels_block,
        },
    }


class _Nodeset:
    """Nodes, edges and locutions numbered in the order they are made."""

    def __init__(self) -> None:
        self.nodes: list[dict[str, Any]] = []
        self.edges: list[dict[str, Any]] = []
        self.locutions: list[dict[str, Any]] = []

    def node(self, text: str, node_type: str) -> str:
        node_id = str(len(self.nodes) + 1)
        self.nodes.append({"nodeID": node_id, "text": text, "type": node_type, "timestamp": TIMESTAMP})
        return node_id

    def edge(self, a: str, b: str) -> None:
        self.edges.append({"edgeID": str(len(self.edges) + 1), "fromID": a, "toID": b})

    def locution(self, person: int, text: str, illocution: str, target: str) -> None:
        """An L-node of ``person`` anchored on ``target`` by a YA node, as OVA draws it."""
        said = self.node(text, "L")
        ya = self.node(illocution, "YA")
        self.edge(said, ya)
        self.edge(ya, target)
        self.locutions.append({"nodeID": said, "personID": person, "timestamp": TIMESTAMP})


def _participant(m: ArgumentMap, aid: str, n: int) -> dict[str, Any]:
    first, _, rest = m.analysts[aid].name.strip().partition(" ")
    return {"participantID": n, "firstname": first, "surname": rest.strip()}


def _gist(m: ArgumentMap, rid: str) -> str:
    r = m.relations[rid]
    verb = {RelationKind.SUPPORT: "so", RelationKind.ATTACK: "against", RelationKind.EXCLUDES: "rivals"}[r.kind]
    premises = " and ".join(m.propositions[p].short for p in r.premises)
    target = m.propositions[r.target].short if r.target in m.propositions else f"the step {r.target}"
    return f"{premises} {verb} {target}"


def _compact(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if v not in (None, "")}
