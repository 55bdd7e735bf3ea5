"""Compiled frameworks out in ICCMA's formats: i23 (``p af N``), TGF and ASPARTIX (APX).

What is written is the scenario's *compiled* Dung framework (``evaluation.framework``), meta-arguments
included (DESIGN §3): ``inf(r)`` for each reified step (linked, or undercut), ``not(p)`` for each of
their premises, ``unsupported(x)`` under the evidential reading -- so any ICCMA solver can check
argmap's grounded labelling, steps included.

Names. i23 numbers the arguments 1..N: the map's active propositions sorted by id, then ``inf(r)``
sorted by relation id, ``not(p)`` and ``unsupported(x)`` sorted by proposition id. TGF and APX use
the same order with names that are safe in both syntaxes (``[a-z][a-z0-9_]*``, a constant for
ASPARTIX's clingo programs): an id with ``-`` turned into ``_`` (``a`` put before one that starts with
a digit), and the meta-arguments written ``inf__r``, ``not__p``, ``unsupported__x``; a name already
taken gets ``_2``, ``_3``, ...

The side table. i23 is written with no ``#`` lines (some readers choke on them), so the names live
apart, in ``side_table(fmt, evaluation)``: the format, map id and scenario, ``arguments`` (file name
-> argmap argument), ``propositions`` (proposition id -> file name), ``inferences`` (relation id ->
the file name of its ``inf(r)``), ``meta`` (file name -> what a meta-argument stands for, in words)
and ``grounded`` (the names argmap finds IN, to check a solver against). ``argmap export --format
iccma -o FILE`` writes it next to FILE as ``FILE.map.json``. Imports pipeline, compile and the registry.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from argmap.compile import inference_of, is_meta, meta_target, premise_of
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
    order = sorted(af.arguments, key=_position)
    if fmt in ("iccma", "i23"):
        names = {a: str(n) for n, a in enumerate(order, 1)}
    else:
        used: set[str] = set()
        names = {}
        for a in order:
            kind, of = _position(a)[0], _position(a)[1]
            base = _safe(a) if kind == 0 else f"{_META_NAMES[kind]}__{_safe(of)}"
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
        "propositions": {arg: name for arg, name in named.names.items() if not is_meta(arg)},
        "inferences": {r: name for arg, name in named.names.items() if (r := inference_of(arg)) is not None},
        "meta": {name: _meaning(arg) for arg, name in named.names.items() if is_meta(arg)},
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


_META_NAMES = {1: "inf", 2: "not", 3: "unsupported"}


def _position(argument: str) -> tuple[int, str]:
    """Sort key and subject: (0, proposition), (1, relation of inf(r)), (2, p of not(p)), (3, x of unsupported(x))."""
    for kind, of in enumerate((inference_of(argument), premise_of(argument), meta_target(argument)), 1):
        if of is not None:
            return kind, of
    return 0, argument


def _meaning(argument: str) -> str:
    kind, of = _position(argument)
    return {
        1: f"the inference of step {of}: IN when all its premises are IN and no undercut of it stands",
        2: f"{of} is not accepted (attacks the inferences that need {of})",
        3: f"{of} has no accepted support (evidential reading)",
    }[kind]


def _safe(prop_id: str) -> str:
    name = prop_id.replace("-", "_")
    return name if SAFE_NAME.fullmatch(name) else f"a{name}"
