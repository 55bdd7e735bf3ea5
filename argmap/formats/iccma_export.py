"""Compiled frameworks out in ICCMA's formats: i23 (``p af N``), TGF and ASPARTIX (APX).

What is written is the scenario's *compiled* Dung framework (``evaluation.framework``), meta-arguments
such as ``unsupported(h1)`` included, so any ICCMA solver can check argmap's grounded labelling.

Names. i23 numbers the arguments 1..N: the map's active propositions sorted by id, then the
meta-arguments sorted by the proposition they speak for. TGF and APX use the same order with names
that are safe in both syntaxes (``[a-z][a-z0-9_]*``, a constant for ASPARTIX's clingo programs): a
proposition id with ``-`` turned into ``_`` (``a`` put before one that starts with a digit), and
``unsupported(x)`` written ``unsupported__x``; a name already taken gets ``_2``, ``_3``, ...

The side table. i23 is written with no ``#`` lines (some readers choke on them), so the names live
apart, in ``side_table(fmt, evaluation)``: the format, map id and scenario, ``arguments`` (file name
-> argmap argument), ``propositions`` (proposition id -> file name) and ``grounded`` (the names argmap
finds IN, to check a solver against). ``argmap export --format iccma -o FILE`` writes it next to
FILE as ``FILE.map.json``. Imports pipeline, compile and the registry.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from argmap.compile import meta_target
from argmap.formats._registry import writer
from argmap.pipeline import Evaluation
from argmap.semantics import Label

FORMATS = ("iccma", "i23", "tgf", "apx")
SAFE_NAME = re.compile(r"[a-z][a-z0-9_]*")


@dataclass(frozen=True)
class NamedFramework:
    """A compiled framework with each argument's name in one file format, in file order."""

    names: dict[str, str]  # argmap argument -> name in the file
    attacks: list[tuple[str, str]]  # by name, sorted by file order


def named_framework(evaluation: Evaluation, fmt: str) -> NamedFramework:
    """The compiled framework of ``evaluation`` with the names format ``fmt`` uses (see the module docstring).

    Examples
    --------
    >>> from argmap.document import from_document
    >>> from argmap.pipeline import evaluate
    >>> m = from_document({"id": "m", "title": "t", "propositions": [
    ...     {"id": "e-1", "text": "E", "kind": "evidence"}, {"id": "2h", "text": "H", "kind": "hypothesis"}],
    ...     "relations": [{"id": "r", "from": "e-1", "to": "2h", "kind": "support"}]})
    >>> named_framework(evaluate(m), "tgf").names
    {'2h': 'a2h', 'e-1': 'e_1', 'unsupported(2h)': 'unsupported__a2h'}
    >>> named_framework(evaluate(m), "iccma").attacks
    [('2', '3'), ('3', '1')]
    """
    af = evaluation.framework
    order = sorted(af.arguments, key=lambda a: (meta_target(a) is not None, meta_target(a) or a))
    if fmt in ("iccma", "i23"):
        names = {a: str(n) for n, a in enumerate(order, 1)}
    else:
        used: set[str] = set()
        names = {}
        for a in order:
            target = meta_target(a)
            base = _safe(a) if target is None else f"unsupported__{_safe(target)}"
            name, n = base, 1
            while name in used:
                n += 1
                name = f"{base}_{n}"
            used.add(name)
            names[a] = name
    position = {a: i for i, a in enumerate(order)}
    attacks = sorted(af.attacks, key=lambda ab: (position[ab[0]], position[ab[1]]))
    return NamedFramework(names, [(names[a], names[b]) for a, b in attacks])


def side_table(fmt: str, evaluation: Evaluation) -> dict[str, Any]:
    """Where each argument of an ICCMA export comes from, and argmap's grounded extension by file name."""
    named = named_framework(evaluation, fmt)
    return {
        "format": fmt,
        "map": evaluation.map.id,
        "scenario": evaluation.scenario.to_dict(),
        "arguments": {name: arg for arg, name in named.names.items()},
        "propositions": {arg: name for arg, name in named.names.items() if meta_target(arg) is None},
        "grounded": [name for arg, name in named.names.items() if evaluation.all_labels.get(arg) is Label.IN],
    }


def write_side_table(fmt: str, evaluation: Evaluation) -> str:
    return json.dumps(side_table(fmt, evaluation), ensure_ascii=False, indent=2) + "\n"


@writer("iccma", "text/plain", "i23")
def write_iccma(evaluation: Evaluation) -> str:
    """ICCMA 2023's ``p af N`` then one ``i j`` line per attack; no ``#`` lines."""
    named = named_framework(evaluation, "iccma")
    return "".join([f"p af {len(named.names)}\n", *(f"{a} {b}\n" for a, b in named.attacks)])


writer("i23", "text/plain", "i23")(write_iccma)


@writer("tgf", "text/plain", "tgf")
def write_tgf(evaluation: Evaluation) -> str:
    """Trivial graph format: one argument name per line, ``#``, then one ``a b`` line per attack."""
    named = named_framework(evaluation, "tgf")
    return "".join([*(f"{n}\n" for n in named.names.values()), "#\n", *(f"{a} {b}\n" for a, b in named.attacks)])


@writer("apx", "text/plain", "apx")
def write_apx(evaluation: Evaluation) -> str:
    """ASPARTIX facts: ``arg(a).`` per argument, ``att(a,b).`` per attack."""
    named = named_framework(evaluation, "apx")
    return "".join([*(f"arg({n}).\n" for n in named.names.values()), *(f"att({a},{b}).\n" for a, b in named.attacks)])


def _safe(prop_id: str) -> str:
    name = prop_id.replace("-", "_")
    return name if SAFE_NAME.fullmatch(name) else f"a{name}"
