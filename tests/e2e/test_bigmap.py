"""The explorer on a generated map of 2,000 propositions: it opens, recolours, and stays readable.

Correctness only (timings are benchmarks/bigmap.py's job): a switch recolours the verdicts and the
graph as the API says; labels are drawn only when zoomed in far enough; edges lose their heads and
dashes only when zoomed far out; a selected node's neighbourhood stays in focus and the rest is
drawn faded.
"""

from __future__ import annotations

import importlib.util
import re
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

import argmap

from .conftest import serve_map

pytestmark = pytest.mark.e2e

ROOT = Path(argmap.__file__).resolve().parent.parent
BIG = "big"
SIZE = 2000


def generated_document(n: int, **shapes: Any) -> dict[str, Any]:
    """The benchmarks' synthetic map (benchmarks/generate.py, loaded by path: benchmarks is no package here)."""
    spec = importlib.util.spec_from_file_location("argmap_bench_generate", ROOT / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    doc: dict[str, Any] = module.generate_document(n, seed=1, **shapes)
    return {**doc, "id": BIG}


@pytest.fixture(scope="module")
def big_doc() -> dict[str, Any]:
    return generated_document(SIZE)


@pytest.fixture(scope="module")
def big_map(big_doc: dict[str, Any]) -> argmap.ArgumentMap:
    return argmap.document.from_document(big_doc, "big.yaml")


@pytest.fixture(scope="module")
def big_url(big_doc: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve_map(tmp_path_factory.mktemp("bigmaps"), "big.yaml", big_doc) as url:
        yield url


@pytest.fixture
def big_page(page: Page, big_url: str) -> Iterator[Page]:
    """The big map's explorer, drawn; fails the test on any script error or request off the server."""
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(f"pageerror: {err}"))
    page.on("console", lambda msg: errors.append(f"console: {msg.text}") if msg.type == "error" else None)
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(big_url) else route.abort())
    page.goto(f"{big_url}/maps/{BIG}")
    page.wait_for_selector("body.graph-ready", timeout=30_000)
    yield page
    assert errors == []


def neighbourhood(m: argmap.ArgumentMap, start: str, hops: int) -> set[str]:
    """Propositions at most ``hops`` relations from ``start``, either way (the page's focus)."""
    near: dict[str, set[str]] = {p: set() for p in m.propositions}
    for r in m.relations.values():
        near[r.premises[0]].add(r.target)
        near[r.target].add(r.premises[0])
    seen, queue = {start: 0}, deque([start])
    while queue:
        p = queue.popleft()
        for q in near[p]:
            if q not in seen and seen[p] < hops:
                seen[q] = seen[p] + 1
                queue.append(q)
    return set(seen)


def hinge(m: argmap.ArgumentMap) -> tuple[str, str, str, str]:
    """An evidence item whose switching off alone changes a hypothesis' label: (e, h, before, after)."""
    base = argmap.evaluate(m).labels
    for e in m.evidence:
        after = argmap.evaluate(m, off={e}).labels
        for h in m.hypotheses:
            if after[h] != base[h]:
                return e, h, str(base[h]), str(after[h])
    raise AssertionError("the generated map has no evidence that changes a verdict alone")


def scale_to(page: Page, scale: float) -> None:
    page.evaluate("s => window.argmap.network.moveTo({ scale: s })", scale)
    page.wait_for_function("s => Math.abs(window.argmap.network.getScale() - s) < 1e-6", arg=scale)


def test_a_2000_proposition_map_opens_and_a_switch_recolours(big_page: Page, big_map: argmap.ArgumentMap) -> None:
    page = big_page
    assert page.evaluate("window.argmap.nodes.length") == len(big_map.propositions) == SIZE
    assert page.evaluate("window.argmap.edges.length") == len(big_map.relations)
    e, h, before, after = hinge(big_map)
    verdict = page.locator(f'[data-testid=hypothesis][data-node-id="{h}"]')
    expect(verdict).to_have_attribute("data-label", before)
    positions = page.evaluate("window.argmap.network.getPositions()")

    page.locator(f'input[data-evidence-id="{e}"]').evaluate("box => box.click()")  # may be scrolled away
    expect(verdict).to_have_attribute("data-label", after)
    expect(page).to_have_url(re.compile(rf"\?off={e}$"))
    expected = {p: str(label) for p, label in argmap.evaluate(big_map, off={e}).labels.items()}
    shown = page.eval_on_selector_all(
        "[data-testid=hypothesis]", "items => Object.fromEntries(items.map(i => [i.dataset.nodeId, i.dataset.label]))"
    )
    assert shown == {p: expected[p] for p in big_map.hypotheses}
    palette = page.evaluate("JSON.parse(document.getElementById('argmap-data').textContent).vis.palette")
    drawn = page.evaluate(
        """(ids) => ids.map(id => window.argmap.network.body.nodes[id].options.color.border)""",
        [h, e],
    )
    assert drawn == [palette[after]["border"], palette["OFF"]["border"]]  # on the canvas, not only in the data
    assert page.evaluate(f"window.argmap.nodes.get('{h}').shadow.enabled") is True  # haloed: it changed
    assert page.evaluate("window.argmap.network.getPositions()") == positions


