"""The ACH page on the shipped map: contested cells, verdicts over the columns, ACH against the verdicts, steps."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import APIRequestContext, Page, expect

from .conftest import SEED, Watch

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(not SEED.exists(), reason="the shipped map is not here")]

KREMLIN = "kremlin-drone-2023"
WORDS = {"IN": "✓ accepted", "OUT": "✗ rejected", "UNDEC": "? undecided"}


def open_ach(page: Page, live_url: str, query: str = "") -> Page:
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{live_url}/maps/{KREMLIN}/ach{query}")
    page.wait_for_selector("body.graph-ready")
    return page


def api(request: APIRequestContext, url: str) -> dict[str, Any]:
    response = request.get(url)
    assert response.ok, url
    body: dict[str, Any] = response.json()
    return body


def cell(page: Page, e: str, h: str) -> Any:
    return page.locator(f'[data-testid=ach-cell][data-evidence-id="{e}"][data-hypothesis-id="{h}"]')


def test_contested_cells_are_marked_apart_and_scored_as_heuer_does(page: Page, live_url: str, watch: Watch) -> None:
    open_ach(page, live_url)
    body = api(page.request, f"{live_url}/api/maps/{KREMLIN}/ach")
    contested = {(e, h) for e, hs in body["contested"].items() for h in hs}
    assert contested, "the shipped map has evidence that bears both ways on some answer"
    for e in body["evidence"]:
        for h in body["hypotheses"]:
            mark = body["cells"][e][h]
            signs = {p["sign"] for p in body["paths"].get(e, {}).get(h, [])}
            assert ((e, h) in contested) == (signs == {"attack", "support"})
            target = cell(page, e, h)
            expect(target).to_have_attribute("data-mark", mark)
            if (e, h) in contested:
                assert mark == "I"
                expect(target).to_have_text("I±")
                expect(target).to_have_attribute("data-contested", "true")
            else:
                expect(target).to_have_text(mark)
    shown = page.locator("[data-testid=ach-cell][data-contested=true]")
    expect(shown).to_have_count(len(contested))
    for h, n in body["inconsistency"].items():  # Heuer's count: every I, contested or not
        on = [e for e in body["evidence"] if e not in body["off"]]
        assert n == sum(body["cells"][e][h] == "I" for e in on)
        expect(page.locator(f'[data-testid=ach-inconsistency][data-hypothesis-id="{h}"]')).to_have_text(str(n))
    e, h = sorted(contested)[0]
    cell(page, e, h).hover()
    panel = page.locator("[data-testid=ach-path]")
    expect(panel.locator("h2")).to_contain_text("contested")
    expect(panel.locator('[data-testid=ach-witness][data-sign="attack"]')).to_have_count(1)
    expect(panel.locator('[data-testid=ach-witness][data-sign="support"]')).to_have_count(1)


def test_each_column_is_headed_by_its_verdict_and_the_page_says_how_ach_relates(
    page: Page, live_url: str, watch: Watch
) -> None:
    open_ach(page, live_url)
    body = api(page.request, f"{live_url}/api/maps/{KREMLIN}/ach")
    labels = api(page.request, f"{live_url}/api/maps/{KREMLIN}/labels")["labels"]
    for h in body["hypotheses"]:
        head = page.locator(f'[data-testid=ach-matrix] thead th[data-hypothesis-id="{h}"] [data-testid=ach-verdict]')
        expect(head).to_have_attribute("data-label", labels[h])
        expect(head).to_have_text(WORDS[labels[h]])
    first = body["hypotheses"][0]
    document = api(page.request, f"{live_url}/api/maps/{KREMLIN}")
    short = next(p.get("label") or p["text"] for p in document["propositions"] if p["id"] == first)
    line = page.locator("[data-testid=ach-vs-verdicts]")
    expect(line).to_have_attribute("data-first", first)
    expect(line).to_contain_text(f"ACH ranks “{short}” first")
    verb = "accept it too" if labels[first] == "IN" else f"call it {WORDS[labels[first]][2:]}"
    expect(line).to_contain_text(verb)
    expect(line).to_contain_text("the two rankings can differ")


def test_switching_evidence_recolours_the_verdicts_and_the_steps(page: Page, live_url: str, watch: Watch) -> None:
    open_ach(page, live_url)
    data = page.evaluate("JSON.parse(document.getElementById('ach-data').textContent)")
    junctions = [n["id"] for n in data["vis"]["nodes"] if n["kind"] == "junction"]
    assert junctions
    base = data["inferences"]
    for e in data["ach"]["evidence"]:  # an evidence item whose switch changes a step drawn as a junction
        after = api(page.request, f"{live_url}/api/maps/{KREMLIN}/labels?off={e}")
        moved = [j for j in junctions if after["inferences"][j] != base[j]]
        if moved:
            break
    else:
        pytest.fail("no evidence switch changes a junction's step")
    page.locator(f'[data-testid=ach-matrix] input[data-evidence-id="{e}"]').uncheck()
    page.wait_for_function("(q) => document.body.dataset.achQuery === q", arg=f"off={e}")
    for j in moved:
        colour = page.evaluate("(id) => window.argmap.nodes.get(id).color", j)
        assert colour == data["vis"]["junction_styles"][after["inferences"][j]]["color"], j
    for h in data["ach"]["hypotheses"]:
        head = page.locator(f'[data-testid=ach-matrix] thead th[data-hypothesis-id="{h}"] [data-testid=ach-verdict]')
        expect(head).to_have_attribute("data-label", after["labels"][h])
