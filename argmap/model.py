"""The vocabulary of an argument map: kinds, records and the ArgumentMap itself.

Plain frozen data; reading and checking documents lives in ``document``. Imports only ``errors``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:
    import networkx as nx

    Graph: TypeAlias = nx.MultiDiGraph[str]


def __getattr__(name: str) -> Any:
    # networkx takes 0.15 s to import and `argmap solve FILE.i23` never needs it: load it on first use.
    if name == "Graph":
        import networkx as nx

        return nx.MultiDiGraph
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")


def is_valid_id(value: object) -> bool:
    """Return whether ``value`` is a string of the id shape ``[a-z0-9][a-z0-9_-]{0,63}``."""
    return isinstance(value, str) and ID_PATTERN.fullmatch(value) is not None


class NodeKind(StrEnum):
    EVIDENCE = "evidence"
    CLAIM = "claim"
    HYPOTHESIS = "hypothesis"


class RelationKind(StrEnum):
    SUPPORT = "support"
    ATTACK = "attack"
    EXCLUDES = "excludes"  # two rival propositions that cannot both hold: an attack each way


@dataclass(frozen=True)
class Cite:
    source: str
    quote: str

    def to_dict(self) -> dict[str, str]:
        return {"source": self.source, "quote": self.quote}


@dataclass(frozen=True)
class Analyst:
    id: str
    name: str
    affiliation: str | None = None
    description: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return _compact(
            {"id": self.id, "name": self.name, "affiliation": self.affiliation, "description": self.description}
        )


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    outlet: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None
    file: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return _compact(
            {
                "id": self.id,
                "title": self.title,
                "outlet": self.outlet,
                "author": self.author,
                "date": self.date,
                "url": self.url,
                "file": self.file,
            }
        )


@dataclass(frozen=True)
class Proposition:
    id: str
    text: str
    kind: NodeKind
    label: str | None = None
    asserted_by: tuple[str, ...] = ()
    cites: tuple[Cite, ...] = ()

    @property
    def short(self) -> str:
        """The text to draw on the graph: the label, else the text."""
        return self.label or self.text

    def to_dict(self) -> dict[str, Any]:
        return _compact(
            {
                "id": self.id,
                "text": self.text,
                "kind": str(self.kind),
                "label": self.label,
                "asserted_by": list(self.asserted_by),
                "cites": [c.to_dict() for c in self.cites],
            }
        )


@dataclass(frozen=True)
class Relation:
    """A step between propositions (DESIGN §1).

    ``premises`` is the document's ``from``: one proposition, or several that hold the step only
    together (a linked step). ``target`` is the document's ``to``: a proposition, or, for an attack,
    another relation (an undercut: "that does not follow"). An ``excludes`` joins two rivals.
    """

    id: str
    premises: tuple[str, ...]  # the document's ``from``
    target: str  # the document's ``to``
    kind: RelationKind
    by: tuple[str, ...] = ()
    cites: tuple[Cite, ...] = ()
    note: str | None = None

    @property
    def is_linked(self) -> bool:
        """Whether the step has two or more premises that hold it only together."""
        return len(self.premises) > 1

    def to_dict(self) -> dict[str, Any]:
        return _compact(
            {
                "id": self.id,
                "from": self.premises[0] if len(self.premises) == 1 else list(self.premises),
                "to": self.target,
                "kind": str(self.kind),
                "by": list(self.by),
                "cites": [c.to_dict() for c in self.cites],
                "note": self.note,
            }
        )


@dataclass(frozen=True, eq=False)
class ArgumentMap:
    """A whole map: propositions joined by relations, attributed to analysts and sources.

    Records are kept in document order, keyed by id.
    """

    id: str
    title: str
    question: str = ""
    analysts: Mapping[str, Analyst] = field(default_factory=dict)
    sources: Mapping[str, Source] = field(default_factory=dict)
    propositions: Mapping[str, Proposition] = field(default_factory=dict)
    relations: Mapping[str, Relation] = field(default_factory=dict)
    description: str | None = None

    def of_kind(self, kind: NodeKind) -> Iterator[Proposition]:
        """Propositions of one kind, in document order."""
        return (p for p in self.propositions.values() if p.kind == kind)

    @property
    def evidence(self) -> list[str]:
        return [p.id for p in self.of_kind(NodeKind.EVIDENCE)]

    @property
    def hypotheses(self) -> list[str]:
        return [p.id for p in self.of_kind(NodeKind.HYPOTHESIS)]

    def is_undercut(self, r: Relation) -> bool:
        """Whether ``r`` attacks another relation (its inference) rather than a proposition."""
        return r.target in self.relations

    @cached_property
    def undercuts(self) -> dict[str, tuple[str, ...]]:
        """Relation id -> the ids of the undercuts aimed at it, in document order."""
        out: dict[str, list[str]] = {}
        for r in self.relations.values():
            if r.target in self.relations:
                out.setdefault(r.target, []).append(r.id)
        return {k: tuple(v) for k, v in out.items()}

    def conclusion(self, r: Relation) -> str | None:
        """The proposition a relation finally bears on: its target, or for an undercut the conclusion
        of the step it attacks (None for undercuts that only undercut each other in a cycle)."""
        seen = {r.id}
        while r.target in self.relations:
            r = self.relations[r.target]
            if r.id in seen:
                return None
            seen.add(r.id)
        return r.target

    @cached_property
    def junctions(self) -> frozenset[str]:
        """Relations drawn as a junction node of their own: linked steps and steps that are undercut.

        Their premises point into the junction and the junction points to the target, so an
        undercut has a node to end on (DESIGN §5, §7).
        """
        return frozenset(r.id for r in self.relations.values() if r.is_linked or r.id in self.undercuts)

    @cached_property
    def graph(self) -> Graph:
        """The map as a networkx multigraph with junction nodes (DESIGN §7).

        Nodes are propositions (``kind`` evidence/claim/hypothesis) and junctions (``kind`` junction,
        keyed by relation id); a relation without a junction is one keyed edge ``premise -> target``,
        a junction's relation is ``premise -> junction`` per premise and ``junction -> target``.
        """
        import networkx as nx

        g: Graph = nx.MultiDiGraph(id=self.id, title=self.title)
        for p in self.propositions.values():
            g.add_node(p.id, kind=str(p.kind), text=p.text, label=p.short)
        for rid in self.junctions:
            g.add_node(rid, kind="junction", relation=str(self.relations[rid].kind))
        for r in self.relations.values():
            attrs = {"kind": str(r.kind), "by": ",".join(r.by)}
            if r.id in self.junctions:
                for premise in r.premises:
                    g.add_edge(premise, r.id, key=f"{r.id}:{premise}", role="premise", **attrs)
                g.add_edge(r.id, r.target, key=r.id, role="conclusion", **attrs)
            else:
                g.add_edge(r.premises[0], r.target, key=r.id, **attrs)
        return g

    def cited(self, c: Cite) -> dict[str, Any]:
        """A quote with its source's title, outlet, author, date and url, as plain data."""
        src = self.sources.get(c.source)
        return {
            "source": c.source,
            "quote": c.quote,
            "title": src.title if src else c.source,
            "outlet": src.outlet if src else None,
            "author": src.author if src else None,
            "date": src.date if src else None,
            "url": src.url if src else None,
        }

    def _repr_html_(self) -> str:
        """Jupyter's display: the interactive snapshot of the default scenario, in a sandboxed frame."""
        from argmap.notebook import map_html

        return map_html(self)

    def to_document(self) -> dict[str, Any]:
        """The map as its JSON/YAML document (DESIGN §1), keys in schema order."""
        doc: dict[str, Any] = {"id": self.id, "title": self.title, "question": self.question}
        if self.description:
            doc["description"] = self.description
        doc["analysts"] = [a.to_dict() for a in self.analysts.values()]
        doc["sources"] = [s.to_dict() for s in self.sources.values()]
        doc["propositions"] = [p.to_dict() for p in self.propositions.values()]
        doc["relations"] = [r.to_dict() for r in self.relations.values()]
        return doc


def _compact(record: dict[str, Any]) -> dict[str, Any]:
    """Drop empty optional fields so documents stay as their authors wrote them."""
    return {k: v for k, v in record.items() if v not in (None, [], "") or k in ("id", "text", "title", "name")}
