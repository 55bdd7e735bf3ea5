"""The explorer on a laptop (1440×900, and 1920×1080): readable first view, state in words, plain change
lines, verdicts in view while switching, relations in the details, the outline, find and view controls."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

import argmap
from argmap.model import ArgumentMap

pytestmark = pytest.mark.e2e

Open = Callable[[str], Page]
SEED = Path(argmap.__file__).resolve().parent.parent / "seeds" / "kremlin-drone-2023.yaml"
SEED_ID = "kremlin-drone-2023"
NAMES = {"IN": "accepted", "OUT": "rejected", "UNDEC": "undecided", "OFF": "switched off"}
WORDS = {"IN": "✓ IN", "OUT": "✗ OUT", "UNDEC": "? UNDEC", "OFF": "– OFF"}
needs_seed = pytest.mark.skipif(not SEED.exists(), reason="the shipped map is not there")
# Simulated deuteranopia (Machado, Oliveira & Fernandes 2009, severity 1.0), then greyscale on top.
DEUTERANOPIA = "0.367 0.861 -0.228 0 0  0.280 0.673 0.047 0 0  -0.012 0.043 0.969 0 0  0 0 0 1 0"


@pytest.fixture
def laptop(page: Page) -> Iterator[Page]:
    page.set_viewport_size({"width": 1440, "height": 900})
    yield page


def hypothesis(page: Page, node_id: str) -> Locator:
    return page.locator(f'[data-testid=hypothesis][data-node-id="{node_id}"]')


def one_hop(m: ArgumentMap) -> set[str]:
    """The hypotheses and the propositions one relation from them (a junction is part of its relation)."""
    near = set(m.hypotheses)
    for r in m.relations.values():
        ends = [*r.premises, r.target]
        if any(e in m.hypotheses for e in ends):
            near.update(e for e in ends if e in m.propositions)
    return near


def hinge(m: ArgumentMap) -> tuple[str, str, str, str]:
    """Evidence whose switch alone changes a hypothesis: (evidence, hypothesis, before, after)."""
    base = argmap.evaluate(m).labels
    for e in sorted(m.evidence):
        after = argmap.evaluate(m, off={e}).labels
        for h in m.hypotheses:
            if after[h] != base[h]:
                return e, h, str(base[h]), str(after[h])
    raise AssertionError("no evidence changes a verdict alone")


READABLE = """(ids) => { const net = window.argmap.network; const scale = net.getScale();
  return Object.fromEntries(ids.map((id) => [id, net.body.nodes[id].options.font.size * scale])); }"""
IN_VIEW = """(ids) => { const net = window.argmap.network; const canvas = document.querySelector('#graph canvas');
  return ids.filter((id) => { const b = net.getBoundingBox(id);
    const a = net.canvasToDOM({ x: b.left, y: b.top }), z = net.canvasToDOM({ x: b.right, y: b.bottom });
    return a.x >= 0 && a.y >= 0 && z.x <= canvas.clientWidth && z.y <= canvas.clientHeight; }); }"""


@needs_seed
@pytest.mark.parametrize("size", [(1440, 900), (1920, 1080)])
def test_the_first_view_draws_the_hypotheses_and_their_neighbours_readable(
    page: Page, explorer: Open, size: tuple[int, int]
) -> None:
    page.set_viewport_size({"width": size[0], "height": size[1]})
    explorer(SEED_ID)
    m = argmap.load(SEED)
    near = sorted(one_hop(m))
    px = page.evaluate(READABLE, near)
    assert min(px.values()) >= 11, {k: v for k, v in px.items() if v < 11}
    assert set(page.evaluate(IN_VIEW, list(m.hypotheses))) == set(m.hypotheses)  # every hypothesis in view
    assert page.evaluate("(ids) => ids.every((id) => window.argmap.network.body.nodes[id].labelModule.visible())", near)
    page.locator("[data-testid=whole-map]").click()  # one gesture to the whole map
    assert set(page.evaluate(IN_VIEW, list(m.propositions))) == set(m.propositions)
    page.locator("[data-testid=view-first]").click()
    assert min(page.evaluate(READABLE, near).values()) >= 11


def test_every_node_says_its_state_in_words_whatever_the_colours(laptop: Page, explorer: Open) -> None:
    page = explorer("small")
    page.evaluate(
        """(matrix) => {
          const ns = 'http://www.w3.org/2000/svg';
          const svg = document.createElementNS(ns, 'svg');
          svg.setAttribute('width', '0'); svg.setAttribute('height', '0');
          const filter = document.createElementNS(ns, 'filter'); filter.id = 'deuteranopia';
          const m = document.createElementNS(ns, 'feColorMatrix');
          m.setAttribute('type', 'matrix'); m.setAttribute('values', matrix);
          filter.append(m); svg.append(filter); document.body.append(svg);
          document.querySelector('#graph canvas').style.filter = 'url(#deuteranopia) grayscale(1)'; }""",
        DEUTERANOPIA,
    )
    labels = """() => Object.fromEntries(Object.keys(window.argmap.state.labels).map(
      (id) => [id, window.argmap.network.body.nodes[id].options.label]))"""

    def check() -> None:
        state = page.evaluate("window.argmap.state.labels")
        drawn = page.evaluate(labels)
        for node, label in state.items():
            assert drawn[node].split("\n")[0] == WORDS[label], (node, drawn[node])

    check()
    shot = page.locator("#graph").screenshot()
    page.locator('input[data-evidence-id="e1"]').uncheck()
    expect(hypothesis(page, "h1")).to_have_attribute("data-label", "OUT")
    check()
    assert page.evaluate(labels)["h1"].startswith("✗ OUT\nH1")
    assert page.locator("#graph").screenshot() != shot  # the words changed on the filtered canvas too


@needs_seed
def test_the_change_line_says_it_in_words_and_reasons_are_never_cut(laptop: Page, explorer: Open) -> None:
    m = argmap.load(SEED)
    e, h, before, after = hinge(m)
    page = explorer(SEED_ID)
    summary = page.locator("[data-testid=change-summary]")
    page.locator(f'input[data-evidence-id="{e}"]').click()
    expect(hypothesis(page, h)).to_have_attribute("data-label", after)
    expect(summary).to_contain_text(f"{m.propositions[h].short}: {NAMES[before]} → {NAMES[after]}")
    text = summary.text_content() or ""
    assert not any(pid in text for pid in m.propositions) and "→" in text
    for item in page.locator("[data-testid=hypothesis]").all():
        item.locator("[data-why]").click()
        reason = item.locator("[data-reason]")
        expect(reason).to_be_visible()
        expect(reason).not_to_have_text("")
        whole = reason.evaluate(
            "r => r.scrollHeight <= r.clientHeight + 1 && getComputedStyle(r).webkitLineClamp === 'none'"
        )
        assert whole, "a reason is clamped"


@needs_seed
def test_verdicts_and_the_change_summary_stay_in_view_while_switching(laptop: Page, explorer: Open) -> None:
    page = explorer(SEED_ID)
    for box in (page.locator("input[data-evidence-id]").last, page.locator("input[data-analyst-id]").last):
        box.click()  # scrolled into view, far down the switches
        expect(page.locator("[data-testid=change-summary]")).to_be_in_viewport()
        for item in page.locator("[data-testid=hypothesis]").all():
            expect(item).to_be_in_viewport()
    evidence = page.locator(".evidence .switch:visible")
    page.locator('input[name="evidence-filter"]').fill("horowitz")
    expect(evidence.first).to_contain_text(re.compile("Horowitz", re.I))
    assert 0 < evidence.count() < page.locator("input[data-evidence-id]").count()
    analysts = page.locator(".analysts .switch:visible")
    total = analysts.count()
    page.locator('input[name="analyst-filter"]').fill("horowitz")
    expect(analysts).to_have_count(1)
    page.locator('input[name="analyst-filter"]').fill("no such analyst")
    expect(page.locator("[data-no-analyst]")).to_be_visible()
    page.locator('input[name="analyst-filter"]').fill("")
    expect(analysts).to_have_count(total)


def test_a_long_verdict_list_filters_and_jumps_to_what_changed(laptop: Page, explorer: Open) -> None:
    page = explorer("many")
    jump = page.locator("[data-testid=jump-changed]")
    expect(jump).to_be_disabled()
    page.locator('input[data-evidence-id="e58"]').evaluate("box => box.click()")
    expect(hypothesis(page, "h58")).to_have_attribute("data-label", "OUT")
    expect(jump).to_be_enabled()
    jump.click()
    expect(hypothesis(page, "h58")).to_be_in_viewport()
    expect(hypothesis(page, "h58").locator("[data-select]")).to_be_focused()
    page.locator('input[name="verdict-filter"]').fill("answer 59")
    expect(page.locator("[data-testid=hypothesis]:visible")).to_have_count(1)
    expect(hypothesis(page, "h59")).to_be_visible()


def test_details_list_what_a_node_bears_on_with_its_switch(laptop: Page, explorer: Open) -> None:
    page = explorer("small")
    page.evaluate("window.argmap.select('e1')")
    details = page.locator("[data-testid=details]")
    expect(details).to_have_attribute("data-node-id", "e1")
    expect(details.locator("[data-testid=bears-on]")).to_contain_text("supports H1")
    switch = details.locator("input[data-testid=details-switch]")
    expect(switch).to_be_checked()
    switch.uncheck()
    expect(page.locator('input[data-evidence-id="e1"]')).not_to_be_checked()
    expect(hypothesis(page, "h1")).to_have_attribute("data-label", "OUT")
    page.locator('input[data-evidence-id="e1"]').check()
    expect(hypothesis(page, "h1")).to_have_attribute("data-label", "IN")
    expect(details.locator("input[data-testid=details-switch]")).to_be_checked()
    details.locator("[data-testid=bears-on] button", has_text="H1").click()
    expect(details).to_have_attribute("data-node-id", "h1")
    expect(details.locator("[data-testid=borne-by]")).to_contain_text("supported by")
    expect(details.locator("[data-testid=borne-by] button").first).to_be_visible()
    expect(details.locator(".kicker")).to_have_text("hypothesis")  # ids only under "Ids"
    expect(details.locator("[data-testid=ids]")).not_to_have_attribute("open", "")
    expect(details.locator("[data-testid=ids]")).to_contain_text("h1")


@needs_seed
def test_a_source_without_a_link_says_so(laptop: Page, explorer: Open) -> None:
    m = argmap.load(SEED)
    unlinked = {s for s, source in m.sources.items() if not source.url}
    pid = next(p.id for p in m.propositions.values() if any(c.source in unlinked for c in p.cites))
    page = explorer(SEED_ID)
    page.evaluate("(id) => window.argmap.select(id)", pid)
    expect(page.locator("[data-testid=details] .quote").filter(has_text="no link given").first).to_be_visible()


def test_the_outline_is_the_map_as_text_in_step_with_the_graph(laptop: Page, explorer: Open) -> None:
    page = explorer("small")
    document = page.request.get(page.url.replace("/maps/small", "/api/maps/small")).json()
    outline = page.locator("[data-testid=outline]")
    items = outline.locator("[data-testid=outline-item]")
    expect(items).to_have_count(len(document["propositions"]))
    labels = page.evaluate("window.argmap.state.labels")
    for p in document["propositions"]:
        item = outline.locator(f'li[data-node-id="{p["id"]}"]')
        expect(item).to_contain_text(WORDS[labels[p["id"]]])
    expect(outline.locator('li[data-node-id="e1"]')).to_contain_text("supports H1")
    # keyboard: into the outline, then down the list; each move selects in the graph and the details
    first = items.first
    first.focus()
    page.keyboard.press("ArrowDown")
    second = items.nth(1).get_attribute("data-node-id")
    expect(items.nth(1)).to_be_focused()
    expect(page.locator("[data-testid=details]")).to_have_attribute("data-node-id", second or "")
    assert page.evaluate("window.argmap.network.getSelectedNodes()") == [second]
    expect(outline.locator(f'li[data-node-id="{second}"]')).to_have_attribute("aria-current", "true")
    # the graph's selection, the other way
    box = page.locator("#graph canvas").bounding_box()
    assert box is not None
    page.evaluate("window.argmap.focus('c1')")
    point = page.evaluate("() => { const n = window.argmap.network; return n.canvasToDOM(n.getPositions(['c1']).c1); }")
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    expect(outline.locator('li[data-node-id="c1"]')).to_have_attribute("aria-current", "true")
    expect(outline.locator('li[aria-current="true"]')).to_have_count(1)


def test_find_selects_a_proposition_by_its_words(laptop: Page, explorer: Open) -> None:
    page = explorer("small")
    find = page.locator("input[data-testid=find]")
    find.fill("what happened h1")
    expect(page.locator("[data-testid=find-results] button").first).to_contain_text("H1")
    find.press("Enter")
    expect(page.locator("[data-testid=details]")).to_have_attribute("data-node-id", "h1")
    assert page.evaluate("window.argmap.network.getSelectedNodes()") == ["h1"]
    expect(page.locator("#graph")).to_have_attribute("data-focus", "h1")


def test_zoom_and_pan_are_focusable_labelled_buttons(laptop: Page, explorer: Open) -> None:
    page = explorer("small")
    buttons = page.locator(".view-tools button")
    assert buttons.count() >= 8
    for button in buttons.all():
        assert (button.get_attribute("aria-label") or "").strip()
    assert page.locator(".vis-navigation").count() == 0  # vis-network's own: neither focusable nor labelled
    page.locator("[data-view=in]").focus()
    scale = page.evaluate("window.argmap.network.getScale()")
    page.keyboard.press("Enter")
    assert page.evaluate("window.argmap.network.getScale()") > scale
    centre = page.evaluate("window.argmap.network.getViewPosition()")
    page.keyboard.press("Tab")  # to the next control, "Zoom out"
    page.keyboard.press("Tab")  # "Pan left"
    expect(page.locator("[data-view=left]")).to_be_focused()
    page.keyboard.press("Enter")
    assert page.evaluate("window.argmap.network.getViewPosition()")["x"] < centre["x"]
