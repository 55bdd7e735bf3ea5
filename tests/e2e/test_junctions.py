"""The three relation shapes in the browser: junction nodes for linked and undercut steps, excludes,
each step drawn by its status and recoloured by the switches, and a junction's details."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

import argmap

from .conftest import serve_map

pytestmark = pytest.mark.e2e

STATIC = Path(argmap.__file__).resolve().parent.parent / "static"


def shapes_document() -> dict[str, Any]:
    """A linked support r1 (e1 with c2), a support r2 undercut by u1, and h1 excludes h2.

    With everything on, r2 fails (its undercut holds); switching off e2 rejects c2, so r1 fails too.
    """
    quote = "so far and through so many belts, they were let through"
    return {
        "id": "shapes",
        "title": "Three shapes",
        "question": "Who launched the drones?",
        "analysts": [
            {"id": "alice", "name": "Alice Analyst"},
            {"id": "bob", "name": "Bob Builder"},
            {"id": "carol", "name": "Carol Critic"},
        ],
        "sources": [{"id": "s1", "title": "Report one", "url": "https://example.org/r1"}],
        "propositions": [
            {"id": "e1", "text": "The drones flew 450 km.", "kind": "evidence"},
            {"id": "e2", "text": "Radar tracks show them crossing air-defence belts.", "kind": "evidence"},
            {"id": "c2", "text": "The tracks are genuine.", "kind": "claim"},
            {"id": "c1", "text": "They were let through.", "kind": "claim"},
            {"id": "e3", "text": "The air-defence logs for that night are incomplete.", "kind": "evidence"},
            {"id": "e4", "text": "A group claimed the launch.", "kind": "evidence"},
            {"id": "h1", "text": "Staged by insiders.", "kind": "hypothesis"},
            {"id": "h2", "text": "A strike from outside.", "kind": "hypothesis"},
        ],
        "relations": [
            {"id": "r0", "from": "e2", "to": "c2", "kind": "support"},
            {
                "id": "r1",
                "from": ["e1", "c2"],
                "to": "c1",
                "kind": "support",
                "by": ["alice"],
                "cites": [{"source": "s1", "quote": quote}],
            },
            {"id": "r2", "from": "c1", "to": "h1", "kind": "support", "by": ["bob"]},
            {
                "id": "u1",
                "from": "e3",
                "to": "r2",
                "kind": "attack",
                "by": ["carol"],
                "cites": [{"source": "s1", "quote": "the logs do not show that"}],
            },
            {"id": "r3", "from": "e4", "to": "h2", "kind": "support"},
            {"id": "x1", "from": "h1", "to": "h2", "kind": "excludes"},
        ],
    }


@pytest.fixture(scope="module")
def shapes_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve_map(tmp_path_factory.mktemp("shapes"), "shapes.yaml", shapes_document()) as url:
        yield url


@pytest.fixture
def shapes(page: Page, shapes_url: str) -> Iterator[Page]:
    """The explorer of the shapes map, drawn; fails the test on any script error or request off the server."""
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(f"pageerror: {err}"))
    page.on("console", lambda msg: errors.append(f"console: {msg.text}") if msg.type == "error" else None)
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(shapes_url) else route.abort())
    page.goto(f"{shapes_url}/maps/shapes")
    page.wait_for_selector("body.graph-ready")
    yield page
    assert errors == []


DRAWN_EDGE = "id => { const o = window.argmap.network.body.edges[id].options; return [o.color.opacity, o.dashes]; }"
DRAWN_NODE = "id => { const o = window.argmap.network.body.nodes[id].options; return [o.color.border, o.opacity]; }"


def palette(page: Page) -> dict[str, Any]:
    vis: dict[str, Any] = page.evaluate("JSON.parse(document.getElementById('argmap-data').textContent).vis")
    return vis


def test_reified_relations_are_junction_nodes_with_their_ids(shapes: Page) -> None:
    page = shapes
    ids = page.evaluate("window.argmap.network.body.data.nodes.getIds().sort()")
    assert ids == sorted(["e1", "e2", "e3", "e4", "c1", "c2", "h1", "h2", "r1", "r2"])  # r1 linked, r2 undercut
    connected = page.evaluate("id => window.argmap.network.getConnectedNodes(id)", "r1")
    assert sorted(connected) == ["c1", "c2", "e1"]  # premises flow in, the target leaves
    assert page.evaluate("window.argmap.network.getConnectedNodes('r1', 'to')") == ["c1"]
    undercut = page.evaluate("(() => { const e = window.argmap.network.body.edges.u1; return [e.fromId, e.toId]; })()")
    assert undercut == ["e3", "r2"]  # an undercut ends on the junction of the step it attacks
    where = page.evaluate("window.argmap.network.getPositions(['e1', 'c2', 'r1', 'c1'])")
    assert max(where["e1"]["x"], where["c2"]["x"]) < where["r1"]["x"] < where["c1"]["x"]
    excludes = page.evaluate("window.argmap.network.body.edges.x1.options.arrows")
    assert excludes["to"]["enabled"] and excludes["from"]["enabled"]  # both ways: rivals, not both
    legend = page.locator("[data-testid=legend]")
    expect(legend).to_contain_text("excludes")
    expect(legend).to_contain_text("failed step")
    expect(legend).to_contain_text("inactive step")


def test_a_failed_step_is_faded_and_switching_a_premise_recolours_its_step(shapes: Page) -> None:
    page = shapes
    vis = palette(page)
    # r2 fails at once: its undercut holds. Its junction is drawn OUT and its edge dotted and faded.
    junction = vis["junction_styles"]
    assert page.evaluate(DRAWN_NODE, "r2") == [vis["palette"]["OUT"]["border"], junction["OUT"]["opacity"]]
    assert page.evaluate(DRAWN_EDGE, "r2") == [vis["edge_styles"]["support"]["failed"]["color"]["opacity"], [2, 5]]
    assert page.evaluate(DRAWN_EDGE, "r1") == [vis["edge_styles"]["support"]["active"]["color"]["opacity"], False]
    positions = page.evaluate("window.argmap.network.getPositions()")

    page.locator('input[data-evidence-id="e2"]').uncheck()  # c2 loses its support: r1 fails through it
    page.wait_for_function("() => window.argmap.state.inferences.r1 === 'OUT'")
    assert page.evaluate(DRAWN_NODE, "r1")[0] == vis["palette"]["OUT"]["border"]
    assert page.evaluate(DRAWN_EDGE, "r1")[1] == [2, 5]
    assert page.evaluate(DRAWN_EDGE, "r1:c2")[1] == [2, 5]  # the premise that failed
    assert page.evaluate(DRAWN_EDGE, "r1:e1")[1] is False  # the one that holds
    assert page.evaluate("window.argmap.nodes.get('r1').shadow.enabled") is True  # haloed: its step changed
    assert page.evaluate("window.argmap.network.getPositions()") == positions  # recoloured, never moved

    page.locator('input[data-evidence-id="e1"]').uncheck()  # a premise switched off: the step is set aside
    page.wait_for_function("() => window.argmap.state.inferences.r1 === 'OFF'")
    assert page.evaluate(DRAWN_NODE, "r1") == [vis["palette"]["OFF"]["border"], junction["OFF"]["opacity"]]
    assert page.evaluate(DRAWN_EDGE, "r1")[0] == vis["edge_styles"]["support"]["inactive"]["color"]["opacity"]

    page.locator('input[data-evidence-id="e3"]').uncheck()  # the undercut goes: r2 holds again
    page.wait_for_function("() => window.argmap.state.inferences.u1 === 'OFF'")
    assert page.evaluate("window.argmap.state.inferences.r2") == "OUT"  # c1 is rejected now
    page.locator('input[data-evidence-id="e1"]').check()
    page.locator('input[data-evidence-id="e2"]').check()
    page.wait_for_function("() => window.argmap.state.inferences.r2 === 'IN'")
    assert page.evaluate(DRAWN_NODE, "r2")[0] == vis["palette"]["IN"]["border"]
    assert page.evaluate(DRAWN_EDGE, "u1")[0] == vis["edge_styles"]["attack"]["inactive"]["color"]["opacity"]
    expect(page.locator('[data-testid=hypothesis][data-node-id="h1"]')).to_have_attribute("data-label", "UNDEC")


def test_clicking_a_junction_shows_its_step(shapes: Page) -> None:
    page = shapes
    x, y = page.evaluate(
        """() => { const net = window.argmap.network;
             const at = net.canvasToDOM(net.getPositions(['r1']).r1);
             const box = document.querySelector('#graph canvas').getBoundingClientRect();
             return [box.left + at.x, box.top + at.y]; }"""
    )
    page.mouse.click(x, y)
    details = page.locator("[data-testid=details]")
    expect(details).to_have_attribute("data-node-id", "r1")
    expect(details).to_have_attribute("data-label", "IN")
    premises = details.locator("[data-testid=step-premises]")
    expect(premises).to_contain_text("The drones flew 450 km.")
    expect(premises).to_contain_text("The tracks are genuine.")
    expect(details.locator("[data-testid=step-target]")).to_have_text("They were let through.")
    expect(details).to_contain_text("Alice Analyst")
    expect(details).to_contain_text("so far and through so many belts, they were let through")
    expect(details).to_contain_text("Report one")
    expect(details).to_contain_text("Holds: every premise is accepted")

    page.locator('input[data-evidence-id="e2"]').uncheck()  # the details follow the scenario
    expect(details).to_have_attribute("data-label", "OUT")
    expect(details).to_contain_text("Fails: its premise")
    step = details.locator('[data-testid=explain-step][data-node-id="c2"]').first
    expect(step).to_contain_text("premise")
    step.click()
    page.wait_for_function("() => window.argmap.network.getSelectedNodes().join() === 'c2'")


def test_an_undercut_step_is_explained_and_leads_to_its_junction(shapes: Page) -> None:
    page = shapes
    page.locator('[data-testid=hypothesis][data-node-id="h1"] button').click()
    details = page.locator("[data-testid=details]")
    expect(details).to_have_attribute("data-node-id", "h1")
    expect(details).to_have_attribute("data-label", "OUT")
    step = details.locator('[data-testid=explain-step][data-node-id="r2"]').first
    expect(step).to_be_visible()  # h1's only support is the step r2, which fails
    expect(details.locator('[data-testid=explain-step][data-node-id="e3"]').first).to_contain_text("undercut by")
    expect(details).to_contain_text("the logs do not show that")
    step.click()
    page.wait_for_function("() => window.argmap.network.getSelectedNodes().join() === 'r2'")
    for script in STATIC.glob("*.js"):  # map text reaches the page as text only
        assert "innerHTML" not in script.read_text(encoding="utf-8"), script.name
