"""The explorer in Chromium: page load to interactive, and a switch's click to recoloured graph.

Run: ``.venv/bin/python -m benchmarks.bigmap`` (targets on the generated 2,000-proposition maps:
interactive within 2 s of navigation, a switch recoloured within 200 ms; on the shipped map, within
100 ms). Measures the shipped map, the generated one and a generated one with 20 % linked steps and
50 undercuts (``shaped-2000``: junction nodes), served by a separate process (so the server never
competes with this one for the interpreter). Prints figures; asserts nothing.

* page load: navigation start to the graph drawn with its switches wired (``body.graph-ready``), in
  the page's clock; and the main thread's CPU time by then (steadier than wall time on a busy
  machine). The first load of a map includes the server drawing it (layout and graph, once per map).
* click to recolour: the click event to the frame that shows the new colours, in the page's clock,
  with the page idle before each click (nothing in flight): what a person sees. "Rapid" clicks the
  next switch as soon as the last one is shown, while the verdicts' reasons and the analyst views
  of the last one are still being fetched.

``--against DIR`` serves a second checkout beside this one (say, ``git worktree add /tmp/before
HEAD~5``) and takes turns between them, load by load and click by click, so that both meet the
same spells of a busy machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from benchmarks.explorer import SEED_ID, map_ids, maps_folder, summary

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SERVER = """
import logging, sys
from werkzeug.serving import make_server
from argmap.web import create_app
logging.getLogger("werkzeug").setLevel(logging.ERROR)
server = make_server("127.0.0.1", 0, create_app({"MAPS_DIR": sys.argv[1], "IMPORT_DIR": None}), threaded=True)
print(server.server_port, flush=True)
server.serve_forever()
"""
# Notes when the page marks itself ready (in the page's clock: ms since navigation started).
READY_WATCH = """
new MutationObserver((_, watcher) => {
  if (document.body && document.body.classList.contains("graph-ready")) {
    window.__readyAt = performance.now();
    watcher.disconnect();
  }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["class"] });
