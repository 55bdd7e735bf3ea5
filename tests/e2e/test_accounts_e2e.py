"""The Accounts panel in a real browser: listed when a hypothesis is UNDEC, colours the graph, kept in the URL."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

Open = Callable[[str], Page]


def node_background(page: Page, node_id: str) -> str:
    return str(page.evaluate(f"window.argmap.nodes.get({node_id!r}).color.background"))


def wait_background(page: Page, node_id: str, colour: str) -> None:
    """Wait until the graph has drawn ``node_id`` in ``colour`` (recolouring follows a request)."""
    page.wait_for_function(
        "([id, colour]) => window.argmap.nodes.get(id).color.background === colour", arg=[node_id, colour]
    )


def style_background(page: Page, kind: str, label: str) -> str:
    data = "JSON.parse(document.getElementById('argmap-data').textContent)"
    return str(page.evaluate(f"{data}.vis.styles[{kind!r}][{label!r}].color.background"))


def test_rival_hypotheses_list_their_accounts_and_colour_the_graph(explorer: Open) -> None:
    page = explorer("small?off=e3")
    panel = page.locator("[data-testid=accounts]")
    accounts = panel.locator("[data-testid=account]")
    expect(accounts).to_have_count(2)
    expect(panel.locator("[data-testid=accounts-summary]")).to_contain_text("2 coherent preferred accounts")
    expect(accounts.nth(0)).to_have_text("A — H1")
    expect(accounts.nth(1)).to_have_text("B — H2")
    undec = style_background(page, "hypothesis", "UNDEC")
    assert node_background(page, "h1") == node_background(page, "h2") == undec

    accounts.nth(1).click()
    banner = page.locator("[data-testid=account-banner]")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("Showing account B (preferred)")
    expect(banner).to_contain_text("not the verdict")
    expect(page.locator("#graph")).to_have_class("graph showing-account")
    wait_background(page, "h2", style_background(page, "hypothesis", "IN"))
    wait_background(page, "h1", style_background(page, "hypothesis", "OUT"))
    # The verdict panel keeps the grounded verdict.
    expect(page.locator('[data-testid=hypothesis][data-node-id="h2"]')).to_have_attribute("data-label", "UNDEC")
    assert "account=2" in page.url and "off=e3" in page.url

    page.locator("[data-testid=account-clear]").click()
    expect(banner).to_be_hidden()
    wait_background(page, "h2", undec)
    assert "account=" not in page.url


def test_the_url_reopens_an_account_under_its_semantics(explorer: Open) -> None:
    page = explorer("small?off=e3&semantics=complete&account=3")
    expect(page.locator("[data-testid=account]")).to_have_count(3)
    expect(page.locator("[data-testid=account-semantics]")).to_have_value("complete")
    expect(page.locator("[data-testid=account-banner]")).to_contain_text("Showing account C (complete)")
    expect(page.locator("[data-testid=account]").nth(2)).to_have_attribute("aria-pressed", "true")
    assert node_background(page, "h1") == style_background(page, "hypothesis", "UNDEC")


def test_with_every_hypothesis_decided_there_is_nothing_to_choose(explorer: Open) -> None:
    page = explorer("small")
    expect(page.locator("[data-testid=accounts-summary]")).to_contain_text("Every hypothesis is decided")
    expect(page.locator("[data-testid=account]")).to_have_count(0)
    page.locator("input[data-evidence-id=e3]").uncheck()
    expect(page.locator("[data-testid=account]")).to_have_count(2)
    page.locator("[data-testid=account]").first.click()
    assert "account=1" in page.url and "off=e3" in page.url
