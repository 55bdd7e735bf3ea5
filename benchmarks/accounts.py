"""Benchmark coherent accounts: the shipped maps and a 2,000-proposition map, then ICCMA tasks beside clingo.

``python -m benchmarks accounts`` (or ``python -m benchmarks.accounts [--tasks-sizes 10000]``).

* For each shipped map and each semantics: ``argmap.accounts`` in process, and
  ``GET /api/maps/<id>/accounts`` through Flask's test client with the cache off (the server's
  work: parse, compile, solve, explain=1, JSON); median of 20 runs. Target: < 50 ms.
* ``benchmarks.generate.generate_map(2000)``: the same, median of 3; target < 2 s, or truncated
  with the exact count.
* The ICCMA tasks of ``benchmarks.tasks`` at ``--tasks-sizes`` (default 10^4 arguments; 10^5 with
  ``python -m benchmarks.tasks``), with argmap / clingo ratios.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import argmap
from benchmarks.generate import generate_map

ROOT = Path(__file__).resolve().parent.parent
SEMANTICS = ("preferred", "stable", "complete")


def median_ms(fn: Callable[[], object], reps: int) -> tuple[float, float]:
    """Median wall and CPU milliseconds (CPU is steadier on a shared machine)."""
    wall, cpu = [], []
    for _ in range(reps):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall) * 1000, statistics.median(cpu) * 1000


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.accounts")
    parser.add_argument("--tasks-sizes", type=int, nargs="*", default=[10_000], help="ICCMA sizes; none to skip")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)

    from argmap.web import create_app

    app = create_app({"TESTING": True, "EVALUATION_CACHE": 0})
    client = app.test_client()
    print("milliseconds as wall/CPU; http: GET .../accounts?semantics=S&explain=1, cache off")
    print(f"{'map':<22} {'props':>6} {'semantics':<10} {'core ms':>12} {'http ms':>12} {'count':>20}  listed")
    for path in sorted((ROOT / "seeds").glob("*.yaml")):
        m = argmap.load(str(path))
        for sem in SEMANTICS:
            result = argmap.accounts(m, semantics=sem)
            core = median_ms(lambda m=m, sem=sem: argmap.accounts(m, semantics=sem), 20)
            url = f"/api/maps/{m.id}/accounts?semantics={sem}&explain=1"
            assert client.get(url).status_code == 200
            http = median_ms(lambda url=url: client.get(url), 20)
            times = f"{core[0]:5.1f}/{core[1]:5.1f} {http[0]:5.1f}/{http[1]:5.1f}"
            print(f"{m.id:<22} {len(m.propositions):>6} {sem:<10} {times} {result.count!s:>20}  {len(result.accounts)}")
    big = generate_map(2000, seed=0)
    for sem in SEMANTICS:
        result = argmap.accounts(big, semantics=sem)
        core = median_ms(lambda sem=sem: argmap.accounts(big, semantics=sem), 3)
        count = f"{result.count:,}" if result.count is not None else f">={result.count_at_least:,}"
        note = " (truncated)" if result.truncated else ""
        times = f"{core[0]:5.0f}/{core[1]:5.0f} {'':>12}"
        print(
            f"{'generated':<22} {len(big.propositions):>6} {sem:<10} {times} {count:>20}  {len(result.accounts)}{note}"
        )
    if args.tasks_sizes:
        from benchmarks import tasks

        print()
        tasks.main(["--sizes", *map(str, args.tasks_sizes), "--timeout", "60"])


if __name__ == "__main__":
    main()
