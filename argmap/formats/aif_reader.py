"""AIF JSON in: AIFdb nodesets and OVA3 files become argument maps.

How AIF becomes a map:

* every **I-node** becomes a proposition ``i<nodeID>``; its text is kept whole (cut at 10,000
  characters, with a warning) and a ``label`` of at most 60 characters is added when it is longer;
* **RA** (inference) ``I -> RA -> I`` becomes a support ``r<nodeID>``; an RA with several premises
  is one *linked* support (``from`` lists them in edge order), never one support per premise: the
  premises carry the conclusion only together;
* **CA** (conflict) ``I -> CA -> I`` becomes an attack the same way (linked when it has several
  premises); a CA whose conclusion is an RA, CA or MA node is an *undercut*: an attack whose ``to``
  is that node's relation ("that does not follow");
* two CA nodes between the same two I-nodes, one each way, each with one premise, neither undercut,
  argued by the same speakers (or by none), are one ``excludes`` (a rivalry: an attack each way is
  what it compiles to, so the verdicts are the same either way); a pair argmap wrote as two attacks
  (its block says so) stays two attacks;
* **MA** (rephrase) becomes a support from the rephrased I-node to its rephrasing (noted ``rephrase``);
* an S-node with several conclusions becomes one relation per conclusion (``r<nodeID>-<conclusion>``);
* skipped with one warning per node, naming it (``nodes[12]: RA node '281' ...; skipped``): **PA**
  (preference) nodes, as argmap has no preferences; an RA or MA whose conclusion is an S-node (argmap
  supports propositions, not inferences); an undercut of a node that is skipped or has several
  conclusions. Malformed nodes -- an S-node with no premise (an RA fed only from an L-node) or no
  conclusion, one that leads from an I-node to itself, an edge joining two I-nodes -- are skipped with a
  warning too, the rest of the map kept; ``strict=True`` refuses the file over them instead;
* **L**, **YA** and **TA** nodes are dialogue: an I-node anchored by a YA node on an L-node is
  ``asserted_by`` that locution's speaker; an RA/CA anchored by a YA on an L-node (or on a TA, whose
  speaker is the speaker of the locution it leads to) is ``by`` that speaker. The speaker is the
  locution's participant (``locutions[].personID`` -> ``participants[]``), else the name before
  "says '...'" or ":" in the L-node's text (AraucariaDB writes ``VCBrown says '...'``);
* kinds: an I-node with no support into it is ``evidence`` (under the evidential reading, leaves
  must be evidence or nothing is ever IN); a supported one that supports or attacks nothing further
  is a ``hypothesis`` (a final conclusion: an answer the map argues for); the others are ``claim``;
* the map id is the file name's stem, sanitised; the title is the first hypothesis's text, cut.

A file written by argmap's AIF writer carries a top-level ``argmap`` object; where it matches the
nodes it restores ids, kinds, labels, analysts, sources, quotes and notes, so a map survives the
round trip (nodes added in OVA meanwhile are read as above). Imports model, document, errors.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from argmap.document import MAX_TEXT, from_document, parse_text
from argmap.errors import ArgmapError, InvalidMap
from argmap.formats._registry import reader, sniffer
from argmap.formats.aif_check import DEFAULT_TEXTS, S_TYPES, Node, Nodeset, check, is_aif, shown
from argmap.formats.naming import LABEL_CHARS, map_id_from_name, sanitise_id, shorten, unique
from argmap.model import ArgumentMap, is_valid_id

_SAYS = re.compile(r"^\s*(.{1,80}?)\s+says\s*[:'\"]", re.S)
KINDS = ("evidence", "claim", "hypothesis")
_COLON = re.compile(r"^\s*([^:\n]{1,60}?)\s*:\s")


@dataclass(frozen=True)
class AifImport:
    """An imported map and what was skipped or changed on the way (one line each)."""

    map: ArgumentMap
    warnings: tuple[str, ...]


@sniffer
def sniff_aif(text: str, name: str) -> str | None:
    """``aif`` for JSON that holds AIF nodes (``nodeID``) or OVA's ``AIF`` object."""
    head = text.lstrip("\ufeff \t\r\n")
    if not head.startswith("{") or ('"nodeID"' not in text and '"AIF"' not in text):
        return None
    try:
        return "aif" if is_aif(parse_text(text, name, "json")) else None
    except ArgmapError:  # broken JSON with AIF's keys: the AIF reader reports it, naming the line
        return "aif"


