"""Analyst tools over a map: what hypotheses hang on, two scenarios compared, ACH, readings side by side.

Pure core (no flask, no click): ``hinges``, ``diff``, ``ach`` and ``readings`` each take a map and
scenarios and return frozen results with a ``to_dict()`` for the JSON edge.
"""

from __future__ import annotations

from argmap.analysis.ach import Ach, ach
from argmap.analysis.diff import Diff, diff, parse_scenario
from argmap.analysis.hinges import Hinges, hinges
from argmap.analysis.readings import Readings, readings
from argmap.analysis.reevaluate import Reevaluator

__all__ = ["Ach", "Diff", "Hinges", "Readings", "Reevaluator", "ach", "diff", "hinges", "parse_scenario", "readings"]
