"""Checking an AIF JSON document's structure, collecting every problem with its path.

AIF JSON comes in two shapes: AIFdb's nodesets (``nodes``, ``edges``, optional ``locutions`` and
``participants``) and OVA3's files, which wrap the same object in ``{"AIF": {...}}``. ``check`` reads
either into a ``Nodeset`` of valid nodes and edges, or lists problems such as
``edges[3].toID: no node '999'``. Nodes and edges that are well-formed JSON but cannot be read as an
argument (an RA node with no premise or no conclusion, an MA that rephrases an I-node as itself, an
edge joining two I-nodes) are *defects*: kept apart in ``Nodeset.defects`` with one line each, so the
reader can skip them with a warning or, when strict, refuse the file. Imports nothing from argmap; the
conversion to a map lives in ``aif_reader``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

NODE_TYPES = ("I", "L", "RA", "CA", "MA", "PA", "TA", "YA")
S_TYPES = ("RA", "CA", "MA")  # inference, conflict, rephrase: the ones that become relations
DEFAULT_TEXTS = {"", "RA", "CA", "MA", "PA", "Default Inference", "Default Conflict", "Default Rephrase"}


@dataclass(frozen=True)
class Node:
    id: str
    type: str
    text: str
    index: int  # position in the file's node list, for messages
    scheme: str | None = None


@dataclass
class Nodeset:
    """The valid part of an AIF document: nodes in file order, edges as adjacency, dialogue records."""

    nodes: dict[str, Node] = field(default_factory=dict)
    ins: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    outs: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    persons: dict[str, str] = field(default_factory=dict)  # participantID -> full name, file order
    speaker_of: dict[str, str] = field(default_factory=dict)  # L-node id -> participantID
    where: str = ""  # "" or "AIF." for OVA3's wrapper
    defects: list[str] = field(default_factory=list)  # one line per node or edge that cannot be read
    defective: set[str] = field(default_factory=set)  # the S-nodes among them

    def path(self, node_id: str) -> str:
        """Where a node is in the file, for messages: ``nodes[4]`` (``AIF.nodes[4]`` in OVA3 files)."""
        return f"{self.where}nodes[{self.nodes[node_id].index}]"

    def of_type(self, *types: str) -> list[Node]:
        return [n for n in self.nodes.values() if n.type in types]

    def premises(self, s: str) -> list[str]:
        return [n for n in self.ins[s] if self.nodes[n].type == "I"]

    def conclusions(self, s: str) -> list[str]:
        return [n for n in self.outs[s] if self.nodes[n].type in ("I", *S_TYPES)]


def unwrap(data: Any) -> tuple[Any, str]:
    """The AIF object and the path prefix of its fields: OVA3's ``{"AIF": {...}}`` or a plain nodeset."""
    if isinstance(data, Mapping) and isinstance(data.get("AIF"), Mapping):
        return data["AIF"], "AIF."
    return data, ""


def is_aif(data: Any) -> bool:
    """Whether parsed JSON looks like AIF: an ``AIF`` object, or ``nodes``/``edges`` lists of AIF records."""
    if not isinstance(data, Mapping):
        return False
    if isinstance(data.get("AIF"), Mapping):
        return True
    nodes, edges = data.get("nodes"), data.get("edges")
    if not isinstance(nodes, list) or not isinstance(edges, list):
        return False
    return all(isinstance(n, Mapping) and ("nodeID" in n or "type" in n) for n in nodes[:20])


def check(data: Any, problems: list[str], warnings: list[str]) -> Nodeset:
    """Read the structure of an AIF document, appending every problem (and harmless oddity) found."""
    aif, where = unwrap(data)
    found = Nodeset(where=where)
    if not isinstance(aif, Mapping) or "nodes" not in aif:
        problems.append('not AIF: expected a JSON object with "nodes" and "edges" lists (or OVA\'s {"AIF": {...}})')
        return found
    broken: set[str] = set()  # nodes already reported: edges naming them are not reported again
    _read_nodes(aif.get("nodes"), found, broken, problems)
    _read_edges(aif.get("edges", None) if "edges" in aif else _MISSING, found, broken, problems)
    _read_dialogue(aif, found, problems, warnings)
    for s in found.of_type(*S_TYPES):
        if s.id not in broken:
            _check_shape(found, s)
    if not found.of_type("I") and not problems:
        problems.append(f"{where}nodes: no I-nodes (propositions); there is nothing to import")
    return found


_MISSING = object()


def _check_shape(found: Nodeset, s: Node) -> None:
    """Record an S-node with no premise, no conclusion, or a conclusion that is one of its premises."""
    premises, conclusions = found.premises(s.id), found.conclusions(s.id)
    missing = [
        *(["no premise (no edge into it from an I-node)"] if not premises else []),
        *(["no conclusion (no edge from it to an I-node or an RA/CA/MA node)"] if not conclusions else []),
    ]
    # A lone premise in conflict with itself is a self-defeating argument, which a map can hold.
    loops = [c for c in conclusions if c in premises and (s.type != "CA" or len(premises) > 1)]
    what = f"{found.path(s.id)}: {s.type} node {shown(s.id)}"
    if missing:
        found.defects.append(f"{what} has {' and '.join(missing)}")
    elif loops:
        found.defects.append(f"{what} leads from I-node {shown(loops[0])} to itself")
    else:
        return
    found.defective.add(s.id)


