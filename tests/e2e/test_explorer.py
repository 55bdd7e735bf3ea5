"""The explorer in a real browser: switches, URL state, history, canvas clicks, explanations, exports."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.e2e

Open = Callable[[str], Page]


def hypothesis(page: Page, node_id: str) -> Locator:
    return page.locator(f'[data-testid=hypothesis][data-node-id="{node_id}"]')


def labels_from_api(page: Page, live_url: str, map_id: str, query: str = "") -> dict[str, str]:
    response = page.request.get(f"{live_url}/api/maps/{map_id}/labels{query}")
    assert response.ok
    labels: dict[str, str] = response.json()["labels"]
    return labels


def canvas_point(page: Page, node_id: str) -> tuple[float, float]:
    """Where a node is drawn, in page coordinates: the canvas is not DOM, so ask vis-network."""
    point = page.evaluate(
        """(id) => { const net = window.argmap.network;
             const dom = net.canvasToDOM(net.getPositions([id])[id]);
             const box = document.querySelector('#graph canvas').getBoundingClientRect();
             return [box.left + dom.x, box.top + dom.y]; }""",
        node_id,
    )
    return float(point[0]), float(point[1])


def test_the_verdict_panel_matches_the_api(explorer: Open, live_url: str) -> None:
    page = explorer("small")
    api = labels_from_api(page, live_url, "small")
    for h in ("h1", "h2"):
        expect(hypothesis(page, h)).to_have_attribute("data-label", api[h])
    expect(page.locator("[data-testid=question]")).to_have_text("Which of H1 and H2 holds?")
    assert page.evaluate("window.argmap.network.body.data.nodes.getIds().sort()") == sorted(api)
    expect(page.locator("[data-testid=legend]")).to_contain_text("UNDEC")


def test_switching_off_evidence_recolours_in_place_and_updates_the_url(explorer: Open) -> None:
    page = explorer("small")
    before = page.evaluate("window.argmap.network.getPositions()")
    page.locator('input[type=checkbox][data-evidence-id="e1"]').uncheck()
    expect(hypothesis(page, "h1")).to_have_attribute("data-label", "OUT")
    expect(page).to_have_url(re.compile(r"/maps/small\?off=e1$"))
    expect(page.locator("[data-testid=change-summary]")).to_contain_text("H1: accepted → rejected.")
    expect(hypothesis(page, "h1")).to_have_class(re.compile(r"\bchanged\b"))
    node = page.evaluate("window.argmap.nodes.get('h1')")
    assert node["color"]["border"] == page.evaluate("JSON.parse(document.getElementById('argmap-data').textContent)"
                                                    ".vis.palette.OUT.border")  # fmt: skip
    assert node["shadow"]["enabled"] is True  # the halo marks what changed
    assert page.evaluate("window.argmap.network.getPositions()") == before  # recoloured, never reshuffled


def test_verdict_reasons_follow_the_switch(explorer: Open) -> None:
    page = explorer("small")
    reason = hypothesis(page, "h1").locator("[data-reason]")
    expect(reason).to_have_text(re.compile(r"^Accepted"))
    page.locator('input[data-evidence-id="e1"]').uncheck()
    expect(reason).to_have_text(re.compile(r"^Rejected: no accepted support"))
    expect(hypothesis(page, "h1")).not_to_have_class(re.compile(r"\bstale\b"))
    page.locator('input[data-evidence-id="e1"]').check()
    expect(reason).to_have_text(re.compile(r"^Accepted"))


def test_a_long_verdict_list_gets_its_reasons_as_it_scrolls(explorer: Open) -> None:
    page = explorer("many")
    expect(hypothesis(page, "h0").locator("[data-reason]")).to_have_text(re.compile(r"^Accepted"))
    last = hypothesis(page, "h59")
    expect(last).to_have_class(re.compile(r"\bstale\b"))  # out of view: not asked for yet
    expect(last.locator("[data-reason]")).to_have_text("")
    last.scroll_into_view_if_needed()
    expect(last.locator("[data-reason]")).to_have_text(re.compile(r"^Accepted"))
    expect(last).not_to_have_class(re.compile(r"\bstale\b"))


def test_reload_reproduces_the_scenario(explorer: Open, live_url: str) -> None:
    page = explorer("small")
    page.locator('input[data-evidence-id="e1"]').uncheck()
    page.locator('input[data-analyst-id="bob"]').uncheck()
    expect(page).to_have_url(re.compile(r"\?off=e1&distrust=bob$"))
    page.reload()
    page.wait_for_selector("body.graph-ready")
    expect(page.locator('input[data-evidence-id="e1"]')).not_to_be_checked()
    expect(page.locator('input[data-analyst-id="bob"]')).not_to_be_checked()
    expect(page.locator('input[data-evidence-id="e2"]')).to_be_checked()
    api = labels_from_api(page, live_url, "small", "?off=e1&distrust=bob")
    assert (api["h1"], api["h2"]) == ("OUT", "IN")
    expect(hypothesis(page, "h1")).to_have_attribute("data-label", "OUT")
    expect(hypothesis(page, "h2")).to_have_attribute("data-label", "IN")
    assert page.evaluate("window.argmap.nodes.get('e1').opacity") < 1


def test_back_and_forward_walk_the_scenarios(explorer: Open) -> None:
    page = explorer("small")
    page.locator('input[data-evidence-id="e1"]').uncheck()
    expect(hypothesis(page, "h1")).to_have_attribute("data-label", "OUT")
    page.locator('input[data-analyst-id="alice"]').uncheck()
    expect(page).to_have_url(re.compile(r"\?off=e1&distrust=alice$"))
    page.go_back()
    expect(page).to_have_url(re.compile(r"\?off=e1$"))
    expect(page.locator('input[data-analyst-id="alice"]')).to_be_checked()
    expect(page.locator('input[data-evidence-id="e1"]')).not_to_be_checked()
    page.go_back()
    expect(page).to_have_url(re.compile(r"/maps/small$"))
    expect(page.locator('input[data-evidence-id="e1"]')).to_be_checked()
    expect(hypothesis(page, "h1")).to_have_attribute("data-label", "IN")
    page.go_forward()
    expect(page).to_have_url(re.compile(r"\?off=e1$"))
    expect(hypothesis(page, "h1")).to_have_attribute("data-label", "OUT")


def test_distrusting_an_analyst_sets_their_reasoning_aside(explorer: Open) -> None:
    page = explorer("small")
    page.locator('input[type=checkbox][data-analyst-id="bob"]').uncheck()
    expect(hypothesis(page, "h1")).to_have_attribute("data-label", "UNDEC")
    expect(hypothesis(page, "h2")).to_have_attribute("data-label", "UNDEC")
    expect(page).to_have_url(re.compile(r"distrust=bob"))
    expect(page.locator("[data-testid=change-summary]")).to_contain_text("2 verdicts changed")
    assert page.evaluate("window.argmap.network.body.edges.r6.options.color.opacity") < 0.5  # bob's attack: inactive


def test_the_support_reading_can_be_changed(explorer: Open) -> None:
    page = explorer("small")
    page.locator("select[name=support]").select_option("abstract")
    expect(hypothesis(page, "h1")).to_have_attribute("data-label", "OUT")
    expect(page).to_have_url(re.compile(r"support=abstract"))
    expect(page.locator('[data-support-hint="abstract"]')).to_be_visible()
    expect(page.locator('[data-support-hint="evidential"]')).to_be_hidden()


def test_clicking_a_node_on_the_canvas_shows_its_details(explorer: Open) -> None:
    page = explorer("small")
    x, y = canvas_point(page, "e1")
    page.mouse.click(x, y)
    details = page.locator("[data-testid=details]")
    expect(details).to_have_attribute("data-node-id", "e1")
    expect(details).to_have_attribute("data-label", "IN")
    expect(details).to_contain_text("A video shows the event.")
    expect(details).to_contain_text("evidence")
    link = details.locator("a", has_text="source")
    expect(link.first).to_have_attribute("href", "https://example.org/r1")
    expect(link.first).to_have_attribute("rel", "noopener noreferrer")
    expect(link.first).to_have_attribute("target", "_blank")
    expect(details).to_contain_text("the video shows the event")
    expect(details).to_contain_text("Report one")


def test_details_name_the_analysts_and_follow_the_scenario(explorer: Open) -> None:
    page = explorer("small")
    x, y = canvas_point(page, "c1")
    page.mouse.click(x, y)
    details = page.locator("[data-testid=details]")
    expect(details).to_have_attribute("data-node-id", "c1")
    expect(details).to_contain_text("Asserted by: Bob Builder")
    page.locator('input[data-analyst-id="bob"]').uncheck()
    expect(details).to_have_attribute("data-label", "OUT")
    expect(details).to_contain_text("no accepted support")


def test_an_explanation_step_moves_the_focus_to_its_node(explorer: Open) -> None:
    page = explorer("small")
    page.locator('[data-testid=hypothesis][data-node-id="h2"] button').click()
    details = page.locator("[data-testid=details]")
    expect(details).to_have_attribute("data-node-id", "h2")
    step = details.locator('[data-testid=explain-step][data-node-id="c1"]').first
    expect(step).to_be_visible()
    step.click()
    page.wait_for_function("window.argmap.network.getSelectedNodes().join() === 'c1'")
    target = page.evaluate("window.argmap.network.getPositions(['c1']).c1")
    page.wait_for_function(
        """([x, y]) => { const v = window.argmap.network.getViewPosition();
             return Math.abs(v.x - x) < 2 && Math.abs(v.y - y) < 2; }""",
        arg=[target["x"], target["y"]],
    )


def test_export_downloads_the_json_of_the_current_scenario(explorer: Open) -> None:
    page = explorer("small")
    page.locator('input[data-evidence-id="e1"]').uncheck()
    expect(hypothesis(page, "h1")).to_have_attribute("data-label", "OUT")
    with page.expect_download() as info:
        page.locator("[data-testid=export-json]").click()
    download = info.value
    assert download.suggested_filename == "small.json"
    body: dict[str, Any] = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert body["scenario"]["off"] == ["e1"]
    assert body["labels"]["h1"] == "OUT" and body["labels"]["e1"] == "OFF"
    assert [p["id"] for p in body["propositions"]][:3] == ["e1", "e2", "e3"]


def test_png_snapshot_of_the_graph(explorer: Open) -> None:
    page = explorer("small")
    with page.expect_download() as info:
        page.locator("[data-testid=export-png]").click()
    download = info.value
    assert download.suggested_filename == "small.png"
    data = Path(download.path()).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 2000


def test_the_evidence_filter_hides_what_does_not_match(explorer: Open) -> None:
    page = explorer("small")
    page.locator('input[name="evidence-filter"]').fill("witn")
    expect(page.locator('input[data-evidence-id="e3"]')).to_be_visible()
    expect(page.locator('input[data-evidence-id="e1"]')).to_be_hidden()
    page.locator('input[name="evidence-filter"]').fill("")
    expect(page.locator('input[data-evidence-id="e1"]')).to_be_visible()


def test_a_map_with_no_evidence_analysts_or_hypotheses_still_works(explorer: Open) -> None:
    page = explorer("bare")
    expect(page.locator("[data-testid=hypothesis]")).to_have_count(0)
    x, y = canvas_point(page, "c1")
    page.mouse.click(x, y)
    expect(page.locator("[data-testid=details]")).to_have_attribute("data-label", "OUT")
    expect(page.locator("[data-testid=details]")).to_contain_text("no accepted support")


def test_a_stale_link_keeps_what_the_map_has_and_says_what_it_dropped(page: Page, live_url: str) -> None:
    response = page.goto(f"{live_url}/maps/small?off=e2,nope&distrust=zed")
    assert response is not None and response.status == 200
    page.wait_for_selector("body.graph-ready")
    expect(page.locator("[data-testid=dropped]")).to_contain_text("evidence 'nope', analyst 'zed'")
    expect(page.locator('input[data-evidence-id="e2"]')).not_to_be_checked()
    expect(page).to_have_url(re.compile(r"/maps/small\?off=e2$"))


def test_a_map_imported_from_the_list_page_opens(
    page: Page, live_url: str, watch: Any, tmp_path: Path, small_documents: Callable[[], dict[str, Any]]
) -> None:
    doc = {**small_documents(), "id": "via-form", "title": "Imported through the form"}
    upload = tmp_path / "via-form.json"
    upload.write_text(json.dumps(doc), encoding="utf-8")
    page.goto(f"{live_url}/")
    page.locator("input[type=file]").set_input_files(str(upload))
    page.get_by_role("button", name="Import").click()
    page.wait_for_url(re.compile(r"/maps/via-form$"))
    page.wait_for_selector("body.graph-ready")
    expect(page.locator("h1")).to_have_text("Imported through the form")
