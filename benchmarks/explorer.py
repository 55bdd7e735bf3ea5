"""How fast the explorer answers: labels requests, and a switch's click to recoloured verdicts in Chromium.

Run: ``.venv/bin/python -m benchmarks.explorer`` (targets: under 10 ms per labels request, under
100 ms from click to recolour). Uses the shipped map, and a generated 2,000-proposition map when
``benchmarks.generate`` is there. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from flask import Flask
from werkzeug.serving import make_server

import argmap
from argmap.web import create_app

SEEDS = Path(argmap.__file__).resolve().parent.parent / "seeds"
SEED_ID = "kremlin-drone-2023"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def summary(name: str, samples: list[float], unit: str = "ms", target: float | None = None) -> str:
    samples = sorted(samples)
    p95 = samples[min(len(samples) - 1, int(0.95 * len(samples)))]
    verdict = "" if target is None else ("  ok" if statistics.median(samples) < target else "  OVER TARGET")
    return (
        f"{name:<58} median {statistics.median(samples):8.2f} {unit}   p95 {p95:8.2f} {unit}"
        f"   n={len(samples)}{verdict}"
    )


def timed(fn: Callable[[], Any], n: int) -> list[float]:
    out = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def scenario_queries(app: Flask, map_id: str) -> list[str]:
    """One query per evidence item switched off, then per analyst distrusted: all distinct scenarios."""
    client = app.test_client()
    doc = client.get(f"/api/maps/{map_id}").get_json()
    return [f"off={p['id']}" for p in doc["propositions"] if p["kind"] == "evidence"] + [
        f"distrust={a['id']}" for a in doc["analysts"]
    ]


def bench_api(app: Flask, map_id: str, n: int) -> list[str]:
    client = app.test_client()
    url = f"/api/maps/{map_id}/labels"
    lines = []
    fresh = [f"{url}?{q}" for q in scenario_queries(app, map_id)]
    lines.append(summary(f"labels, test client, first time per scenario ({map_id})", timed_each(client, fresh), "ms"))
    lines.append(summary(f"labels, test client, cached ({map_id})", timed(lambda: client.get(url), n), "ms", 10))
    return lines


def timed_each(client: Any, urls: list[str]) -> list[float]:
    out = []
    for u in urls:
        start = time.perf_counter()
        response = client.get(u)
        out.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (u, response.status_code)
    return out


@contextmanager
def served(app: Flask) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)


def bench_http(base: str, map_id: str, n: int) -> str:
    url = f"{base}/api/maps/{map_id}/labels?support=evidential"

    def get() -> None:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback only
            response.read()

    get()
    return summary(f"labels, HTTP on loopback ({map_id})", timed(get, n), "ms", 10)


def bench_browser(base: str, map_id: str, clicks: int, chromium: str) -> list[str]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1500, "height": 950})
        start = time.perf_counter()
        page.goto(f"{base}/maps/{map_id}")
        page.wait_for_selector("body.graph-ready")
        load_ms = (time.perf_counter() - start) * 1000
        ids = page.eval_on_selector_all("input[data-evidence-id]", "els => els.map(e => e.dataset.evidenceId)")
        outside: list[float] = []
        for i in range(clicks):
            box = page.locator(f'input[data-evidence-id="{ids[(i // 2) % len(ids)]}"]')
            box.scroll_into_view_if_needed()
            before = page.evaluate("window.argmap.timings.length")
            start = time.perf_counter()
            box.click()
            page.wait_for_function("n => window.argmap.timings.length > n", arg=before)
            outside.append((time.perf_counter() - start) * 1000)
        inside = page.evaluate("window.argmap.timings")
        phases = page.evaluate("window.argmap.phases")
        browser.close()
    return [
        summary(f"page load to drawn graph ({map_id})", [load_ms], "ms"),
        summary(f"click to recoloured verdicts, in page ({map_id})", inside, "ms", 100),
        summary("  of which the labels request", [p["request"] for p in phases], "ms"),
        summary("  of which restyling (DataSet update, panel)", [p["recolour"] for p in phases], "ms"),
        summary(f"click to recoloured verdicts, from Playwright ({map_id})", outside, "ms"),
    ]


def big_map_folder(n: int) -> Path | None:
    try:
        from benchmarks.generate import generate_document
    except ImportError:
        return None
    folder = Path(tempfile.mkdtemp(prefix="argmap-bench-"))
    doc = generate_document(n, seed=1)
    doc["id"] = f"generated-{n}"
    (folder / f"generated-{n}.yaml").write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=500, help="labels requests per measurement")
    parser.add_argument("--clicks", type=int, default=30, help="switch clicks in the browser")
    parser.add_argument("--big", type=int, default=2000, help="propositions in the generated map (0: skip)")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium measurements")
    args = parser.parse_args()
    chromium = shutil.which("chromium")

    imports = tempfile.mkdtemp(prefix="argmap-bench-imports-")
    app = create_app({"MAPS_DIR": str(SEEDS), "IMPORT_DIR": imports})
    print(f"argmap explorer benchmark (shipped map: {SEED_ID})")
    for line in bench_api(app, SEED_ID, args.requests):
        print(line, flush=True)
    with served(app) as base:
        print(bench_http(base, SEED_ID, args.requests), flush=True)
        if not args.no_browser and chromium:
            for line in bench_browser(base, SEED_ID, args.clicks, chromium):
                print(line, flush=True)

    folder = big_map_folder(args.big) if args.big else None
    if folder is None:
        print("(no generated map: benchmarks.generate is missing or --big 0)")
        return
    big = create_app({"MAPS_DIR": str(folder), "IMPORT_DIR": imports})
    map_id = f"generated-{args.big}"
    for line in bench_api(big, map_id, args.requests):
        print(line, flush=True)
    if not args.no_browser and chromium:
        with served(big) as base:
            for line in bench_browser(base, map_id, max(10, args.clicks // 2), chromium):
                print(line, flush=True)
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
