"""A builder for tiny maps written as strings: ``build("e1 c1 h1", "e1>c1 c1>h1 h1!c1")``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from argmap.document import from_document
from argmap.model import ArgumentMap

Build = Callable[..., ArgumentMap]


def tiny_document(nodes: str, edges: str = "", by: dict[str, list[str]] | None = None) -> dict[str, Any]:
    """Ids starting with e are evidence, h hypotheses, others claims; ``a>b`` supports, ``a!b`` attacks.

    Relations are numbered ``r1``, ``r2``, ... in order; ``a+b>c`` is a linked support (``a+b!c`` a
    linked attack), ``a!r1`` undercuts relation r1, and ``a=b`` says a and b exclude each other.
    """
    kinds = {"e": "evidence", "h": "hypothesis"}
    props = [{"id": n, "text": f"Text of {n}", "kind": kinds.get(n[0], "claim")} for n in nodes.split()]
    relations = []
    analysts: set[str] = set()
    for i, edge in enumerate(edges.split()):
        kind = "support" if ">" in edge else "excludes" if "=" in edge else "attack"
        a, b = edge.split({"support": ">", "excludes": "="}.get(kind, "!"))
        rid = f"r{i + 1}"
        premises = a.split("+")
        rel: dict[str, Any] = {"id": rid, "from": premises if len(premises) > 1 else a, "to": b, "kind": kind}
        if by and rid in by:
            rel["by"] = by[rid]
            analysts.update(by[rid])
        relations.append(rel)
    return {
        "id": "tiny",
        "title": "Tiny",
        "question": "?",
        "analysts": [{"id": a, "name": a.title()} for a in sorted(analysts)],
        "propositions": props,
        "relations": relations,
    }


@pytest.fixture
def build() -> Build:
    def make(nodes: str, edges: str = "", by: dict[str, list[str]] | None = None) -> ArgumentMap:
        return from_document(tiny_document(nodes, edges, by), "tiny.yaml")

    return make
