"""How long the analyst tools take: hinges above all, on the shipped map and on generated maps.

Run: ``.venv/bin/python -m benchmarks.hinges`` (target: a hinges request on the shipped map under
about 1 s). Figures are CPU seconds of this process, steady on a busy machine. Prints, per map and
reading of support, the time of ``hinges()`` without a time limit and with the shells' limit, how
much it found and whether any search was cut short; the first (uncached) hinges request through
the app; what one switch costs re-evaluated incrementally against a full ``evaluate()``; and ACH,
diff and readings for scale. Asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import argmap
from argmap.analysis import Reevaluator, ach, diff, hinges, readings
from argmap.analysis.hinges import TIME_LIMIT, Hinges
from argmap.model import ArgumentMap
from argmap.pipeline import evaluate
from argmap.scenario import Scenario, SupportMode
from benchmarks.generate import generate_map

SEED = Path(argmap.__file__).resolve().parent.parent / "seeds" / "kremlin-drone-2023.yaml"


def seconds(fn: Callable[[], Any], repeat: int = 1) -> tuple[float, Any]:
    """Median CPU time of ``fn`` over ``repeat`` runs, and its last result.

    CPU time of this process, not wall time: on a shared machine other work inflates wall time
    (the time limit of ``hinges`` itself counts wall time).
    """
    times, result = [], None
    for _ in range(repeat):
        start = time.process_time()
        result = fn()
        times.append(time.process_time() - start)
    return statistics.median(times), result


def found(result: Hinges) -> str:
    singles = sum(len(h.evidence) for h in result.hinges.values())
    analysts = sum(len(h.analysts) for h in result.hinges.values())
    sets = sum(len(h.sets) for h in result.hinges.values())
    cut = sum(h.truncated for h in result.hinges.values())
    return f"{singles:4} evidence, {analysts:4} analyst, {sets:4} set hinges; {cut:3}/{len(result.hinges)} cut short"


def bench_map(name: str, m: ArgumentMap, repeat: int, unlimited: bool) -> None:
    print(f"\n{name}: {len(m.propositions)} propositions ({len(m.evidence)} evidence, {len(m.hypotheses)} hypotheses),")
    print(f"{'':>{len(name) + 2}}{len(m.relations)} relations, {len(m.analysts)} analysts")
    for mode in SupportMode:
        scenario = Scenario(support=mode)
        if unlimited:
            t, result = seconds(lambda s=scenario: hinges(m, s), repeat)
            print(f"  hinges {mode!s:<10} no time limit      {t * 1000:9.1f} ms   {found(result)}")
        t, result = seconds(lambda s=scenario: hinges(m, s, time_limit=TIME_LIMIT), repeat)
        print(f"  hinges {mode!s:<10} limit {TIME_LIMIT:.0f} s          {t * 1000:9.1f} ms   {found(result)}")
    per_switch(m)
    for label, fn in (
        ("ach", lambda: ach(m)),
        ("readings (three evaluations)", lambda: readings(m)),
        ("diff, 3 evidence off", lambda: diff(m, Scenario(), Scenario(off=frozenset(m.evidence[:3])))),
    ):
        t, _ = seconds(fn, repeat)
        print(f"  {label:<36}{t * 1000:9.1f} ms")


def per_switch(m: ArgumentMap) -> None:
    """One evidence switch: incremental re-evaluation against compiling and solving from scratch."""
    sample = m.evidence[:: max(1, len(m.evidence) // 40)]
    for mode in (SupportMode.EVIDENTIAL, SupportMode.DEDUCTIVE):
        engine = Reevaluator(m, Scenario(support=mode))
        t_inc, _ = seconds(lambda e=engine: [e.labels({x}, among=m.hypotheses) for x in sample])
        t_full, _ = seconds(
            lambda mo=mode: [evaluate(m, scenario=Scenario(off=frozenset({x}), support=mo)) for x in sample]
        )
        print(
            f"  one switch, {mode!s:<10} incremental {t_inc / len(sample) * 1e6:8.0f} us"
            f"   full evaluate {t_full / len(sample) * 1e6:8.0f} us"
        )


def bench_api(m_path: Path) -> None:
    """The first (uncached) hinges request for a few scenarios of the shipped map, through the app."""
    from argmap.web import create_app

    app = create_app({"TESTING": True, "MAPS_DIR": str(m_path.parent), "IMPORT_DIR": None})
    client = app.test_client()
    m = argmap.load(m_path)
    queries = ["", "support=abstract", "support=deductive"] + [f"off={e}" for e in m.evidence[:5]]
    client.get(f"/api/maps/{m.id}/labels")  # the app's first request pays for lazy imports
    times = []
    for q in queries:
        start = time.process_time()
        response = client.get(f"/api/maps/{m.id}/hinges?{q}")
        times.append(time.process_time() - start)
        assert response.status_code == 200, response.get_json()
    print(f"\nGET /api/maps/{m.id}/hinges, CPU time of the first request per scenario:")
    for q, t in zip(queries, times, strict=True):
        print(f"  ?{q:<40}{t * 1000:9.1f} ms")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000", help="generated map sizes, comma-separated (default 2000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure on the shipped map (median)")
    args = parser.parse_args(argv)
    if SEED.exists():
        bench_map(SEED.stem, argmap.load(SEED), args.repeat, unlimited=True)
        bench_api(SEED)
    else:
        print(f"(no shipped map at {SEED})")
    for n in (int(s) for s in args.sizes.split(",") if s):
        bench_map(f"generated n={n} seed={args.seed}", generate_map(n, args.seed), 1, unlimited=True)


if __name__ == "__main__":
    main()
