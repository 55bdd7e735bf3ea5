"""The HTML export and the notebook display in Chromium, opened from file:// with every request that
is not a file: blocked: the graph coloured by the scenario's labels, the verdicts, and details with
quotes and the explanation on click; in a notebook, inside a sandbox that cannot reach the page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Frame, Page, Route, expect

import argmap
from argmap.document import from_document
from argmap.render import PALETTE
from argmap.snapshot import snapshot_html

pytestmark = pytest.mark.e2e


class Offline:
    """Blocks every request but file: ones and records them, with page errors and console errors."""

    def __init__(self, page: Page) -> None:
        self.outside: list[str] = []
        self.errors: list[str] = []
        page.route("**/*", self.route)
        page.on("pageerror", lambda err: self.errors.append(f"pageerror: {err}"))
        page.on("console", lambda msg: self.errors.append(f"console: {msg.text}") if msg.type == "error" else None)
        page.on(
            "request", lambda request: None if request.url.startswith("file:") else self.outside.append(request.url)
        )

    def route(self, route: Route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            route.abort()  # the request listener has recorded it


@pytest.fixture
def offline(page: Page) -> Iterator[Offline]:
    watch = Offline(page)
    yield watch
    assert watch.outside == [], f"requests outside file: {watch.outside}"
    assert watch.errors == [], watch.errors


@pytest.fixture
def result(small_map: dict[str, Any]) -> argmap.Evaluation:
    return argmap.evaluate(from_document(small_map), off={"e3"})


def node_point(target: Page | Frame, node_id: str) -> tuple[float, float]:
    """Where ``node_id`` is drawn, in the page's (or frame's) coordinates."""
    x, y = target.evaluate(
        """(id) => { const net = window.argmap.network;
             const dom = net.canvasToDOM(net.getPositions([id])[id]);
             const box = document.querySelector('#graph canvas').getBoundingClientRect();
             return [box.left + dom.x, box.top + dom.y]; }""",
        node_id,
    )
    return float(x), float(y)


def test_the_export_opens_from_a_file_and_shows_the_scenario(
    page: Page, offline: Offline, tmp_path: Path, result: argmap.Evaluation
) -> None:
    path = tmp_path / "small.html"
    path.write_text(snapshot_html(result), encoding="utf-8")
    page.goto(path.as_uri())
    page.wait_for_selector("body.graph-ready")
    expect(page.locator("[data-testid=title]")).to_have_text("A small map")
    expect(page.locator("[data-testid=scenario]")).to_contain_text("evidence switched off: e3")
    for h in ("h1", "h2"):
        verdict = page.locator(f'[data-testid=hypothesis][data-node-id="{h}"]')
        expect(verdict).to_have_attribute("data-label", str(result.labels[h]))
        expect(verdict.locator(".reason")).to_have_text(result.reason(h))
    # Every node wears its label's colours: the scenario's labels, not the default ones.
    borders = page.evaluate(
        "Object.fromEntries(window.argmap.network.body.data.nodes.get().map((n) => [n.id, n.color.border]))"
    )
    assert borders == {p: PALETTE[str(label)]["border"] for p, label in result.labels.items()}
    assert str(result.labels["e3"]) == "OFF" and str(result.labels["h2"]) != "OUT"

    # A click on a node shows its details: text, quote with its source, and the explanation.
    page.mouse.click(*node_point(page, "e1"))
    details = page.locator("[data-testid=details]")
    expect(details).to_have_attribute("data-node-id", "e1")
    expect(details).to_have_attribute("data-label", str(result.labels["e1"]))
    expect(details.locator(".details-text")).to_have_text("A video shows the event.")
    expect(details.locator("blockquote").first).to_have_text("“the video shows the event”")
    expect(details.locator("figcaption").first).to_contain_text("Report one")
    expect(details.locator(".why-reason")).to_have_text(result.reason("e1"))

    page.locator('[data-testid=hypothesis][data-node-id="h1"] button').click()
    expect(details).to_have_attribute("data-node-id", "h1")
    expect(details.locator("[data-testid=explain-step]").first).to_be_visible()


def test_the_notebook_display_runs_in_a_sandbox_that_cannot_touch_the_notebook(
    page: Page, offline: Offline, tmp_path: Path, result: argmap.Evaluation
) -> None:
    notebook = tmp_path / "notebook.html"
    notebook.write_text(
        '<!doctype html><meta charset="utf-8"><title>Notebook</title><h1 id="cell">Out[1]:</h1>' + result._repr_html_(),
        encoding="utf-8",
    )
    page.goto(notebook.as_uri())
    frame = page.frame_locator("iframe")
    expect(frame.locator("body.graph-ready")).to_be_attached()
    expect(frame.locator('[data-testid=hypothesis][data-node-id="h1"]')).to_have_attribute(
        "data-label", str(result.labels["h1"])
    )
    (inner,) = [f for f in page.frames if f != page.main_frame]
    inner.evaluate("window.argmap.select('c1')")
    expect(frame.locator("[data-testid=details]")).to_have_attribute("data-node-id", "c1")
    reach = inner.evaluate("""() => { try { return parent.document.title; } catch (err) { return 'blocked'; } }""")
    assert reach == "blocked"
    assert inner.evaluate("window.origin") == "null"  # an opaque origin: no cookies, no storage of the notebook
    assert page.evaluate("typeof window.argmap") == "undefined"
    expect(page.locator("#cell")).to_have_text("Out[1]:")
    box = page.locator("iframe").bounding_box()
    assert box is not None and box["height"] >= 600


def test_linked_steps_undercuts_and_rivals_export_and_explain(page: Page, offline: Offline, tmp_path: Path) -> None:
    m = from_document(
        {
            "id": "shapes",
            "title": "Linked, undercut, excludes",
            "propositions": [
                {"id": "e1", "text": "The drones flew 450 km", "kind": "evidence"},
                {"id": "e2", "text": "They passed several air-defence belts", "kind": "evidence"},
                {"id": "e3", "text": "The flight log is forged", "kind": "evidence"},
                {"id": "h1", "text": "They were let through", "kind": "hypothesis"},
                {"id": "h2", "text": "Ukraine did it", "kind": "hypothesis"},
            ],
            "relations": [
                {"id": "r1", "from": ["e1", "e2"], "to": "h1", "kind": "support"},
                {"id": "r2", "from": "e3", "to": "r1", "kind": "attack"},
                {"id": "r3", "from": "h1", "to": "h2", "kind": "excludes"},
            ],
        }
    )
    result = argmap.evaluate(m)
    path = tmp_path / "shapes.html"
    path.write_text(snapshot_html(result), encoding="utf-8")
    page.goto(path.as_uri())
    page.wait_for_selector("body.graph-ready")
    expect(page.locator('[data-testid=hypothesis][data-node-id="h1"]')).to_have_attribute("data-label", "OUT")
    page.evaluate("window.argmap.select('h1')")
    expect(page.locator("[data-testid=details] .why-reason")).to_have_text(result.reason("h1"))
    expect(page.locator("[data-testid=details]")).to_contain_text("The flight log is forged")