def ident(value: Any) -> str | None:
    """A node or person id as text: AIFdb writes strings, OVA sometimes numbers; anything else is None."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def _read_nodes(raw: Any, found: Nodeset, broken: set[str], problems: list[str]) -> None:
    where = found.where
    if not isinstance(raw, list):
        problems.append(f"{where}nodes: must be a list of nodes, not {_type(raw)}")
        return
    for i, item in enumerate(raw):
        path = f"{where}nodes[{i}]"
        if not isinstance(item, Mapping):
            problems.append(f"{path}: must be an object with nodeID, text and type, not {_type(item)}")
            continue
        node_id = ident(item.get("nodeID"))
        if node_id is None:
            problems.append(f"{path}.nodeID: {_bad_id(item, 'nodeID')}")
            continue
        if node_id in found.nodes or node_id in broken:
            first = found.nodes[node_id].index if node_id in found.nodes else "?"
            problems.append(f"{path}.nodeID: duplicate node {shown(node_id)} (first at {where}nodes[{first}])")
            continue
        node_type, text = item.get("type"), item.get("text")
        if node_type not in NODE_TYPES:
            what = "missing (required)" if node_type is None else f"unknown AIF node type {shown(node_type)}"
            problems.append(f"{path}.type: {what}; expected one of {', '.join(sorted(NODE_TYPES))}")
            broken.add(node_id)
            continue
        if text is None and node_type == "I":
            problems.append(f"{path}.text: missing (required for I-nodes)")
            broken.add(node_id)
            continue
        if text is not None and not isinstance(text, str):
            problems.append(f"{path}.text: must be text, not {_type(text)}")
            broken.add(node_id)
            continue
        scheme = item.get("scheme")
        found.nodes[node_id] = Node(node_id, node_type, text or "", i, scheme if isinstance(scheme, str) else None)


def _read_edges(raw: Any, found: Nodeset, broken: set[str], problems: list[str]) -> None:
    where = found.where
    if raw is _MISSING:
        problems.append(f"{where}edges: missing (required); expected a list of {{edgeID, fromID, toID}}")
        return
    if not isinstance(raw, list):
        problems.append(f"{where}edges: must be a list of edges, not {_type(raw)}")
        return
    seen: set[tuple[str, str]] = set()
    for j, item in enumerate(raw):
        path = f"{where}edges[{j}]"
        if not isinstance(item, Mapping):
            problems.append(f"{path}: must be an object with fromID and toID, not {_type(item)}")
            continue
        ends: list[str] = []
        for key in ("fromID", "toID"):
            ref = ident(item.get(key))
            if ref is None:
                problems.append(f"{path}.{key}: {_bad_id(item, key)}")
            elif ref not in found.nodes:
                if ref not in broken:
                    problems.append(f"{path}.{key}: no node {shown(ref)}")
            else:
                ends.append(ref)
        if len(ends) != 2:
            broken.update(ends)  # its premise or conclusion is what is missing, said once
            continue
        a, b = ends
        if found.nodes[a].type == "I" and found.nodes[b].type == "I":
            found.defects.append(
                f"{path}: joins two I-nodes ({shown(a)} -> {shown(b)}); AIF links them through an RA, CA or MA node"
            )
            continue
        if (a, b) not in seen:
            seen.add((a, b))
            found.outs[a].append(b)
            found.ins[b].append(a)


def _read_dialogue(aif: Mapping[str, Any], found: Nodeset, problems: list[str], warnings: list[str]) -> None:
    """Participants and locutions (OVA): who speaks each L-node."""
    where = found.where
    participants = aif.get("participants") or []
    if not isinstance(participants, list):
        problems.append(f"{where}participants: must be a list, not {_type(participants)}")
        participants = []
    for k, item in enumerate(participants):
        path = f"{where}participants[{k}]"
        if not isinstance(item, Mapping):
            problems.append(f"{path}: must be an object with participantID, firstname and surname, not {_type(item)}")
            continue
        pid = ident(item.get("participantID"))
        if pid is None:
            problems.append(f"{path}.participantID: {_bad_id(item, 'participantID')}")
            continue
        if pid in found.persons:
            problems.append(f"{path}.participantID: duplicate participant {shown(pid)}")
            continue
        parts = [item.get(key) for key in ("firstname", "surname")]
        name = " ".join(" ".join(p.split()) for p in parts if isinstance(p, str) and p.strip())
        found.persons[pid] = name or f"Participant {pid}"
    locutions = aif.get("locutions") or []
    if not isinstance(locutions, list):
        problems.append(f"{where}locutions: must be a list, not {_type(locutions)}")
        locutions = []
    unknown: list[str] = []
    for k, item in enumerate(locutions):
        path = f"{where}locutions[{k}]"
        if not isinstance(item, Mapping):
            problems.append(f"{path}: must be an object with nodeID and personID, not {_type(item)}")
            continue
        node_id, person = ident(item.get("nodeID")), ident(item.get("personID"))
        if node_id is None:
            problems.append(f"{path}.nodeID: {_bad_id(item, 'nodeID')}")
        elif node_id not in found.nodes:
            problems.append(f"{path}.nodeID: no node {shown(node_id)}")
        elif person is None or person not in found.persons:
            unknown.append(f"{path}.personID: no participant {shown(item.get('personID'))}")
        else:
            found.speaker_of[node_id] = person
    if unknown:  # AIFdb's nodesets name their participants but do not list them: one line, not one per locution
        more = f" (and {len(unknown) - 1} more locutions)" if len(unknown) > 1 else ""
        warnings.append(f"{unknown[0]}{more}; speakers read from the L-node text")


def _bad_id(item: Any, key: str) -> str:
    if not isinstance(item, Mapping) or key not in item:
        return "missing (required)"
    return f"must be text or a whole number, not {_type(item[key])}"


def _type(value: object) -> str:
    return {
        dict: "an object",
        list: "a list",
        str: "text",
        int: "a number",
        float: "a number",
        bool: "true/false",
        type(None): "null",
    }.get(type(value), type(value).__name__)


def shown(value: object) -> str:
    """``repr(value)`` cut to a readable length: messages stay one short line."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