def test_labels_are_drawn_only_when_zoomed_in_far_enough(big_page: Page) -> None:
    page = big_page
    graph = page.locator("#graph")
    # vis-network's own verdict on whether it draws a node's label, for a claim and a hypothesis
    drawn = "() => ['c1', 'h1'].map(id => window.argmap.network.body.nodes[id].labelModule.visible())"
    expect(graph).to_have_attribute("data-labels", "all")  # it opens on the hypotheses' neighbourhood, readable
    readable = """() => { const net = window.argmap.network; const s = net.getScale();
      const h = net.canvasToDOM(net.getPositions(['h0']).h0); const c = document.querySelector('#graph canvas');
      const inside = h.x > 0 && h.x < c.clientWidth && h.y > 0 && h.y < c.clientHeight;
      return [net.body.nodes.c1.options.font.size * s, inside]; }"""
    px, h0_in_view = page.evaluate(readable)
    assert px >= 11 and h0_in_view
    page.locator("[data-testid=whole-map]").click()
    expect(graph).to_have_attribute("data-labels", "none")  # the whole map at once: too small to read
    assert page.evaluate(drawn) == [False, False]
    scale_to(page, 0.33)  # hypotheses' labels are bigger: they come first
    expect(graph).to_have_attribute("data-labels", "hypothesis")
    assert page.evaluate(drawn) == [False, True]
    scale_to(page, 1.0)
    expect(graph).to_have_attribute("data-labels", "all")
    assert page.evaluate(drawn) == [True, True]
    scale_to(page, 0.05)
    expect(graph).to_have_attribute("data-labels", "none")


def test_edges_get_heads_and_dashes_back_when_zoomed_in(big_page: Page, big_map: argmap.ArgumentMap) -> None:
    page = big_page
    graph = page.locator("#graph")
    attack = next(r.id for r in big_map.relations.values() if r.kind is argmap.model.RelationKind.ATTACK)
    options = (
        "id => { const o = window.argmap.network.body.edges[id].options; return [o.arrows.to.enabled, o.dashes]; }"
    )
    page.locator("[data-testid=whole-map]").click()
    expect(graph).to_have_attribute("data-edges", "plain")
    assert page.evaluate(options, attack) == [False, False]
    scale_to(page, 1.0)
    expect(graph).to_have_attribute("data-edges", "detailed")
    assert page.evaluate(options, attack) == [True, [10, 6]]
    scale_to(page, 0.05)
    expect(graph).to_have_attribute("data-edges", "plain")


def test_a_selected_hypothesis_keeps_its_neighbourhood_in_focus(big_page: Page, big_map: argmap.ArgumentMap) -> None:
    page = big_page
    graph = page.locator("#graph")
    h = big_map.hypotheses[3]
    page.locator(f'[data-testid=hypothesis][data-node-id="{h}"] button').click()
    expect(graph).to_have_attribute("data-focus", h)
    expect(graph).to_have_attribute("data-hops", "1")
    expect(graph).to_have_attribute("data-focus-size", str(len(neighbourhood(big_map, h, 1))))
    assert page.evaluate("window.argmap.network.getSelectedNodes()") == [h]
    assert page.evaluate("window.argmap.network.getScale()") >= 0.9  # zoomed in far enough to read
    page.locator("select[name=hops]").select_option("2")
    expect(graph).to_have_attribute("data-focus-size", str(len(neighbourhood(big_map, h, 2))))
    focused = page.evaluate("window.argmap.graph.focused().nodes.size")
    assert focused == len(neighbourhood(big_map, h, 2)) > len(neighbourhood(big_map, h, 1))
    page.keyboard.press("Escape")
    expect(graph).to_have_attribute("data-focus", "")


