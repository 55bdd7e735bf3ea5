"""The analyst tools over HTTP: hinges, diff, ACH (JSON, CSV and a page) and the support readings.

Views are thin: parse the scenario(s), one call into ``argmap.analysis``, JSON out; results are
kept in the app's evaluation cache, keyed by map object and scenario. Errors are ArgmapError,
answered by the app's handlers in the one JSON shape.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app, jsonify, render_template, request

from argmap.analysis import ach, diff, hinges, parse_scenario, readings
from argmap.analysis.ach import Ach
from argmap.analysis.hinges import TIME_LIMIT
from argmap.errors import UnsupportedFormat
from argmap.model import ArgumentMap
from argmap.render import PALETTE, vis_data
from argmap.scenario import Scenario, scenario_from_query
from argmap.web.state import evaluation, memo, store

bp = Blueprint("analysis", __name__)


def _scenario(m: ArgumentMap) -> Scenario:
    return scenario_from_query(m, request.args)


class _CutShort(Exception):
    """A hinges search that ran out of time: answered, but not cached, so asking again may finish it."""

    def __init__(self, body: dict[str, Any]) -> None:
        super().__init__("hinges search cut short")
        self.body = body


@bp.get("/api/maps/<map_id>/hinges")
def hinges_view(map_id: str) -> Response:
    """What each hypothesis hangs on under the query's scenario (DESIGN §6); ``HINGES_TIME_LIMIT`` caps it."""
    m = store().get(map_id)
    scenario = _scenario(m)
    seconds = float(current_app.config.get("HINGES_TIME_LIMIT", TIME_LIMIT))

    def compute() -> dict[str, Any]:
        body = hinges(m, scenario, time_limit=seconds).to_dict()
        if body["truncated"]:
            raise _CutShort(body)
        return body

    try:
        return jsonify(memo().get((m, scenario, "hinges"), compute))
    except _CutShort as cut:
        return jsonify(cut.body)


@bp.get("/api/maps/<map_id>/diff")
def diff_view(map_id: str) -> Response:
    """Labels that differ between scenarios ``a`` and ``b`` (each a url-encoded scenario query)."""
    m = store().get(map_id)
    a = parse_scenario(m, request.args.get("a", ""))
    b = parse_scenario(m, request.args.get("b", ""))
    return jsonify(memo().get((m, (a, b), "diff"), lambda: diff(m, a, b).to_dict()))


def _ach(m: ArgumentMap) -> Ach:
    scenario = _scenario(m)
    result: Ach = memo().get((m, scenario, "ach"), lambda: ach(m, scenario))
    return result


@bp.get("/api/maps/<map_id>/ach")
def ach_view(map_id: str) -> Response:
    """The ACH matrix under the query's scenario; ``format=csv`` for a spreadsheet."""
    fmt = request.args.get("format", "json")
    if fmt == "csv":
        return ach_csv(map_id)
    if fmt != "json":
        raise UnsupportedFormat(f"No ACH format {fmt!r}; use json or csv.")
    return jsonify(_ach(store().get(map_id)).to_dict())


@bp.get("/api/maps/<map_id>/ach.csv")
def ach_csv(map_id: str) -> Response:
    """The ACH matrix as a CSV download."""
    m = store().get(map_id)
    response = current_app.response_class(_ach(m).to_csv(m), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{m.id}-ach.csv"'
    return response


@bp.get("/api/maps/<map_id>/readings")
def readings_view(map_id: str) -> Response:
    """Every hypothesis' label under the three readings of support, for the query's off and distrust."""
    m = store().get(map_id)
    scenario = _scenario(m)
    key = (m, Scenario(scenario.off, scenario.distrust), "readings")
    return jsonify(memo().get(key, lambda: readings(m, scenario).to_dict()))


@bp.get("/maps/<map_id>/ach")
def ach_page(map_id: str) -> str:
    """The ACH matrix as a page beside the map's graph; clicking a cell shows its path there."""
    m = store().get(map_id)
    result = evaluation(m)
    model: dict[str, Any] = {
        "map": {"id": m.id, "title": m.title, "question": m.question},
        "scenario": result.scenario.to_dict(),
        "query": result.scenario.to_query(),
        "propositions": {
            p.id: {"short": p.short, "text": p.text, "kind": str(p.kind)} for p in m.propositions.values()
        },
        "relations": {
            r.id: {"from": list(r.premises), "to": r.target, "kind": str(r.kind)} for r in m.relations.values()
        },
        "analysts": {a.id: a.name for a in m.analysts.values()},
        "labels": {p: str(label) for p, label in result.labels.items()},
        "inferences": {r: str(label) for r, label in result.inferences.items()},
        "ach": _ach(m).to_dict(),
        "vis": vis_data(m, result),
    }
    return render_template("ach.html", model=model, palette=PALETTE)
