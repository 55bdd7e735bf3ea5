"""The shipped map in a real browser: it loads cleanly and its verdict panel agrees with the API."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

import argmap

pytestmark = pytest.mark.e2e

SEED = Path(argmap.__file__).resolve().parent.parent / "seeds" / "kremlin-drone-2023.yaml"


@pytest.mark.skipif(not SEED.exists(), reason="the shipped map is not there yet")
def test_the_shipped_map_loads_and_agrees_with_the_api(page: Page, live_url: str, watch: object) -> None:
    m = argmap.load(SEED)
    page.goto(f"{live_url}/maps/{m.id}")
    page.wait_for_selector("body.graph-ready")
    labels = page.request.get(f"{live_url}/api/maps/{m.id}/labels").json()["labels"]
    items = page.locator("[data-testid=hypothesis]")
    expect(items).to_have_count(len(m.hypotheses))
    for h in m.hypotheses:
        expect(page.locator(f'[data-testid=hypothesis][data-node-id="{h}"]')).to_have_attribute("data-label", labels[h])
    ids = page.evaluate("window.argmap.nodes.getIds()")
    assert sorted(ids) == sorted([*m.propositions, *m.junctions])  # a junction node per reified relation
    expect(page.locator("input[data-evidence-id]")).to_have_count(len(m.evidence))