def brightness(page: Page, node_id: str) -> float:
    """Mean brightness of a patch inside a node's border, left of its label, read off the canvas."""
    return float(
        page.evaluate(
            """(id) => { const net = window.argmap.network;
                 const box = net.getBoundingBox(id);
                 const at = net.canvasToDOM({ x: box.left + 7, y: (box.top + box.bottom) / 2 });
                 const canvas = document.querySelector('#graph canvas');
                 const ratio = canvas.width / canvas.clientWidth;
                 const pixels = canvas.getContext('2d').getImageData(
                   Math.round(at.x * ratio) - 2, Math.round(at.y * ratio) - 2, 5, 5).data;
                 let sum = 0;
                 for (let i = 0; i < pixels.length; i += 4) sum += pixels[i] + pixels[i + 1] + pixels[i + 2];
                 return sum / (pixels.length / 4) / 3; }""",
            node_id,
        )
    )


def test_what_lies_outside_the_focus_is_drawn_faded(explorer: Callable[[str], Page]) -> None:
    page = explorer("small")  # h1: e1 supports it, c2 attacks it, h2 is its rival; e3 is further away
    inside, outside = brightness(page, "e1"), brightness(page, "e3")
    x, y = page.evaluate(
        """() => { const net = window.argmap.network;
             const at = net.canvasToDOM(net.getPositions(['h1']).h1);
             const box = document.querySelector('#graph canvas').getBoundingClientRect();
             return [box.left + at.x, box.top + at.y]; }"""
    )
    page.mouse.click(x, y)  # on the canvas: selects h1 and leaves the view where it is
    expect(page.locator("#graph")).to_have_attribute("data-focus-size", "4")
    assert brightness(page, "e3") > outside + 40  # washed out towards the white page
    assert abs(brightness(page, "e1") - inside) < 10  # the neighbourhood keeps its colours
    page.locator("select[name=hops]").select_option("0")  # off: the whole graph again
    expect(page.locator("#graph")).to_have_attribute("data-focus", "")
    assert abs(brightness(page, "e3") - outside) < 10


@pytest.fixture(scope="module")
def shaped_doc() -> dict[str, Any]:
    return {**generated_document(SIZE, linked=0.2, undercuts=50), "id": "shaped"}


@pytest.fixture(scope="module")
def shaped_url(shaped_doc: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve_map(tmp_path_factory.mktemp("shapedmaps"), "shaped.yaml", shaped_doc) as url:
        yield url


def test_a_big_map_with_linked_steps_and_undercuts_draws_junctions_and_recolours_steps(
    page: Page, shaped_url: str, shaped_doc: dict[str, Any]
) -> None:
    m = argmap.document.from_document(shaped_doc, "shaped.yaml")
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(f"pageerror: {err}"))
    page.goto(f"{shaped_url}/maps/shaped")
    page.wait_for_selector("body.graph-ready", timeout=30_000)
    assert len(m.junctions) > 300
    assert page.evaluate("window.argmap.nodes.length") == len(m.propositions) + len(m.junctions)
    premise_edges = sum(len(m.relations[rid].premises) for rid in m.junctions)
    assert page.evaluate("window.argmap.edges.length") == len(m.relations) + premise_edges
    kinds = page.evaluate(
        "ids => ids.map(id => window.argmap.network.body.nodes[id].options.shape)", sorted(m.junctions)
    )
    assert set(kinds) == {"diamond"}

    e = next(e for e in m.evidence if argmap.evaluate(m, off={e}).inferences != argmap.evaluate(m).inferences)
    expected = {r: str(label) for r, label in argmap.evaluate(m, off={e}).inferences.items()}
    page.locator(f'input[data-evidence-id="{e}"]').evaluate("box => box.click()")
    expect(page).to_have_url(re.compile(rf"\?off={e}$"))
    page.wait_for_function("() => window.argmap.state.inferences && window.argmap.timings.length > 0")
    assert page.evaluate("window.argmap.state.inferences") == expected
    palette = page.evaluate("JSON.parse(document.getElementById('argmap-data').textContent).vis.palette")
    junctions = sorted(m.junctions)
    drawn = page.evaluate("ids => ids.map(id => window.argmap.network.body.nodes[id].options.color.border)", junctions)
    assert drawn == [palette[expected[rid]]["border"] for rid in junctions]  # every junction, on the canvas
    assert errors == []
