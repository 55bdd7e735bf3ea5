"""AIF JSON in: AIFdb nodesets and OVA3 files become argument maps.

How AIF becomes a map:

* every **I-node** becomes a proposition ``i<nodeID>``; its text is kept whole (cut at 10,000
  characters, with a warning) and a ``label`` of at most 60 characters is added when it is longer;
* **RA** (inference) ``I -> RA -> I`` becomes a support ``r<nodeID>``; an RA with several premises
  (a linked argument) becomes one support from each premise (``r<nodeID>-<premise nodeID>``): argmap
  has no conjunctive support, so under the evidential reading any one accepted premise carries it;
* **CA** (conflict) ``I -> CA -> I`` becomes an attack the same way;
* **MA** (rephrase) becomes a support from the rephrased I-node to its rephrasing (noted ``rephrase``);
* an RA/CA/MA node that is itself the *conclusion* of another S-node (a CA attacking an inference,
  an undercutter) is reified: it becomes a claim ``ra<nodeID>`` (``ca``/``ma``) that its premises
  support and that supports (or attacks) its conclusion, so attacking it cuts the inference;
* **PA** (preference) nodes are skipped with a warning: argmap has no preferences;
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
from argmap.formats.aif_check import DEFAULT_TEXTS, S_TYPES, Nodeset, check, is_aif, shown
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


def import_aif(text: str, name: str = "<map>") -> AifImport:
    """Read AIF JSON (AIFdb or OVA3) into a map, or raise InvalidMap listing every problem.

    Examples
    --------
    >>> aif = '''{"nodes": [{"nodeID": "1", "text": "It rained", "type": "I"},
    ...   {"nodeID": "2", "text": "The street is wet", "type": "I"}, {"nodeID": "3", "text": "RA", "type": "RA"}],
    ...   "edges": [{"edgeID": "1", "fromID": "1", "toID": "3"}, {"edgeID": "2", "fromID": "3", "toID": "2"}]}'''
    >>> m = import_aif(aif, "wet.json").map
    >>> m.id, [(p.id, str(p.kind)) for p in m.propositions.values()]
    ('wet', [('i1', 'evidence'), ('i2', 'hypothesis')])
    >>> [(r.id, r.premises[0], r.target, str(r.kind)) for r in m.relations.values()]
    [('r3', 'i1', 'i2', 'support')]
    """
    data = parse_text(text, name, "json")
    problems: list[str] = []
    warnings: list[str] = []
    nodeset = check(data, problems, warnings)
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
        self.prop_ids: set[str] = set()
        self.rel_ids: set[str] = set()
        self.reified = {
            c for s in nodeset.of_type(*S_TYPES) for c in nodeset.conclusions(s.id) if nodeset.nodes[c].type != "I"
        }

    def document(self) -> dict[str, Any]:
        self._participants()
        anchored = self._anchors()
        for node in self.ns.of_type("I"):
            self._proposition(node.id, node.text, anchored.get(node.id, []))
        for s in self.ns.of_type(*S_TYPES):
            if s.id in self.reified:
                self._proposition(s.id, self._reified_text(s.id), [])
        for s in self.ns.of_type(*S_TYPES):
            self._relations(s.id, anchored.get(s.id, []))
        skipped = self.ns.of_type("PA")
        if skipped:
            ids = ", ".join(repr(n.id) for n in skipped[:10])
            self.warnings.append(f"skipped {len(skipped)} PA (preference) node(s) {ids}: argmap has no preferences")
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
        prefix = "i" if self.ns.nodes[node_id].type == "I" else self.ns.nodes[node_id].type.lower()
        pid = _claim(entry.get("id"), self.prop_ids, sanitise_id(node_id, prefix), prefix)
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

    def _reified_text(self, s: str) -> str:
        node = self.ns.nodes[s]
        premises = " + ".join(shorten(self.ns.nodes[p].text or p, 50) for p in self.ns.premises(s))
        conclusions = " / ".join(shorten(self.ns.nodes[c].text or c, 50) for c in self.ns.conclusions(s))
        verb = {"RA": "supports", "CA": "attacks", "MA": "rephrases"}[node.type]
        scheme = f" ({node.scheme})" if node.scheme else ""
        return f"{node.type} {s}{scheme}: '{premises}' {verb} '{conclusions}'"

    def _relations(self, s: str, by: list[str]) -> None:
        node = self.ns.nodes[s]
        kind = "attack" if node.type == "CA" else "support"
        premises, conclusions = self.ns.premises(s), self.ns.conclusions(s)
        notes: list[str] = []
        if node.type == "MA":
            notes.append("rephrase")
        if node.scheme:
            notes.append(f"scheme {node.scheme}")
        if node.text.strip() not in DEFAULT_TEXTS:
            notes.append(shorten(node.text, 200))
        single = s not in self.reified and len(premises) * len(conclusions) == 1
        entry = _mapping(self._section("relations").get(s)) if single else {}
        if s in self.reified:
            pairs = [(p, s, "support", f"{s}-{p}") for p in premises]
            pairs += [(s, c, kind, s if len(conclusions) == 1 else f"{s}-{c}") for c in conclusions]
        else:
            many = len(premises) * len(conclusions) > 1
            pairs = [
                (p, c, kind, f"{s}-{p}" + (f"-{c}" if len(conclusions) > 1 else "") if many else s)
                for p in premises
                for c in conclusions
            ]
        for origin, target, rel_kind, raw_id in pairs:
            rid = _claim(entry.get("id"), self.rel_ids, sanitise_id(raw_id, "r"), "r")
            record: dict[str, Any] = {
                "id": rid,
                "from": self.props[origin]["id"],
                "to": self.props[target]["id"],
                "kind": rel_kind,
            }
            if by:
                record["by"] = by
            if isinstance(entry.get("cites"), list) and entry["cites"]:
                record["cites"] = entry["cites"]
            note = entry.get("note") if "id" in entry else "; ".join(notes)
            if isinstance(note, str) and note.strip():
                record["note"] = note
            self.relations.append(record)

    def _kinds(self) -> None:
        supported = {r["to"] for r in self.relations if r["kind"] == "support"}
        origins = {r["from"] for r in self.relations}
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


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _claim(wanted: Any, used: set[str], fallback: str, prefix: str) -> str:
    """The id the argmap block asks for if it is valid and free, else a fresh one from ``fallback``."""
    if isinstance(wanted, str) and is_valid_id(wanted) and wanted not in used:
        used.add(wanted)
        return wanted
    return unique(fallback, used, prefix)
