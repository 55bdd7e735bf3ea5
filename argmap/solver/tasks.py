"""ICCMA tasks on framework files: ``argmap solve AF -p TASK [-a ARG]``.

Tasks are ``PROBLEM-SEMANTICS``: problems SE (some extension), EE (every extension), DC (credulous
acceptance of ``-a``), DS (sceptical acceptance); semantics CO, PR, ST, GR. Output, as ICCMA 2023
asks (its rules, "Solver Requirements"):

* SE: ``w`` and the extension's arguments (``w 1 3``; ``w`` alone for the empty one), or ``NO``
  when there is none (stable semantics only);
* DC: ``YES`` and on the next line a certificate, an extension that contains the argument; or ``NO``;
* DS: ``YES``; or ``NO`` and on the next line a counterexample, an extension without the argument
  (with no stable extension at all, every argument is sceptically accepted: ``YES``);
* EE (not an ICCMA 2023 task; from earlier editions): one ``w`` line per extension, ``NO`` when
  there is none.

Arguments are named as in the file (ICCMA 2023: numbers ``1..n``). The grounded labelling comes from
``argmap.solver.rounds`` (numpy); the rest from ``argmap.extensions`` on the undecided core. Imports
numpy, errors and extensions only (no networkx).
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import numpy as np

from argmap.errors import ArgmapError
from argmap.extensions import Core, Semantics
from argmap.solver import Framework, read_framework
from argmap.solver.rounds import IN, UNDEC, grounded_rounds

PROBLEMS = ("SE", "EE", "DC", "DS")
SEMANTICS = {"CO": Semantics.COMPLETE, "PR": Semantics.PREFERRED, "ST": Semantics.STABLE, "GR": Semantics.GROUNDED}
TASKS = [f"{p}-{s}" for p in PROBLEMS for s in SEMANTICS]


class TaskError(ArgmapError):
    """A task, or its argument, that cannot be asked of this file (a usage error: exit 2)."""


def parse_task(task: str, argument: str | None) -> tuple[str, Semantics]:
    """``(problem, semantics)`` of a task name; TaskError for an unknown one or a missing ``-a``.

    Examples
    --------
    >>> parse_task("DC-PR", "3")
    ('DC', <Semantics.PREFERRED: 'preferred'>)
    """
    problem, _, sem = task.upper().partition("-")
    if problem not in PROBLEMS or sem not in SEMANTICS:
        raise TaskError(f"-p {task}: unknown task; choose from {', '.join(TASKS)}")
    if problem in ("DC", "DS") and argument is None:
        raise TaskError(f"-p {task}: give the argument to decide with -a ARG")
    if problem in ("SE", "EE") and argument is not None:
        raise TaskError(f"-a {argument}: only the DC and DS tasks take an argument")
    return problem, SEMANTICS[sem]


def solve_task(path: str | os.PathLike[str], fmt: str, task: str, argument: str | None = None) -> str:
    """Answer an ICCMA task on a framework file, in ICCMA's output form (lines, no final newline).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "x.i23"
    >>> _ = path.write_text("p af 3\\n1 2\\n2 1\\n2 3\\n")
    >>> solve_task(path, "i23", "EE-PR")
    'w 1 3\\nw 2'
    >>> solve_task(path, "i23", "DS-PR", "3")
    'NO\\nw 2'
    """
    problem, sem = parse_task(task, argument)
    af = read_framework(path, fmt)
    a = None if argument is None else argument_index(af, argument, os.fspath(path))
    core = framework_core(af)
    if problem == "SE":
        ext = core.one(sem)
        return "NO" if ext is None else _w(af, ext)
    if problem == "EE":
        return "\n".join(_w(af, ext) for ext in core.extensions(sem)) or "NO"
    assert a is not None
    if problem == "DC":
        ext = core.witness(a, sem)
        return "NO" if ext is None else f"YES\n{_w(af, ext)}"
    ext = core.counterexample(a, sem)
    return "YES" if ext is None else f"NO\n{_w(af, ext)}"


def framework_core(af: Framework) -> Core:
    """The grounded labelling of ``af`` (numpy) and its undecided core, split into pieces."""
    labels, _ = grounded_rounds(af.n, af.src, af.dst)
    open_ = (labels[af.src] == UNDEC) & (labels[af.dst] == UNDEC)
    attacks = zip(af.src[open_].tolist(), af.dst[open_].tolist(), strict=True)
    grounded = np.flatnonzero(labels == IN).tolist()
    undecided = np.flatnonzero(labels == UNDEC).tolist()
    return Core(labels.tolist(), attacks, grounded, undecided)


def argument_index(af: Framework, name: str, path: str) -> int:
    """The index of the argument called ``name`` in ``af``; TaskError if there is none."""
    found: Iterator[int] = iter(())
    if af.names is None:
        if name.isdigit() and 1 <= int(name) <= af.n:
            return int(name) - 1
    elif isinstance(af.names, list):
        found = (i for i, x in enumerate(af.names) if x == name)
    elif name.startswith(af.prefix) and name[len(af.prefix) :].isdigit():
        number = name[len(af.prefix) :]
        if number == str(int(number)):
            found = iter(np.flatnonzero(af.names == int(number)).tolist())
    i = next(found, None)
    if i is None:
        raise TaskError(f"-a {name}: no argument {name!r} in {path}")
    return i


def _w(af: Framework, ext: list[int]) -> str:
    return f"w {af.names_of(np.array(ext, np.intp))}" if ext else "w"
