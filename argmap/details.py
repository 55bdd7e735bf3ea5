"""What the details panel shows of each proposition, as plain data: text, kind, analysts, quotes.

Shared by the explorer page (``web/view``) and the self-contained HTML snapshot (``snapshot``), so
both show the same details. Imports model only.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from argmap.model import ArgumentMap


def proposition_records(m: ArgumentMap) -> dict[str, dict[str, Any]]:
    """Every proposition as the details panel shows it: text, kind, who asserts and argues it, its quotes.

    Examples
    --------
    >>> from argmap.document import from_document
    >>> m = from_document({"id": "m", "title": "t", "analysts": [{"id": "ann", "name": "Ann"}],
    ...     "propositions": [{"id": "e1", "text": "E", "kind": "evidence"},
    ...                      {"id": "h1", "text": "H", "kind": "hypothesis"}],
    ...     "relations": [{"id": "r1", "from": "e1", "to": "h1", "kind": "support", "by": ["ann"]}]})
    >>> proposition_records(m)["h1"]["argued_by"]
    [{'id': 'ann', 'name': 'Ann', 'relations': ['r1']}]
    """
    arguing = _arguing(m)
    return {p.id: _proposition(m, p.id, arguing.get(p.id, {})) for p in m.propositions.values()}


def _arguing(m: ArgumentMap) -> dict[str, dict[str, list[str]]]:
    """For each proposition: the analysts who draw a relation to or from it, and which relations."""
    out: dict[str, dict[str, list[str]]] = defaultdict(dict)
    for r in m.relations.values():
        for end in dict.fromkeys((*r.premises, r.target)):
            for a in r.by:
                out[end].setdefault(a, []).append(r.id)
    return out


def _proposition(m: ArgumentMap, pid: str, arguing: dict[str, list[str]]) -> dict[str, Any]:
    p = m.propositions[pid]
    return {
        "id": p.id,
        "text": p.text,
        "short": p.short,
        "kind": str(p.kind),
        "asserted_by": [_analyst(m, a) for a in p.asserted_by],
        "argued_by": [{**_analyst(m, a), "relations": rids} for a, rids in arguing.items()],
        "cites": [m.cited(c) for c in p.cites],
    }


def _analyst(m: ArgumentMap, a: str) -> dict[str, str]:
    analyst = m.analysts.get(a)
    return {"id": a, "name": analyst.name if analyst else a}
