"""``GET /api/maps/<id>/accounts``: the coherent accounts of a map under the query's scenario (DESIGN §9).

Query: the scenario (``off``, ``distrust``, ``support``), ``semantics`` (preferred by default, stable,
complete; any other name is a 400), ``limit`` (1-1000, default 64) and ``explain=1``, which adds to
each account ``why`` (the defence of each hypothesis within the account, relations cited),
``reasons`` (the same as one English line per hypothesis) and ``against`` (the attacks between it
and each other account). Cached per map, scenario and query, like the other analysis views.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify, request

from argmap.account_reasons import explain_accounts
from argmap.coherent import LIMIT, accounts, semantics_for
from argmap.errors import InvalidScenario
from argmap.scenario import scenario_from_query
from argmap.web.state import memo, store

bp = Blueprint("accounts", __name__)


@bp.get("/api/maps/<map_id>/accounts")
def accounts_view(map_id: str) -> Response:
    """The accounts of the map; ``explain=1`` says why each holds and what rules out the others."""
    m = store().get(map_id)
    scenario = scenario_from_query(m, request.args)
    sem = semantics_for(request.args.get("semantics"))
    limit = _limit(request.args.get("limit"))
    explain = request.args.get("explain", "") not in ("", "0", "false")

    def compute() -> dict[str, Any]:
        result = accounts(m, scenario=scenario, semantics=str(sem), limit=limit)
        body = result.to_dict()
        if explain:
            for account, extra in zip(body["accounts"], explain_accounts(result), strict=True):
                account.update(extra)
        return body

    return jsonify(memo().get((m, scenario, "accounts", sem, limit, explain), compute))


def _limit(value: str | None) -> int:
    if value is None or value == "":
        return LIMIT
    if not value.isdigit() or not 1 <= int(value) <= 1000:
        raise InvalidScenario(f"limit must be a whole number from 1 to 1000, not {value!r}.")
    return int(value)
