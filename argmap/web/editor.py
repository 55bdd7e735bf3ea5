"""The editing page (``/maps/<id>/edit``) and the evaluation of a draft (``POST /api/drafts/evaluate``).

The page edits a whole document in the browser; after every change it sends the draft here, and the
server checks it (every problem with its path, as a save would report it) and evaluates it under the
page's scenario, so verdicts, switches and explanations follow the draft before anything is saved.
Evaluating a draft writes nothing, but it serves editors only: it needs the rights of a write (the
token where there is one), as every POST does; its body has the import size limit.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Blueprint, Response, jsonify, render_template

from argmap import changes
from argmap.errors import FormatError
from argmap.model import ArgumentMap
from argmap.pipeline import Evaluation, evaluate
from argmap.render import PALETTE, explorer_vis
from argmap.scenario import lenient_scenario_from_query
from argmap.web.auth import require_write
from argmap.web.saving import json_body
from argmap.web.state import store

bp = Blueprint("editor", __name__)


@bp.get("/maps/<map_id>/edit")
def edit(map_id: str) -> str:
    """The editing page; the script fetches the document (with its sources' texts) and its version."""
    current = store().current(map_id)
    return render_template("edit.html", m=current.map, editable=current.editable, palette=PALETTE)


@bp.post("/api/drafts/evaluate")
def evaluate_draft() -> Response:
    """Check and evaluate a draft: ``{"document", "scenario"?, "reasons"?, "vis"?, "explain"?}`` → labels, problems.

    400 with every problem of the document (paths like ``relations[3].to``); the scenario is read
    leniently, as a page link is (ids the draft no longer has are dropped and named).
    """
    require_write()
    body = json_body()
    if not isinstance(body, Mapping) or "document" not in body:
        raise FormatError('Send {"document": {...}, "scenario": {"off": [...], "distrust": [...], "support": ...}}.')
    m, _texts = changes.checked(body["document"])
    scenario_in = body.get("scenario") or {}
    if not isinstance(scenario_in, Mapping):
        raise FormatError("scenario: must be an object with off, distrust and support")
    scenario, dropped = lenient_scenario_from_query(m, _scenario_args(scenario_in))
    result = evaluate(m, scenario=scenario)
    out: dict[str, Any] = {**result.to_dict(), "dropped": dropped}
    if body.get("reasons", True):  # the page leaves them out of its first, quickest question
        out["reasons"] = {h: result.reason(h) for h in m.hypotheses}
    explain = body.get("explain")
    if explain is not None:
        out["explanation"] = _explanation(m, result, explain)
    if body.get("vis"):
        out["vis"] = explorer_vis(m)
    return jsonify(out)


def _scenario_args(scenario: Mapping[str, Any]) -> dict[str, Any]:
    """The scenario object as the query-like mapping ``lenient_scenario_from_query`` reads."""
    args: dict[str, Any] = {}
    for key in ("off", "distrust"):
        value = scenario.get(key) or []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise FormatError(f"scenario.{key}: must be a list of ids")
        args[key] = value
    support = scenario.get("support")
    if support is not None and not isinstance(support, str):
        raise FormatError("scenario.support: must be evidential, deductive or abstract")
    args["support"] = [support] if support else []
    return args


def _explanation(m: ArgumentMap, result: Evaluation, node: Any) -> dict[str, Any]:
    """Why ``node`` (a proposition or a support/attack step of the draft) has its label, in sentences."""
    if not isinstance(node, str) or not (node in m.propositions or node in result.inferences):
        raise FormatError(f"explain: no proposition or step {str(node)[:80]!r} in the draft")
    return {"id": node, "reason": result.reason(node), "lines": result.describe(node)}
