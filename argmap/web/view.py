"""The explorer page's model: everything the template renders and the script reads, as plain data.

Most of it (propositions, evidence, analysts, the graph) depends on the map only: it is built and
serialised once per map object, so a page for a new scenario serialises only labels and verdicts.
"""

from __future__ import annotations

import functools
import json
from collections import defaultdict
from typing import Any

from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from argmap.details import proposition_records
from argmap.model import ArgumentMap, NodeKind
from argmap.pipeline import Evaluation
from argmap.render import PALETTE, explorer_vis
from argmap.web.exports import export_choices

# Above this many hypotheses the page leaves their reasons to the script, which asks for them after load.
INLINE_REASONS = 40


def page_model(m: ArgumentMap, result: Evaluation) -> dict[str, Any]:
    """The page for ``m`` under ``result``'s scenario: panels' contents plus the graph's data."""
    scenario = result.scenario
    inline = len(m.hypotheses) <= INLINE_REASONS
    return {
        "scenario": scenario.to_dict(),
        "query": scenario.to_query(),
        "labels": {p: str(label) for p, label in result.labels.items()},
        "rounds": dict(result.rounds),
        "inferences": {r: str(label) for r, label in result.inferences.items()},
        "hypotheses": [
            {
                "id": h,
                "short": m.propositions[h].short,
                "text": m.propositions[h].text,
                "reason": result.reason(h) if inline else "",
            }
            for h in m.hypotheses
        ],
        "reasons_inline": inline,
        **map_model(m),
    }


@functools.lru_cache(maxsize=8)
def map_model(m: ArgumentMap) -> dict[str, Any]:
    """The parts of the page that depend on the map alone (computed once per map object)."""
    return {
        "map": {"id": m.id, "title": m.title, "question": m.question, "description": m.description or ""},
        "evidence_groups": evidence_groups(m),
        "analysts": [a.to_dict() for a in m.analysts.values()],
        "propositions": proposition_records(m),
        "formats": export_choices(),
        "legend": [{"label": label, "name": colour["name"]} for label, colour in PALETTE.items()],
        "vis": explorer_vis(m),
    }


def page_json(m: ArgumentMap, model: dict[str, Any]) -> Markup:
    """``model`` as JSON safe inside a script element (as Jinja's ``tojson``), the map's parts serialised once."""
    fixed = _map_json(m)
    parts = [f"{json.dumps(key)}:{fixed[key] if key in fixed else _json(value)}" for key, value in model.items()]
    return Markup("{" + ",".join(parts) + "}")


@functools.lru_cache(maxsize=8)
def _map_json(m: ArgumentMap) -> dict[str, str]:
    return {key: _json(value) for key, value in map_model(m).items()}


def _json(value: Any) -> str:
    return str(htmlsafe_json_dumps(value, separators=(",", ":")))


def evidence_groups(m: ArgumentMap) -> list[dict[str, Any]]:
    """Evidence grouped by the source it is first cited from; one untitled group when grouping says nothing."""
    groups: dict[str, list[dict[str, str]]] = defaultdict(list)
    for p in m.of_kind(NodeKind.EVIDENCE):
        source = m.sources.get(p.cites[0].source) if p.cites else None
        title = (source.outlet or source.title) if source else "Uncited"
        groups[title].append({"id": p.id, "short": p.short, "text": p.text})
    items = [item for group in groups.values() for item in group]
    if len(groups) <= 1 or len(groups) == len(items):
        return [{"title": "", "evidence": items}] if items else []
    return [{"title": title, "evidence": group} for title, group in groups.items()]
