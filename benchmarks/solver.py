"""Benchmark ``argmap solve`` on ICCMA-sized frameworks against C and the Python peers.

``python -m benchmarks.solver [--sizes 100000 1000000] [--quick] [--reps 3] [--families ...]``;
with ``--tasks``, the ICCMA tasks SE/DC/DS beside clingo instead (``benchmarks.tasks``).

Writes deterministic frameworks (fixed seeds) of each family to a temp dir as ICCMA 2023 ``.i23``
(random also as ``.tgf`` and ``.apx``), then times whole processes, as a user would run them:

* ``argmap``: ``python -m argmap solve FILE`` (this venv);
* ``C``: benchmarks/c/grounded.c, compiled here with ``cc -O2``: the reference point;
* ``plain``: counter and queue in plain Python (benchmarks/solver_peers.py);
* ``networkx``: the same loop over a networkx graph;
* ``formal-arg``: the ``formal-argumentation`` package's ``iccma-cli -p SE-GR``, when installed
  in this venv (``pip install formal-argumentation``; it is no dependency of argmap).

Each cell is the median wall time of ``--reps`` runs (peers: one run, 60 s at most; a peer that
timed out, or would take over 60 s judging by the size below, is skipped at larger sizes), the
ratio to C, the CPU time (user + system: steadier than wall time on a busy machine) and its
ratio to C's, and the peak resident memory of the process (GNU time's ``%M``). Every extension
printed is checked against C's.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
TIMEOUT = 60.0
Attacks = tuple[NDArray[np.int64], NDArray[np.int64]]  # 1-based attackers, attacked


# -- the families: (n, rng) -> attacks over arguments 1..n -------------------------------------------


def random_af(n: int, rng: np.random.Generator) -> Attacks:
    """5n uniform attacks, written by attacker (as a generator looping over attackers would)."""
    src, dst = rng.integers(1, n + 1, 5 * n), rng.integers(1, n + 1, 5 * n)
    order = np.lexsort((dst, src))
    return src[order], dst[order]


def shuffled_af(n: int, rng: np.random.Generator) -> Attacks:
    """The random family with its lines in random order."""
    return rng.integers(1, n + 1, 5 * n), rng.integers(1, n + 1, 5 * n)


def scale_free(n: int, rng: np.random.Generator) -> Attacks:
    """Growth with preferential links: each argument links 5 older ones, early ones far more often."""
    new = np.repeat(np.arange(2, n + 1), 5)
    old = 1 + ((new - 1) * rng.random(new.size) ** 3).astype(np.int64)
    flip = rng.random(new.size) < 0.5
    return np.where(flip, old, new), np.where(flip, new, old)


def grid(n: int, rng: np.random.Generator) -> Attacks:
    """A k x k grid: each pair of neighbours attacks one way at random, a tenth of them both ways."""
    k = int(n**0.5)
    cell = np.arange(1, k * k + 1).reshape(k, k)
    a = np.concatenate([cell[:, :-1].ravel(), cell[:-1, :].ravel()])
    b = np.concatenate([cell[:, 1:].ravel(), cell[1:, :].ravel()])
    flip, both = rng.random(a.size) < 0.5, rng.random(a.size) < 0.1
    src, dst = np.where(flip, b, a), np.where(flip, a, b)
    return np.concatenate([src, dst[both]]), np.concatenate([dst, src[both]])


def layered(n: int, rng: np.random.Generator, layers: int = 10) -> Attacks:
    """Ten layers; each argument is attacked by 0-10 arguments of the layer before."""
    width = n // layers
    target = np.arange(width + 1, layers * width + 1)
    target = np.repeat(target, rng.integers(0, 11, target.size))
    layer = (target - 1) // width
    return (layer - 1) * width + rng.integers(1, width + 1, target.size), target


def cycles(n: int, rng: np.random.Generator) -> Attacks:
    """Disjoint cycles of 3-30 arguments; half of them opened (one attack missing), the rest stay UNDEC."""
    lengths = rng.integers(3, 31, n // 3)
    lengths = lengths[: np.searchsorted(np.cumsum(lengths), n)]
    first = np.concatenate([[1], 1 + np.cumsum(lengths)[:-1]])
    src = np.arange(1, int(lengths.sum()) + 1)
    start = np.repeat(first, lengths)
    dst = start + (src - start + 1) % np.repeat(lengths, lengths)
    keep = ~((dst == start) & np.repeat(rng.random(lengths.size) < 0.5, lengths))
    return src[keep], dst[keep]


def chain(n: int, rng: np.random.Generator) -> Attacks:
    """Deep: 1 -> 2 -> ... -> n, one argument IN and one OUT per round."""
    return np.arange(1, n), np.arange(2, n + 1)


def open_cycle(n: int, rng: np.random.Generator) -> Attacks:
    """Deep: the cycle 2 -> 3 -> ... -> n -> 2, opened by the unattacked 1 -> 2."""
    src = np.concatenate([[1], np.arange(2, n + 1)])
    dst = np.concatenate([[2], np.arange(3, n + 1), [2]])
    return src, dst


FAMILIES: dict[str, Callable[[int, np.random.Generator], Attacks]] = {
    "random": random_af,
    "random-shuffled": shuffled_af,
    "scale-free": scale_free,
    "grid": grid,
    "layered": layered,
    "cycles": cycles,
    "chain (deep)": chain,
    "open-cycle (deep)": open_cycle,
}
DEEP = {"chain (deep)", "open-cycle (deep)"}


# -- writing the files ---------------------------------------------------------------------------------

_DIGITS = np.frombuffer("".join(f"{i:04d}" for i in range(10_000)).encode(), np.uint8).reshape(-1, 4)


def number_cells(values: NDArray[np.int64]) -> tuple[NDArray[np.uint8], NDArray[np.bool_]]:
    """Eight ASCII digits per value (values < 10^8) and the mask that drops leading zeros."""
    cells = np.concatenate([_DIGITS[values // 10_000], _DIGITS[values % 10_000]], axis=1)
    digits = np.searchsorted(10 ** np.arange(1, 9), values, side="right") + 1
    return cells, np.arange(8) >= (8 - digits)[:, None]


def lines(columns: list[NDArray[np.int64]], before: bytes = b"", between: bytes = b" ", after: bytes = b"\n") -> bytes:
    """``before a between b after`` per row, formatted by numpy."""
    parts: list[tuple[NDArray[np.uint8], NDArray[np.bool_]]] = []
    rows = columns[0].size

    def const(text: bytes) -> None:
        cells = np.broadcast_to(np.frombuffer(text, np.uint8), (rows, len(text)))
        parts.append((cells, np.ones((rows, len(text)), np.bool_)))

    const(before)
    for i, column in enumerate(columns):
        if i:
            const(between)
        parts.append(number_cells(column))
    const(after)
    cells = np.concatenate([p[0] for p in parts], axis=1)
    keep = np.concatenate([p[1] for p in parts], axis=1)
    return cells[keep].tobytes()


def write_i23(path: Path, n: int, attacks: Attacks) -> None:
    with open(path, "wb") as fh:
        fh.write(f"p af {n}\n".encode())
        for lo in range(0, attacks[0].size, 1 << 20):
            fh.write(lines([attacks[0][lo : lo + (1 << 20)], attacks[1][lo : lo + (1 << 20)]]))


def write_tgf(path: Path, n: int, attacks: Attacks) -> None:
    with open(path, "wb") as fh:
        fh.write(lines([np.arange(1, n + 1)]) + b"#\n")
        fh.write(lines([attacks[0], attacks[1]]))


def write_apx(path: Path, n: int, attacks: Attacks) -> None:
    with open(path, "wb") as fh:
        fh.write(lines([np.arange(1, n + 1)], b"arg(a", b"", b").\n"))
        fh.write(lines([attacks[0], attacks[1]], b"att(a", b",a", b").\n"))


# -- running and timing ---------------------------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    cpu: float
    peak_mib: float
    output: str


TIME = shutil.which("time", path="/usr/bin:/bin")  # GNU time: the child's own peak RSS


def run(cmd: list[str], timeout: float) -> Run | None:
    """Run ``cmd`` to completion; wall time, peak RSS and stdout, or None after ``timeout`` seconds.

    The peak comes from GNU time (``%M``) when installed: ``ru_maxrss`` of a child forked from
    this process counts this process's own memory, copied at fork, up to exec.
    """
    wrapped = [TIME, "-f", "peak-kib %M cpu %U %S", *cmd] if TIME else cmd
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        # A session of its own: on a time-out the whole group goes, not only GNU time (whose child
        # would run on, orphaned, and skew every later measurement).
        proc = subprocess.Popen(wrapped, stdout=out, stderr=err, cwd=ROOT, start_new_session=True)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            return None
        seconds = time.perf_counter() - start
        err.seek(0)
        report = err.read().decode(errors="replace").strip().splitlines() or [""]
        if proc.returncode:
            raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}): {' '.join(report)[-300:]}")
        words = report[-1].split()
        measured = TIME is not None and words[:1] == ["peak-kib"]
        peak = float(words[1]) / 1024 if measured else float("nan")
        cpu = float(words[3]) + float(words[4]) if measured else float("nan")
        out.seek(0)
        return Run(seconds, cpu, peak, out.read().decode())


def extension(output: str) -> set[str]:
    """The argument names of an ICCMA ``w ...`` line (formal-argumentation's too)."""
    words = output.split()
    return set(words[1:]) if words[:1] == ["w"] else set(words)


def compile_c(folder: Path) -> Path:
    binary = folder / "grounded"
    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None:
        raise SystemExit("benchmarks/solver.py needs a C compiler (cc) for the reference")
    source = Path(__file__).resolve().parent / "c" / "grounded.c"
    subprocess.run([cc, "-O2", "-o", str(binary), str(source)], check=True)
    return binary


def tools(binary: Path) -> dict[str, Callable[[Path], list[str]]]:
    found: dict[str, Callable[[Path], list[str]]] = {
        "argmap": lambda f: [PYTHON, "-m", "argmap", "solve", str(f)],
        "C": lambda f: [str(binary), str(f)],
        "plain": lambda f: [PYTHON, "-m", "benchmarks.solver_peers", "plain", str(f)],
        "networkx": lambda f: [PYTHON, "-m", "benchmarks.solver_peers", "networkx", str(f)],
    }
    if importlib.util.find_spec("argumentation") is not None:
        found["formal-arg"] = lambda f: [PYTHON, "-m", "argumentation.solving.iccma_cli", "-p", "SE-GR", "-f", str(f)]
    return found


@dataclass
class Row:
    family: str
    n: int
    m: int
    file: str
    tool: str
    seconds: float | None = None
    ratio: float | None = None
    cpu: float | None = None
    cpu_ratio: float | None = None
    peak_mib: float | None = None
    note: str = ""

    def __str__(self) -> str:
        secs = f"{self.seconds:8.3f}" if self.seconds is not None else f"{'-':>8}"
        ratio = f"{self.ratio:7.1f}x" if self.ratio is not None else f"{'':>8}"
        cpu = f"{self.cpu:7.3f}" if self.cpu is not None else f"{'-':>7}"
        cpu_ratio = f"{self.cpu_ratio:6.1f}x" if self.cpu_ratio is not None else f"{'':>7}"
        peak = f"{self.peak_mib:8.0f}" if self.peak_mib is not None else f"{'-':>8}"
        where = f"{self.family:<18} {self.n:>9} {self.m:>9} {self.file:<5} {self.tool:<10}"
        return f"{where} {secs} {ratio} {cpu} {cpu_ratio} {peak}  {self.note}"


HEADER = " ".join(
    [
        f"{'family':<18} {'args':>9} {'attacks':>9} {'file':<5} {'tool':<10}",
        f"{'median s':>8} {'vs C':>8} {'cpu s':>7} {'vs C':>7} {'peak MiB':>8}  note",
    ]
)


class Bench:
    """Runs every tool on every case, remembering which peers outgrew the time limit."""

    def __init__(self, folder: Path, reps: int) -> None:
        self.folder, self.reps = folder, reps
        self.tools = tools(compile_c(folder))
        self.last: dict[tuple[str, str], tuple[int, float | None]] = {}  # (family, tool) -> (size, seconds)

    def case(self, family: str, n: int) -> Iterator[Row]:
        attacks = FAMILIES[family](n, np.random.default_rng([zlib.crc32(family.encode()), n]))  # the same every run
        m = int(attacks[0].size)
        stem = self.folder / f"{family.split()[0]}-{n}"
        files = {"i23": stem.with_suffix(".i23")}
        write_i23(files["i23"], n, attacks)
        if family == "random":
            files["tgf"], files["apx"] = stem.with_suffix(".tgf"), stem.with_suffix(".apx")
            write_tgf(files["tgf"], n, attacks)
            write_apx(files["apx"], n, attacks)
        del attacks
        c = self.timed(self.tools["C"], files["i23"], self.reps)
        assert c is not None
        expected = extension(c.output)
        yield Row(family, n, m, "i23", "C", c.seconds, 1.0, c.cpu, 1.0, c.peak_mib, f"{len(expected)} IN")
        for fmt, path in files.items():
            for tool, command in self.tools.items():
                if tool == "C" or (fmt != "i23" and tool != "argmap"):
                    continue
                yield self.row(family, n, m, fmt, tool, command, path, c, expected)
        for path in files.values():
            path.unlink()

    def row(
        self,
        family: str,
        n: int,
        m: int,
        fmt: str,
        tool: str,
        command: Callable[[Path], list[str]],
        path: Path,
        c: Run,
        expected: set[str],
    ) -> Row:
        row = Row(family, n, m, fmt, tool)
        peer = tool != "argmap"
        if peer and (family, tool) in self.last:
            size, seconds = self.last[(family, tool)]
            if seconds is None:
                row.note = f"skipped: over {TIMEOUT:.0f} s at {size} arguments"
                return row
            if seconds * n / size > TIMEOUT:
                row.note = f"skipped: ~{seconds * n / size:.0f} s predicted"
                return row
        result = self.timed(command, path, 1 if peer else self.reps)
        if peer:
            self.last[(family, tool)] = (n, result.seconds if result else None)
        if result is None:
            row.note = f"timed out ({TIMEOUT:.0f} s)"
            return row
        row.seconds, row.ratio, row.peak_mib = result.seconds, result.seconds / c.seconds, result.peak_mib
        row.cpu, row.cpu_ratio = result.cpu, result.cpu / max(c.cpu, 0.01)
        got = (
            {name.removeprefix("a") for name in extension(result.output)} if fmt == "apx" else extension(result.output)
        )
        row.note = "" if got == expected else "WRONG EXTENSION"
        if fmt != "i23":
            row.note += " (vs C on the same framework as .i23)"
        return row

    def timed(self, command: Callable[[Path], list[str]], path: Path, reps: int) -> Run | None:
        runs = []
        for _ in range(reps):
            result = run(command(path), TIMEOUT)
            if result is None:
                return None
            runs.append(result)
        middle = statistics.median(r.seconds for r in runs)
        cpu = statistics.median(r.cpu for r in runs)
        return Run(middle, cpu, max(r.peak_mib for r in runs), runs[0].output)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.solver", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000], help="argument counts")
    parser.add_argument("--quick", action="store_true", help="small sizes only (10^3 and 10^4 arguments)")
    parser.add_argument("--reps", type=int, default=3, help="runs per cell for argmap and C (median)")
    parser.add_argument("--families", nargs="+", choices=list(FAMILIES), default=list(FAMILIES))
    parser.add_argument("--tasks", action="store_true", help="ICCMA tasks beside clingo instead (benchmarks.tasks)")
    parser.add_argument("--tools", nargs="+", help="only these (C always runs): argmap plain networkx formal-arg")
    args = parser.parse_args(argv)
    if args.tasks:  # SE/DC/DS of ST, PR, CO beside clingo (ASPARTIX encodings), with the ratio
        from benchmarks import tasks

        tasks.main(["--sizes", *map(str, [10_000] if args.quick else sorted(args.sizes))])
        return
    sizes = [1_000, 10_000] if args.quick else sorted(args.sizes)
    print(f"argmap solve vs C (cc -O2) and Python peers; {os.cpu_count()} cores; median of {args.reps} (peers: 1 run)")
    print(HEADER, flush=True)
    with tempfile.TemporaryDirectory(prefix="argmap-bench-") as tmp:
        bench = Bench(Path(tmp), args.reps)
        if args.tools:
            bench.tools = {k: v for k, v in bench.tools.items() if k == "C" or k in args.tools}
        for family in args.families:
            for n in sizes:
                for row in bench.case(family, n):
                    print(row, flush=True)


if __name__ == "__main__":
    main()
