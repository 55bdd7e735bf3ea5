"""What the views share: the app's map store, its evaluation cache, and scenario parsing from a request."""

from __future__ import annotations

from typing import Any

from flask import current_app, request

from argmap.model import ArgumentMap
from argmap.pipeline import Evaluation, evaluate
from argmap.scenario import scenario_from_query
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


def evaluation(m: ArgumentMap) -> Evaluation:
    """The evaluation of ``m`` under the request's scenario (``off``, ``distrust``, ``support``), cached."""
    scenario = scenario_from_query(m, request.args)
    result: Evaluation = memo().get((m, scenario, "evaluation"), lambda: evaluate(m, scenario=scenario))
    return result