@reader("aif")
def read_aif(text: str, name: str = "<map>") -> ArgumentMap:
    return import_aif(text, name).map


def import_aif(text: str, name: str = "<map>", *, strict: bool = False) -> AifImport:
    """Read AIF JSON (AIFdb or OVA3) into a map, or raise InvalidMap listing every problem.

    A node or edge that cannot be read as part of an argument (an S-node with no premise or no
    conclusion, one that leads from an I-node to itself, an edge joining two I-nodes) is skipped with
    one warning each, and the rest of the map kept; with ``strict`` each is a problem instead.

    Examples
    --------
    >>> aif = '''{"nodes": [{"nodeID": "1", "text": "It rained", "type": "I"},
    ...   {"nodeID": "2", "text": "The street is wet", "type": "I"}, {"nodeID": "3", "text": "RA", "type": "RA"}],
    ...   "edges": [{"edgeID": "1", "fromID": "1", "toID": "3"}, {"edgeID": "2", "fromID": "3", "toID": "2"}]}'''
    >>> m = import_aif(aif, "wet.json").map
    >>> m.id, [(p.id, str(p.kind)) for p in m.propositions.values()]
    ('wet', [('i1', 'evidence'), ('i2', 'hypothesis')])
    >>> [(r.id, r.premises, r.target, str(r.kind)) for r in m.relations.values()]
    [('r3', ('i1',), 'i2', 'support')]
    """
    data = parse_text(text, name, "json")
    problems: list[str] = []
    warnings: list[str] = []
    nodeset = check(data, problems, warnings)
    if strict:
        problems.extend(nodeset.defects)
    else:
        warnings.extend(f"{defect}; skipped" for defect in nodeset.defects)
    if problems:
        raise InvalidMap(*(f"{name}: {p}" for p in problems))
    block = data.get("argmap") if isinstance(data, Mapping) else None
    if block is not None and not isinstance(block, Mapping):
        warnings.append("argmap: not an object; ignored")
        block = None
    doc = _Converter(nodeset, block or {}, name, warnings).document()
    return AifImport(from_document(doc, name), tuple(warnings))


