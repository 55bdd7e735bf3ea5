"""argmap: argument maps of analysts' debates, judged by Dung's grounded semantics.

>>> import argmap
>>> m = argmap.load("seeds/kremlin-drone-2023.yaml")
>>> r = argmap.evaluate(m, off={"e-kirby-denial"})
>>> str(r.labels["h-washington"]), str(r.labels["e-kirby-denial"])
('UNDEC', 'OFF')
"""

from __future__ import annotations

from argmap.coherent import Account, Accounts, accounts
from argmap.compile import Framework, compile_map
from argmap.errors import ArgmapError, InvalidMap, InvalidScenario, MapNotFound, UnknownNode
from argmap.loading import load, loads
from argmap.model import ArgumentMap, NodeKind, RelationKind
from argmap.pipeline import Evaluation, evaluate
from argmap.scenario import Scenario, SupportMode
from argmap.semantics import Label, grounded, grounded_extension, grounded_labelling

compile = compile_map  # noqa: A001 - the contract's name (DESIGN §5)

__version__ = "0.1.0"

__all__ = [
    "Account",
    "Accounts",
    "ArgmapError",
    "ArgumentMap",
    "Evaluation",
    "Framework",
    "InvalidMap",
    "InvalidScenario",
    "Label",
    "MapNotFound",
    "NodeKind",
    "RelationKind",
    "Scenario",
    "SupportMode",
    "UnknownNode",
    "accounts",
    "compile",
    "evaluate",
    "grounded",
    "grounded_extension",
    "grounded_labelling",
    "load",
    "loads",
]
