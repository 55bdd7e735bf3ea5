"""What the views share: the app's map store, its evaluation cache, and scenario parsing from a request."""

from __future__ import annotations

from typing import Any

from flask import current_app, request

from argmap.model import ArgumentMap
from argmap.pipeline import Evaluation, evaluate
from argmap.scenario import Scenario, lenient_scenario_from_query, scenario_from_query
from argmap.store import MapStore, Memo

EXTENSION = "argmap"


def store() -> MapStore:
    """The app's MapStore."""
    found: MapStore = current_app.extensions[EXTENSION]["store"]
    return found


def memo() -> Memo[Any]:
    """The app's LRU of evaluations and page views, keyed by (map object, scenario, what)."""
    found: Memo[Any] = current_app.extensions[EXTENSION]["memo"]
    return found


def pages() -> Memo[str]:
    """The app's LRU of rendered explorer pages, keyed by (map object, scenario)."""
    found: Memo[str] = current_app.extensions[EXTENSION]["pages"]
    return found


def evaluation(m: ArgumentMap, scenario: Scenario | None = None) -> Evaluation:
    """The evaluation of ``m`` under ``scenario`` or the request's (``off``, ``distrust``, ``support``), cached."""
    if scenario is None:
        scenario = scenario_from_query(m, request.args)
    key = scenario
    result: Evaluation = memo().get((m, key, "evaluation"), lambda: evaluate(m, scenario=key))
    return result


def lenient_evaluation(m: ArgumentMap) -> tuple[Evaluation, list[str]]:
    """For pages: the evaluation of the known parts of the request's scenario, and what was dropped."""
    scenario, dropped = lenient_scenario_from_query(m, request.args)
    return evaluation(m, scenario), dropped
