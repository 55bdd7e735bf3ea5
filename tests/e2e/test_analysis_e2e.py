"""The analyst tools in a real browser: hinges in the details panel, compare, readings, the ACH page."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, expect

from .conftest import SEED, Watch

pytestmark = pytest.mark.e2e

Open = Callable[[str], Page]


def hypothesis(page: Page, node_id: str) -> Locator:
    return page.locator(f'[data-testid=hypothesis][data-node-id="{node_id}"]')


def hinges_of(page: Page, node_id: str) -> Locator:
    return page.locator(f'[data-testid=details] [data-testid=hinges][data-node-id="{node_id}"]')


def open_ach(page: Page, live_url: str, query: str = "") -> Page:
    page.goto(f"{live_url}/maps/small/ach{query}")
    page.wait_for_selector("body.graph-ready")
    return page


def test_a_hypothesis_details_show_what_it_hangs_on(explorer: Open, live_url: str) -> None:
    page = explorer("small")
    page.locator('[data-select="h1"]').click()
    section = hinges_of(page, "h1")
    expect(section).to_have_attribute("data-label", "IN")
    expect(section).to_contain_text("What it hangs on")
    items = section.locator("[data-testid=hinge]")
    expect(items).to_have_count(4)
    api = page.request.get(f"{live_url}/api/maps/small/hinges").json()["hinges"]["h1"]
    expected = [("evidence", x["id"], x["to"]) for x in api["evidence"]]
    expected += [("analyst", x["id"], x["to"]) for x in api["analysts"]]
    shown = [
        (i.get_attribute("data-kind"), i.get_attribute("data-id"), i.get_attribute("data-to")) for i in items.all()
    ]
    assert shown == expected
    expect(items.first).to_contain_text("Video switched off → OUT")


def test_a_claim_has_no_hinges_section(explorer: Open) -> None:
    page = explorer("small")
    page.evaluate("window.argmap.select('c1')")
    expect(page.locator("[data-testid=details]")).to_have_attribute("data-node-id", "c1")
    expect(page.locator("[data-testid=details] .why-reason")).to_be_visible()
    expect(page.locator("[data-testid=details] [data-testid=hinges]")).to_have_count(0)


def test_trying_a_hinge_makes_the_switch_and_the_section_follows(explorer: Open) -> None:
    page = explorer("small")
    page.locator('[data-select="h1"]').click()
    page.locator('[data-testid=hinge][data-id="e1"] button', has_text="Try").click()
    expect(hypothesis(page, "h1")).to_have_attribute("data-label", "OUT")
    expect(page).to_have_url(re.compile(r"\?off=e1$"))
    expect(page.locator('input[data-evidence-id="e1"]')).not_to_be_checked()
    section = hinges_of(page, "h1")
    expect(section).to_have_attribute("data-label", "OUT")
    expect(section.locator('[data-testid=hinge][data-id="e1"]')).to_have_attribute("data-action", "on")
    expect(section.locator('[data-testid=hinge][data-id="e1"]')).to_have_attribute("data-to", "IN")


def test_compare_pins_the_scenario_and_shows_the_next_against_it(explorer: Open) -> None:
    page = explorer("small")
    toggle = page.locator("[data-testid=compare-toggle]")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(page.locator("[data-testid=compare]")).to_contain_text("No label differs")
    page.locator('input[data-analyst-id="bob"]').uncheck()
    item = page.locator('[data-testid=compare-item][data-node-id="h1"]')
    expect(item).to_have_attribute("data-a", "IN")
    expect(item).to_have_attribute("data-b", "UNDEC")
    expect(item).to_contain_text("accepted → undecided")
    # who argues what, in words: the relations' ids only in the disclosure
    because = item.locator(".compare-because")
    aside = "Bob Builder is set aside, so this step no longer counts"
    expect(because).to_contain_text(f"because {aside}: “Witnesses” supports “X rules out H2.”, argued by Bob Builder;")
    expect(because).to_contain_text(f"; {aside}: “X rules out H2.” attacks “H2”, argued by Bob Builder.")
    expect(because).not_to_contain_text("r5")
    expect(item.locator("details.debug")).to_contain_text("h1 · because r5, r6")
    page.locator('input[data-evidence-id="e1"]').uncheck()
    expect(item).to_have_attribute("data-b", "OUT")  # still against the pinned scenario, not the last one
    expect(page.locator("[data-testid=compare-pinned]")).to_contain_text("Pinned: evidential reading")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "false")
    expect(page.locator("[data-testid=compare-item]")).to_have_count(0)


def test_the_readings_table_follows_the_switches(explorer: Open) -> None:
    page = explorer("small")
    row = page.locator('[data-testid=readings] tr[data-node-id="h1"]')
    expect(row.locator('[data-reading="evidential"]')).to_have_attribute("data-label", "IN")
    expect(row.locator('[data-reading="deductive"]')).to_have_attribute("data-label", "OUT")
    expect(row.locator('[data-reading="abstract"]')).to_have_attribute("data-label", "OUT")
    expect(row.locator('[data-reading="evidential"]')).to_have_class(re.compile(r"\bcurrent\b"))
    page.locator('input[data-analyst-id="bob"]').uncheck()
    expect(row.locator('[data-reading="evidential"]')).to_have_attribute("data-label", "UNDEC")
    page.locator("select[name=support]").select_option("abstract")
    expect(row.locator('[data-reading="abstract"]')).to_have_class(re.compile(r"\bcurrent\b"))


def test_the_ach_link_carries_the_scenario(explorer: Open) -> None:
    page = explorer("small?distrust=bob")
    link = page.locator("[data-testid=ach-link]")
    expect(link).to_have_attribute("href", "/maps/small/ach?distrust=bob")
    page.locator('input[data-evidence-id="e2"]').uncheck()
    expect(link).to_have_attribute("href", "/maps/small/ach?off=e2&distrust=bob")
    link.click()
    page.wait_for_selector("body.graph-ready")
    expect(page.locator('[data-testid=ach-cell][data-evidence-id="e3"][data-hypothesis-id="h1"]')).to_have_text("N")
    expect(page.locator('tr[data-evidence-row="e2"]')).to_have_class(re.compile(r"\boff\b"))


def test_the_ach_page_matches_the_api_in_ach_order(page: Page, live_url: str, watch: Watch) -> None:
    open_ach(page, live_url)
    body = page.request.get(f"{live_url}/api/maps/small/ach").json()
    heads = page.locator("[data-testid=ach-matrix] thead th[data-hypothesis-id]")
    assert [h.get_attribute("data-hypothesis-id") for h in heads.all()] == body["hypotheses"]
    rows = page.locator("[data-testid=ach-matrix] tbody tr")
    assert [r.get_attribute("data-evidence-row") for r in rows.all()] == body["evidence"]
    for e in body["evidence"]:
        for h in body["hypotheses"]:
            cell = page.locator(f'[data-testid=ach-cell][data-evidence-id="{e}"][data-hypothesis-id="{h}"]')
            expect(cell).to_have_attribute("data-mark", body["cells"][e][h])
    for h, n in body["inconsistency"].items():
        expect(page.locator(f'[data-testid=ach-inconsistency][data-hypothesis-id="{h}"]')).to_have_text(str(n))


def test_pointing_at_a_cell_shows_its_path_and_clicking_selects_it_in_the_graph(
    page: Page, live_url: str, watch: Watch
) -> None:
    open_ach(page, live_url)
    cell = page.locator('[data-testid=ach-cell][data-evidence-id="e1"][data-hypothesis-id="h2"]')
    expect(cell).to_have_attribute("title", re.compile(r"inconsistent: attack: Video → H1 → H2"))
    cell.hover()
    panel = page.locator("[data-testid=ach-path]")
    expect(panel.locator('[data-testid=ach-witness][data-sign="attack"]')).to_contain_text("H1 attacks H2")
    expect(panel).to_contain_text("Alice Analyst")
    cell.click()
    expect(cell).to_have_class(re.compile(r"\bselected\b"))
    assert sorted(page.evaluate("window.argmap.network.getSelectedEdges()")) == ["r1", "r3"]
    assert sorted(page.evaluate("window.argmap.network.getSelectedNodes()")) == ["e1", "h1", "h2"]


def test_unticking_evidence_on_the_ach_page_greys_its_row(page: Page, live_url: str, watch: Watch) -> None:
    open_ach(page, live_url)
    page.locator('[data-testid=ach-matrix] input[data-evidence-id="e2"]').uncheck()
    expect(page.locator('tr[data-evidence-row="e2"]')).to_have_class(re.compile(r"\boff\b"))
    expect(page.locator('[data-testid=ach-inconsistency][data-hypothesis-id="h1"]')).to_have_text("0")
    expect(page).to_have_url(re.compile(r"/maps/small/ach\?off=e2$"))
    expect(page.locator("[data-testid=ach-scenario]")).to_contain_text("Evidence off: Official statement")
    href = page.locator("[data-testid=ach-csv]").get_attribute("href")
    assert href is not None and href.endswith("/api/maps/small/ach.csv?off=e2")
    rows = list(csv.reader(io.StringIO(page.request.get(href).text())))
    assert rows[-2][:2] == ["e2", "off"]


@pytest.mark.skipif(not SEED.exists(), reason="the shipped map is not there yet")
def test_the_shipped_maps_hypotheses_show_their_hinges(explorer: Open) -> None:
    page = explorer("kremlin-drone-2023")
    first = page.locator("[data-testid=hypothesis]").first
    node_id = first.get_attribute("data-node-id")
    assert node_id is not None
    first.locator("[data-select]").click()
    section = hinges_of(page, node_id)
    expect(section).to_contain_text("now.")
    expect(section).to_have_attribute("data-label", first.get_attribute("data-label") or "")


SHAPED = {
    "id": "shaped-tools",
    "title": "Let through or shot down",
    "question": "What happened to the drones?",
    "analysts": [{"id": "ann", "name": "Ann Analyst"}, {"id": "bob", "name": "Bob Analyst"}],
    "propositions": [
        {"id": "e1", "text": "The drones flew 450 km", "kind": "evidence", "label": "Flew 450 km"},
        {"id": "e2", "text": "They crossed several air-defence belts", "kind": "evidence", "label": "Crossed belts"},
        {"id": "e3", "text": "Air defence was on alert that night", "kind": "evidence", "label": "On alert"},
        {"id": "e4", "text": "The alert was lifted at midnight", "kind": "evidence", "label": "Alert lifted"},
        {"id": "h1", "text": "They were let through", "kind": "hypothesis", "label": "Let through"},
        {"id": "h2", "text": "They were shot down", "kind": "hypothesis", "label": "Shot down"},
    ],
    "relations": [
        {"id": "r1", "from": ["e1", "e2"], "to": "h1", "kind": "support", "by": ["ann"]},
        {"id": "u1", "from": "e3", "to": "r1", "kind": "attack"},
        {"id": "u2", "from": "e4", "to": "u1", "kind": "attack", "by": ["bob"]},
        {"id": "r2", "from": "e3", "to": "h2", "kind": "support"},
        {"id": "x1", "from": "h1", "to": "h2", "kind": "excludes"},
    ],
}


@pytest.fixture
def shaped(page: Page, live_url: str) -> str:
    """A map with a linked step, an undercut of it, an undercut of that undercut and an excludes, imported."""
    response = page.request.post(f"{live_url}/api/maps", data=SHAPED)
    assert response.status in (201, 409), response.text()
    return str(SHAPED["id"])


def test_the_ach_page_reads_linked_steps_undercuts_and_excludes(
    page: Page, live_url: str, watch: Watch, shaped: str
) -> None:
    page.goto(f"{live_url}/maps/{shaped}/ach")
    page.wait_for_selector("body.graph-ready")
    body = page.request.get(f"{live_url}/api/maps/{shaped}/ach").json()
    assert body["cells"]["e1"] == {"h1": "C", "h2": "I"}  # u2 stands, so u1 falls and r1 keeps its paths
    for e in body["evidence"]:
        for h in body["hypotheses"]:
            cell = page.locator(f'[data-testid=ach-cell][data-evidence-id="{e}"][data-hypothesis-id="{h}"]')
            expect(cell).to_have_attribute("data-mark", body["cells"][e][h])
    cell = page.locator('[data-testid=ach-cell][data-evidence-id="e1"][data-hypothesis-id="h2"]')
    cell.hover()
    witness = page.locator('[data-testid=ach-path] [data-testid=ach-witness][data-sign="attack"]')
    expect(witness).to_contain_text("Flew 450 km together with Crossed belts supports Let through")
    expect(witness).to_contain_text("Let through excludes Shot down")
    cell.click()
    expect(cell).to_have_class(re.compile(r"\bselected\b"))
    assert {"e1", "h1", "h2"} <= set(page.evaluate("window.argmap.network.getSelectedNodes()"))
    # Switching off the evidence behind the undercut of the undercut: u1 stands, r1 is cut and fails.
    before = page.evaluate("JSON.stringify(window.argmap.nodes.get('r1').color)")
    page.locator('[data-testid=ach-matrix] input[data-evidence-id="e4"]').uncheck()
    expect(page.locator('[data-testid=ach-cell][data-evidence-id="e1"][data-hypothesis-id="h1"]')).to_have_text("N")
    page.wait_for_function(f"JSON.stringify(window.argmap.nodes.get('r1').color) !== {before!r}")
    page.goto(f"{live_url}/maps/{shaped}/ach?distrust=bob")
    page.wait_for_selector("body.graph-ready")
    expect(page.locator('[data-testid=ach-cell][data-evidence-id="e1"][data-hypothesis-id="h1"]')).to_have_text("N")


def test_the_hinges_of_a_shaped_map_show_in_the_details(explorer: Open, live_url: str, shaped: str) -> None:
    page = explorer(shaped)
    page.locator('[data-select="h1"]').click()
    section = hinges_of(page, "h1")
    expect(section).to_have_attribute("data-label", "UNDEC")  # its rival h2 excludes it
    api = page.request.get(f"{live_url}/api/maps/{shaped}/hinges").json()["hinges"]["h1"]
    # Each premise of the linked step, the undercut's evidence and the evidence undercutting it.
    assert [(x["id"], x["to"]) for x in api["evidence"]] == [("e1", "OUT"), ("e2", "OUT"), ("e3", "IN"), ("e4", "OUT")]
    assert [(x["id"], x["to"]) for x in api["analysts"]] == [("ann", "OUT"), ("bob", "OUT")]
    items = section.locator("[data-testid=hinge]")
    expect(items).to_have_count(6)
    shown = [(i.get_attribute("data-id"), i.get_attribute("data-to")) for i in items.all()]
    assert shown == [(x["id"], x["to"]) for x in api["evidence"] + api["analysts"]]
