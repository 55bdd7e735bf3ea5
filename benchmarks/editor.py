"""The editing page in Chromium: an edit of the draft to its recoloured verdicts, then to the redrawn graph.

Run: ``.venv/bin/python -m benchmarks.editor`` (targets: verdicts recoloured within 150 ms of an
edit on the shipped map, within 400 ms on the generated 2,000-proposition map). The server runs in
its own process (``benchmarks.bigmap.served``). Each edit flips one step between support and attack
in the selected step's form (a change of shape, so the graph is drawn again as well) and is timed,
in the page's clock, from the form's ``change`` event to the frame after the verdicts show the new
labels, and to the frame after the graph is redrawn. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import time
from typing import Any

from benchmarks.bigmap import CHROMIUM_ARGS, served
from benchmarks.explorer import SEED_ID, map_ids, maps_folder, summary

SETTLED = "() => { const m = document.querySelector('main.editor'); return m.dataset.drawn === m.dataset.evaluated; }"
# Picks a support step into a hypothesis (whose flip is sure to change a verdict), selects it.
PICK = """() => {
  const doc = window.argmap.draft();
  const hypotheses = new Set(doc.propositions.filter((p) => p.kind === "hypothesis").map((p) => p.id));
  const step = doc.relations.find((r) => r.kind === "support" && hypotheses.has(r.to)) ||
    doc.relations.find((r) => r.kind === "support");
  const filter = document.querySelector("[data-testid=items-filter]");
  filter.value = step.id;
  filter.dispatchEvent(new Event("input"));
  document.querySelector(`[data-testid=items] [data-select="${step.id}"]`).click();
  return step.id;
}"""
# Flips the selected step's kind; resolves with ms from the change to the verdicts shown, to the graph.
EDIT = """async () => {
  const main = document.querySelector("main.editor");
  const kind = document.querySelector("[data-testid=selection] select[name=kind]");
  const seq = Number(main.dataset.evaluated || 0);
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())));
  const until = async (test) => { while (!test()) await new Promise((resolve) => setTimeout(resolve, 1)); };
  kind.value = kind.value === "support" ? "attack" : "support";
  const start = performance.now();
  kind.dispatchEvent(new Event("change", { bubbles: true }));
  await until(() => Number(main.dataset.evaluated) > seq);
  const verdicts = (await frame()) - start;
  await until(() => main.dataset.drawn === main.dataset.evaluated);
  const graph = (await frame()) - start;
  return { verdicts, graph };
}"""


def bench(browser: Any, base: str, map_id: str, edits: int) -> list[str]:
    page = browser.new_page(viewport={"width": 1500, "height": 950})
    page.goto(f"{base}/maps/{map_id}/edit")
    page.wait_for_selector("body.graph-ready", timeout=60_000)
    page.wait_for_function(SETTLED, timeout=60_000)
    step = page.evaluate(PICK)
    page.wait_for_function(SETTLED)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Performance.enable")
    verdicts, graph, busy = [], [], []
    for _ in range(edits):
        before = _task_ms(cdp)
        timing = page.evaluate(EDIT)
        busy.append(_task_ms(cdp) - before)
        verdicts.append(timing["verdicts"])
        graph.append(timing["graph"])
        page.wait_for_timeout(50)
    doc = page.evaluate("() => window.argmap.draft()")
    page.close()
    target = 150 if map_id == SEED_ID else 400
    return [
        summary(f"edit (flip {step}) to recoloured verdicts", verdicts, target=target),
        summary(f"edit (flip {step}) to redrawn graph", graph),
        summary("  the page's main thread busy per edit (CPU, all of it)", busy),
        *server_lines(doc),
    ]


def _task_ms(cdp: Any) -> float:
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    return float(metrics["TaskDuration"]) * 1000


def server_lines(doc: dict[str, Any], n: int = 10) -> list[str]:
    """CPU ms of this process per draft evaluation through the test client: labels only, and in full."""
    from argmap.web import create_app

    client = create_app({"TESTING": True, "IMPORT_DIR": None}).test_client()
    lean = {**doc, "sources": [{k: v for k, v in s.items() if k != "text"} for s in doc.get("sources", [])]}
    out = []
    for name, extra in (("labels only", {"reasons": False}), ("reasons and drawing", {"vis": True})):
        body = json.dumps({"document": lean, "scenario": {}, **extra})
        samples = []
        for _ in range(n):
            start = time.process_time()
            response = client.post("/api/drafts/evaluate", data=body, content_type="application/json")
            samples.append((time.process_time() - start) * 1000)
            assert response.status_code == 200, response.get_json()
        out.append(summary(f"  server: a draft's {name} (CPU)", samples))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--edits", type=int, default=15, help="edits per map")
    parser.add_argument("--big", type=int, default=2000, help="propositions in the generated map (0: skip)")
    args = parser.parse_args()
    chromium = os.environ.get("ARGMAP_CHROMIUM") or shutil.which("chromium")
    if chromium is None:
        print("(no chromium: skipping the editor benchmark)")
        return
    from playwright.sync_api import sync_playwright

    folder = maps_folder(args.big)
    try:
        with served(folder) as base, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
            print("argmap editor in Chromium")
            for map_id in map_ids(folder):
                print(f"-- {map_id}", flush=True)
                for line in bench(browser, base, map_id, args.edits):
                    print(line, flush=True)
            browser.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