class _Converter:
    """Builds the map document from a checked nodeset (and the argmap block, if any)."""

    def __init__(self, nodeset: Nodeset, block: Mapping[str, Any], name: str, warnings: list[str]) -> None:
        self.ns = nodeset
        self.block = block
        self.name = name
        self.warnings = warnings
        self.analysts: dict[str, dict[str, Any]] = {}  # analyst id -> record
        self.analyst_of: dict[str, str] = {}  # participantID or "name:<name>" -> analyst id
        self.props: dict[str, dict[str, Any]] = {}  # node id -> proposition record
        self.relations: list[dict[str, Any]] = []
        self.used: set[str] = set()  # proposition and relation ids share one namespace
        self.anchored: dict[str, list[str]] = {}  # node id -> analysts anchored on it
        self.kept: dict[str, Node] = {}  # S-nodes that become relations
        self.rel_id: dict[tuple[str, str], str] = {}  # (S-node, conclusion node) -> relation id
        self.excludes: set[str] = set()  # the first CA node of each pair read as an excludes
        self.partner_of: dict[str, str] = {}  # CA node of an excludes pair -> the other one

    def document(self) -> dict[str, Any]:
        self._participants()
        self.anchored = self._anchors()
        for node in self.ns.of_type("I"):
            self._proposition(node.id, node.text, self.anchored.get(node.id, []))
        for pa in self.ns.of_type("PA"):
            self.warnings.append(
                f"{self.ns.path(pa.id)}: PA (preference) node {shown(pa.id)} skipped: argmap has no preferences"
            )
        self._plan()
        for s in self.kept.values():
            self._relations(s)
        self._kinds()
        return self._assemble()

    # -- analysts -----------------------------------------------------------------------------------------

    def _participants(self) -> None:
        saved = self._section("analysts")
        for pid, name in self.ns.persons.items():
            entry = _mapping(saved.get(pid))
            kept = entry.get("name")
            if isinstance(kept, str) and " ".join(kept.split()) == name:
                name = kept  # the analyst's name as written, unless renamed in OVA since
            self.analyst_of[pid] = self._analyst(name, entry)

    def _analyst(self, name: str, entry: Mapping[str, Any]) -> str:
        aid = _claim(entry.get("id"), set(self.analysts), sanitise_id(name), "analyst")
        record: dict[str, Any] = {"id": aid, "name": name}
        for key in ("affiliation", "description"):
            if isinstance(entry.get(key), str) and entry[key].strip():
                record[key] = entry[key]
        self.analysts[aid] = record
        return aid

    def _speaker(self, locution: str) -> str | None:
        """The analyst who speaks an L-node: its participant, else the name its text starts with."""
        person = self.ns.speaker_of.get(locution)
        if person is not None:
            return self.analyst_of[person]
        text = self.ns.nodes[locution].text
        match = _SAYS.match(text) or _COLON.match(text)
        if match is None or not sanitise_id(match.group(1)):
            return None
        name = " ".join(match.group(1).split())
        key = f"name:{name}"
        if key not in self.analyst_of:
            self.analyst_of[key] = self._analyst(name, {})
        return self.analyst_of[key]

    def _anchors(self) -> dict[str, list[str]]:
        """Node id -> analysts anchored on it by YA nodes (from an L-node, or from a TA via its L-node)."""
        out: dict[str, list[str]] = {}
        for ya in self.ns.of_type("YA"):
            speakers: list[str] = []
            for src in self.ns.ins[ya.id]:
                kind = self.ns.nodes[src].type
                if kind not in ("L", "TA"):
                    continue
                locutions = [src] if kind == "L" else [n for n in self.ns.outs[src] if self.ns.nodes[n].type == "L"]
                speakers.extend(a for a in map(self._speaker, locutions) if a is not None)
            for target in self.ns.outs[ya.id]:
                have = out.setdefault(target, [])
                have.extend(a for a in speakers if a not in have)
        return out

    # -- propositions and relations -------------------------------------------------------------------------

    def _section(self, key: str) -> Mapping[str, Any]:
        return _mapping(self.block.get(key))

    def _proposition(self, node_id: str, text: str, asserted_by: list[str]) -> None:
        entry = _mapping(self._section("propositions").get(node_id))
        pid = _claim(entry.get("id"), self.used, sanitise_id(node_id, "i"), "i")
        where = f"{self.ns.where}nodes[{self.ns.nodes[node_id].index}]"
        if not text.strip():
            self.warnings.append(f"{where}: I-node {shown(node_id)} has no text; called '(empty I-node {node_id})'")
            text = f"(empty I-node {node_id})"
        if len(text) > MAX_TEXT:
            self.warnings.append(f"{where}: text of {len(text)} characters cut to {MAX_TEXT}")
            text = text[: MAX_TEXT - 1] + "…"
        kind = entry.get("kind") if entry.get("kind") in KINDS else None
        record: dict[str, Any] = {"id": pid, "text": text, "kind": kind}
        if "id" in entry:  # argmap wrote this node: its label is the author's, or none
            if isinstance(entry.get("label"), str) and entry["label"].strip():
                record["label"] = entry["label"]
        elif len(" ".join(text.split())) > LABEL_CHARS:
            record["label"] = shorten(text)
        if asserted_by:
            record["asserted_by"] = asserted_by
        if isinstance(entry.get("cites"), list) and entry["cites"]:
            record["cites"] = entry["cites"]
        self.props[node_id] = record

    # -- which S-nodes become which relations -------------------------------------------------------------

    def _plan(self) -> None:
        """Decide which S-nodes are kept, the relation ids they get, and which CA pairs are excludes."""
        ns = self.ns
        kept: dict[str, Node] = {}
        for s in ns.of_type(*S_TYPES):
            if s.id in ns.defective:
                continue  # reported by check, as a warning or (strict) a problem
            aimed = [c for c in ns.conclusions(s.id) if ns.nodes[c].type != "I"]
            if aimed and s.type != "CA":
                what = "rephrase" if s.type == "MA" else "support"
                self._skip(
                    s,
                    f"concludes to the {ns.nodes[aimed[0]].type} node {shown(aimed[0])}; argmap has no "
                    f"{what} of an inference (only an attack on one, an undercut)",
                )
                continue
            kept[s.id] = s
        changed = True
        while changed:  # an undercut of a step that is not kept has nothing to attack
            changed = False
            for s in list(kept.values()):
                for c in ns.conclusions(s.id):
                    if ns.nodes[c].type == "I":
                        continue
                    why = None
                    if c not in kept:
                        why = f"attacks the {ns.nodes[c].type} node {shown(c)}, which is skipped"
                    elif len(ns.conclusions(c)) > 1:
                        why = (
                            f"attacks the {ns.nodes[c].type} node {shown(c)}, which has several conclusions; "
                            "argmap's undercut attacks one step"
                        )
                    if why is not None:
                        self._skip(s, why)
                        del kept[s.id]
                        changed = True
                        break
        self.kept = kept
        self._pair_conflicts()
        used = self.used
        for s in kept.values():
            if s.id in self.partner_of and s.id not in self.excludes:
                continue  # the second CA of an excludes pair
            conclusions = [c for c in ns.conclusions(s.id)]
            entry = self._entry(s.id) if len(conclusions) == 1 else {}
            for c in conclusions:
                raw = s.id if len(conclusions) == 1 else f"{s.id}-{c}"
                self.rel_id[(s.id, c)] = _claim(entry.get("id"), used, sanitise_id(raw, "r"), "r")

    def _skip(self, s: Node, why: str) -> None:
        self.warnings.append(f"{self.ns.path(s.id)}: {s.type} node {shown(s.id)} {why}; skipped")

    def _entry(self, node_id: str) -> Mapping[str, Any]:
        return _mapping(self._section("relations").get(node_id))

    def _pair_conflicts(self) -> None:
        """Two CA nodes between the same two I-nodes, one each way, that read as one ``excludes``.

        A pair written by argmap's writer says so in the argmap block (``"excludes": true`` on both, one
        relation id). Other CA nodes pair when both have one premise and one conclusion, no undercut
        aims at either and the same speakers argue both (or none does): then an attack each way is
        exactly what an excludes compiles to, so nothing changes but the reading -- a rivalry.
        """
        ns = self.ns
        undercut = {c for s in self.kept for c in ns.conclusions(s) if ns.nodes[c].type != "I"}
        ends: dict[str, tuple[str, str]] = {}
        for s in self.kept.values():
            premises, conclusions = ns.premises(s.id), ns.conclusions(s.id)
            if (
                s.type == "CA"
                and s.id not in undercut
                and len(premises) == len(conclusions) == 1
                and ns.nodes[conclusions[0]].type == "I"
                and premises[0] != conclusions[0]
            ):
                ends[s.id] = (premises[0], conclusions[0])
        waiting: dict[tuple[str, str, str], list[str]] = {}  # (from, to, how it pairs) -> unpaired CA nodes
        for ca, (a, b) in ends.items():
            entry = self._entry(ca)
            if entry:
                if entry.get("excludes") is not True:
                    continue  # argmap wrote it as an attack
                how = f"block:{entry.get('id')}"
            else:
                how = "by:" + ",".join(sorted(self.anchored.get(ca, [])))
            partners = waiting.get((b, a, how))
            if partners:
                first = partners.pop(0)
                self.excludes.add(first)
                self.partner_of[first], self.partner_of[ca] = ca, first
            else:
                waiting.setdefault((a, b, how), []).append(ca)

    def _relations(self, s: Node) -> None:
        ns = self.ns
        if s.id in self.partner_of and s.id not in self.excludes:
            return
        premises = [self.props[p]["id"] for p in ns.premises(s.id)]
        kind = "excludes" if s.id in self.excludes else "attack" if s.type == "CA" else "support"
        notes = self._notes(s)
        if s.id in self.excludes:
            notes += [n for n in self._notes(ns.nodes[self.partner_of[s.id]]) if n not in notes]
        by = self.anchored.get(s.id, [])
        conclusions = ns.conclusions(s.id)
        entry = self._entry(s.id) if len(conclusions) == 1 else {}
        for c in conclusions:
            target = self.props[c]["id"] if ns.nodes[c].type == "I" else self.rel_id[(c, ns.conclusions(c)[0])]
            record: dict[str, Any] = {
                "id": self.rel_id[(s.id, c)],
                "from": premises[0] if len(premises) == 1 else premises,
                "to": target,
                "kind": kind,
            }
            if by:
                record["by"] = by
            if isinstance(entry.get("cites"), list) and entry["cites"]:
                record["cites"] = entry["cites"]
            note = entry.get("note") if "id" in entry else "; ".join(notes)
            if isinstance(note, str) and note.strip():
                record["note"] = note
            self.relations.append(record)

    def _notes(self, s: Node) -> list[str]:
        notes: list[str] = []
        if s.type == "MA":
            notes.append("rephrase")
        if s.scheme:
            notes.append(f"scheme {s.scheme}")
        if s.text.strip() not in DEFAULT_TEXTS:
            notes.append(shorten(s.text, 200))
        return notes

    def _kinds(self) -> None:
        supported = {r["to"] for r in self.relations if r["kind"] == "support"}
        # A rival in an excludes is no premise: two supported rivals are both hypotheses.
        origins = {p for r in self.relations if r["kind"] != "excludes" for p in _listed(r["from"])}
        for record in self.props.values():
            if record["kind"] in KINDS:
                continue
            pid = record["id"]
            record["kind"] = "evidence" if pid not in supported else "claim" if pid in origins else "hypothesis"

    # -- the document -----------------------------------------------------------------------------------------

    def _assemble(self) -> dict[str, Any]:
        saved = self._section("map")
        props = list(self.props.values())
        map_id = map_id_from_name(self.name) or (saved.get("id") if is_valid_id(saved.get("id")) else "aif-import")
        first = next((p for p in props if p["kind"] == "hypothesis"), props[0] if props else None)
        title = saved.get("title") if isinstance(saved.get("title"), str) and saved["title"].strip() else None
        doc: dict[str, Any] = {
            "id": map_id,
            "title": title or (shorten(first["text"], 80) if first else map_id),
            "question": saved.get("question") if isinstance(saved.get("question"), str) else "",
        }
        if self.block:
            if isinstance(saved.get("description"), str) and saved["description"].strip():
                doc["description"] = saved["description"]
        else:
            counts = ", ".join(f"{len(self.ns.of_type(t))} {t}" for t in ("I", "RA", "CA", "MA") if self.ns.of_type(t))
            summary = f"Imported from the AIF file {PurePath(self.name).name} ({counts})."
            if self.warnings:
                summary += " Notes: " + " ".join(self.warnings)
            doc["description"] = shorten(summary, MAX_TEXT)
        doc["analysts"] = list(self.analysts.values())
        sources = self.block.get("sources")
        doc["sources"] = list(sources) if isinstance(sources, list) else []
        doc["propositions"] = props
        doc["relations"] = self.relations
        return doc


def _listed(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else value


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _claim(wanted: Any, used: set[str], fallback: str, prefix: str) -> str:
    """The id the argmap block asks for if it is valid and free, else a fresh one from ``fallback``."""
    if isinstance(wanted, str) and is_valid_id(wanted) and wanted not in used:
        used.add(wanted)
        return wanted
    return unique(fallback, used, prefix)
