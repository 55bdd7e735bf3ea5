"""What the explorer's server spends per request: labels, pages and the drawing's layout, on two maps.

Run: ``.venv/bin/python -m benchmarks.explorer`` (target: a labels request on the shipped map well
under 10 ms). Uses the shipped map and a generated 2,000-proposition map (``benchmarks.generate``).
Prints wall milliseconds through Flask's test client (and CPU milliseconds of this process where a
busy machine could blur them); asserts nothing. The browser's side is ``benchmarks.bigmap``.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import yaml
from flask import Flask

import argmap
from argmap.layout import positions
from argmap.web import create_app

SEEDS = Path(argmap.__file__).resolve().parent.parent / "seeds"
SEED_ID = "kremlin-drone-2023"


def summary(name: str, samples: list[float], unit: str = "ms", target: float | None = None) -> str:
    """One line: median and 95th percentile of ``samples``, and whether the median meets ``target``."""
    samples = sorted(samples)
    p95 = samples[min(len(samples) - 1, int(0.95 * len(samples)))]
    verdict = "" if target is None else ("  ok" if statistics.median(samples) < target else "  OVER TARGET")
    return (
        f"{name:<62} median {statistics.median(samples):8.2f} {unit}   p95 {p95:8.2f} {unit}"
        f"   n={len(samples)}{verdict}"
    )


def timed(fn: Callable[[], Any], n: int) -> list[float]:
    """Wall milliseconds of ``n`` calls of ``fn``."""
    out = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def timed_each(client: Any, urls: Iterable[str]) -> list[float]:
    """Wall milliseconds of one GET per url (each must answer 200)."""
    out = []
    for u in urls:
        start = time.perf_counter()
        response = client.get(u)
        out.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (u, response.status_code)
    return out


# The shaped map: this share of its steps linked, and this many undercuts (DESIGN §1).
SHAPED_LINKED = 0.2
SHAPED_UNDERCUTS = 50


def maps_folder(big: int, shaped: int = 0) -> Path:
    """A temporary folder with the shipped map (when there is one), ``generated-<big>`` and
    ``shaped-<shaped>`` (linked steps and undercuts; each unless 0)."""
    from benchmarks.generate import generate_document

    folder = Path(tempfile.mkdtemp(prefix="argmap-bench-"))
    seed = SEEDS / f"{SEED_ID}.yaml"
    if seed.exists():
        shutil.copy(seed, folder / seed.name)
    docs = {}
    if big:
        docs[f"generated-{big}"] = generate_document(big, seed=1)
    if shaped:
        docs[f"shaped-{shaped}"] = generate_document(shaped, seed=1, linked=SHAPED_LINKED, undercuts=SHAPED_UNDERCUTS)
    for map_id, doc in docs.items():
        doc["id"] = map_id
        (folder / f"{map_id}.yaml").write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return folder


def map_ids(folder: Path) -> list[str]:
    """The maps of ``folder``: the shipped one first."""
    return sorted((p.stem for p in folder.glob("*.yaml")), key=lambda i: (i != SEED_ID, i))


def scenario_queries(app: Flask, map_id: str) -> list[str]:
    """One query per evidence item switched off, then per analyst distrusted: all distinct scenarios."""
    doc = app.test_client().get(f"/api/maps/{map_id}").get_json()
    return [f"off={p['id']}" for p in doc["propositions"] if p["kind"] == "evidence"] + [
        f"distrust={a['id']}" for a in doc["analysts"]
    ]


def bench_map(folder: Path, map_id: str, n: int) -> list[str]:
    """Pages, layout and labels of one map, each app fresh so that nothing is cached before it is timed."""
    imports = tempfile.mkdtemp(prefix="argmap-bench-imports-")
    app = create_app({"MAPS_DIR": str(folder), "IMPORT_DIR": imports})
    client = app.test_client()
    m = argmap.load(folder / f"{map_id}.yaml")
    lines = [f"-- {map_id}: {len(m.propositions)} propositions, {len(m.relations)} relations"]

    start, cpu = time.perf_counter(), time.process_time()
    positions(m)
    wall_ms, cpu_ms = (time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000
    lines.append(f"{'layout of the whole map (once per map)':<62} {wall_ms:8.2f} ms   cpu {cpu_ms:8.2f} ms")

    page = f"/maps/{map_id}"
    start, cpu = time.perf_counter(), time.process_time()
    body = client.get(page).data
    wall_ms, cpu_ms = (time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000
    lines.append(
        f"{'page, first of this map (layout and graph included)':<62} {wall_ms:8.2f} ms   cpu {cpu_ms:8.2f} ms"
    )
    lines.append(f"{'page size':<62} {len(body) / 1024:8.0f} KiB")
    queries = scenario_queries(app, map_id)
    fresh = [f"{page}?{q}" for q in queries[: min(len(queries), 40)]]
    lines.append(summary("page, first time per scenario", timed_each(client, fresh)))
    lines.append(summary("page, cached", timed(lambda: client.get(page), n)))

    client = create_app({"MAPS_DIR": str(folder), "IMPORT_DIR": imports}).test_client()  # nothing evaluated yet
    url = f"/api/maps/{map_id}/labels"
    lines.append(summary("labels, first time per scenario", timed_each(client, [f"{url}?{q}" for q in queries])))
    lines.append(summary("labels, cached", timed(lambda: client.get(url), n), "ms", 10))
    shutil.rmtree(imports, ignore_errors=True)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--requests", type=int, default=300, help="requests per cached measurement")
    parser.add_argument("--big", type=int, default=2000, help="propositions in the generated map (0: skip)")
    args = parser.parse_args()
    folder = maps_folder(args.big)
    try:
        print("argmap explorer, server side (Flask test client)")
        for map_id in map_ids(folder):
            for line in bench_map(folder, map_id, args.requests):
                print(line, flush=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
