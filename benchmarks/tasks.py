"""Benchmark ICCMA tasks (SE, DC, DS of ST, PR, CO) of ``argmap solve -p`` beside clingo with ASPARTIX encodings.

``python -m benchmarks.tasks [--sizes 10000 100000] [--families ...] [--tasks ...] [--timeout 60]``
(also ``python -m benchmarks.solver --tasks``). Needs the ``clingo`` package in this venv
(``pip install clingo``: a benchmark tool, no dependency of argmap).

Frameworks are the families of ``benchmarks.solver`` (fixed seeds), written as ``.i23`` for argmap
and as ``arg/att`` facts for clingo. Each cell is the wall time of one whole process, as a user would
run it: ``python -m argmap solve F.i23 -p TASK [-a ARG]``, and ``python -m benchmarks.tasks --clingo
TASK F.lp [ARG]`` (clingo's Python API: ground the encoding with the facts, then solve). DC and DS ask
about the first argument the grounded labelling leaves UNDEC (else the first argument). The two
answers (YES/NO, or whether an extension exists) are checked to agree; the ratio is argmap / clingo.

Encodings (the ASPARTIX ones, Egly, Gaggl and Woltran 2010): guess ``in``/``out``, no attack inside
``in``; stable: every ``out`` argument is defeated; complete: ``in`` is exactly what it defends;
preferred: complete with clingo's domain heuristic (``#heuristic in(X). [1,true]``,
``--heuristic=Domain --enum-mode=domRec``), whose models are the subset-maximal ones.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np

from benchmarks.solver import FAMILIES, PYTHON, lines, run, write_i23

GUESS = """
in(X) :- arg(X), not out(X).
out(X) :- arg(X), not in(X).
:- in(X), in(Y), att(X, Y).
defeated(X) :- in(Y), att(Y, X).
#show in/1.
"""
STABLE = GUESS + ":- out(X), not defeated(X).\n"
COMPLETE = (
    GUESS
    + """
undefended(X) :- att(Y, X), not defeated(Y).
:- in(X), undefended(X).
:- out(X), not defeated(X), not undefended(X).
"""
)
PREFERRED = COMPLETE + "#heuristic in(X) : arg(X). [1, true]\n"
DEFAULT_TASKS = ["SE-ST", "SE-PR", "DC-CO", "DS-ST", "DS-PR"]
DEFAULT_FAMILIES = ["random", "scale-free", "grid", "layered", "cycles"]


def clingo_answer(task: str, path: str, arg: int | None) -> str:
    """Answer ``task`` with clingo: ``YES``/``NO`` (DC, DS) or ``w ...``/``NO`` (SE)."""
    import clingo  # type: ignore[import-not-found,unused-ignore]

    problem, sem = task.split("-")
    program = {"ST": STABLE, "CO": COMPLETE, "PR": PREFERRED}[sem]
    options = ["--heuristic=Domain", "--enum-mode=domRec"] if sem == "PR" else []
    if problem == "DC":
        program += f":- not in({arg}).\n"
    elif problem == "DS" and sem != "PR":
        program += f":- in({arg}).\n"
    enumerate_all = problem == "DS" and sem == "PR"
    ctl = clingo.Control([*options, "0" if enumerate_all else "1"])
    ctl.load(path)
    ctl.add("base", [], program)
    ctl.ground([("base", [])])
    found: list[list[int]] = []

    def on_model(model: clingo.Model) -> bool:
        ext = [s.arguments[0].number for s in model.symbols(shown=True)]
        if enumerate_all and arg in ext:
            return True  # a preferred extension with the argument: look on
        found.append(ext)
        return False

    ctl.solve(on_model=on_model)
    if problem == "SE":
        return f"w {' '.join(map(str, sorted(found[0])))}" if found else "NO"
    if problem == "DC":
        return "YES" if found else "NO"
    return "NO" if found else "YES"


def write_facts(path: Path, n: int, attacks: tuple[np.ndarray, np.ndarray]) -> None:  # type: ignore[type-arg]
    with open(path, "wb") as fh:
        fh.write(f"arg(1..{n}).\n".encode())
        fh.write(lines([attacks[0], attacks[1]], b"att(", b",", b").\n"))


def query_argument(path: Path) -> int:
    """The first argument that the grounded labelling leaves UNDEC (1-based), else 1."""
    from argmap.solver import read_framework
    from argmap.solver.rounds import UNDEC, grounded_rounds

    af = read_framework(path, "i23")
    labels, _ = grounded_rounds(af.n, af.src, af.dst)
    undecided = np.flatnonzero(labels == UNDEC)
    return int(undecided[0]) + 1 if undecided.size else 1


def verdict(output: str) -> str:
    first = output.strip().split("\n")[0] if output.strip() else ""
    return "NO" if first == "NO" else ("YES" if first.startswith(("YES", "w")) else first)


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--clingo"]:
        task, path, *rest = argv[1:]
        print(clingo_answer(task, path, int(rest[0]) if rest else None))
        return
    parser = argparse.ArgumentParser(prog="python -m benchmarks.tasks", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--families", nargs="+", choices=list(FAMILIES), default=DEFAULT_FAMILIES)
    parser.add_argument("--tasks", nargs="+", default=DEFAULT_TASKS)
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args(argv)
    try:
        import clingo  # type: ignore[import-not-found,unused-ignore]  # noqa: F401
    except ImportError:
        print("clingo is not installed here (pip install clingo): argmap alone")
        have_clingo = False
    else:
        have_clingo = True
    print(f"{'family':<12} {'n':>7} {'task':<6} {'core':>7} {'argmap s':>9} {'clingo s':>9} {'ratio':>6}  answer")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            for family in args.families:
                attacks = FAMILIES[family](n, np.random.default_rng(n))
                i23, facts = Path(tmp) / f"{family}-{n}.i23", Path(tmp) / f"{family}-{n}.lp"
                write_i23(i23, n, attacks)
                write_facts(facts, n, attacks)
                a = query_argument(i23)
                core = _core_size(i23)
                for task in args.tasks:
                    extra = ["-a", str(a)] if task[:2] in ("DC", "DS") else []
                    ours = run([PYTHON, "-m", "argmap", "solve", str(i23), "-p", task, *extra], args.timeout)
                    theirs = None
                    if have_clingo:
                        cmd = [PYTHON, "-m", "benchmarks.tasks", "--clingo", task, str(facts)]
                        theirs = run(cmd + ([str(a)] if extra else []), args.timeout)
                    t1 = f"{ours.seconds:9.2f}" if ours else f"{'>' + str(int(args.timeout)):>9}"
                    t2 = (
                        f"{theirs.seconds:9.2f}"
                        if theirs
                        else f"{'-' if not have_clingo else '>' + str(int(args.timeout)):>9}"
                    )
                    ratio = f"{ours.seconds / theirs.seconds:6.1f}" if ours and theirs else f"{'-':>6}"
                    answer = verdict(ours.output) if ours else "?"
                    if ours and theirs and verdict(ours.output) != verdict(theirs.output):
                        answer += f" DISAGREES with clingo ({verdict(theirs.output)})"
                    print(f"{family:<12} {n:>7} {task:<6} {core:>7} {t1} {t2} {ratio}  {answer}", flush=True)


def _core_size(path: Path) -> int:
    from argmap.solver import read_framework
    from argmap.solver.rounds import UNDEC, grounded_rounds

    af = read_framework(path, "i23")
    labels, _ = grounded_rounds(af.n, af.src, af.dst)
    return int((labels == UNDEC).sum())


if __name__ == "__main__":
    main()