"""
# Clicks one switch and resolves with ms from the click to the frame that shows its new colours.
# The page records a switch once its colours are drawn (window.argmap.timings); a page whose phases
# lack "frame" records it before that frame, so it is awaited here.
CLICK = """
async (selector) => {
  const box = document.querySelector(selector);
  const n = window.argmap.timings.length;
  let clicked = 0;
  box.addEventListener("change", (event) => { clicked = event.timeStamp; }, { once: true });
  box.click();
  while (window.argmap.timings.length <= n) await new Promise((resolve) => setTimeout(resolve, 1));
  const phase = window.argmap.phases[window.argmap.phases.length - 1];
  const shown = "frame" in phase ? clicked + window.argmap.timings[n] : await new Promise((resolve) =>
    requestAnimationFrame(() => resolve(performance.now())));
  return { ms: shown - clicked, ...phase };
}
"""
IDLE = "() => !window.argmap.inflight || window.argmap.inflight() === 0"


@contextmanager
def served(folder: Path, checkout: str | None = None) -> Iterator[str]:
    """A server of ``folder`` in its own process; ``checkout`` serves argmap from another checkout."""
    env = {**os.environ, **({"PYTHONPATH": checkout} if checkout else {})}
    process = subprocess.Popen(
        [sys.executable, "-c", SERVER, str(folder)], env=env, cwd=folder, stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        port = int(process.stdout.readline())
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def load_page(browser: Any, base: str, map_id: str) -> tuple[float, float]:
    """One load in a fresh context: ms from navigation to ``graph-ready``, and main-thread CPU ms by then."""
    context = browser.new_context(viewport={"width": 1500, "height": 950})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable", {"timeDomain": "threadTicks"})
    page.add_init_script(READY_WATCH)
    page.goto(f"{base}/maps/{map_id}")
    page.wait_for_selector("body.graph-ready", timeout=60_000)
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    ready = float(page.evaluate("window.__readyAt"))
    context.close()
    return ready, metrics.get("ThreadTime", metrics["TaskDuration"]) * 1000


def bench_load(browser: Any, bases: dict[str, str], map_id: str, loads: int) -> list[str]:
    """Page loads, taking turns between the servers so that a busy spell weighs on each alike."""
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in bases}
    for _ in range(loads):
        for name, base in bases.items():
            runs[name].append(load_page(browser, base, map_id))
    lines = []
    for name, samples in runs.items():
        rest = samples[1:] or samples
        lines += [
            f"{'page load to interactive, first (server draws the map)' + name:<62} {samples[0][0]:8.0f} ms",
            summary("page load to interactive, again" + name, [r for r, _ in rest], "ms", 2000),
            summary("  main thread CPU by then" + name, [c for _, c in rest]),
        ]
    return lines


def bench_clicks(browser: Any, bases: dict[str, str], map_id: str, clicks: int, idle: bool) -> list[str]:
    """Switch clicks in one page per server, taking turns."""
    pages = {}
    for name, base in bases.items():
        pages[name] = browser.new_page(viewport={"width": 1500, "height": 950})
        pages[name].goto(f"{base}/maps/{map_id}")
        pages[name].wait_for_selector("body.graph-ready", timeout=60_000)
    some = next(iter(pages.values()))
    ids = some.eval_on_selector_all("input[data-evidence-id]", "els => els.map(e => e.dataset.evidenceId)")
    samples: dict[str, list[dict[str, float]]] = {name: [] for name in bases}
    for i in range(clicks):
        evidence = ids[(i // 2) % len(ids)]  # off, then on again: half the scenarios are cached
        for name, page in pages.items():
            if idle:
                page.wait_for_function(IDLE, timeout=30_000)
                page.wait_for_timeout(300)
            samples[name].append(page.evaluate(CLICK, f'input[data-evidence-id="{evidence}"]'))
    how = "idle page" if idle else "rapid"
    lines = []
    for name, page in pages.items():
        page.close()
        got = samples[name]
        target = 100 if map_id == SEED_ID else 200
        lines.append(summary(f"click to recoloured graph, {how}{name}", [s["ms"] for s in got], "ms", target))
        for phase, what in (
            ("request", "labels request"),
            ("recolour", "restyle and redraw"),
            ("frame", "to the frame"),
        ):
            if all(phase in s for s in got):
                lines.append(summary(f"  of which {what}{name}", [s[phase] for s in got]))
    return lines


def describe(folder: Path, map_id: str) -> str:
    """``: N propositions, J junctions (L linked steps, U undercuts)`` for a generated map, else nothing."""
    if map_id == SEED_ID:
        return ""
    import argmap

    m = argmap.load(folder / f"{map_id}.yaml")
    linked = sum(r.is_linked for r in m.relations.values())
    undercuts = sum(m.is_undercut(r) for r in m.relations.values())
    return (
        f": {len(m.propositions)} propositions, {len(m.relations)} relations, {len(m.junctions)} junctions"
        f" ({linked} linked steps, {undercuts} undercuts)"
    )


def labels_over_http(base: str, map_id: str, n: int, name: str = "") -> str:
    url = f"{base}/api/maps/{map_id}/labels"
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback only
        response.read()
    out = []
    for _ in range(n):
        start = time.perf_counter()
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback only
            response.read()
        out.append((time.perf_counter() - start) * 1000)
    return summary("labels, HTTP on loopback, cached" + name, out, "ms", 10)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--loads", type=int, default=6, help="page loads per map (the first includes drawing)")
    parser.add_argument("--clicks", type=int, default=20, help="switch clicks per measurement")
    parser.add_argument("--big", type=int, default=2000, help="propositions in the generated map (0: skip)")
    parser.add_argument(
        "--shaped", type=int, default=2000, help="propositions in the generated map with linked steps (0: skip)"
    )
    parser.add_argument(
        "--against", metavar="DIR", help="also serve argmap from this checkout, taking turns with this one"
    )
    args = parser.parse_args()
    chromium = os.environ.get("ARGMAP_CHROMIUM") or shutil.which("chromium")
    if chromium is None:
        print("(no chromium: skipping the browser benchmark)")
        return
    from playwright.sync_api import sync_playwright

    folder = maps_folder(args.big, args.shaped)
    try:
        with ExitStack() as stack:
            bases = {"": stack.enter_context(served(folder))}
            if args.against:
                bases = {" [this]": bases[""], " [against]": stack.enter_context(served(folder, args.against))}
            pw = stack.enter_context(sync_playwright())
            browser = pw.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
            against = f" (against {args.against})" if args.against else ""
            print(f"argmap explorer in Chromium{against}")
            for map_id in map_ids(folder):
                print(f"-- {map_id}{describe(folder, map_id)}", flush=True)
                for line in bench_load(browser, bases, map_id, args.loads):
                    print(line, flush=True)
                for idle in (True, False):
                    for line in bench_clicks(browser, bases, map_id, args.clicks, idle):
                        print(line, flush=True)
                for name, base in bases.items():
                    print(labels_over_http(base, map_id, 100, name), flush=True)
            browser.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
